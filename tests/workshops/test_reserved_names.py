"""A participant cannot pass for the facilitator: reserved names are refused when joining and
when renaming, in any case and spacing, with a clear message."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from workshops import services
from workshops.models import Participant

pytestmark = pytest.mark.django_db

RESERVED = ["Facilitator", "facilitator", "  FACILITATOR ", "Facili tator", "Facilitator (2)",
            "ｆａｃｉｌｉｔａｔｏｒ", "Presenter", "host"]  # fmt: skip


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


def enter(client, code: str, name: str):
    return client.post(reverse("join_link", args=[code]), {"name": name})


def names(workshop) -> list[str]:
    return list(
        Participant.objects.filter(workshop=workshop)
        .order_by("pk")
        .values_list("display_name", flat=True)
    )


@pytest.mark.parametrize("name", RESERVED)
def test_joining_with_a_reserved_name_is_refused_and_nobody_joins(client, workshop, name):
    response = enter(client, workshop.room_code, name)

    assert response.status_code == 400
    text = response.content.decode()
    assert escape("is kept for the person running the workshop. Choose another name.") in text
    assert names(workshop) == []


def test_renaming_oneself_to_a_reserved_name_is_refused_and_the_name_stays(client, workshop):
    enter(client, workshop.room_code, "Amira")

    response = enter(client, workshop.room_code, "Facilitator")

    assert response.status_code == 400
    assert escape("is kept for the person running the workshop") in response.content.decode()
    assert names(workshop) == ["Amira"]


def test_the_service_refuses_a_reserved_name_for_a_new_and_a_returning_device(workshop):
    device = services.new_device_key()
    with pytest.raises(services.ServiceError, match="kept for the person running"):
        services.join_room(workshop.room_code, "FACILITATOR", device)
    services.join_room(workshop.room_code, "Amira", device)
    with pytest.raises(services.ServiceError, match="kept for the person running"):
        services.join_room(workshop.room_code, "facilitator", device)
    assert names(workshop) == ["Amira"]


@pytest.mark.parametrize("name", ["Fatima", "Hostess Hanna", "Faci", "The Facilitator's friend"])
def test_ordinary_names_that_only_look_alike_are_accepted(client, workshop, name):
    assert enter(client, workshop.room_code, name).status_code == 302
    assert names(workshop) == [name]
