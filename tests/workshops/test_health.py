"""/healthz: the database and the channel layer both answer; what failed, never why (the log
has the reason)."""

from __future__ import annotations

import logging

import pytest
from channels.layers import channel_layers
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


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
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_naming_the_channel_layer_but_not_its_error(
    client, broken_channel_layer, caplog
):
    with caplog.at_level(logging.ERROR, logger="workshops.views.health"):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "unavailable": ["channel layer"]}
    assert "127.0.0.1:1" not in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    # The reason is in the log, for whoever runs the server.
    assert "channel layer does not answer" in caplog.text


def test_healthz_does_not_show_the_database_error_text(client, monkeypatch, caplog):
    secret = 'connection to server at "db.internal" (10.0.0.7) failed: password for "culture"'

    def refuse(*args, **kwargs):
        raise OperationalError(secret)

    monkeypatch.setattr(connection, "cursor", refuse)
    with caplog.at_level(logging.ERROR, logger="workshops.views.health"):
        response = client.get("/healthz")
    monkeypatch.undo()

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "unavailable": ["database"]}
    assert "db.internal" not in response.content.decode()
    assert secret in caplog.text


def test_healthz_recovers_when_the_channel_layer_is_back(client, broken_channel_layer, settings):
    assert client.get("/healthz").status_code == 503
    channel_layers.backends.clear()
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
