"""Room-socket helpers: open sockets as the cast, send actions, wait for fragments.

Every socket goes through the real ASGI stack (`config.asgi.application`: origin check,
cookies, sessions, auth, routing), as a browser's would. `RoomSockets` is an async context
manager that disconnects whatever it opened, whatever the test did.
"""

from __future__ import annotations

import asyncio
from typing import Any

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from config.asgi import application
from tests.conftest import participant_cookie
from workshops.models import Participant, Workshop

TIMEOUT = 5.0
CLOSE_UNKNOWN_IDENTITY = 4403
# What htmx's ws extension adds to every message it sends.
HTMX_HEADERS = {
    "HX-Request": "true",
    "HX-Trigger": None,
    "HX-Trigger-Name": None,
    "HX-Target": "room",
    "HX-Current-URL": "http://testserver/",
}


def socket_path(code: str) -> str:
    return f"/ws/rooms/{code}/"


def session_cookie(user) -> str:
    """A logged-in session for ``user``, as the browser's session cookie value (sync code)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def participant_cookies(participant: Participant) -> dict[str, str]:
    return {settings.PARTICIPANT_COOKIE: participant_cookie(participant)}


async def facilitator_cookies(user) -> dict[str, str]:
    return {settings.SESSION_COOKIE_NAME: await database_sync_to_async(session_cookie)(user)}


def communicator(
    code: str, cookies: dict[str, str] | None = None, language: str = "", query: str = ""
) -> WebsocketCommunicator:
    """A screen's socket; ``language``: its browser's Accept-Language; ``query``: what its
    page put after the path (``stage=<version>``)."""
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if language:
        headers.append((b"accept-language", language.encode("latin-1")))
    if cookies:
        header = "; ".join(f"{name}={value}" for name, value in cookies.items())
        headers.append((b"cookie", header.encode("latin-1")))
    path = socket_path(code) + (f"?{query}" if query else "")
    return WebsocketCommunicator(application, path, headers=headers)


def describe(output: dict) -> str:
    if output.get("type") == "websocket.close":
        return f"close({output.get('code')})"
    return (output.get("text") or repr(output.get("bytes")))[:300]


async def receive_until(
    socket: WebsocketCommunicator,
    *texts: str,
    without: tuple[str, ...] = (),
    timeout: float = TIMEOUT,
) -> str:
    """The next text frame that contains every one of ``texts`` and none of ``without``.

    Earlier frames are skipped. Fails with what did arrive if none matches in time, or if the
    server closes the socket first.
    """
    wanted = f"{texts!r}" + (f" without {without!r}" if without else "")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen: list[str] = []
    while True:
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(f"No frame with {wanted} within {timeout}s; got {seen!r}")
        try:
            output = await socket.receive_output(remaining)
        except TimeoutError:
            raise AssertionError(
                f"No frame with {wanted} within {timeout}s; got {seen!r}"
            ) from None
        if output["type"] == "websocket.close":
            raise AssertionError(f"Socket closed ({output.get('code')}) before {wanted}; {seen!r}")
        text = output.get("text") or ""
        if all(part in text for part in texts) and not any(part in text for part in without):
            return text
        seen.append(describe(output))


async def receive_presence(
    presenter: WebsocketCommunicator, *names: str, timeout: float = TIMEOUT
) -> str:
    """The presenter's list of people once ``names`` are in it and nobody in it is away."""
    return await receive_until(
        presenter, 'id="participants"', *names, without=("(away)",), timeout=timeout
    )


async def receive_close(socket: WebsocketCommunicator, *, timeout: float = TIMEOUT) -> int:
    """The close code the server sends next; text frames before it are skipped."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen: list[str] = []
    while True:
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(f"The socket stayed open for {timeout}s; got {seen!r}")
        try:
            output = await socket.receive_output(remaining)
        except TimeoutError:
            raise AssertionError(f"The socket stayed open for {timeout}s; got {seen!r}") from None
        if output["type"] == "websocket.close":
            return output.get("code", 1000)
        seen.append(describe(output))


async def send_action(socket: WebsocketCommunicator, action: str, **fields: Any) -> None:
    """Send an action the way the page's ``ws-send`` forms do: fields plus htmx's HEADERS."""
    await socket.send_json_to({"action": action, **fields, "HEADERS": HTMX_HEADERS})


async def current_activity_id(workshop: Workshop) -> int | None:
    return await database_sync_to_async(
        lambda: Workshop.objects.values_list("current_activity_id", flat=True).get(pk=workshop.pk)
    )()


async def activity_ids(workshop: Workshop) -> list[int]:
    return await database_sync_to_async(
        lambda: list(workshop.activities.order_by("position").values_list("pk", flat=True))
    )()


class RoomSockets:
    """Opens sockets into rooms and disconnects all of them on the way out."""

    def __init__(self) -> None:
        self.opened: list[WebsocketCommunicator] = []

    async def __aenter__(self) -> RoomSockets:
        return self

    async def __aexit__(self, *exc_info) -> None:
        for socket in reversed(self.opened):
            # A socket whose app already ended (it timed out, or failed) has nothing to close.
            if not socket.future.done():
                await socket.disconnect()
        self.opened.clear()

    async def open(self, code: str, cookies: dict[str, str] | None = None) -> WebsocketCommunicator:
        """Open a socket; the server accepts every handshake, even one it will close at once."""
        socket = communicator(code, cookies)
        self.opened.append(socket)
        connected, _subprotocol = await socket.connect(timeout=TIMEOUT)
        assert connected, "The server refused the websocket handshake"
        return socket

    async def facilitator(self, user, workshop: Workshop) -> tuple[WebsocketCommunicator, str]:
        """The presenter screen of ``user``, and the snapshot it receives first."""
        socket = await self.open(workshop.room_code, await facilitator_cookies(user))
        return socket, await first_frame(socket)

    async def participant(
        self, participant: Participant, workshop: Workshop | None = None
    ) -> tuple[WebsocketCommunicator, str]:
        """A participant's phone in ``workshop`` (their own by default), and its snapshot."""
        if workshop is None:
            workshop = await database_sync_to_async(lambda: participant.workshop)()
        socket = await self.open(workshop.room_code, participant_cookies(participant))
        return socket, await first_frame(socket)


async def first_frame(socket: WebsocketCommunicator) -> str:
    output = await socket.receive_output(TIMEOUT)
    assert output["type"] == "websocket.send", f"Expected a snapshot, got {describe(output)}"
    return output["text"]


async def frames_until(socket, *texts: str, timeout: float = TIMEOUT) -> list[str]:
    """Every frame up to and including the first that contains all of ``texts``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    frames: list[str] = []
    while True:
        remaining = deadline - loop.time()
        assert remaining > 0, f"No frame with {texts!r} within {timeout}s; got {frames!r}"
        try:
            output = await socket.receive_output(remaining)
        except TimeoutError:
            raise AssertionError(f"No frame with {texts!r}; got {frames!r}") from None
        assert output["type"] == "websocket.send", f"Socket closed; got {frames!r}"
        frames.append(output.get("text") or "")
        if all(text in frames[-1] for text in texts):
            return frames


async def everything_so_far(presenter, *others) -> list[list[str]]:
    """What the presenter and ``others`` received until now: the presenter stops the timer, a
    broadcast that queues behind everything sent before it, and each socket is read up to it."""
    await send_action(presenter, "timer.stop")
    return [await frames_until(socket, 'id="timer"') for socket in (presenter, *others)]


async def refused(socket, message: str) -> str:
    """The sender's error fragment with ``message`` (as the page shows it, escaped)."""
    frame = await receive_until(socket, 'id="live-message"', escape(message))
    assert "live-message--error" in frame
    return frame


async def assert_nothing_else(presenter, *others) -> None:
    """Nothing reached these sockets since they were last read: a barrier (``everything_so_far``)
    comes back with nothing before it, instead of waiting a while and hoping."""
    for frames in await everything_so_far(presenter, *others):
        assert len(frames) == 1, f"Expected nothing before the barrier, got {frames[:-1]!r}"
