"""Hostile socket messages: whatever a screen sends, it gets an answer and its socket stays open.

Every action of the table (the core's and every kind's) is sent with each field set to values
no form would produce: wrong types, deep nesting, lone surrogates, huge numbers. Each message
must be answered (the sender sees at least one frame before a probe's answer), nothing may be
logged as a failure, the socket must stay open, and other people's data must not change.
"""

from __future__ import annotations

import json
import logging

import pytest
from channels.db import database_sync_to_async
from django.utils.html import escape

from tests.conftest import make_participant
from workshops import kinds
from workshops.live import actions
from workshops.live.actions import CORE_ACTIONS
from workshops.models import Note, Participant

from .helpers import (
    RoomSockets,
    describe,
    receive_presence,
    receive_until,
    send_action,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("unlimited_send_budget"),
]

CANNOT_READ = actions.UNKNOWN_ACTION
DID_NOT_WORK = actions.FAILED


def nested(depth: int) -> object:
    value: object = "x"
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


# Each within the 16,000-byte limit of a message.
HOSTILE_VALUES = {
    "none": None,
    "true": True,
    "empty-list": [],
    "list": [1, 2, 3],
    "dict": {"pk": 1},
    "nested-30": nested(30),
    "huge-int": 2**80,
    "negative": -1,
    "float": 1.5e308,
    "empty": "",
    "nul": "a\x00b",
    "lone-surrogate": "\ud800",
    "long-text": "x" * 5_000,
    "markup": '<img src=x onerror="alert(1)">',
}


def all_actions() -> list[tuple[str, list[str]]]:
    table = {**CORE_ACTIONS, **dict(kinds.socket_actions())}
    return sorted(
        (name, list(action.form.base_fields) if action.form else [])
        for name, action in table.items()
    )


def probe(number: int) -> dict:
    """A message whose refusal names it (its client_id comes back), to mark the answer's end."""
    return {"action": "note.add", "text": "", "client_id": f"probe{number:06d}"}


async def answered(socket, message: str, number: int) -> list[str]:
    """Send ``message``, then a probe; every frame up to the probe's refusal, which must come
    after at least one frame answering ``message`` — and no close on the way."""
    await socket.send_to(text_data=message)
    await socket.send_json_to(probe(number))
    marker = f'data-rejected-client-id="probe{number:06d}"'
    frames: list[str] = []
    while True:
        output = await socket.receive_output(5)
        assert output["type"] == "websocket.send", f"closed after {message[:200]!r}"
        if marker in (output.get("text") or ""):
            break
        frames.append(describe(output))
    assert frames, f"no answer to {message[:200]!r}"
    return frames


def people_and_notes() -> tuple[list, list]:
    return (
        list(Participant.objects.order_by("pk").values_list("pk", "display_name", "removed_at")),
        list(Note.objects.order_by("pk").values_list("pk", "text", "participant_id")),
    )


@pytest.mark.parametrize("value_name", HOSTILE_VALUES)
async def test_every_action_with_hostile_fields_is_answered_and_the_socket_stays_open(
    value_name, facilitator, workshop, participant, other_participant, caplog, settings
):
    # A broadcast answer would otherwise wait for the end of the room's tick, after the
    # probe's immediate refusal: here each answer must come before the next message's.
    settings.LIVE_TICK_MS = 0
    value = HOSTILE_VALUES[value_name]
    other_before = await database_sync_to_async(people_and_notes)()
    number = 0
    with caplog.at_level(logging.ERROR):
        async with RoomSockets() as sockets:
            presenter, _ = await sockets.facilitator(facilitator, workshop)
            phone, _ = await sockets.participant(participant)
            await receive_presence(presenter, participant.display_name)
            for socket in (phone, presenter):
                for name, fields in all_actions():
                    message = {"action": name, **dict.fromkeys(fields, value)}
                    # Also what htmx adds, and one field no form knows.
                    message["HEADERS"] = value
                    message["client_id"] = value
                    number += 1
                    await answered(socket, json.dumps(message), number)
            # Both still work.
            await send_action(presenter, "timer.stop")
            await receive_until(phone, 'id="timer"')
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not failures, [r.getMessage() for r in failures]
    # Only the room's own participant could have added a note (a string value); nobody else's
    # rows changed, and nobody was removed.
    people, notes = await database_sync_to_async(people_and_notes)()
    assert people == other_before[0]
    assert [n for n in notes if n[2] != participant.pk] == other_before[1]


async def test_deeply_nested_json_within_the_size_limit_is_answered(facilitator, workshop):
    deep = "[" * 7_000 + "]" * 7_000
    deep_object = '{"action": "note.add", "text": ' + "[" * 5_000 + "]" * 5_000 + "}"
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        for number, message in enumerate((deep, deep_object)):
            frames = await answered(presenter, message, number)
            assert escape(CANNOT_READ) in frames[0]


async def test_a_lone_surrogate_in_a_client_id_is_not_echoed_back(workshop, participant):
    message = '{"action": "note.add", "text": "", "client_id": "abcdefgh\\ud800"}'
    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        frames = await answered(phone, message, 1)
    assert escape(CANNOT_READ) in frames[0]
    for frame in frames:
        frame.encode("utf-8")  # every frame can go out as UTF-8


async def test_a_rejected_note_echoes_a_client_id_only_when_it_is_text(workshop, participant):
    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        for number, client_id in enumerate((["abcdefgh"], {"a": 1}, 12345678, None)):
            message = json.dumps({"action": "note.add", "text": "", "client_id": client_id})
            frames = await answered(phone, message, number)
            assert "data-rejected-client-id" not in frames[0]


async def test_a_failure_inside_a_handler_is_logged_answered_and_the_socket_stays_open(
    facilitator, workshop, participant, monkeypatch, caplog
):
    def broken(ctx, cleaned):
        raise RuntimeError("a bug in a handler")

    monkeypatch.setitem(
        CORE_ACTIONS, "timer.stop", actions.SocketAction(None, broken, facilitator_only=True)
    )
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)
        with caplog.at_level(logging.ERROR, logger="workshops.consumers"):
            frames = await answered(presenter, json.dumps({"action": "timer.stop"}), 1)
        assert escape(DID_NOT_WORK) in frames[0]
        assert "live-message--error" in frames[0]
        failure = next(r for r in caplog.records if r.name == "workshops.consumers")
        assert failure.exc_info is not None
        assert "a bug in a handler" in str(failure.exc_info[1])
        # The socket still works, and the phone is still counted in.
        await send_action(presenter, "timer.start", seconds=30)
        await receive_until(phone, 'id="timer"', "data-ends-at")
        bea = await database_sync_to_async(make_participant)(workshop, "Bea")
        await sockets.participant(bea)
        await receive_presence(presenter, participant.display_name, "Bea")
