"""Whole frames, fuzzed: text that is not JSON, JSON that is not an object, unknown or
malformed actions, oversized frames; and the field values a page's form never sends (objects,
nested lists, broken unicode), which the shared preamble refuses before a form field trips.

Deeply nested JSON and a ``client_id`` that is not valid unicode have tests of their own: both
once made the consumer itself raise while reading the message.
"""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from hypothesis import strategies as st

from tests.live.helpers import RoomSockets
from workshops.live import actions
from workshops.models import Cluster, Note, Workshop

from .conftest import count, rows_of
from .strategies import LONE_SURROGATES, Verbatim, examples, json_values, text
from .test_socket_actions import answers_to, check_answer

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CANNOT_READ = actions.UNKNOWN_ACTION
# The consumer's size limit for one message.
MAX_MESSAGE_BYTES = 16_000


def raw_frames() -> st.SearchStrategy[Verbatim]:
    known = sorted(actions.CORE_ACTIONS)
    return st.one_of(
        text(surrogates=False).filter(bool).map(Verbatim),
        st.sampled_from(["{", "}", "[]", "null", "1", '"note.add"', "{'action': 1}", "\x00"]).map(
            Verbatim
        ),
        json_values(surrogates=False).map(lambda value: Verbatim(json.dumps(value))),
        # Objects whose action is unknown, not a string, or a near miss of a real one.
        st.fixed_dictionaries(
            {
                "action": st.one_of(
                    json_values(surrogates=False),
                    st.sampled_from(known).map(str.upper),
                    st.sampled_from(known).map(lambda name: name + " "),
                    st.sampled_from(["__init__", "run", "find_action", "room.html", "room_html"]),
                )
            }
        ).map(lambda message: Verbatim(json.dumps(message))),
        # Just over the size limit.
        st.integers(min_value=1, max_value=200).map(
            lambda extra: Verbatim(
                json.dumps({"action": "note.add", "text": "x" * (MAX_MESSAGE_BYTES + extra)})
            )
        ),
    )


async def test_fuzzed_frames_are_answered_that_the_app_cannot_read_them(
    facilitator, workshop, participant, other_workshop
):
    frames = examples(raw_frames(), 100)
    other_before = await database_sync_to_async(rows_of)(other_workshop)
    here_before = await database_sync_to_async(rows_of)(workshop)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        for number, frame in enumerate(frames):
            for name, socket in (("phone", phone), ("presenter", presenter)):
                answer = await answers_to(socket, frame, f"{name}-frame-{number:04d}")
                check_answer(answer, frame)
                assert any(CANNOT_READ in part or "live-message--error" in part for part in answer)
        count("socket frames", 2 * len(frames))
    assert await database_sync_to_async(rows_of)(other_workshop) == other_before
    after = await database_sync_to_async(rows_of)(workshop)
    # Only presence moved (the phone connected): nothing in the room was written.
    assert {k: v for k, v in after.items() if k != "workshops.Participant"} == {
        k: v for k, v in here_before.items() if k != "workshops.Participant"
    }


# The shared preamble: values a page's form never sends ------------------------------------


@pytest.fixture
def board(workshop, facilitator):
    from workshops import services

    board = workshop.activities.get(title="Invent customer rituals")
    services.goto_activity(workshop, facilitator, board.pk)
    return board


def _note(board, participant) -> Note:
    from workshops import services

    column = board.columns.first()
    return services.add_note(
        board.workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=column.pk,
        text="A customer at every kick-off",
        client_id="setup-note-0001",
    )[0]


NOT_FORM_VALUES = {
    "a-lone-surrogate-in-a-cluster-name": lambda note: {
        "action": "note.group",
        "note": note.pk,
        "group": "\ud800",
    },
    "an-object-for-a-date": lambda note: {
        "action": "ritual.start",
        "activity": note.activity_id,
        "designed": 1,
        "first_occurrence": {"year": 2026},
        "owner": "Head of service",
        "sponsor": "COO",
    },
    "a-list-for-a-date": lambda note: {
        "action": "ritual.update",
        "activity": note.activity_id,
        "first_occurrence": ["2026-12-01T09:30"],
        "owner": "Head of service",
        "sponsor": "COO",
    },
    "a-number-for-a-date": lambda note: {
        "action": "ritual.update",
        "activity": note.activity_id,
        "first_occurrence": 2.4e16,
        "owner": "Head of service",
        "sponsor": "COO",
    },
    "a-nested-list-for-an-id": lambda note: {
        "action": "note.move",
        "note": [[note.pk]],
        "column": note.column_id,
    },
    "an-object-for-an-id": lambda note: {"action": "note.move", "note": {"pk": note.pk}},
}


@pytest.mark.parametrize("make", NOT_FORM_VALUES.values(), ids=NOT_FORM_VALUES.keys())
async def test_a_field_no_form_would_send_is_refused_and_changes_nothing(
    make, facilitator, workshop, participant, board
):
    note = await database_sync_to_async(_note)(board, participant)
    before = await database_sync_to_async(rows_of)(workshop)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        answer = await answers_to(presenter, make(note), "barrier-0001")
    assert any("live-message--error" in frame for frame in answer), answer
    assert await database_sync_to_async(rows_of)(workshop) == before
    assert not await database_sync_to_async(Cluster.objects.exists)()


async def test_a_list_is_still_read_for_a_field_that_takes_several_values():
    from django import forms

    class Several(forms.Form):
        notes = forms.MultipleChoiceField(choices=[("1", "one"), ("2", "two")])

    assert actions.clean_message(Several, {"notes": ["1", "2"]}) == {"notes": ["1", "2"]}


# The consumer's own parsing (hardened on its own branch) ------------------------------------


async def test_deeply_nested_json_within_the_size_limit_is_answered_and_the_socket_stays_open(
    facilitator, workshop
):
    depth = (MAX_MESSAGE_BYTES - 100) // 2
    frame = '{"action": "note.add", "text": ' + "[" * depth + "]" * depth + "}"
    assert len(frame.encode()) <= MAX_MESSAGE_BYTES
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        answer = await answers_to(presenter, Verbatim(frame), "barrier-deep")
    assert any(CANNOT_READ in part for part in answer)


@pytest.mark.parametrize("client_id", LONE_SURROGATES)
async def test_a_client_id_that_is_not_valid_unicode_is_answered_and_the_socket_stays_open(
    client_id, facilitator, workshop, participant, board
):
    column = await database_sync_to_async(lambda: board.columns.first())()
    message = {
        "action": "note.add",
        "activity": board.pk,
        "column": column.pk,
        "text": "Hello",
        "client_id": client_id,
    }
    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        answer = await answers_to(phone, message, "barrier-unicode")
    assert any("live-message--error" in part for part in answer)
    assert not await database_sync_to_async(Note.objects.exists)()
    assert await database_sync_to_async(Workshop.objects.count)() == 1
