"""Presence stays right: after a restart, when another server process crashes, and when a
socket's consumer fails without disconnecting."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from tests.conftest import make_participant
from workshops import services
from workshops.consumers import RoomConsumer
from workshops.live import presence
from workshops.models import Participant, Presence

from .helpers import RoomSockets, receive_presence, receive_until, send_action

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def left_behind(participant: Participant, server: str, seconds: float) -> None:
    """A socket row of another server process, still counting for ``seconds`` (it has just
    died, or it is alive and will renew it)."""
    Presence.objects.create(
        participant=participant,
        channel_name=f"specific.{server}!{participant.pk}",
        server=server,
        expires_at=timezone.now() + timedelta(seconds=seconds),
    )


def person(people: str, participant: Participant) -> str:
    match = re.search(rf'<li [^>]*id="participant-{participant.pk}".*?</li>', people, re.S)
    assert match, f"{participant.display_name} is not in the list"
    return match.group(0)


def away(people: str, participant: Participant) -> bool:
    return "(away)" in person(people, participant)


async def test_after_a_restart_nobody_shows_online_until_their_phone_is_back(
    facilitator, workshop, participant, settings
):
    """One process: the rows its predecessor left (killed a moment ago) are cleared at once."""
    settings.PRESENCE_SINGLE_PROCESS = True
    await database_sync_to_async(left_behind)(participant, "killed-process", 45)
    async with RoomSockets() as sockets:
        _presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert away(snapshot, participant)
        assert await database_sync_to_async(Presence.objects.count)() == 0


async def test_scaled_out_the_phones_of_a_crashed_process_drop_out_when_their_rows_expire(
    facilitator, workshop, participant, settings
):
    """Two processes: the other one crashed, so its rows are no longer renewed; this one keeps
    its own phones in the room and counts the crashed one's out within the expiry."""
    settings.PRESENCE_SINGLE_PROCESS = False
    settings.PRESENCE_HEARTBEAT = 0.2
    settings.PRESENCE_TTL = 1
    bea = await database_sync_to_async(make_participant)(workshop, "Bea")
    await database_sync_to_async(left_behind)(participant, "crashed-process", 1)
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert not away(snapshot, participant)  # the other process may still be alive
        await sockets.participant(bea)
        people = await receive_presence(presenter, "Bea", participant.display_name)
        assert not away(people, bea)

        people = await receive_until(presenter, 'id="participants"', "(away)", timeout=5)
        assert away(people, participant)
        assert not away(people, bea)
        rows = await database_sync_to_async(
            lambda: list(Presence.objects.values_list("participant_id", "server"))
        )()
        assert rows == [(bea.pk, presence.SERVER)]


async def test_a_phone_whose_consumer_failed_is_counted_out(
    facilitator, workshop, participant, settings, monkeypatch
):
    """A consumer that raises ends without a disconnect; its socket stops counting."""
    settings.PRESENCE_HEARTBEAT = 0.2
    bea = await database_sync_to_async(make_participant)(workshop, "Bea")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await sockets.participant(bea)
        await receive_presence(presenter, participant.display_name, "Bea")

        forward = RoomConsumer.room_html

        async def broken(self, event):
            if self.viewer.participant_id == participant.pk:
                raise RuntimeError("a bug in a group event handler")
            await forward(self, event)

        monkeypatch.setattr(RoomConsumer, "room_html", broken)
        await send_action(presenter, "timer.start", seconds=30)
        with pytest.raises(RuntimeError):
            await phone.wait(5)

        people = await receive_until(presenter, 'id="participants"', "(away)", timeout=5)
        assert away(people, participant)
        assert not away(people, bea)


def test_arrivals_and_departures_are_written_together(workshop):
    amira, bea = make_participant(workshop, "Amira"), make_participant(workshop, "Bea")
    services.record_presence("this-server", 45, {"specific.a!1": amira.pk})
    services.record_presence("this-server", 45, {"specific.b!2": bea.pk}, {"specific.a!1"})
    assert list(Presence.objects.values_list("participant_id", "channel_name")) == [
        (bea.pk, "specific.b!2")
    ]


def test_a_participant_deleted_before_the_write_is_not_counted_in(workshop):
    amira, bea = make_participant(workshop, "Amira"), make_participant(workshop, "Bea")
    gone = amira.pk
    amira.delete()
    services.record_presence("this-server", 45, {"specific.a!1": gone, "specific.b!2": bea.pk})
    assert list(Presence.objects.values_list("participant_id", flat=True)) == [bea.pk]


async def test_phones_arriving_at_once_are_counted_in_with_one_write(
    facilitator, workshop, monkeypatch
):
    """A crowd reconnecting or scanning the code is a few writes, not one per phone."""
    writes: list[int] = []
    record = services.record_presence

    def counted(server, ttl, arrived, left=frozenset()):
        if arrived:
            writes.append(len(arrived))
        return record(server, ttl, arrived, left)

    monkeypatch.setattr(services, "record_presence", counted)
    people = [
        await database_sync_to_async(make_participant)(workshop, f"Phone {n}") for n in range(6)
    ]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        await asyncio.gather(*(sockets.participant(person) for person in people))
        await receive_presence(presenter, *(person.display_name for person in people))
        rows = await database_sync_to_async(Presence.objects.count)()
    assert rows == 6
    assert sum(writes) == 6
    assert len(writes) <= 2
