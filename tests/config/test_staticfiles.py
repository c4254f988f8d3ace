"""Static text files go gzipped to browsers that accept it, and as they are to the rest."""

from __future__ import annotations

import gzip
from pathlib import Path

from django.conf import settings

CSS = "/static/css/culture-room.css"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_phone_gets_the_stylesheet_gzipped(client):
    original = (Path(settings.BASE_DIR) / "static/css/culture-room.css").read_bytes()
    response = client.get(CSS, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = _body(response)
    assert len(body) < len(original) / 3
    assert gzip.decompress(body) == original


def test_a_client_without_gzip_gets_the_file_as_it_is(client):
    original = (Path(settings.BASE_DIR) / "static/css/culture-room.css").read_bytes()
    response = client.get(CSS)
    assert "Content-Encoding" not in response
    assert _body(response) == original
