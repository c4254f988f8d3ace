"""The plug-in point: a kind defined under tests/ runs on the presenter and on a phone, in the
agenda editor and on the results page, without a line of it in workshops/."""

from __future__ import annotations

from collections import Counter

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.urls import reverse

from tests.kinds import show_of_hands
from workshops import kinds, services
from workshops.models import Activity

from .helpers import (
    RoomSockets,
    assert_nothing_else,
    receive_presence,
    receive_until,
    refused,
    send_action,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def hands_kind():
    show_of_hands.register()
    yield show_of_hands.SHOW_OF_HANDS
    show_of_hands.unregister()


def add_hands(workshop, facilitator) -> Activity:
    """Through the agenda editor, as a facilitator adds any kind."""
    client = Client()
    client.force_login(facilitator)
    response = client.post(
        reverse("activity_add", args=[workshop.pk]),
        {"kind": show_of_hands.KEY, "title": "Do we know our top customers?", "prompt": ""},
    )
    assert response.status_code == 302
    activity = workshop.activities.get(kind=show_of_hands.KEY)
    services.goto_activity(workshop, facilitator, activity.pk)
    return activity


def test_a_registered_kind_is_offered_in_the_agenda_editor_and_set_up(
    hands_kind, facilitator_client, workshop
):
    page = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk]))
    assert f'<option value="{show_of_hands.KEY}">Show of hands</option>' in page.content.decode()

    activity = add_hands(workshop, workshop.facilitator)

    assert activity.kind_label == "Show of hands"
    assert [
        (activity.pk, {"kind": show_of_hands.KEY, "title": activity.title, "prompt": ""})
    ] == show_of_hands.SET_UP


def test_an_unregistered_kind_cannot_be_added(facilitator_client, workshop):
    before = workshop.activities.count()
    response = facilitator_client.post(
        reverse("activity_add", args=[workshop.pk]),
        {"kind": show_of_hands.KEY, "title": "Hands", "prompt": ""},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert workshop.activities.count() == before


def test_the_presenter_page_shows_the_kinds_own_stage(hands_kind, facilitator_client, workshop):
    add_hands(workshop, workshop.facilitator)

    page = facilitator_client.get(reverse("present", args=[workshop.pk])).content.decode()

    assert '<h1 class="hands">Do we know our top customers?</h1>' in page
    assert '<p id="hands-tally">yes 0 · no 0</p>' in page


async def test_a_phone_and_the_presenter_run_the_kind_live(
    hands_kind, facilitator, workshop, participant
):
    activity = await database_sync_to_async(add_hands)(workshop, facilitator)
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert 'id="hands-tally"' in snapshot
        phone, phone_snapshot = await sockets.participant(participant)
        assert 'value="hands.raise"' in phone_snapshot
        assert '<p id="my-hand">no answer</p>' in phone_snapshot
        await receive_presence(presenter, participant.display_name)

        await send_action(phone, "hands.raise", answer="yes")

        assert '<p id="my-hand">yes</p>' in await receive_until(phone, 'id="my-hand"')
        assert "yes 1 · no 0" in await receive_until(presenter, 'id="hands-tally"')

        await send_action(phone, "hands.raise", answer="maybe")
        await refused(phone, "Answer yes or no.")
        await send_action(phone, "hands.clear")
        await refused(phone, "Only the facilitator of this workshop can do that.")
        await assert_nothing_else(presenter)
    assert show_of_hands.TALLY[activity.pk] == {"yes": 1}


def test_the_kind_contributes_to_the_results_and_the_notes_export(
    hands_kind, facilitator_client, workshop, participant
):
    activity = add_hands(workshop, workshop.facilitator)
    show_of_hands.TALLY.setdefault(activity.pk, Counter()).update(yes=2)

    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))
    export = facilitator_client.get(reverse("notes_csv", args=[workshop.pk]))

    assert "Hands: {&#x27;yes&#x27;: 2}" in page.content.decode()
    assert "Do we know our top customers?,,,yes: 2" in export.content.decode("utf-8-sig")


def test_a_second_kind_with_a_taken_key_or_action_is_refused(hands_kind):
    with pytest.raises(kinds.KindError):
        kinds.register(kinds.ActivityKind(key=show_of_hands.KEY, label="Again"))
    clashing = kinds.ActivityKind(
        key="other", label="Other", actions={"hands.raise": hands_kind.actions["hands.raise"]}
    )
    with pytest.raises(kinds.KindError):
        kinds.register(clashing)
    assert not kinds.is_registered("other")
