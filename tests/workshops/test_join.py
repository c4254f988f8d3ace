"""Joining a room from a phone: the code, a name, and the cookie that keeps the same person."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import participant_cookie
from workshops import services
from workshops.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limit():
    """The join rate limit counts in the cache; no test may inherit another's failures."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unknown_code(workshop, other_workshop) -> str:
    """A well-formed code that no room has."""
    taken = {workshop.room_code, other_workshop.room_code}
    return next(code for code in ("ZZZZZZ", "YYYYYY", "XXXXXX") if code not in taken)


def join_link(code: str) -> str:
    return reverse("join_link", args=[code])


def room_url(code: str) -> str:
    return reverse("room", args=[code])


def error_text(response) -> str:
    """The form's error message on a page."""
    return re.search(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', response.content.decode(), re.S)[1]


def enter(client: Client, code: str, name: str):
    return client.post(join_link(code), {"name": name})


# The landing page and the code ------------------------------------------------------------


def test_landing_page_shows_the_join_form(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="code"' in html
    assert "Room code" in html
    assert f'action="{reverse("join")}"' in html


def test_a_good_code_typed_in_lowercase_leads_to_the_name_page(client, workshop):
    response = client.post("/join/", {"code": workshop.room_code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/j/{workshop.room_code}/"


def test_a_code_typed_with_spaces_and_a_dash_is_understood(client, workshop):
    code = workshop.room_code
    response = client.post("/join/", {"code": f" {code[:3].lower()}-{code[3:]} "})
    assert response["Location"] == f"/j/{code}/"


def test_the_name_page_shows_the_workshop(client, workshop):
    response = client.get(join_link(workshop.room_code))
    assert response.status_code == 200
    html = response.content.decode()
    assert workshop.title in html
    assert 'name="name"' in html


def test_an_unknown_code_on_the_form_is_refused_with_a_clear_message(client, unknown_code):
    response = client.post("/join/", {"code": unknown_code})
    assert response.status_code == 400
    assert "There is no room with this code" in response.content.decode()


def test_an_unknown_code_in_the_link_is_a_404_with_a_clear_message(client, unknown_code):
    response = client.get(join_link(unknown_code))
    assert response.status_code == 404
    assert "There is no room with this code" in response.content.decode()


def test_a_malformed_code_is_refused_with_the_expected_format(client, db):
    response = client.post("/join/", {"code": "12"})
    assert response.status_code == 400
    assert "A room code has 6 letters and digits" in response.content.decode()


def test_a_closed_room_says_so_on_the_form_and_in_the_link(client, workshop, facilitator):
    services.close_room(workshop, facilitator)

    response = client.post("/join/", {"code": workshop.room_code})
    assert response.status_code == 400
    assert "This room is closed" in response.content.decode()

    response = client.get(join_link(workshop.room_code))
    assert response.status_code == 404
    assert "This room is closed" in response.content.decode()

    response = enter(client, workshop.room_code, "Anna")
    assert "This room is closed" in response.content.decode()
    assert not Participant.objects.filter(workshop=workshop).exists()


# The name --------------------------------------------------------------------------------


def test_entering_a_name_creates_a_participant_sets_the_cookie_and_opens_the_room(client, workshop):
    response = enter(client, workshop.room_code, "Anna")

    assert response.status_code == 302
    assert response["Location"] == f"/r/{workshop.room_code}/"
    participant = Participant.objects.get(workshop=workshop)
    assert participant.display_name == "Anna"
    cookie = response.cookies[settings.PARTICIPANT_COOKIE]
    assert cookie.value == participant_cookie(participant)
    assert cookie["httponly"]

    room = client.get(room_url(workshop.room_code))
    assert room.status_code == 200
    html = room.content.decode()
    assert "Anna" in html
    assert 'id="stage"' in html
    assert workshop.current_activity.title in html


def test_the_room_page_works_with_the_cookie_from_the_fixtures(client, workshop, participant):
    client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(participant)
    response = client.get(room_url(workshop.room_code))
    assert response.status_code == 200
    assert participant.display_name in response.content.decode()


def test_an_empty_name_is_refused_and_nobody_joins(client, workshop):
    for blank in ("", "   "):
        response = enter(client, workshop.room_code, blank)
        assert response.status_code == 400
        assert "Type the name the others will see." in response.content.decode()
    assert not Participant.objects.filter(workshop=workshop).exists()
    assert settings.PARTICIPANT_COOKIE not in response.cookies


def test_a_name_over_forty_characters_is_refused_and_nobody_joins(client, workshop):
    response = enter(client, workshop.room_code, "A" * 41)
    assert response.status_code == 400
    assert "Keep your name to 40 characters or fewer." in response.content.decode()
    assert not Participant.objects.filter(workshop=workshop).exists()


def test_a_name_of_exactly_forty_characters_is_accepted(client, workshop):
    response = enter(client, workshop.room_code, "B" * 40)
    assert response.status_code == 302
    assert Participant.objects.get(workshop=workshop).display_name == "B" * 40


def test_the_same_name_from_two_devices_gets_a_number(workshop):
    first, second = Client(), Client()
    assert enter(first, workshop.room_code, "Anna").status_code == 302
    assert enter(second, workshop.room_code, "Anna").status_code == 302

    names = list(
        Participant.objects.filter(workshop=workshop)
        .order_by("pk")
        .values_list("display_name", flat=True)
    )
    assert names == ["Anna", "Anna (2)"]
    assert "Anna (2)" in second.get(room_url(workshop.room_code)).content.decode()


# Identity ----------------------------------------------------------------------------------


def test_the_join_link_takes_a_device_that_already_joined_straight_to_the_room(client, workshop):
    enter(client, workshop.room_code, "Anna")
    response = client.get(join_link(workshop.room_code))
    assert response.status_code == 302
    assert response["Location"] == f"/r/{workshop.room_code}/"


def test_reloading_the_room_keeps_the_same_participant(client, workshop):
    enter(client, workshop.room_code, "Anna")
    participant = Participant.objects.get(workshop=workshop)
    for _ in range(3):
        response = client.get(room_url(workshop.room_code))
        assert response.status_code == 200
        assert response.context["participant"] == participant
    assert Participant.objects.filter(workshop=workshop).count() == 1


def test_posting_the_name_again_from_the_same_device_creates_no_second_participant(
    client, workshop
):
    enter(client, workshop.room_code, "Anna")
    response = enter(client, workshop.room_code, "Anna")
    assert response.status_code == 302
    assert response["Location"] == f"/r/{workshop.room_code}/"
    assert list(
        Participant.objects.filter(workshop=workshop).values_list("display_name", flat=True)
    ) == ["Anna"]


def test_a_numbered_name_sent_again_from_the_same_device_keeps_its_number(workshop):
    first, second = Client(), Client()
    enter(first, workshop.room_code, "Anna")
    enter(second, workshop.room_code, "Anna")

    # The second Anna goes back and sends the name form again, unchanged.
    response = enter(second, workshop.room_code, "Anna")

    assert response.status_code == 302
    names = list(
        Participant.objects.filter(workshop=workshop)
        .order_by("pk")
        .values_list("display_name", flat=True)
    )
    assert names == ["Anna", "Anna (2)"]


def test_the_room_without_a_cookie_sends_the_phone_to_the_name_page(client, workshop):
    response = client.get(room_url(workshop.room_code))
    assert response.status_code == 302
    assert response["Location"] == f"/j/{workshop.room_code}/"


def test_a_cookie_for_another_room_does_not_open_this_one(client, workshop, other_participant):
    client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(other_participant)
    response = client.get(room_url(workshop.room_code))
    assert response.status_code == 302
    assert response["Location"] == f"/j/{workshop.room_code}/"


def test_a_tampered_cookie_is_ignored(client, workshop, participant):
    client.cookies[settings.PARTICIPANT_COOKIE] = participant.device_key + ":forged"
    response = client.get(room_url(workshop.room_code))
    assert response.status_code == 302
    assert response["Location"] == f"/j/{workshop.room_code}/"


def test_a_removed_participant_cannot_rejoin(client, workshop, facilitator):
    enter(client, workshop.room_code, "Anna")
    participant = Participant.objects.get(workshop=workshop)
    services.remove_participant(workshop, facilitator, participant.pk)

    room = client.get(room_url(workshop.room_code))
    assert room.status_code == 302
    assert room["Location"] == f"/j/{workshop.room_code}/"

    response = enter(client, workshop.room_code, "Anna")
    assert response.status_code == 400
    assert "The facilitator has removed you from this room." in response.content.decode()
    assert Participant.objects.filter(workshop=workshop).count() == 1
    participant.refresh_from_db()
    assert participant.removed_at is not None


# Rate limit --------------------------------------------------------------------------------


@pytest.fixture
def rate_window(settings):
    # One long window, so a test never straddles the edge of one and starts counting anew.
    settings.JOIN_FAILURE_WINDOW_SECONDS = 24 * 60 * 60
    return settings.JOIN_FAILURES_PER_WINDOW


def test_after_too_many_wrong_codes_a_good_code_still_opens_the_room(
    client, workshop, unknown_code, rate_window
):
    for _ in range(rate_window):
        response = client.post("/join/", {"code": unknown_code})
        assert "There is no room with this code" in response.content.decode()

    response = client.post("/join/", {"code": unknown_code})
    assert response.status_code == 400
    assert "Too many wrong room codes" in response.content.decode()
    # Typos from others on the same network never shut the room: the QR link and the code work.
    response = client.post("/join/", {"code": workshop.room_code})
    assert response.status_code == 302
    assert response["Location"] == f"/j/{workshop.room_code}/"
    response = client.get(join_link(workshop.room_code))
    assert response.status_code == 200
    assert "Your name" in response.content.decode()
    response = enter(client, workshop.room_code, "Anna")
    assert response.status_code == 302
    assert Participant.objects.filter(workshop=workshop, display_name="Anna").exists()


def test_wrong_codes_in_the_link_count_like_wrong_codes_on_the_form(
    client, workshop, unknown_code, rate_window
):
    for _ in range(rate_window):
        assert client.get(join_link(unknown_code)).status_code == 404

    response = client.get(join_link(unknown_code))
    assert response.status_code == 404
    assert "Too many wrong room codes" in response.content.decode()


def test_the_rate_limit_does_not_block_another_address(client, workshop, unknown_code, rate_window):
    for _ in range(rate_window + 1):
        client.post("/join/", {"code": unknown_code})
    assert "Too many wrong room codes" in (
        client.post("/join/", {"code": unknown_code}).content.decode()
    )

    response = client.post("/join/", {"code": unknown_code}, REMOTE_ADDR="10.0.0.9")
    assert "There is no room with this code" in response.content.decode()


def test_good_codes_do_not_count_towards_the_wrong_code_limit(
    client, workshop, unknown_code, rate_window
):
    for _ in range(rate_window + 5):
        response = client.post("/join/", {"code": workshop.room_code})
        assert response.status_code == 302
    response = client.post("/join/", {"code": unknown_code})
    assert "There is no room with this code" in response.content.decode()


def test_the_joins_limit_bounds_every_look_up_from_one_address(
    client, workshop, unknown_code, settings
):
    settings.JOINS_PER_WINDOW = 5
    settings.JOIN_WINDOW_SECONDS = 24 * 60 * 60
    for _ in range(5):
        assert client.get(join_link(workshop.room_code)).status_code == 200

    for code in (workshop.room_code, unknown_code):
        response = client.get(join_link(code))
        assert response.status_code == 404
        assert "Too many people are joining from this network" in response.content.decode()
    # A good code and a wrong one get the same answer, so the address learns nothing more.
    good = client.get(join_link(workshop.room_code))
    wrong = client.get(join_link(unknown_code))
    assert good.status_code == wrong.status_code == 404
    assert error_text(good) == error_text(wrong)
    other = client.get(join_link(workshop.room_code), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_default_joins_limit_lets_a_conference_network_in(settings):
    # A join is two look-ups (the QR link, then the name); a thousand phones in ten minutes.
    assert settings.JOINS_PER_WINDOW / 2 >= 1000
    assert settings.JOIN_WINDOW_SECONDS <= 600


def test_the_room_page_answers_alike_for_no_such_room_and_not_joined(
    client, workshop, unknown_code
):
    for code in (workshop.room_code.lower(), unknown_code.lower()):
        response = client.get(room_url(code))
        assert response.status_code == 302
        assert response["Location"] == f"/j/{code}/"


def test_room_pages_of_rooms_one_is_not_in_count_as_wrong_codes(
    client, workshop, participant, unknown_code, rate_window
):
    for _ in range(rate_window):
        client.get(room_url(workshop.room_code))

    response = client.post("/join/", {"code": unknown_code})
    assert "Too many wrong room codes" in response.content.decode()
    # The room's own participants are never held back.
    client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(participant)
    assert client.get(room_url(workshop.room_code)).status_code == 200


# Behind a proxy ----------------------------------------------------------------------------


def exhaust_wrong_codes(code: str, limit: int, **headers) -> None:
    client = Client()
    for _ in range(limit + 1):
        client.post("/join/", {"code": code}, **headers)


def is_limited(code: str, **headers) -> bool:
    response = Client().post("/join/", {"code": code}, **headers)
    return "Too many wrong room codes" in response.content.decode()


def test_behind_the_proxy_each_forwarded_address_counts_apart(
    settings, db, unknown_code, rate_window
):
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    exhaust_wrong_codes(unknown_code, rate_window, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)

    assert is_limited(unknown_code, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert not is_limited(unknown_code, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)


def test_behind_the_proxy_a_made_up_forwarded_hop_does_not_walk_around_the_limit(
    settings, db, unknown_code, rate_window
):
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    exhaust_wrong_codes(unknown_code, rate_window, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)

    # The client wrote the left-hand entry itself; the proxy appended the real one last.
    assert is_limited(unknown_code, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5", **proxy)


def test_without_the_proxy_setting_a_forwarded_header_is_ignored(
    settings, db, unknown_code, rate_window
):
    settings.BEHIND_PROXY = False
    exhaust_wrong_codes(unknown_code, rate_window, HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert is_limited(unknown_code, HTTP_X_FORWARDED_FOR="203.0.113.77")


def test_a_garbled_forwarded_header_falls_back_to_the_connection(
    settings, db, unknown_code, rate_window
):
    settings.BEHIND_PROXY = True
    response = Client().post(
        "/join/", {"code": unknown_code}, HTTP_X_FORWARDED_FOR="unknown, <script>"
    )
    assert response.status_code == 400
    assert "There is no room with this code" in response.content.decode()
