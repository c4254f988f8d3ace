"""The Content-Security-Policy: only the app's own scripts, no inline code, no style attributes;
and the templates keep to it (no inline scripts, event handlers or style="" attributes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import participant_cookie

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def templates() -> list[Path]:
    found = sorted((ROOT / "templates").rglob("*.html"))
    for app in ("workshops", "rituals", "culture_program"):
        found += sorted((ROOT / app).rglob("templates/**/*.html"))
    return found


def test_pages_allow_only_the_apps_own_scripts_and_sockets(client):
    response = client.get(reverse("landing"), headers={"host": "192.168.1.20:8000"})

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src-attr"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["connect-src"] == ["'self'", "ws://192.168.1.20:8000", "wss://192.168.1.20:8000"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("path", templates(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_has_inline_scripts_event_handlers_or_style_attributes(path):
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text), "an inline <script>: move it into a static file"
    assert not EVENT_HANDLER.search(text), "an inline event handler: use a static script"
    assert not STYLE_ATTRIBUTE.search(text), "a style attribute: use a class or an SVG"


def test_htmx_runs_no_scripts_and_no_eval_from_swapped_content(client):
    html = client.get(reverse("landing")).content.decode()
    assert (
        '<meta name="htmx-config" content=\'{"allowScriptTags": false, "allowEval": false, '
        '"includeIndicatorStyles": false, "attributesToSettle": ["class", "width", "height"]}\'>'
    ) in html


def test_the_rendered_room_presenter_and_agenda_pages_keep_to_the_policy(
    client, facilitator_client, workshop, participant
):
    client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(participant)
    pages = [
        client.get(reverse("room", args=[workshop.room_code])),
        facilitator_client.get(reverse("present", args=[workshop.pk])),
        facilitator_client.get(reverse("workshop_detail", args=[workshop.pk])),
        facilitator_client.get(reverse("workshop_results", args=[workshop.pk])),
        facilitator_client.get(reverse("program_builder", args=[workshop.pk])),
    ]
    for page in pages:
        assert page.status_code == 200, page.request["PATH_INFO"]
        html = page.content.decode()
        assert "Content-Security-Policy" in page.headers
        assert not INLINE_SCRIPT.search(html), page.request["PATH_INFO"]
        assert not EVENT_HANDLER.search(html), page.request["PATH_INFO"]
        assert not STYLE_ATTRIBUTE.search(html), page.request["PATH_INFO"]
