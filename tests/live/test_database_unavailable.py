"""The database unavailable for a moment: a change is answered "not saved yet", not lost.

While another connection holds the database's write lock, a note sent over the socket is
answered with the sender's message carrying ``data-unsaved-client-id`` (the phone keeps it in
its outbox and sends it again), the socket stays open, and nothing is written or broadcast.
Once the lock is gone, the same note sent again is saved once and reaches every screen once.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from django.utils.html import escape

from workshops import services
from workshops.live.actions import NOT_DONE_YET, NOT_SAVED_YET
from workshops.models import Activity, Note

from .helpers import (
    RoomSockets,
    assert_nothing_else,
    receive_presence,
    receive_until,
    send_action,
)

pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BOARD = "Invent customer rituals"
CLIENT_ID = "0f8a2c1d9e7b4a66"


@contextmanager
def database_locked():
    """Another connection holds the SQLite database's exclusive lock until the block ends.

    The tests' database is SQLite's shared in-memory one: there a held lock fails the app's
    queries at once, where a file database fails them after the busy timeout (the browser
    journey in tests/browser/test_faults_journey.py covers that one, on a real server).
    """
    assert connection.vendor == "sqlite", "This test locks SQLite; run it with -m 'not scaled'"
    name = connection.settings_dict["NAME"]
    holder = sqlite3.connect(name, uri=True, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def board(workshop, facilitator) -> Activity:
    board = workshop.activities.get(title=BOARD)
    services.goto_activity(workshop, facilitator, board.pk)
    return board


def note_message(board: Activity, text: str, client_id: str) -> dict:
    return {
        "activity": board.pk,
        "column": board.columns.order_by("position").first().pk,
        "text": text,
        "client_id": client_id,
    }


async def test_a_note_sent_while_the_database_is_locked_is_not_saved_yet_then_once(
    facilitator, workshop, participant, board
):
    message = await database_sync_to_async(note_message)(board, "Customers call us back", CLIENT_ID)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)

        with database_locked():
            await send_action(phone, "note.add", **message)
            answer = await receive_until(phone, 'id="live-message"')
            assert f'data-unsaved-client-id="{CLIENT_ID}"' in answer
            assert "live-message--error" in answer
            assert escape(NOT_SAVED_YET) in answer
            # Not a refusal: the note does not go back to the composer, it stays in the outbox.
            assert "data-rejected-client-id" not in answer
            # The phone sends it again while the database is still locked: the same answer.
            await send_action(phone, "note.add", **message)
            again = await receive_until(phone, 'id="live-message"')
            assert f'data-unsaved-client-id="{CLIENT_ID}"' in again

        # Nothing was written and nothing went out while the database was locked.
        assert await database_sync_to_async(Note.objects.count)() == 0
        await assert_nothing_else(presenter, phone)

        # The database is back: the outbox's resend is saved, and shown once everywhere.
        await send_action(phone, "note.add", **message)
        shown = await receive_until(presenter, f'data-client-id="{CLIENT_ID}"')
        assert shown.count(f'data-client-id="{CLIENT_ID}"') == 1
        await receive_until(phone, f'data-client-id="{CLIENT_ID}"')
        # One more resend (an acknowledgement lost on the way) still makes one note.
        await send_action(phone, "note.add", **message)
        await receive_until(phone, f'data-client-id="{CLIENT_ID}"')
        await assert_nothing_else(presenter)
    notes = await database_sync_to_async(
        lambda: list(Note.objects.values_list("text", flat=True))
    )()
    assert notes == ["Customers call us back"]


async def test_a_vote_or_a_control_while_the_database_is_locked_asks_to_try_again(
    facilitator, workshop, participant, board
):
    activities = await database_sync_to_async(
        lambda: list(workshop.activities.order_by("position").values_list("pk", flat=True))
    )()
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)

        with database_locked():
            await send_action(presenter, "activity.goto", activity=activities[0])
            answer = await receive_until(presenter, 'id="live-message"')
            assert escape(NOT_DONE_YET) in answer
            assert "data-unsaved-client-id" not in answer
            # A client_id the phone cannot have made is not echoed back.
            await send_action(phone, "note.add", client_id='"><script>', text="x", activity=1)
            answer = await receive_until(phone, 'id="live-message"')
            assert escape(NOT_DONE_YET) in answer
            assert "<script>" not in answer

        # The sockets stayed open and the room goes on.
        await send_action(presenter, "activity.goto", activity=activities[0])
        await receive_until(phone, 'id="stage"', f'data-activity="{activities[0]}"')
    assert await database_sync_to_async(Note.objects.count)() == 0
