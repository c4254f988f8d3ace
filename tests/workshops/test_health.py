"""/healthz: the database and the channel layer both answer, or the reason why not."""

from __future__ import annotations

import pytest
from channels.layers import channel_layers

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


def test_healthz_is_503_with_the_reason_when_the_channel_layer_is_down(
    client, broken_channel_layer
):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert len(body["problems"]) == 1
    problem = body["problems"][0]
    assert problem.startswith("channel layer: ")
    assert "127.0.0.1:1" in problem or "refused" in problem.lower()
    assert "no-cache" in response["Cache-Control"]


def test_healthz_recovers_when_the_channel_layer_is_back(client, broken_channel_layer, settings):
    assert client.get("/healthz").status_code == 503
    channel_layers.backends.clear()
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
