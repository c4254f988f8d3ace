"""Bursts and reconnect waves: changes joined per tick, the phones' stage rendered once."""

from __future__ import annotations

import asyncio
import re

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_participant
from workshops import live, services
from workshops.live import ticks
from workshops.live.viewers import Viewer
from workshops.models import Activity, Note, Participant

from .helpers import RoomSockets, receive_until, send_action

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLIENT_ID = re.compile(r'data-client-id="(burst-[0-9]+)"')


@pytest.fixture
def bruno(workshop) -> Participant:
    return make_participant(workshop, "Bruno")


@pytest.fixture
def carla(workshop) -> Participant:
    return make_participant(workshop, "Carla")


@pytest.fixture
def rituals(workshop, facilitator) -> Activity:
    """The rituals board (one column), on every screen."""
    board = workshop.activities.get(title="Invent customer rituals")
    services.goto_activity(workshop, facilitator, board.pk)
    return board


def first_column(board: Activity) -> int:
    return board.columns.order_by("position").values_list("pk", flat=True)[0]


async def frames_until_all(socket, client_ids: list[str], timeout: float = 5.0) -> list[str]:
    """Every frame until each of ``client_ids`` was seen, then whatever else comes in 0.5 s."""
    frames: list[str] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not set(client_ids) <= {c for f in frames for c in CLIENT_ID.findall(f)}:
        remaining = deadline - loop.time()
        assert remaining > 0, f"missing notes after {timeout}s: {frames!r}"
        output = await socket.receive_output(remaining)
        assert output["type"] == "websocket.send", output
        frames.append(output["text"])
    # A note sent twice would come after the last one expected.
    while not await socket.receive_nothing(0.5):
        frames.append((await socket.receive_output()).get("text") or "")
    return frames


async def test_a_burst_of_notes_reaches_every_screen_in_few_frames_each_note_once(
    facilitator, workshop, participant, bruno, carla, rituals, settings
):
    settings.LIVE_TICK_MS = 200
    column = await database_sync_to_async(first_column)(rituals)
    ids = [f"burst-{i:04d}" for i in range(12)]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)
        watcher, _ = await sockets.participant(carla)
        for i, client_id in enumerate(ids):
            await send_action(
                (amira, bruno_phone)[i % 2],
                "note.add",
                activity=str(rituals.pk),
                column=str(column),
                text=f"Burst note {i}",
                client_id=client_id,
            )
        for screen in (presenter, watcher):
            frames = await frames_until_all(screen, ids)
            seen = [c for frame in frames for c in CLIENT_ID.findall(frame)]
            # Every note exactly once, though fewer messages than notes went out.
            assert sorted(seen) == ids
            assert len([f for f in frames if CLIENT_ID.search(f)]) < len(ids)
            # Joined fragments are still whole out-of-band swaps of their own.
            joined = "".join(frames)
            assert joined.count('hx-swap-oob="beforeend:#column-') >= len(ids)
    assert await database_sync_to_async(Note.objects.count)() == len(ids)


async def test_a_note_added_then_edited_within_one_tick_ends_with_the_edit(
    facilitator, workshop, participant, carla, rituals, settings
):
    settings.LIVE_TICK_MS = 300
    column = await database_sync_to_async(first_column)(rituals)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        watcher, _ = await sockets.participant(carla)
        # A first note opens the tick; the second and its edit fall within it.
        for i in range(2):
            await send_action(
                amira,
                "note.add",
                activity=str(rituals.pk),
                column=str(column),
                text=f"First draft {i}",
                client_id=f"burst-{i:04d}",
            )
        # The sender's own acknowledgement comes at once: the note is saved.
        await receive_until(amira, 'data-client-id="burst-0001"')
        note = await database_sync_to_async(lambda: Note.objects.get(client_id="burst-0001"))()
        await send_action(amira, "note.edit", note=str(note.pk), text="Final words")
        for screen in (presenter, watcher):
            frames = await frames_until_all(screen, ["burst-0000", "burst-0001"])
            stream = "".join(frames)
            if "Final words" not in stream:
                stream += "".join(await frames_until_all(screen, []))
            # The edit comes after the note it edits: applied in order, the screen ends right.
            assert stream.index("First draft 1") < stream.index("Final words")
            assert stream.count(f'id="note-{note.pk}"') >= 2


async def test_a_quiet_room_sends_a_change_at_once(
    facilitator, workshop, participant, rituals, settings
):
    """The first change after a quiet spell waits for no tick."""
    settings.LIVE_TICK_MS = 5_000
    column = await database_sync_to_async(first_column)(rituals)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        await send_action(
            amira,
            "note.add",
            activity=str(rituals.pk),
            column=str(column),
            text="Straight away",
            client_id="burst-0000",
        )
        frames = await frames_until_all(presenter, ["burst-0000"], timeout=2.0)
    assert any("Straight away" in frame for frame in frames)


def test_runs_of_fragments_are_joined_in_order_and_other_events_keep_their_place():
    events = [
        {"type": "room.html", "html": "<a>"},
        {"type": "room.html", "html": "<b>", "refresh": True},
        {"type": "room.removed", "participant": 7},
        {"type": "room.html", "html": "<c>"},
    ]
    assert ticks.joined(events) == [
        {"type": "room.html", "html": "<a><b>", "refresh": True},
        {"type": "room.removed", "participant": 7},
        {"type": "room.html", "html": "<c>"},
    ]


# Reconnect waves: the phones' stage rendered once per room and change ---------------------


def phone_viewer(participant: Participant) -> Viewer:
    return Viewer(workshop_id=participant.workshop_id, participant_id=participant.pk)


def test_phone_snapshots_share_one_render_of_the_stage_until_the_room_changes(
    workshop, facilitator, participant, bruno, rituals
):
    services.add_note(
        workshop,
        participant=participant,
        activity_id=rituals.pk,
        column_id=first_column(rituals),
        text="Before the wave",
        client_id="burst-setup-1",
    )
    with CaptureQueriesContext(connection) as first:
        amira_snapshot = live.snapshot(phone_viewer(participant), "http://testserver")
    with CaptureQueriesContext(connection) as second:
        bruno_snapshot = live.snapshot(phone_viewer(bruno), "http://testserver")
    assert "Before the wave" in amira_snapshot
    stage = amira_snapshot[: amira_snapshot.index("</section>")]
    assert bruno_snapshot.startswith(stage)
    # The second phone's snapshot reads no notes: only its own rows and its personal part.
    assert len(second) < len(first)
    # Each still has its own personal part: Amira's note is marked as hers, not Bruno's.
    note = Note.objects.get(client_id="burst-setup-1")
    assert f"note-{note.pk}" in amira_snapshot[len(stage) :]
    assert f"note-{note.pk}" not in bruno_snapshot[len(stage) :]

    # A change the phones see makes the next snapshot render the stage again.
    services.add_note(
        workshop,
        participant=bruno,
        activity_id=rituals.pk,
        column_id=first_column(rituals),
        text="During the wave",
        client_id="burst-setup-2",
    )
    live.send(live.stage_update(workshop, "http://testserver"))
    assert "During the wave" in live.snapshot(phone_viewer(participant), "http://testserver")


async def test_a_phone_reconnecting_after_a_note_sees_it(
    facilitator, workshop, participant, bruno, rituals
):
    column = await database_sync_to_async(first_column)(rituals)
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)
        first_bruno, before = await sockets.participant(bruno)
        assert "After the snapshot" not in before
        await send_action(
            amira,
            "note.add",
            activity=str(rituals.pk),
            column=str(column),
            text="After the snapshot",
            client_id="burst-0000",
        )
        await frames_until_all(first_bruno, ["burst-0000"])
        await first_bruno.disconnect()
        _again, snapshot = await sockets.participant(bruno)
    assert "After the snapshot" in snapshot
