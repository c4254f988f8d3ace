"""Sticky-note boards over the room socket: every board action, end to end, as the cast."""

from __future__ import annotations

import re
import time

import pytest
from channels.db import database_sync_to_async
from django.utils.html import escape

from tests.conftest import make_participant
from workshops import services
from workshops.models import Activity, BoardColumn, Cluster, Note, Participant, Vote, Workshop

from .helpers import (
    CLOSE_UNKNOWN_IDENTITY,
    RoomSockets,
    assert_nothing_else,
    everything_so_far,
    facilitator_cookies,
    first_frame,
    receive_close,
    receive_presence,
    receive_until,
    refused,
    send_action,
)

# Serialized rollback: a transactional test empties the database afterwards, and the next one
# still needs the workshop templates the data migration wrote.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ONLY_THE_FACILITATOR = "Only the facilitator of this workshop can do that."
NOT_YOURS = "You can only change your own notes."
NOT_ON_THE_BOARD = "That note is no longer on the board."
PAUSED = "The facilitator has paused input on this board."


# The cast's boards -------------------------------------------------------------------------
# "Our norms today" hides notes until the reveal and has two columns; "Invent customer
# rituals" has one column, 5 votes per person and several votes per note.


@pytest.fixture
def bruno(workshop) -> Participant:
    return make_participant(workshop, "Bruno")


@pytest.fixture
def rituals(workshop, facilitator) -> Activity:
    """The rituals board, on every screen."""
    board = workshop.activities.get(title="Invent customer rituals")
    services.goto_activity(workshop, facilitator, board.pk)
    return board


@pytest.fixture
def norms(workshop, facilitator) -> Activity:
    """The norms board, on every screen, its notes hidden until the facilitator reveals them."""
    board = workshop.activities.get(title="Our norms today")
    services.goto_activity(workshop, facilitator, board.pk)
    return board


@pytest.fixture
def revealed_norms(workshop, facilitator, norms) -> Activity:
    services.reveal_board(workshop, facilitator, norms.pk)
    norms.refresh_from_db()
    return norms


def columns_of(board: Activity) -> list[BoardColumn]:
    return list(board.columns.order_by("position"))


def note_by(participant, board: Activity, text: str, column: int = 0) -> Note:
    """A note written before the sockets open (set-up, through the service)."""
    workshop = board.workshop
    return services.add_note(
        workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=columns_of(board)[column].pk,
        text=text,
        client_id=f"setup-{participant.pk}-{Note.objects.count():04d}",
    )[0]


async def in_db(function, *args, **kwargs):
    return await database_sync_to_async(function)(*args, **kwargs)


def room_state(workshop_pk: int) -> dict:
    """Everything an action could change in a room, to compare before and after."""
    return {
        "workshop": Workshop.objects.filter(pk=workshop_pk)
        .values("current_activity_id", "timer_ends_at", "is_closed", "room_code")
        .get(),
        "activities": list(Activity.objects.filter(workshop_id=workshop_pk).values()),
        "columns": list(BoardColumn.objects.filter(activity__workshop_id=workshop_pk).values()),
        "notes": list(Note.objects.filter(activity__workshop_id=workshop_pk).values()),
        "clusters": list(
            Cluster.objects.filter(column__activity__workshop_id=workshop_pk).values()
        ),
        "votes": list(Vote.objects.filter(note__activity__workshop_id=workshop_pk).values()),
        "participants": list(
            Participant.objects.filter(workshop_id=workshop_pk).values("pk", "removed_at")
        ),
    }


def stage_position(frame: str, text: str) -> int:
    assert text in frame, f"{text!r} is not in the frame"
    return frame.index(text)


def section(frame: str, element_id: str) -> str:
    """The HTML of the element with ``element_id`` up to its first closing </section>."""
    start = frame.index(f'id="{element_id}"')
    return frame[start : frame.index("</section>", start)]


# Adding notes ------------------------------------------------------------------------------


async def test_a_note_from_a_phone_reaches_the_presenter_and_every_phone(
    facilitator, workshop, participant, bruno, rituals
):
    (column,) = await in_db(columns_of, rituals)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(
            amira,
            "note.add",
            activity=str(rituals.pk),
            column=str(column.pk),
            text="A customer story opens every meeting",
            client_id="amira-note-0001",
        )

        frames = {}
        for name, socket in (("presenter", presenter), ("amira", amira), ("bruno", bruno_phone)):
            frames[name] = await receive_until(socket, 'data-client-id="amira-note-0001"')
    note = await in_db(Note.objects.get)
    for frame in frames.values():
        assert "A customer story opens every meeting" in frame
        assert f'hx-swap-oob="beforeend:#column-{column.pk}-notes"' in frame
        assert f'id="note-{note.pk}"' in frame
        assert f'<span id="board-{rituals.pk}-count"><strong>1</strong> note</span>' in frame
        assert f'id="column-{column.pk}-count" class="count" aria-label="1 note">1</span>' in frame
    # The presenter's copy is for moving notes about; the phones' copy is for voting.
    assert f'data-note="{note.pk}"' in frames["presenter"]
    assert "note.vote" not in frames["presenter"]
    assert "note.vote" in frames["bruno"]
    assert (note.text, note.participant_id) == (
        "A customer story opens every meeting",
        participant.pk,
    )


async def test_a_resent_note_is_stored_once_and_only_its_sender_hears_about_it_again(
    facilitator, workshop, participant, bruno, rituals
):
    (column,) = await in_db(columns_of, rituals)
    message = {
        "activity": str(rituals.pk),
        "column": str(column.pk),
        "text": "Call one customer every Friday",
        "client_id": "resent-0000001",
    }
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)
        await send_action(amira, "note.add", **message)
        for socket in (presenter, amira, bruno_phone):
            await receive_until(socket, 'data-client-id="resent-0000001"')

        # The phone lost its connection before the acknowledgement and sends the note again.
        await send_action(amira, "note.add", **message)

        again = await receive_until(amira, 'data-client-id="resent-0000001"')
        presenter_after, amira_after, bruno_after = await everything_so_far(
            presenter, amira, bruno_phone
        )
    assert "Call one customer every Friday" in again
    for frame in presenter_after + amira_after + bruno_after:
        assert "resent-0000001" not in frame
        assert f'id="board-{rituals.pk}-count"' not in frame
    assert await in_db(Note.objects.count) == 1


async def add_from(phone, board: Activity, column: BoardColumn, text, client_id: str) -> None:
    await send_action(
        phone,
        "note.add",
        activity=str(board.pk),
        column=str(column.pk),
        text=text,
        client_id=client_id,
    )


async def test_a_note_that_is_too_long_or_empty_is_refused_and_given_back(
    workshop, participant, rituals
):
    (column,) = await in_db(columns_of, rituals)
    cases = [
        ("x" * 281, "Keep notes under 280 characters (this one has 281)."),
        ("x" * 2001, "That note is far too long."),
        ("", "Write something on the note first."),
        ("  \n\t ", "Write something on the note first."),
        (None, "Write something on the note first."),
    ]
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)
        for index, (text, message) in enumerate(cases):
            client_id = f"refused-{index:04d}"
            await add_from(amira, rituals, column, text, client_id)

            frame = await receive_until(amira, 'id="live-message"')
            assert f'data-rejected-client-id="{client_id}"' in frame, (text, frame)
            assert "live-message--error" in frame, (text, frame)
            assert escape(message) in frame, (text, frame)
            assert await in_db(Note.objects.count) == 0, f"{text!r} was stored"

        # The socket stays open: the next good note goes through.
        await add_from(amira, rituals, column, "A good note", "accepted-0001")
        await receive_until(amira, 'data-client-id="accepted-0001"')
    assert await in_db(lambda: list(Note.objects.values_list("text", flat=True))) == ["A good note"]


@pytest.mark.parametrize(
    "text",
    [{"bold": True}, ["a", "list"], "\x00 null", "\x07\x1b\x7f"],
    ids=["json-object", "json-list", "null-character", "only-control-characters"],
)
async def test_a_note_whose_text_is_garbage_is_refused_and_given_back(
    workshop, participant, rituals, text
):
    (column,) = await in_db(columns_of, rituals)
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)

        await add_from(amira, rituals, column, text, "garbage-0001")

        # The answer is the first frame back: a refusal, or the note on its way to everyone.
        frame = await first_frame(amira)
    assert 'id="live-message"' in frame, f"{text!r} was accepted as a note: {frame.strip()[:200]}"
    assert 'data-rejected-client-id="garbage-0001"' in frame
    assert await in_db(lambda: list(Note.objects.values_list("text", flat=True))) == []


async def test_a_note_with_a_malformed_client_id_is_refused_and_the_id_is_escaped(
    workshop, participant, rituals
):
    (column,) = await in_db(columns_of, rituals)
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)
        await send_action(
            amira,
            "note.add",
            activity=str(rituals.pk),
            column=str(column.pk),
            text="Fine text",
            client_id='"><img src=x onerror=alert(1)>',
        )
        frame = await refused(amira, "Reload the page and try again.")
    assert "<img" not in frame
    assert 'data-rejected-client-id="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"' in frame
    assert await in_db(Note.objects.count) == 0


async def test_a_note_over_the_per_person_cap_is_refused(workshop, participant, rituals):
    await in_db(lambda: Activity.objects.filter(pk=rituals.pk).update(notes_per_person=1))
    await in_db(note_by, participant, rituals, "My only note")
    (column,) = await in_db(columns_of, rituals)
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)
        await send_action(
            amira,
            "note.add",
            activity=str(rituals.pk),
            column=str(column.pk),
            text="One too many",
            client_id="one-too-many",
        )
        frame = await refused(amira, "This board takes 1 notes per person.")
    assert 'data-rejected-client-id="one-too-many"' in frame
    assert await in_db(Note.objects.count) == 1


# Editing and deleting ----------------------------------------------------------------------


async def test_an_author_edits_their_note_and_everyone_sees_the_new_text(
    facilitator, workshop, participant, bruno, rituals
):
    note = await in_db(note_by, participant, rituals, "Weekly customer call")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(amira, "note.edit", note=str(note.pk), text="Daily customer call")

        for socket in (presenter, amira, bruno_phone):
            frame = await receive_until(socket, f'id="note-{note.pk}"', "Daily customer call")
            assert "Weekly customer call" not in frame
    note = await in_db(Note.objects.get)
    assert note.text == "Daily customer call"


async def test_an_author_deletes_their_note_and_it_leaves_every_screen(
    facilitator, workshop, participant, bruno, rituals
):
    note = await in_db(note_by, participant, rituals, "Weekly customer call")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(amira, "note.delete", note=str(note.pk))

        for socket in (presenter, amira, bruno_phone):
            frame = await receive_until(socket, f'<div id="note-{note.pk}" hx-swap-oob="delete">')
            assert f'<span id="board-{rituals.pk}-count"><strong>0</strong> notes</span>' in frame
    assert await in_db(Note.objects.count) == 0


# Authorization -----------------------------------------------------------------------------


async def test_a_participant_cannot_touch_someone_elses_note_or_use_the_facilitators_controls(
    facilitator, workshop, participant, bruno, revealed_norms, rituals
):
    note = await in_db(note_by, participant, revealed_norms, "Amira's norm")
    helps, hinders = await in_db(columns_of, revealed_norms)
    forbidden = [
        ("note.edit", {"note": note.pk, "text": "Bruno was here"}, NOT_YOURS),
        ("note.delete", {"note": note.pk}, NOT_YOURS),
        ("note.move", {"note": note.pk, "column": hinders.pk}, ONLY_THE_FACILITATOR),
        ("note.group", {"note": note.pk, "group": "Bruno's cluster"}, ONLY_THE_FACILITATOR),
        ("note.group", {"note": note.pk, "group": ""}, ONLY_THE_FACILITATOR),
        ("note.spotlight", {"note": note.pk}, ONLY_THE_FACILITATOR),
        ("note.spotlight", {"note": ""}, ONLY_THE_FACILITATOR),
        ("activity.lock", {}, ONLY_THE_FACILITATOR),
        ("activity.unlock", {"activity": revealed_norms.pk}, ONLY_THE_FACILITATOR),
        ("activity.reveal", {"activity": rituals.pk}, ONLY_THE_FACILITATOR),
        ("activity.hide", {}, ONLY_THE_FACILITATOR),
        ("board.sort", {"order": "votes"}, ONLY_THE_FACILITATOR),
        ("board.names", {"show": "true"}, ONLY_THE_FACILITATOR),
        ("timer.start", {"seconds": 60}, ONLY_THE_FACILITATOR),
        ("timer.stop", {}, ONLY_THE_FACILITATOR),
        ("activity.goto", {"activity": rituals.pk}, ONLY_THE_FACILITATOR),
        ("activity.next", {}, ONLY_THE_FACILITATOR),
        ("activity.previous", {}, ONLY_THE_FACILITATOR),
        ("participant.remove", {"participant": participant.pk}, ONLY_THE_FACILITATOR),
    ]
    before = await in_db(room_state, workshop.pk)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)

        for action, fields, message in forbidden:
            await send_action(bruno_phone, action, **{k: str(v) for k, v in fields.items()})
            frame = await receive_until(bruno_phone, 'id="live-message"')
            assert escape(message) in frame, (action, fields, frame)
            assert await in_db(room_state, workshop.pk) == before, (action, fields)

        # Nobody else heard of any of it.
        await receive_presence(presenter, "Amira", "Bruno")
        presenter_after, amira_after = await everything_so_far(presenter, amira)
    assert len(presenter_after) == len(amira_after) == 1
    assert all("Amira&#x27;s norm" not in frame for frame in presenter_after + amira_after)
    assert "Bruno" not in "".join(amira_after)


async def test_the_author_cannot_move_or_group_their_own_note(
    facilitator, workshop, participant, revealed_norms
):
    note = await in_db(note_by, participant, revealed_norms, "Amira's norm")
    _helps, hinders = await in_db(columns_of, revealed_norms)
    before = await in_db(room_state, workshop.pk)
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)
        await send_action(amira, "note.move", note=str(note.pk), column=str(hinders.pk))
        await refused(amira, ONLY_THE_FACILITATOR)
        await send_action(amira, "note.group", note=str(note.pk), group="Mine")
        await refused(amira, ONLY_THE_FACILITATOR)
    assert await in_db(room_state, workshop.pk) == before


async def test_a_participant_cannot_vote_past_their_budget(
    facilitator, workshop, participant, bruno, rituals
):
    await in_db(lambda: Activity.objects.filter(pk=rituals.pk).update(votes_per_person=2))
    note = await in_db(note_by, participant, rituals, "Amira's ritual")
    async with RoomSockets() as sockets:
        bruno_phone, _ = await sockets.participant(bruno)
        for left in (1, 0):
            await send_action(bruno_phone, "note.vote", note=str(note.pk))
            await receive_until(bruno_phone, 'id="me"', f"<strong>{left}</strong> of 2 votes left")

        await send_action(bruno_phone, "note.vote", note=str(note.pk))

        await refused(bruno_phone, "You have used all 2 of your votes.")
    await in_db(note.refresh_from_db)
    assert note.vote_count == 2
    assert await in_db(Vote.objects.count) == 2


async def test_a_participant_of_another_room_cannot_touch_this_rooms_notes(
    facilitator, workshop, participant, other_participant, rituals
):
    note = await in_db(note_by, participant, rituals, "Amira's ritual")
    await in_db(services.vote, workshop, participant=participant, note_id=note.pk)
    (column,) = await in_db(columns_of, rituals)
    forbidden = [
        ("note.edit", {"note": note.pk, "text": "Omar was here"}, NOT_ON_THE_BOARD),
        ("note.delete", {"note": note.pk}, NOT_ON_THE_BOARD),
        ("note.vote", {"note": note.pk}, NOT_ON_THE_BOARD),
        ("note.unvote", {"note": note.pk}, NOT_ON_THE_BOARD),
        (
            "note.add",
            {"activity": rituals.pk, "column": column.pk, "text": "Hi", "client_id": "omar-0001"},
            "That board is not part of this workshop.",
        ),
    ]
    before = await in_db(room_state, workshop.pk)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        omar, _ = await sockets.participant(other_participant)
        for action, fields, message in forbidden:
            await send_action(omar, action, **{k: str(v) for k, v in fields.items()})
            frame = await receive_until(omar, 'id="live-message"')
            assert escape(message) in frame, (action, frame)
        (presenter_after,) = await everything_so_far(presenter)
    assert await in_db(room_state, workshop.pk) == before
    assert len(presenter_after) == 1


async def test_another_facilitator_cannot_reach_this_room_from_their_own(
    facilitator, other_facilitator, workshop, other_workshop, participant, rituals
):
    note = await in_db(note_by, participant, rituals, "Amira's ritual")
    forbidden = [
        ("note.move", {"note": note.pk, "column": note.column_id}, NOT_ON_THE_BOARD),
        ("note.group", {"note": note.pk, "group": "Olga's"}, NOT_ON_THE_BOARD),
        ("note.spotlight", {"note": note.pk}, NOT_ON_THE_BOARD),
        ("note.delete", {"note": note.pk}, NOT_ON_THE_BOARD),
        ("activity.lock", {"activity": rituals.pk}, "That board is not part of this workshop."),
        ("activity.reveal", {"activity": rituals.pk}, "That board is not part of this workshop."),
        ("board.sort", {"activity": rituals.pk, "order": "votes"}, "not part of this workshop"),
        ("activity.goto", {"activity": rituals.pk}, "That activity is not on this workshop"),
        ("participant.remove", {"participant": participant.pk}, "not in this room"),
    ]
    before = await in_db(room_state, workshop.pk)
    async with RoomSockets() as sockets:
        olga, _ = await sockets.facilitator(other_facilitator, other_workshop)
        for action, fields, message in forbidden:
            await send_action(olga, action, **{k: str(v) for k, v in fields.items()})
            frame = await receive_until(olga, 'id="live-message"')
            assert escape(message) in frame, (action, frame)

        # And this room's own socket does not let them in at all.
        intruder = await sockets.open(
            workshop.room_code, await facilitator_cookies(other_facilitator)
        )
        assert await receive_close(intruder) == CLOSE_UNKNOWN_IDENTITY
    assert await in_db(room_state, workshop.pk) == before


# A locked board ------------------------------------------------------------------------------


async def test_nothing_is_accepted_while_the_board_is_locked_but_the_facilitator_may_delete(
    facilitator, workshop, participant, bruno, rituals
):
    mine = await in_db(note_by, participant, rituals, "Amira's ritual")
    bruno_note = await in_db(note_by, bruno, rituals, "Bruno's ritual")
    (column,) = await in_db(columns_of, rituals)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)

        await send_action(presenter, "activity.lock")

        state = await receive_until(amira, f'id="board-state-{rituals.pk}"')
        assert 'data-locked="true"' in state
        assert PAUSED in state
        controls = await receive_until(presenter, f'id="board-controls-{rituals.pk}"')
        assert 'data-locked="true"' in controls
        assert "activity.unlock" in controls
        before = await in_db(room_state, workshop.pk)

        await send_action(
            amira,
            "note.add",
            activity=str(rituals.pk),
            column=str(column.pk),
            text="Too late",
            client_id="too-late-0001",
        )
        frame = await refused(amira, PAUSED)
        assert 'data-rejected-client-id="too-late-0001"' in frame
        for action, fields in [
            ("note.edit", {"note": str(mine.pk), "text": "Changed"}),
            ("note.delete", {"note": str(mine.pk)}),
            ("note.vote", {"note": str(bruno_note.pk)}),
        ]:
            await send_action(amira, action, **fields)
            await refused(amira, PAUSED)
        assert await in_db(room_state, workshop.pk) == before

        # Moderation goes on while input is paused.
        await send_action(presenter, "note.delete", note=str(bruno_note.pk))
        await receive_until(amira, f'<div id="note-{bruno_note.pk}" hx-swap-oob="delete">')
        assert not await in_db(Note.objects.filter(pk=bruno_note.pk).exists)

        await send_action(presenter, "activity.unlock")
        state = await receive_until(amira, f'id="board-state-{rituals.pk}"')
        assert 'data-locked="false"' in state
        await send_action(
            amira,
            "note.add",
            activity=str(rituals.pk),
            column=str(column.pk),
            text="Back in",
            client_id="back-in-00001",
        )
        await receive_until(amira, 'data-client-id="back-in-00001"')
    assert await in_db(Note.objects.count) == 2


# Hidden until the reveal -----------------------------------------------------------------------


async def test_hidden_notes_reach_no_other_phone_and_no_presenter_until_the_reveal(
    facilitator, workshop, participant, bruno, norms
):
    helps, hinders = await in_db(columns_of, norms)
    secrets = ["SECRET-first-norm", "SECRET-second-norm", "SECRET-edited-norm"]
    async with RoomSockets() as sockets:
        presenter, presenter_snapshot = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, bruno_snapshot = await sockets.participant(bruno)
        bruno_frames = [bruno_snapshot]
        presenter_frames = [presenter_snapshot]

        # Amira writes two notes: only her own phone gets them back, in her own list.
        for index, (text, column) in enumerate([(secrets[0], helps), (secrets[1], hinders)]):
            await send_action(
                amira,
                "note.add",
                activity=str(norms.pk),
                column=str(column.pk),
                text=text,
                client_id=f"amira-secret-{index}",
            )
            mine = await receive_until(amira, f'id="my-notes-{norms.pk}"', text)
            await receive_until(
                amira,
                f'<span id="board-{norms.pk}-count"><strong>{index + 1}</strong> note'
                + ("</span>" if index == 0 else "s</span>"),
            )
        assert secrets[0] in mine
        first = await in_db(Note.objects.get, text=secrets[0])
        await send_action(amira, "note.edit", note=str(first.pk), text=secrets[2])
        mine = await receive_until(amira, f'id="my-notes-{norms.pk}"', secrets[2])
        await receive_until(
            amira, f'<span id="board-{norms.pk}-count"><strong>2</strong> notes</span>'
        )

        # Bruno probes for them.
        for action, fields in [
            ("note.vote", {"note": first.pk}),
            ("note.edit", {"note": first.pk, "text": "Show me"}),
            ("note.delete", {"note": first.pk}),
            (
                "note.add",
                {
                    "activity": norms.pk,
                    "column": helps.pk,
                    "text": "Mine",
                    "client_id": "amira-secret-0",
                },
            ),
        ]:
            await send_action(bruno_phone, action, **{k: str(v) for k, v in fields.items()})
        # The facilitator rearranges the hidden board.
        await send_action(presenter, "board.sort", order="votes")
        await send_action(presenter, "board.names", show="true")
        await send_action(presenter, "note.move", note=str(first.pk), column=str(hinders.pk))
        await send_action(presenter, "note.group", note=str(first.pk), group="Secret group")
        presenter_so_far, bruno_so_far = await everything_so_far(presenter, bruno_phone)
        presenter_frames += presenter_so_far
        bruno_frames += bruno_so_far

        # A fresh snapshot after a reconnect shows no more.
        await bruno_phone.disconnect()
        bruno_phone, bruno_snapshot = await sockets.participant(bruno)
        bruno_frames.append(bruno_snapshot)
        presenter_so_far, bruno_so_far = await everything_so_far(presenter, bruno_phone)
        presenter_frames += presenter_so_far
        bruno_frames += bruno_so_far

        everything_bruno_saw = "".join(bruno_frames)
        everything_the_presenter_saw = "".join(presenter_frames)
        for secret in secrets:
            assert secret not in everything_bruno_saw
            assert secret not in everything_the_presenter_saw
        assert 'data-client-id="amira-secret' not in everything_bruno_saw
        assert "amira-secret" not in everything_the_presenter_saw
        # What they do get while hidden: how many notes there are.
        assert (
            f'<span id="board-{norms.pk}-count"><strong>2</strong> notes</span>'
            in everything_bruno_saw
        )
        assert (
            f'<span id="board-{norms.pk}-count"><strong>2</strong> notes</span>'
            in everything_the_presenter_saw
        )
        assert "Voting opens when the facilitator reveals the notes." in everything_bruno_saw
        assert NOT_YOURS in everything_bruno_saw
        assert await in_db(Note.objects.count) == 2

        await send_action(presenter, "activity.reveal")

        for socket in (presenter, amira, bruno_phone):
            stage = await receive_until(socket, 'id="stage"', secrets[1], secrets[2])
            assert "Secret group" in stage
    norms_now = await in_db(Activity.objects.get, pk=norms.pk)
    assert norms_now.is_revealed


async def test_hiding_the_notes_again_takes_them_off_the_phones(
    facilitator, workshop, participant, bruno, revealed_norms
):
    await in_db(note_by, participant, revealed_norms, "A norm everyone saw")
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert "A norm everyone saw" in snapshot
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(presenter, "activity.hide")

        stage = await receive_until(bruno_phone, 'id="stage"')
        presenter_stage = await receive_until(presenter, 'id="stage"')
    assert "A norm everyone saw" not in stage
    assert "A norm everyone saw" not in presenter_stage
    assert "activity.reveal" in presenter_stage
    assert (await in_db(Activity.objects.get, pk=revealed_norms.pk)).notes_hidden


# Votes, spotlight and timer ----------------------------------------------------------------


async def test_a_vote_updates_only_the_notes_count_and_the_voters_own_votes_left(
    facilitator, workshop, participant, bruno, rituals
):
    note = await in_db(note_by, participant, rituals, "Amira's ritual")
    votes_id = f'id="note-{note.pk}-votes"'
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)
        await receive_until(presenter, 'id="participants"', "Bruno")

        await send_action(bruno_phone, "note.vote", note=str(note.pk))

        me = await receive_until(bruno_phone, 'id="me"')
        assert "<strong>4</strong> of 5 votes left" in me
        assert f'#note-{note.pk} .note__my-votes::after {{ content: "1 yours"; }}' in me
        for socket in (bruno_phone, amira, presenter):
            frame = await receive_until(socket, votes_id)
            assert 'data-count="1"><strong>1</strong> vote</span>' in frame
            assert frame.strip().startswith(f'<span id="note-{note.pk}-votes"')
            assert "Amira&#x27;s ritual" not in frame
            assert 'id="stage"' not in frame

        await send_action(bruno_phone, "note.unvote", note=str(note.pk))

        me = await receive_until(bruno_phone, 'id="me"')
        assert "<strong>5</strong> of 5 votes left" in me
        for socket in (bruno_phone, amira, presenter):
            frame = await receive_until(socket, votes_id)
            assert 'data-count="0"><strong>0</strong> votes</span>' in frame
    await in_db(note.refresh_from_db)
    assert note.vote_count == 0


async def test_the_facilitator_spotlights_a_note_on_every_screen_and_clears_it(
    facilitator, workshop, participant, bruno, rituals
):
    note = await in_db(note_by, participant, rituals, "Everyone calls a customer monthly")
    spotlight_id = f'id="spotlight-{rituals.pk}"'
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(presenter, "note.spotlight", note=str(note.pk))

        for socket in (bruno_phone, presenter):
            frame = await receive_until(socket, spotlight_id)
            assert "Everyone calls a customer monthly" in frame
            assert "In the spotlight" in frame
        assert (await in_db(Activity.objects.get, pk=rituals.pk)).spotlight_note_id == note.pk

        await send_action(presenter, "note.spotlight", note="")

        for socket in (bruno_phone, presenter):
            frame = await receive_until(socket, spotlight_id)
            assert f'{spotlight_id} class="spotlight" hidden' in frame
            assert "Everyone calls a customer monthly" not in frame
    assert (await in_db(Activity.objects.get, pk=rituals.pk)).spotlight_note_id is None


async def test_deleting_the_spotlit_note_clears_the_spotlight_on_every_screen(
    facilitator, workshop, participant, bruno, rituals
):
    note = await in_db(note_by, participant, rituals, "Everyone calls a customer monthly")
    await in_db(services.spotlight_note, workshop, facilitator, note_id=note.pk)
    spotlight_id = f'id="spotlight-{rituals.pk}"'
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        bruno_phone, snapshot = await sockets.participant(bruno)
        assert "In the spotlight" in snapshot

        await send_action(presenter, "note.delete", note=str(note.pk))

        frame = await receive_until(bruno_phone, f'<div id="note-{note.pk}" hx-swap-oob="delete">')
    assert f'{spotlight_id} class="spotlight" hidden' in frame
    assert "Everyone calls a customer monthly" not in frame
    assert (await in_db(Activity.objects.get, pk=rituals.pk)).spotlight_note_id is None


async def test_the_timer_counts_down_on_every_screen_and_stops(
    facilitator, workshop, participant, rituals
):
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)

        started = time.time()
        await send_action(presenter, "timer.start", seconds="120")

        for socket in (amira, presenter):
            frame = await receive_until(socket, 'id="timer"', "data-ends-at")
            ends_at = int(re.search(r'data-ends-at="(\d+)"', frame).group(1))
            assert started + 118 <= ends_at <= time.time() + 121

        await send_action(presenter, "timer.stop")

        for socket in (amira, presenter):
            frame = await receive_until(socket, 'id="timer"')
            assert "data-ends-at" not in frame
            assert " hidden" in frame
    assert (await in_db(Workshop.objects.get, pk=workshop.pk)).timer_ends_at is None


async def test_a_timer_outside_one_second_to_an_hour_is_refused(facilitator, workshop):
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        for seconds in ("0", "3601", "soon"):
            await send_action(presenter, "timer.start", seconds=seconds)
            message = "How long" if seconds == "soon" else "A timer runs from 1 second to 60"
            await receive_until(presenter, 'id="live-message"', message)
    assert (await in_db(Workshop.objects.get, pk=workshop.pk)).timer_ends_at is None


# Arranging the board -----------------------------------------------------------------------


async def test_sorting_by_votes_puts_the_most_voted_note_first_on_every_screen(
    facilitator, workshop, participant, bruno, rituals
):
    older = await in_db(note_by, participant, rituals, "OLDER few votes")
    newer = await in_db(note_by, bruno, rituals, "NEWER many votes")
    for _ in range(2):
        await in_db(services.vote, workshop, participant=participant, note_id=newer.pk)
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert stage_position(snapshot, older.text) < stage_position(snapshot, newer.text)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(presenter, "board.sort", order="votes")

        for socket in (bruno_phone, presenter):
            stage = await receive_until(socket, 'id="stage"', older.text)
            assert stage_position(stage, newer.text) < stage_position(stage, older.text)
        # Sorting changes nothing personal: no phone renders its own marks again.
        await assert_nothing_else(presenter, bruno_phone)

        await send_action(presenter, "board.sort", order="time")

        stage = await receive_until(bruno_phone, 'id="stage"', older.text)
        assert stage_position(stage, older.text) < stage_position(stage, newer.text)
    assert not (await in_db(Activity.objects.get, pk=rituals.pk)).sort_by_votes


async def test_showing_names_puts_the_authors_on_every_screen(
    facilitator, workshop, participant, bruno, rituals
):
    await in_db(note_by, participant, rituals, "Amira's ritual")
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert '<span class="note__author">' not in snapshot
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(presenter, "board.names", show="true")

        stage = await receive_until(bruno_phone, 'id="stage"')
        assert '<span class="note__author">Amira</span>' in stage

        await send_action(presenter, "board.names", show="false")

        stage = await receive_until(bruno_phone, 'id="stage"')
        assert '<span class="note__author">' not in stage


async def test_moving_a_note_sends_it_into_its_new_column(
    facilitator, workshop, participant, bruno, revealed_norms
):
    note = await in_db(note_by, participant, revealed_norms, "We call back the same day")
    helps, hinders = await in_db(columns_of, revealed_norms)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(presenter, "note.move", note=str(note.pk), column=str(hinders.pk))

        for socket in (bruno_phone, presenter):
            frame = await receive_until(
                socket, f'hx-swap-oob="beforeend:#column-{hinders.pk}-notes"'
            )
            assert f'id="note-{note.pk}"' in frame
            assert f'id="note-{note.pk}"' not in section(frame, f"column-{helps.pk}")
            assert (
                f'id="column-{hinders.pk}-count" class="count" aria-label="1 note">1</span>'
                in frame
            )
    await in_db(note.refresh_from_db)
    assert note.column_id == hinders.pk


async def test_grouping_a_note_sends_its_column_again_with_the_cluster(
    facilitator, workshop, participant, bruno, revealed_norms
):
    note = await in_db(note_by, participant, revealed_norms, "We call back the same day")
    helps, _hinders = await in_db(columns_of, revealed_norms)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(presenter, "note.group", note=str(note.pk), group="Speed")

        frames = [
            await receive_until(socket, f'id="column-{helps.pk}"', 'data-cluster-name="Speed"')
            for socket in (bruno_phone, presenter)
        ]
        cluster = await in_db(Cluster.objects.get)
        for frame in frames:
            notes = frame.index(f'id="cluster-{cluster.pk}-notes"')
            assert frame.index(f'id="note-{note.pk}"') > notes

        await send_action(presenter, "note.group", note=str(note.pk), group="")

        frame = await receive_until(bruno_phone, f'id="column-{helps.pk}"')
        assert "data-cluster-name" not in frame
        assert f'id="note-{note.pk}"' in frame
    assert await in_db(Cluster.objects.count) == 0


# Coming back -------------------------------------------------------------------------------


async def test_a_phone_that_reconnects_gets_the_board_its_votes_the_lock_timer_and_spotlight(
    facilitator, workshop, participant, bruno, rituals
):
    note = await in_db(note_by, participant, rituals, "Everyone calls a customer monthly")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        bruno_phone, _ = await sockets.participant(bruno)
        for _ in range(2):
            await send_action(bruno_phone, "note.vote", note=str(note.pk))
            await receive_until(bruno_phone, 'id="me"')
        await send_action(presenter, "note.spotlight", note=str(note.pk))
        await receive_until(presenter, f'id="spotlight-{rituals.pk}"')
        await send_action(presenter, "timer.start", seconds="300")
        await receive_until(presenter, 'id="timer"', "data-ends-at")
        await send_action(presenter, "activity.lock")
        await receive_until(presenter, f'id="board-controls-{rituals.pk}"')
        await bruno_phone.disconnect()

        _again, snapshot = await sockets.participant(bruno)

    assert "Everyone calls a customer monthly" in snapshot
    assert f'id="note-{note.pk}"' in snapshot
    assert 'data-count="2"><strong>2</strong> votes</span>' in snapshot
    assert f'#note-{note.pk} .note__my-votes::after {{ content: "2 yours"; }}' in snapshot
    assert "<strong>3</strong> of 5 votes left" in snapshot
    assert re.search(rf'id="board-state-{rituals.pk}"[^>]*data-locked="true"', snapshot)
    assert re.search(r'id="timer"[^>]*data-ends-at="\d+"', snapshot)
    spotlight = snapshot[snapshot.index(f'id="spotlight-{rituals.pk}"') :]
    assert spotlight.index("Everyone calls a customer monthly") < spotlight.index("</div>")


# Whose note is whose -------------------------------------------------------------------------


async def test_nothing_sent_to_every_phone_ties_a_note_to_its_author(
    facilitator, workshop, participant, bruno, rituals, revealed_norms
):
    """Names hidden: no mark shared by one person's notes, on one board or across boards; only
    the author's own phone learns which notes are theirs."""
    (rituals_column,) = await in_db(columns_of, rituals)
    norms_column = (await in_db(columns_of, revealed_norms))[0]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)
        seen_by_bruno = []
        for board, column, text in [
            (revealed_norms, norms_column, "Norm one by Amira"),
            (revealed_norms, norms_column, "Norm two by Amira"),
            (rituals, rituals_column, "Ritual by Amira"),
        ]:
            if board == rituals:
                await send_action(presenter, "activity.goto", activity=rituals.pk)
                await receive_until(bruno_phone, 'id="stage"', rituals.title)
                await receive_until(amira, 'id="me"')  # the new board's marks
            await send_action(
                amira,
                "note.add",
                activity=str(board.pk),
                column=str(column.pk),
                text=text,
                client_id=f"amira-{len(seen_by_bruno):04d}-note",
            )
            mine = await receive_until(amira, 'id="me"')
            seen_by_bruno.append(await receive_until(bruno_phone, text))
            note = await in_db(Note.objects.get, text=text)
            # Amira's phone is told this note is hers.
            assert f"#note-{note.pk}" in mine

        notes = await in_db(lambda: list(Note.objects.filter(participant=participant)))
        # The shared fragments carry nothing but the note's own id and client id per note.
        for frame, note in zip(seen_by_bruno, notes, strict=True):
            article = re.search(r"<article [^>]*>", frame).group(0)
            attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', article))
            assert set(attributes) <= {"id", "class", "data-client-id"}, attributes
            assert attributes["id"] == f"note-{note.pk}"
        # Bruno's own marks name none of Amira's notes.
        await send_action(bruno_phone, "note.vote", note=notes[-1].pk)
        bruno_me = await receive_until(bruno_phone, 'id="me"')
        assert not any(f"#note-{n.pk} .note__mine" in bruno_me for n in notes)
        # Reconnected, Amira's phone still finds its notes on this board.
        await amira.disconnect()
        _again, snapshot = await sockets.participant(participant)
        assert f"#note-{notes[-1].pk} .note__mine" in snapshot
