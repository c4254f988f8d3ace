"""The room socket, /ws/rooms/<CODE>/, through the real ASGI stack and the channel layer."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.conftest import make_participant
from workshops import services
from workshops.models import Participant, Presence, Workshop

from .helpers import (
    CLOSE_UNKNOWN_IDENTITY,
    RoomSockets,
    assert_nothing_else,
    current_activity_id,
    facilitator_cookies,
    first_frame,
    participant_cookies,
    receive_close,
    receive_presence,
    receive_until,
    send_action,
)

# Serialized rollback: a transactional test empties the database afterwards, and the next one
# still needs the workshop templates the data migration wrote.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CANNOT_READ = "That did not work: the app sent something it cannot read."


async def activities(workshop):
    return await database_sync_to_async(lambda: list(workshop.activities.order_by("position")))()


# Snapshots ---------------------------------------------------------------------------------


async def test_a_participant_first_receives_a_snapshot_of_the_current_activity(
    workshop, participant
):
    first = (await activities(workshop))[0]
    async with RoomSockets() as sockets:
        _phone, snapshot = await sockets.participant(participant)
    assert 'id="stage"' in snapshot
    assert first.title in snapshot
    assert f'data-activity="{first.pk}"' in snapshot
    # The presenter's controls are not on a phone.
    assert 'id="agenda-nav"' not in snapshot
    assert 'id="participants"' not in snapshot


async def test_the_facilitator_snapshot_has_the_stage_the_agenda_and_the_people(
    facilitator, workshop, participant
):
    agenda = await activities(workshop)
    async with RoomSockets() as sockets:
        _presenter, snapshot = await sockets.facilitator(facilitator, workshop)
    assert 'id="stage"' in snapshot
    assert agenda[0].title in snapshot
    assert 'id="agenda-nav"' in snapshot
    for activity in agenda:
        assert activity.title in snapshot
    assert 'id="participants"' in snapshot
    assert participant.display_name in snapshot


async def test_a_reconnecting_phone_gets_the_activity_on_screen_now(
    facilitator, workshop, participant
):
    second = (await activities(workshop))[1]
    await database_sync_to_async(services.goto_activity)(workshop, facilitator, second.pk)
    async with RoomSockets() as sockets:
        _phone, snapshot = await sockets.participant(participant)
    assert second.title in snapshot
    assert f'data-activity="{second.pk}"' in snapshot


# Moving through the agenda -----------------------------------------------------------------


async def test_the_facilitator_moves_every_phone_to_another_activity(
    facilitator, workshop, participant
):
    second = (await activities(workshop))[1]
    ben = await database_sync_to_async(make_participant)(workshop, "Ben")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira_phone, _ = await sockets.participant(participant)
        ben_phone, _ = await sockets.participant(ben)

        await send_action(presenter, "activity.goto", activity=second.pk)

        for phone in (amira_phone, ben_phone):
            fragment = await receive_until(phone, 'id="stage"', second.title)
            assert f'data-activity="{second.pk}"' in fragment
        presenter_fragment = await receive_until(presenter, 'id="stage"', second.title)
        assert 'id="agenda-nav"' in presenter_fragment
    assert await current_activity_id(workshop) == second.pk


async def test_the_facilitator_can_go_back_to_an_earlier_activity(
    facilitator, workshop, participant
):
    first, _second, third, *_ = await activities(workshop)
    await database_sync_to_async(services.goto_activity)(workshop, facilitator, third.pk)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await send_action(presenter, "activity.goto", activity=first.pk)
        await receive_until(phone, 'id="stage"', f'data-activity="{first.pk}"')
    assert await current_activity_id(workshop) == first.pk


async def test_participant_cannot_send_facilitator_actions(facilitator, workshop, participant):
    first, second, *_ = await activities(workshop)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)

        await send_action(phone, "activity.goto", activity=second.pk)

        refusal = await receive_until(phone, 'id="live-message"')
        assert "Only the facilitator" in refusal
        assert await current_activity_id(workshop) == first.pk
        # Nobody else saw anything move.
        await assert_nothing_else(presenter)

        # The socket is still open and still answers.
        await send_action(phone, "activity.goto", activity=second.pk)
        again = await receive_until(phone, 'id="live-message"')
        assert "Only the facilitator" in again
    assert await current_activity_id(workshop) == first.pk


async def test_participant_cannot_remove_someone(facilitator, workshop, participant):
    ben = await database_sync_to_async(make_participant)(workshop, "Ben")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira_phone, _ = await sockets.participant(participant)
        ben_phone, _ = await sockets.participant(ben)
        await receive_presence(presenter, participant.display_name, "Ben")

        await send_action(amira_phone, "participant.remove", participant=ben.pk)

        refusal = await receive_until(amira_phone, 'id="live-message"')
        assert "Only the facilitator" in refusal
        await assert_nothing_else(presenter, ben_phone)
    ben_now = await database_sync_to_async(Participant.objects.get)(pk=ben.pk)
    assert ben_now.removed_at is None


# Who may connect ---------------------------------------------------------------------------


async def _no_cookie(ctx):
    return ctx["workshop"].room_code, {}


async def _bad_cookie(ctx):
    forged = ctx["participant"].device_key + ":not-a-signature"
    return ctx["workshop"].room_code, {settings.PARTICIPANT_COOKIE: forged}


async def _unsigned_device_key(ctx):
    return ctx["workshop"].room_code, {settings.PARTICIPANT_COOKIE: ctx["participant"].device_key}


async def _participant_of_another_room(ctx):
    return ctx["workshop"].room_code, participant_cookies(ctx["other_participant"])


async def _removed_participant(ctx):
    participant = ctx["participant"]
    await database_sync_to_async(services.remove_participant)(
        ctx["workshop"], ctx["facilitator"], participant.pk
    )
    return ctx["workshop"].room_code, participant_cookies(participant)


async def _unknown_room_code(ctx):
    taken = {ctx["workshop"].room_code, ctx["other_workshop"].room_code}
    code = next(code for code in ("ZZZZZZ", "YYYYYY") if code not in taken)
    return code, participant_cookies(ctx["participant"])


async def _another_facilitator(ctx):
    return ctx["workshop"].room_code, await facilitator_cookies(ctx["other_facilitator"])


async def _closed_room_participant(ctx):
    await database_sync_to_async(services.close_room)(ctx["workshop"], ctx["facilitator"])
    return ctx["workshop"].room_code, participant_cookies(ctx["participant"])


async def _closed_room_facilitator(ctx):
    await database_sync_to_async(services.close_room)(ctx["workshop"], ctx["facilitator"])
    return ctx["workshop"].room_code, await facilitator_cookies(ctx["facilitator"])


async def _room_code_two_codes_ago(ctx):
    old = ctx["workshop"].room_code
    for _ in range(2):
        await database_sync_to_async(services.regenerate_room_code)(
            ctx["workshop"], ctx["facilitator"]
        )
    return old, participant_cookies(ctx["participant"])


UNKNOWN_IDENTITIES = {
    "no-cookie": _no_cookie,
    "bad-cookie": _bad_cookie,
    "unsigned-device-key": _unsigned_device_key,
    "participant-of-another-room": _participant_of_another_room,
    "removed-participant": _removed_participant,
    "unknown-room-code": _unknown_room_code,
    "another-facilitator": _another_facilitator,
    "closed-room-participant": _closed_room_participant,
    "closed-room-facilitator": _closed_room_facilitator,
    "room-code-two-codes-ago": _room_code_two_codes_ago,
}


@pytest.mark.parametrize("identity", UNKNOWN_IDENTITIES.values(), ids=UNKNOWN_IDENTITIES.keys())
async def test_an_unknown_identity_is_accepted_then_closed_with_4403(
    identity,
    facilitator,
    other_facilitator,
    workshop,
    other_workshop,
    participant,
    other_participant,
):
    ctx = {
        "facilitator": facilitator,
        "other_facilitator": other_facilitator,
        "workshop": workshop,
        "other_workshop": other_workshop,
        "participant": participant,
        "other_participant": other_participant,
    }
    code, cookies = await identity(ctx)
    async with RoomSockets() as sockets:
        socket = await sockets.open(code, cookies)
        assert await socket.receive_output(5) == {
            "type": "websocket.close",
            "code": CLOSE_UNKNOWN_IDENTITY,
        }
    # Nobody counts as present for a socket that was turned away.
    assert await database_sync_to_async(Presence.objects.count)() == 0


# Garbage in --------------------------------------------------------------------------------


def _other_workshops_activity(ctx) -> str:
    return json.dumps({"action": "activity.goto", "activity": ctx["foreign_activity"]})


GARBAGE = {
    "not-json": (lambda ctx: "activity.goto please", CANNOT_READ),
    "json-list": (
        lambda ctx: json.dumps([{"action": "activity.goto", "activity": ctx["second"]}]),
        CANNOT_READ,
    ),
    "json-string": (lambda ctx: json.dumps("activity.goto"), CANNOT_READ),
    "missing-action": (lambda ctx: json.dumps({"activity": ctx["second"]}), CANNOT_READ),
    "action-not-a-string": (
        lambda ctx: json.dumps({"action": ["activity.goto"], "activity": ctx["second"]}),
        CANNOT_READ,
    ),
    "unknown-action": (
        lambda ctx: json.dumps({"action": "workshop.delete", "activity": ctx["second"]}),
        CANNOT_READ,
    ),
    "blank-message": (lambda ctx: "  ", CANNOT_READ),
    "huge-message": (
        lambda ctx: json.dumps(
            {"action": "activity.goto", "activity": ctx["second"], "padding": "x" * 16_100}
        ),
        CANNOT_READ,
    ),
    "huge-message-in-multibyte-characters": (
        # ~6,000 characters but over 18,000 bytes of UTF-8 on the wire.
        lambda ctx: json.dumps(
            {"action": "activity.goto", "activity": ctx["second"], "padding": "€" * 6_000},
            ensure_ascii=False,
        ),
        CANNOT_READ,
    ),
    "another-workshops-activity": (
        _other_workshops_activity,
        "That activity is not on this workshop's agenda.",
    ),
    "non-numeric-activity": (
        lambda ctx: json.dumps({"action": "activity.goto", "activity": "second"}),
        "Which activity?",
    ),
    "missing-activity": (lambda ctx: json.dumps({"action": "activity.goto"}), "Which activity?"),
    "negative-activity": (
        lambda ctx: json.dumps({"action": "activity.goto", "activity": -ctx["second"]}),
        "",  # Django's stock "greater than or equal to 1": any error will do
    ),
    "unknown-participant": (
        lambda ctx: json.dumps({"action": "participant.remove", "participant": 99_999_999}),
        "That participant is not in this room.",
    ),
    "participant-of-another-room": (
        lambda ctx: json.dumps(
            {"action": "participant.remove", "participant": ctx["other_participant"]}
        ),
        "That participant is not in this room.",
    ),
}


@pytest.mark.parametrize(("make_message", "expected"), GARBAGE.values(), ids=GARBAGE.keys())
async def test_a_bad_message_gets_an_error_and_changes_nothing(
    make_message, expected, facilitator, workshop, other_workshop, participant, other_participant
):
    first, second, *_ = await activities(workshop)
    foreign = (await activities(other_workshop))[1]
    ctx = {
        "second": second.pk,
        "foreign_activity": foreign.pk,
        "other_participant": other_participant.pk,
    }
    message = make_message(ctx)
    other_before = await current_activity_id(other_workshop)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)

        await presenter.send_to(text_data=message)

        error = await receive_until(presenter, 'id="live-message"')
        assert "live-message--error" in error
        assert escape(expected) in error
        await assert_nothing_else(presenter, phone)
        assert await current_activity_id(workshop) == first.pk
        assert await current_activity_id(other_workshop) == other_before
        removed = await database_sync_to_async(
            lambda: list(Participant.objects.filter(removed_at__isnull=False))
        )()
        assert removed == []

        # The socket still works afterwards.
        await send_action(presenter, "activity.goto", activity=second.pk)
        await receive_until(phone, 'id="stage"', second.title)


async def test_a_binary_frame_gets_an_error_and_changes_nothing(facilitator, workshop):
    first, second, *_ = await activities(workshop)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        await presenter.send_to(
            bytes_data=json.dumps({"action": "activity.goto", "activity": second.pk}).encode()
        )
        error = await receive_until(presenter, 'id="live-message"')
        assert CANNOT_READ in error
    assert await current_activity_id(workshop) == first.pk


# Presence ----------------------------------------------------------------------------------


async def test_the_presenter_sees_a_participant_arrive_and_leave(facilitator, workshop):
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert "Zoë" not in snapshot

        zoe = await database_sync_to_async(make_participant)(workshop, "Zoë")
        phone, _ = await sockets.participant(zoe)

        arrived = await receive_until(presenter, 'id="participants"', "Zoë")
        assert f'id="participant-{zoe.pk}"' in arrived
        assert "(away)" not in arrived
        assert await database_sync_to_async(zoe.presences.count)() == 1

        await phone.disconnect()
        left = await receive_until(presenter, 'id="participants"', "(away)")
        assert "Zoë" in left
    assert await database_sync_to_async(zoe.presences.count)() == 0


async def test_the_facilitator_removes_a_participant(facilitator, workshop, participant):
    ben = await database_sync_to_async(make_participant)(workshop, "Ben")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira_phone, _ = await sockets.participant(participant)
        ben_phone, _ = await sockets.participant(ben)
        await receive_presence(presenter, participant.display_name, "Ben")

        await send_action(presenter, "participant.remove", participant=participant.pk)

        goodbye = await receive_until(amira_phone, 'id="live-message"')
        assert "removed you" in goodbye
        assert await receive_close(amira_phone) == CLOSE_UNKNOWN_IDENTITY
        people = await receive_until(presenter, 'id="participants"')
        assert participant.display_name not in people
        assert "Ben" in people
        # Ben stays in the room.
        await assert_nothing_else(presenter, ben_phone)

        # The removed phone cannot come back on the socket either.
        again = await sockets.open(workshop.room_code, participant_cookies(participant))
        assert await receive_close(again) == CLOSE_UNKNOWN_IDENTITY

    amira = await database_sync_to_async(Participant.objects.get)(pk=participant.pk)
    assert amira.removed_at is not None


async def test_a_removed_participants_open_socket_can_no_longer_act(
    facilitator, workshop, participant
):
    """Removal through the service alone (no broadcast): the next message is refused."""
    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        await database_sync_to_async(services.remove_participant)(
            workshop, facilitator, participant.pk
        )
        await send_action(phone, "activity.goto", activity=1)
        refusal = await receive_until(phone, 'id="live-message"')
        assert "You are no longer in this room." in refusal


# Changes made on the pages reach the sockets -----------------------------------------------


async def test_closing_the_room_from_the_page_sends_the_phones_away(
    facilitator, workshop, participant
):
    def close_with_the_page():
        client = Client()
        client.force_login(facilitator)
        return client.post(reverse("room_close", args=[workshop.pk]))

    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        response = await database_sync_to_async(close_with_the_page)()
        assert response.status_code == 302
        message = await receive_until(phone, 'id="live-message"')
        assert "closed this room" in message
        assert await receive_close(phone) == CLOSE_UNKNOWN_IDENTITY


async def test_deleting_the_workshop_sends_the_phones_away_once_it_is_gone(
    facilitator, workshop, participant
):
    def delete_with_the_page():
        client = Client()
        client.force_login(facilitator)
        return client.post(reverse("workshop_delete", args=[workshop.pk]))

    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        response = await database_sync_to_async(delete_with_the_page)()
        assert response.status_code == 302
        assert "closed this room" in await receive_until(phone, 'id="live-message"')
        assert await receive_close(phone) == CLOSE_UNKNOWN_IDENTITY
    assert not await database_sync_to_async(Workshop.objects.filter(pk=workshop.pk).exists)()


async def test_editing_the_agenda_on_the_page_updates_the_phones(
    facilitator, workshop, participant
):
    first = (await activities(workshop))[0]

    def rename_with_the_page():
        client = Client()
        client.force_login(facilitator)
        return client.post(
            reverse("activity_edit", args=[workshop.pk, first.pk]),
            {f"activity-{first.pk}-title": "Hello, Acme!", f"activity-{first.pk}-prompt": ""},
        )

    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        response = await database_sync_to_async(rename_with_the_page)()
        assert response.status_code == 302
        await receive_until(phone, 'id="stage"', "Hello, Acme!")


async def test_a_new_room_code_reaches_the_presenter_and_phones_in_the_room_stay_in(
    facilitator, workshop, participant
):
    old_code = workshop.room_code
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)

        client = Client()
        await database_sync_to_async(client.force_login)(facilitator)
        await database_sync_to_async(client.post)(f"/workshops/{workshop.pk}/room-code/")
        new_code = await database_sync_to_async(
            lambda: Workshop.objects.values_list("room_code", flat=True).get(pk=workshop.pk)
        )()
        assert new_code != old_code

        join_info = await receive_until(presenter, 'id="join-info"')
        assert new_code in join_info and old_code not in join_info
        # A phone that reconnects with the code it knows is still let in.
        again = await sockets.open(old_code, participant_cookies(participant))
        assert 'id="stage"' in await first_frame(again)
        await send_action(again, "activity.next")
        assert "Only the facilitator" in await receive_until(again, 'id="live-message"')
