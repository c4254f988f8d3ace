"""Every socket action, fuzzed: hostile messages from a phone and from the presenter.

For every action in the room's action table (the core's and every registered kind's), a
participant's phone and the facilitator's presenter send messages drawn by hypothesis: fields
present or missing, wrong types, ids of this room and of another room, huge numbers, hostile
and malformed unicode, nested values, extra keys. After each message a barrier (a refused
timer whose ``client_id`` comes back with the refusal) shows the socket is still open and
answering. The properties:

- never a server error and never a closed socket: every barrier is answered;
- always an answer: something comes back for every message, and a refusal has the protocol's
  shape (the ``#live-message`` fragment);
- the other room's rows are exactly as before, and so are another participant's rows while a
  phone sends (the facilitator may change them: that is what the controls are for).
"""

from __future__ import annotations

import asyncio
import json

import pytest
from channels.db import database_sync_to_async

from tests.conftest import make_facilitator
from tests.filled import fill_workshop
from tests.live.helpers import RoomSockets, describe
from workshops import backup, kinds, services
from workshops.kinds import SocketAction
from workshops.live import actions

from .conftest import count, rows_of
from .strategies import as_frame, examples, messages

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Cases per action and screen whose message reaches the action's form; a participant's
# facilitator-only action is refused before its fields are read, so fewer cases cover it.
EXAMPLES = 50
GATE_EXAMPLES = 10
BARRIER_TIMEOUT = 10.0


def action_groups() -> list[tuple[str, dict[str, SocketAction]]]:
    """The action table, grouped by the kind that declares each action ("core": the core's)."""
    groups = [("core", dict(actions.CORE_ACTIONS))]
    groups += [(kind.key, dict(kind.actions)) for kind in kinds.all_kinds() if kind.actions]
    return groups


def test_the_fuzzed_groups_cover_the_whole_action_table():
    fuzzed = {name for _key, group in action_groups() for name in group}
    table = set(actions.CORE_ACTIONS) | {name for name, _action in kinds.socket_actions()}
    assert fuzzed == table
    assert len(fuzzed) >= 45


def barrier(tag: str) -> str:
    # A participant is refused (facilitator only), the presenter too (no timer of 0 seconds):
    # either way the refusal carries the client_id back.
    return json.dumps({"action": "timer.start", "seconds": "0", "client_id": tag})


async def answers_to(socket, message, tag: str) -> list[str]:
    """Everything the socket received for ``message``, up to the barrier's refusal."""
    await socket.send_to(text_data=as_frame(message))
    await socket.send_to(text_data=barrier(tag))
    marker = f'data-rejected-client-id="{tag}"'
    frames: list[str] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + BARRIER_TIMEOUT
    while True:
        remaining = deadline - loop.time()
        try:
            assert remaining > 0
            output = await socket.receive_output(remaining)
        except (TimeoutError, AssertionError):
            raise AssertionError(f"No answer within {BARRIER_TIMEOUT}s to {message!r}") from None
        except Exception as error:  # the consumer raised: the server error the fuzzer hunts
            raise AssertionError(f"The server failed on {message!r}: {error!r}") from error
        assert output["type"] == "websocket.send", (
            f"The socket was closed ({describe(output)}) after {message!r}"
        )
        text = output.get("text") or ""
        try:
            # A real server sends text frames as UTF-8; the test communicator does not encode.
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise AssertionError(f"A frame that is not valid UTF-8 answered {message!r}") from None
        if marker in text:
            return frames
        frames.append(text)


def check_answer(frames: list[str], message: dict) -> None:
    assert frames, f"Nothing came back for {message!r}"
    for frame in frames:
        if 'id="live-message"' in frame and "live-message--error" in frame:
            assert "Traceback" not in frame and "Exception" not in frame, frame


async def fuzz(socket, cases: list[dict], tag: str) -> None:
    for number, message in enumerate(cases):
        check_answer(await answers_to(socket, message, f"{tag}-{number:05d}"), message)
    count("socket messages", len(cases))


@database_sync_to_async
def cases_for(name: str, action: SocketAction, ids: list[int], number: int) -> list[dict]:
    # In a thread: a form's model choices are read from the database.
    return examples(messages(name, action.form, ids), number)


def setup_rooms(facilitator):
    """This room and another, both with something in every table."""
    here = fill_workshop(facilitator)
    other = fill_workshop(make_facilitator("Olga"), "Someone else's day")
    ids = sorted(
        {pk for rows in backup.collect(here.workshop).values() for pk in rows}
        | {pk for rows in backup.collect(other.workshop).values() for pk in rows}
    )
    return here, other, ids


def show(workshop, facilitator, kind_key: str) -> None:
    """Put the kind's first activity on every screen (the core's actions: the first board)."""
    key = "board" if kind_key == "core" else kind_key
    activity = workshop.activities.filter(kind=key).order_by("position").first()
    services.goto_activity(workshop, facilitator, activity.pk)


@pytest.mark.parametrize(
    "kind_key,group", action_groups(), ids=[key for key, _group in action_groups()]
)
async def test_fuzzed_actions_are_answered_and_change_nothing_they_must_not(
    facilitator, kind_key, group, settings
):
    # A broadcast answer would otherwise wait for the end of the room's tick, after the
    # probe's immediate refusal: here each answer must come before the next message's.
    settings.LIVE_TICK_MS = 0
    here, other, ids = await database_sync_to_async(setup_rooms)(facilitator)
    workshop, amira, bruno = here.workshop, here.participants[0], here.participants[1]
    other_before = await database_sync_to_async(rows_of)(other.workshop)
    bruno_before = await database_sync_to_async(rows_of)(bruno)

    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(amira, workshop)

        # A phone first: nothing it sends may touch Bruno's rows or the other room.
        for name, action in group.items():
            await database_sync_to_async(show)(workshop, facilitator, kind_key)
            number = GATE_EXAMPLES if action.facilitator_only else EXAMPLES
            await fuzz(phone, await cases_for(name, action, ids, number), f"phone-{name}")
        bruno_after = await database_sync_to_async(rows_of)(bruno)

        # Then the presenter: its controls may change anyone's rows here, none in the other room.
        for name, action in group.items():
            await database_sync_to_async(show)(workshop, facilitator, kind_key)
            await fuzz(presenter, await cases_for(name, action, ids, EXAMPLES), name)

    assert bruno_rows(bruno_after, bruno.pk) == bruno_rows(bruno_before, bruno.pk)
    assert {"workshops.Note", "workshops.Rating", "rituals.Commitment"} <= set(bruno_before)
    assert await database_sync_to_async(rows_of)(other.workshop) == other_before


def bruno_rows(rows: dict[str, list[dict]], bruno: int) -> dict[str, list[dict]]:
    """Another person's rows, less what others rightly change: votes on their notes (the
    voters' rows), their notes' vote counts, and their votes on notes the authors deleted."""
    own_notes = {row["pk"] for row in rows.get("workshops.Note", [])}
    cleaned = {}
    for label, serialized in rows.items():
        cleaned[label] = [
            {
                **row,
                "fields": {
                    key: value
                    for key, value in row["fields"].items()
                    if key not in ("vote_count", "updated_at")
                },
            }
            for row in serialized
            if row["fields"].get("participant", bruno) == bruno
            and (label != "workshops.Vote" or row["fields"]["note"] in own_notes)
        ]
    return {label: rows for label, rows in cleaned.items() if rows}
