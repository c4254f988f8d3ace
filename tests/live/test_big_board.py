"""A board of 5,000 notes: every frame stays under the websocket frame limit, and a new
presenter and a new phone get the whole board and can move on."""

from __future__ import annotations

import re

import pytest
from channels.db import database_sync_to_async

from tests.conftest import make_participant
from workshops import services
from workshops.live.frames import FRAME_LIMIT, PART_HEAD, frames, joined
from workshops.models import Activity, Note

from .helpers import RoomSockets, communicator, facilitator_cookies, participant_cookies

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NOTES = 5_000
# Rendering 5,000 notes takes seconds on a busy machine; a frame never waits this long.
SLOW = 60


@pytest.fixture
def big_board(workshop, facilitator) -> Activity:
    """The rituals board with 5,000 notes from 50 people, on every screen."""
    board = workshop.activities.get(title="Invent customer rituals")
    column = board.columns.get()
    people = [make_participant(workshop, f"Person {n}") for n in range(50)]
    Note.objects.bulk_create(
        Note(
            activity=board,
            column=column,
            participant=people[n % 50],
            author_name=people[n % 50].display_name,
            text=f"Note {n}: we call five customers every week and share what we heard — ✓",
            client_id=f"big-board-{n:06d}",
        )
        for n in range(NOTES)
    )
    services.goto_activity(workshop, facilitator, board.pk)
    return board


async def receive_message(socket) -> tuple[str, list[str]]:
    """The next whole message (its parts joined, as the browser does), and its frames."""
    received: list[str] = []
    while True:
        output = await socket.receive_output(SLOW)
        assert output["type"] == "websocket.send", f"closed after {len(received)} frames"
        frame = output["text"]
        received.append(frame)
        head = PART_HEAD.match(frame)
        if head is None or head.group(2) == head.group(3):
            (message,) = joined(received)
            return message, received


async def receive_message_with(socket, *texts: str) -> tuple[str, list[str]]:
    while True:
        message, received = await receive_message(socket)
        if all(text in message for text in texts):
            return message, received


def note_ids(message: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<article id="note-(\d+)"', message)}


def assert_within_the_limit(received: list[str]) -> None:
    sizes = [len(frame.encode("utf-8")) for frame in received]
    assert max(sizes) < FRAME_LIMIT // 2, f"a frame of {max(sizes):,} bytes"


async def test_a_new_presenter_and_a_new_phone_get_all_5000_notes_in_frames_under_the_limit(
    facilitator, workshop, participant, big_board
):
    expected = await database_sync_to_async(
        lambda: set(Note.objects.filter(activity=big_board).values_list("pk", flat=True))
    )()
    assert len(expected) == NOTES
    async with RoomSockets() as sockets:
        presenter = communicator(workshop.room_code, await facilitator_cookies(facilitator))
        phone = communicator(workshop.room_code, participant_cookies(participant))
        sockets.opened += [presenter, phone]
        assert (await presenter.connect(SLOW))[0]
        assert (await phone.connect(SLOW))[0]

        snapshot, received = await receive_message(presenter)
        assert len(received) > 1, "a board this size comes in parts"
        assert_within_the_limit(received)
        assert 'id="stage"' in snapshot and 'id="agenda-nav"' in snapshot
        assert note_ids(snapshot) == expected

        phone_snapshot, phone_received = await receive_message(phone)
        assert_within_the_limit(phone_received)
        assert note_ids(phone_snapshot) == expected
        assert 'id="me"' in phone_snapshot

        # The presenter moves on, and back: the board goes to every phone again, in parts.
        await presenter.send_json_to({"action": "activity.next"})
        await receive_message_with(phone, 'id="stage"', "Design the best rituals")
        await presenter.send_json_to({"action": "activity.goto", "activity": big_board.pk})
        again, again_received = await receive_message_with(phone, 'id="stage"', big_board.title)
        assert_within_the_limit(again_received)
        assert note_ids(again) == expected


def test_a_long_message_is_cut_into_parts_that_join_into_it_again():
    text = "é€😀<p>" * 40_000  # multi-byte characters across the part boundaries
    parts = frames(text, "9")
    assert len(parts) > 1
    assert all(len(part.encode("utf-8")) < FRAME_LIMIT // 2 for part in parts)
    assert joined(["<p>before</p>", *parts, "<p>after</p>"]) == [
        "<p>before</p>",
        text,
        "<p>after</p>",
    ]
    assert frames("<p>short</p>", "10") == ["<p>short</p>"]
