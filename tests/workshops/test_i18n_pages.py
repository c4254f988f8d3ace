"""The pages a participant sees speak the browser's language (or the switch's), Dutch or English,
and so do the words the room's scripts show: they come from the page (data-text-* on <body>)."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import participant_cookie

pytestmark = pytest.mark.django_db


def page(client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def script_text(page_html: str, name: str) -> str:
    """The value of one data-text-* attribute on the page's <body>."""
    body = re.search(r"<body[^>]*>", page_html, re.S)[0]
    return html.unescape(re.search(rf'data-text-{name}="([^"]*)"', body)[1])


@pytest.fixture
def phone(client, participant):
    client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(participant)
    return client


def room_url(participant) -> str:
    return reverse("room", args=[participant.workshop.room_code])


def test_landing_page_speaks_dutch_to_a_dutch_browser(client):
    text = page(client, reverse("landing"), "nl")
    assert '<html lang="nl">' in text
    assert "Doe mee aan de workshop" in text
    assert "Typ de roomcode van het grote scherm. Je hebt geen account nodig." in text
    assert ">Verder</button>" in text
    assert "Join the workshop" not in text


def test_landing_page_stays_english_for_an_english_browser(client):
    text = page(client, reverse("landing"), "en")
    assert '<html lang="en">' in text
    assert "Join the workshop" in text
    assert "Type the room code from the big screen. No account needed." in text
    assert "Doe mee aan de workshop" not in text


def test_landing_page_offers_the_other_language(client):
    dutch = page(client, reverse("landing"), "nl")
    english = page(client, reverse("landing"), "en")
    assert 'name="language" value="en"' in dutch and 'value="nl"' not in dutch
    assert 'name="language" value="nl"' in english
    # Each language in its own words: a Dutch page offers "English", not "Engels".
    assert 'lang="en" class="link-button">English</button>' in dutch
    assert 'lang="nl" class="link-button">Nederlands</button>' in english


def test_name_page_speaks_dutch(client, workshop):
    text = page(client, reverse("join_link", args=[workshop.room_code]), "nl")
    assert '<html lang="nl">' in text
    assert f"Ruimte {workshop.room_code}" in text
    assert "Zo zien de anderen je." in text
    assert "Ga de ruimte in" in text


def test_name_page_stays_english(client, workshop):
    text = page(client, reverse("join_link", args=[workshop.room_code]), "en")
    assert f"Room {workshop.room_code}" in text
    assert "This is how the others see you." in text
    assert "Enter the room" in text


def test_a_participants_room_speaks_dutch(phone, participant):
    text = page(phone, room_url(participant), "nl")
    assert '<html lang="nl">' in text
    assert ">Verbinden…</span>" in text
    assert "Je notitie wijzigen" in text
    assert 'aria-label="Notities die wachten op verzenden"' in text
    assert "Connecting…" not in text


def test_a_participants_room_stays_english(phone, participant):
    text = page(phone, room_url(participant), "en")
    assert '<html lang="en">' in text
    assert ">Connecting…</span>" in text
    assert "Change your note" in text


def test_the_room_has_a_language_switch_though_it_has_no_top_bar(phone, participant):
    text = page(phone, room_url(participant), "nl")
    assert 'class="topbar"' not in text
    switch = re.search(r'<footer class="phone-foot">.*?</footer>', text, re.S)[0]
    assert f'action="{reverse("set_language")}"' in switch
    assert 'name="language" value="en"' in switch
    assert f'name="next" value="{room_url(participant)}"' in switch


def test_the_presenter_has_no_language_switch(facilitator_client, workshop):
    text = page(facilitator_client, reverse("present", args=[workshop.pk]), "nl")
    assert 'class="language-switch"' not in text


def test_the_scripts_texts_reach_the_room_in_dutch(phone, participant):
    text = page(phone, room_url(participant), "nl")
    assert script_text(text, "waiting-to-send") == "Wacht op verzenden"
    assert script_text(text, "notes-waiting-one") == "{n} notitie wacht"
    assert script_text(text, "notes-waiting-other") == "{n} notities wachten"
    assert script_text(text, "times-up") == "De tijd is om"
    assert script_text(text, "not-connected") == "Niet verbonden"
    assert script_text(text, "join-again") == "Doe opnieuw mee"
    assert script_text(text, "revealed") == "De notities zijn onthuld."
    assert script_text(text, "timer-running") == "De timer loopt."
    assert script_text(text, "now") == "Nu: {title}"
    assert script_text(text, "saving") == "Opslaan…"
    assert script_text(text, "picture-uploading") == "Uploaden…"


def test_the_scripts_texts_stay_english(phone, participant):
    text = page(phone, room_url(participant), "en")
    assert script_text(text, "waiting-to-send") == "Waiting to send"
    assert script_text(text, "notes-waiting-one") == "{n} note waiting"
    assert script_text(text, "notes-waiting-other") == "{n} notes waiting"
    assert script_text(text, "times-up") == "Time's up"
    assert script_text(text, "reconnecting") == "Offline – reconnecting…"


def test_every_text_a_script_reads_is_on_the_page():
    """Each data-text-* name a script asks for (text("Name", …)) is rendered by the template."""
    from pathlib import Path

    root = Path(settings.BASE_DIR)
    template = (root / "templates/includes/script_texts.html").read_text()
    rendered = set(re.findall(r"data-text-([a-z-]+)=", template))
    asked = set()
    for script in ("room.js", "board.js", "pictures.js"):
        source = (root / "static/js" / script).read_text()
        for name in re.findall(r'pageText\("([A-Za-z]+)", ', source):
            asked.add(re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower())
    assert asked and asked <= rendered, asked - rendered


def test_the_switch_makes_later_pages_dutch(client):
    response = client.post(reverse("set_language"), {"language": "nl", "next": reverse("landing")})
    assert response.status_code == 302
    text = page(client, reverse("landing"), "en")
    assert '<html lang="nl">' in text
    assert "Doe mee aan de workshop" in text


def test_the_switch_back_to_english(client):
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = page(client, reverse("landing"), "nl")
    assert '<html lang="en">' in text
    assert "Join the workshop" in text
