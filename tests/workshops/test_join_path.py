"""The join path stays cheap: what a join storm relies on.

500 phones scanning the QR code within seconds each load the join link, post a name and load
the room page (docs/benchmarks.md, "join_storm").
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from workshops import services
from workshops.live import presence
from workshops.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _name_page_token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_a_phone_joins_in_few_queries(workshop, django_assert_max_num_queries):
    """Name page, name post, room page: the look-ups a join needs and no more."""
    client = Client(enforce_csrf_checks=True)
    link = reverse("join_link", args=[workshop.room_code])
    with django_assert_max_num_queries(1):
        page = client.get(link)
    assert page.status_code == 200
    # The look-up, then the join in its transaction (savepoint included in a test): the room
    # is looked up once, and a phone with no device key yet is not looked for.
    with django_assert_max_num_queries(5):
        posted = client.post(link, {"name": "Amira", "csrfmiddlewaretoken": _name_page_token(page)})
    assert posted.status_code == 302
    # The phone with its room in one query, then the agenda.
    with django_assert_max_num_queries(2):
        room = client.get(reverse("room", args=[workshop.room_code]))
    assert room.status_code == 200
    assert "Amira" in room.content.decode()
    assert Participant.objects.filter(workshop=workshop, display_name="Amira").count() == 1


def test_the_next_phones_find_the_open_room_without_a_query(
    workshop, django_assert_max_num_queries
):
    link = reverse("join_link", args=[workshop.room_code])
    assert Client().get(link).status_code == 200
    with django_assert_max_num_queries(0):
        page = Client().get(link)
    assert workshop.title in page.content.decode()


def test_a_room_closed_after_phones_found_it_is_closed_at_once(client, workshop, facilitator):
    link = reverse("join_link", args=[workshop.room_code])
    assert client.get(link).status_code == 200

    services.close_room(workshop, facilitator)

    response = client.get(link)
    assert response.status_code == 404
    assert "This room is closed" in response.content.decode()
    response = client.post(link, {"name": "Amira"})
    assert "This room is closed" in response.content.decode()
    assert not Participant.objects.filter(workshop=workshop).exists()


def test_a_new_room_code_takes_over_from_the_old_one_at_once(client, workshop, facilitator):
    old_link = reverse("join_link", args=[workshop.room_code])
    assert client.get(old_link).status_code == 200

    services.regenerate_room_code(workshop, facilitator)

    assert client.get(old_link).status_code == 404
    new_link = reverse("join_link", args=[workshop.room_code])
    assert client.get(new_link).status_code == 200


def test_a_renamed_room_shows_its_new_title_at_once(client, workshop):
    link = reverse("join_link", args=[workshop.room_code])
    assert client.get(link).status_code == 200

    workshop.title = "Customer day, afternoon"
    workshop.save()

    assert "Customer day, afternoon" in client.get(link).content.decode()


def test_a_logged_in_facilitator_can_open_the_join_link(client, facilitator, workshop):
    """The name page shows a logged-in facilitator their menu (base.html reads the session)."""
    client.force_login(facilitator)
    response = client.get(reverse("join_link", args=[workshop.room_code]))
    assert response.status_code == 200
    assert reverse("logout") in response.content.decode()


def test_the_presence_list_waits_longer_when_it_is_slow_to_render(monkeypatch):
    monkeypatch.setattr(presence, "_presence_took", {})
    assert presence.presence_delay(1) == presence.PRESENCE_DELAY
    presence._presence_took[1] = 0.01  # a small room: the usual short wait
    assert presence.presence_delay(1) == presence.PRESENCE_DELAY
    presence._presence_took[1] = 0.04  # a crowded, busy one: 25 times the render
    assert presence.presence_delay(1) == pytest.approx(1.0)
    presence._presence_took[1] = 5.0  # however slow, the list stays live
    assert presence.presence_delay(1) == presence.PRESENCE_MAX_DELAY
    assert presence.presence_delay(2) == presence.PRESENCE_DELAY  # rooms apart
