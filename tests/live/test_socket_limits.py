"""How fast one socket may send, and how many sockets one address may open."""

from __future__ import annotations

import asyncio

import pytest
from channels.db import database_sync_to_async
from django.core.cache import cache
from django.utils.html import escape

from bench.scenarios import Options
from tests.conftest import participant_cookie
from workshops import services
from workshops.live.budget import SLOW_DOWN, MessageBudget
from workshops.models import Activity, Note

from .helpers import (
    TIMEOUT,
    RoomSockets,
    communicator,
    first_frame,
    receive_close,
    receive_until,
    send_action,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLOSE_TRY_AGAIN_LATER = 1013


@pytest.fixture(autouse=True)
def clear_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rituals(workshop, facilitator) -> Activity:
    board = workshop.activities.get(title="Invent customer rituals")
    services.goto_activity(workshop, facilitator, board.pk)
    return board


async def in_db(function, *args):
    return await database_sync_to_async(function)(*args)


# The message budget ------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_budget_allows_its_burst_then_refills_at_its_rate():
    clock = Clock()
    budget = MessageBudget(per_second=2, burst=3, clock=clock)

    assert [budget.spend() for _ in range(4)] == [True, True, True, False]
    clock.now += 0.5  # one message's worth
    assert [budget.spend() for _ in range(2)] == [True, False]
    clock.now += 60  # never more than the burst, however long the socket was quiet
    assert [budget.spend() for _ in range(4)] == [True, True, True, False]


def test_the_default_budget_holds_a_full_outbox_and_the_benchs_senders(settings):
    # A phone back from a dead zone resends its whole outbox at once: at most a board's cap.
    assert settings.SOCKET_MESSAGE_BURST >= settings.NOTES_PER_PERSON_MAX
    # The bench's busiest socket is the presenter's: every n-th note of the burst rate.
    options = Options.from_env()
    busiest = max(20, options.rate) / options.presenter_every
    assert busiest <= settings.SOCKET_MESSAGES_PER_SECOND / 2


async def test_messages_beyond_the_budget_are_answered_slow_down_and_dropped(
    settings, workshop, participant, rituals
):
    settings.SOCKET_MESSAGE_BURST = 3
    settings.SOCKET_MESSAGES_PER_SECOND = 1
    (column_id,) = await in_db(lambda: list(rituals.columns.values_list("pk", flat=True)))
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)
        for n in range(5):
            await send_action(
                amira,
                "note.add",
                activity=str(rituals.pk),
                column=str(column_id),
                text=f"Note {n}",
                client_id=f"flood-{n:04d}",
            )
        slow, shown = 0, set()
        while slow < 2 or len(shown) < 3:
            frame = await receive_until(amira, "")
            if escape(SLOW_DOWN) in frame:
                assert "live-message--error" in frame
                # The dropped note stays in the phone's outbox, sent again after a pause.
                assert f'data-unsaved-client-id="flood-{slow + 3:04d}"' in frame
                slow += 1
            shown.update(n for n in range(5) if f'data-client-id="flood-{n:04d}"' in frame)
        assert (slow, shown) == (2, {0, 1, 2})
        assert await in_db(Note.objects.count) == 3

        # The socket stays open, and once the budget refills the phone is heard again.
        await asyncio.sleep(1.1)
        await send_action(
            amira,
            "note.add",
            activity=str(rituals.pk),
            column=str(column_id),
            text="After a breath",
            client_id="flood-late",
        )
        await receive_until(amira, 'data-client-id="flood-late"')
    assert await in_db(lambda: Note.objects.filter(client_id="flood-late").count()) == 1
    assert await in_db(Note.objects.count) == 4


# Socket opens per address ------------------------------------------------------------------


def socket_from(address: str, code: str, cookies: dict[str, str]):
    socket = communicator(code, cookies)
    socket.scope["client"] = (address, 50000)
    return socket


async def test_an_address_that_opens_too_many_sockets_is_told_to_try_again_later(
    settings, workshop, participant
):
    settings.SOCKET_OPENS_PER_WINDOW = 2
    settings.SOCKET_OPEN_WINDOW_SECONDS = 24 * 60 * 60
    cookies = {settings.PARTICIPANT_COOKIE: participant_cookie(participant)}
    opened = []
    try:
        for _ in range(2):
            socket = socket_from("198.51.100.7", workshop.room_code, cookies)
            opened.append(socket)
            assert (await socket.connect(timeout=TIMEOUT))[0]
            assert "id=" in await first_frame(socket)

        refused = socket_from("198.51.100.7", workshop.room_code, cookies)
        opened.append(refused)
        assert (await refused.connect(timeout=TIMEOUT))[0]
        message = await receive_until(refused, "Too many connections from this network")
        assert "live-message" in message
        assert await receive_close(refused) == CLOSE_TRY_AGAIN_LATER

        # Another address is not held back.
        other = socket_from("198.51.100.8", workshop.room_code, cookies)
        opened.append(other)
        assert (await other.connect(timeout=TIMEOUT))[0]
        assert "id=" in await first_frame(other)
    finally:
        for socket in opened:
            if not socket.future.done():
                await socket.disconnect()


async def test_behind_the_proxy_sockets_count_by_the_forwarded_address(
    settings, workshop, participant
):
    settings.BEHIND_PROXY = True
    settings.SOCKET_OPENS_PER_WINDOW = 1
    settings.SOCKET_OPEN_WINDOW_SECONDS = 24 * 60 * 60
    cookies = {settings.PARTICIPANT_COOKIE: participant_cookie(participant)}
    opened = []
    try:
        for forwarded in ("203.0.113.1", "203.0.113.2"):
            socket = socket_from("127.0.0.1", workshop.room_code, cookies)
            socket.scope["headers"].append((b"x-forwarded-for", forwarded.encode()))
            opened.append(socket)
            assert (await socket.connect(timeout=TIMEOUT))[0]
            assert "id=" in await first_frame(socket)
    finally:
        for socket in opened:
            if not socket.future.done():
                await socket.disconnect()


def test_the_default_socket_limit_lets_a_conference_network_reconnect(settings):
    # A thousand phones behind one address, all reconnecting in the same minute, twice.
    assert settings.SOCKET_OPENS_PER_WINDOW / (settings.SOCKET_OPEN_WINDOW_SECONDS / 60) >= 2000
