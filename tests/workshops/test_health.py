"""/healthz: the database takes a write and the channel layer answers, or a plain 503.

The answer names what is down and nothing more: the error's text goes to the log.
"""

from __future__ import annotations

import sqlite3

import pytest
from channels.layers import channel_layers
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

PLAIN_TEXT = "text/plain; charset=utf-8"


@pytest.fixture
def broken_channel_layer(settings):
    """A Redis channel layer pointed at a port where nothing listens."""
    channel_layers.backends.clear()
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    yield
    channel_layers.backends.clear()


def test_healthz_says_ok_when_everything_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == PLAIN_TEXT
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_naming_the_channel_layer_without_the_error(
    client, broken_channel_layer, caplog
):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response["Content-Type"] == PLAIN_TEXT
    assert response.content == b"channel layer: unavailable\n"
    assert "no-cache" in response["Cache-Control"]
    # Why is for the log, not for anyone who asks.
    assert "channel layer is unavailable" in caplog.text
    assert "127.0.0.1:1" in caplog.text or "refused" in caplog.text.lower()


def test_healthz_recovers_when_the_channel_layer_is_back(client, broken_channel_layer, settings):
    assert client.get("/healthz").status_code == 503
    channel_layers.backends.clear()
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.faults
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_healthz_is_503_while_the_database_cannot_be_written_and_ok_after(client, caplog):
    assert connection.vendor == "sqlite", "This test locks SQLite; run it with -m 'not scaled'"
    holder = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        response = client.get("/healthz")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert response.status_code == 503
    assert response["Content-Type"] == PLAIN_TEXT
    assert response.content == b"database: unavailable\n"
    assert "locked" not in response.content.decode()
    assert "database is unavailable" in caplog.text
    assert "locked" in caplog.text

    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_does_not_show_the_database_error_text(client, monkeypatch, caplog):
    secret = 'connection to server at "db.internal" (10.0.0.7) failed: password for "culture"'

    def refuse(*args, **kwargs):
        raise OperationalError(secret)

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    monkeypatch.undo()

    assert response.status_code == 503
    assert response.content == b"database: unavailable\n"
    assert secret in caplog.text
