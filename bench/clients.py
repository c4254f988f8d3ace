"""Simulated screens: phones that join over HTTP and listen on the room socket, and the
facilitator's presenter. Many of them share one asyncio loop in a worker process.

A screen records, for every note it is shown, when it first saw the note's
``data-client-id``; the orchestrator compares that with when the note was sent. Times are
``time.monotonic()``, which on Linux is one clock for every process on the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import random
import re
import time
import traceback
from multiprocessing.connection import Connection

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from . import web

CLIENT_ID = re.compile(r'data-client-id="([0-9A-Za-z_-]{8,64})"')
STAGE = re.compile(r'<section id="stage"[^>]*?data-activity="(\d*)"')
SOCKET_URL = re.compile(r'ws-connect="/ws/rooms/\w+/(\?[^"]*)?"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COLUMN = re.compile(r'name="column" value="(\d+)"')
STEP = re.compile(r'name="activity" value="(\d+)">\s*<button[^>]*?title="([^"]*)"', re.DOTALL)
LIVE_ERROR = re.compile(r'class="live-message live-message--error"[^>]*>([^<]*)<')
PARTICIPANT_COOKIE = "culture_room_participant"

OPEN_TIMEOUT = 30
SNAPSHOT_TIMEOUT = 60
# A phone whose socket is refused tries again, as static/js/room.js makes the htmx ws extension
# do: after half to all of min(0.5 s * 2^retry, 5 s); a failed HTTP join is tried again too,
# as a person reloads. Every failed attempt is an error; a phone gives up after GIVE_UP_AFTER.
GIVE_UP_AFTER = 60.0

# A note's client_id may start with its room's code and a dash (``many_rooms`` does so): a screen
# shown such a note from another room counts a leak, and an error, for that frame.
# A long message comes in parts (workshops/live/frames.py); a screen joins them as room.js does.
PART = re.compile(r"<!--part (\S+) (\d+)/(\d+)-->")
ROOM_TAG = re.compile(r"^([A-Z0-9]+)-")

# What the run is doing now ("join", "board", "notes", ...): errors are counted per phase.
PHASE = "start"


def retry_delay(retry: int) -> float:
    ceiling = min(0.5 * 2**retry, 5.0)
    return ceiling / 2 + random.random() * ceiling / 2


def activities_in(presenter_html: str) -> dict[str, int]:
    """The agenda's activities, title → id, from the presenter's agenda bar."""
    return {html.unescape(title): int(pk) for pk, title in STEP.findall(presenter_html)}


def columns_in(stage_html: str) -> list[int]:
    return list(dict.fromkeys(int(pk) for pk in COLUMN.findall(stage_html)))


class Screen:
    """One websocket to the room, and what came down it."""

    kind = "screen"

    def __init__(self, index: int, server: int, host: str, port: int, code: str) -> None:
        self.index = index
        self.server = server
        self.host = host
        self.port = port
        self.code = code
        self.cookies: dict[str, str] = {}
        self.ws: ClientConnection | None = None
        self.reader: asyncio.Task | None = None
        self.closing = False
        self.seen: dict[str, float] = {}
        self.frames = 0
        self.bytes = 0
        self.errors: list[tuple[str, str]] = []  # (phase, what went wrong)
        self.failed_attempts = 0
        self.stage_activity: int | None = None
        self.stage_at = 0.0
        self.stage_html = ""
        # The room page's socket query (``?stage=<version>``) and the page (phones only).
        self.socket_query = ""
        self.page_html = ""
        self.snapshot_bytes = 0
        self.leak_frames = 0
        self.parts: list[str] = []
        self.wire_frames = 0
        self.max_frame_bytes = 0

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def error(self, text: str) -> None:
        self.errors.append((PHASE, f"{self.kind} {self.index}: {text}"))

    # The socket ---------------------------------------------------------------------------------

    async def open_socket(self) -> str:
        """Connect with the cookies, read the snapshot, then keep listening in the background."""
        self.closing = False
        ws = await connect(
            f"ws://{self.host}:{self.port}/ws/rooms/{self.code}/{self.socket_query}",
            additional_headers={"Cookie": web.cookie_header(self.cookies)},
            origin=self.origin,
            max_size=None,
            compression=None,  # daphne does not negotiate permessage-deflate anyway
            open_timeout=OPEN_TIMEOUT,
            close_timeout=5,
        )
        try:
            snapshot = None
            while snapshot is None:
                snapshot = self.whole(await asyncio.wait_for(ws.recv(), SNAPSHOT_TIMEOUT))
            # A phone whose room page is still current gets only its own parts (``id="me"``).
            if 'id="stage"' not in snapshot and 'id="me"' not in snapshot:
                raise web.HttpError(f"the first frame was no snapshot: {snapshot[:200]!r}")
        except BaseException:
            ws.transport.abort()
            raise
        self.ws = ws
        self.on_frame(snapshot, time.monotonic())
        self.snapshot_bytes = len(snapshot)
        self.reader = asyncio.create_task(self._read(ws))
        return snapshot

    async def retrying(self, what: str, step, give_up_at: float):
        """``step()`` until it works, backing off like the phone's page; errors are counted."""
        retry = 0
        while True:
            try:
                return await step()
            except Exception as error:
                self.failed_attempts += 1
                self.error(f"{what} attempt {retry + 1} failed: {type(error).__name__}: {error}")
                delay = retry_delay(retry)
                if time.monotonic() + delay >= give_up_at:
                    raise
                retry += 1
                await asyncio.sleep(delay)

    async def _read(self, ws: ClientConnection) -> None:
        try:
            async for frame in ws:
                message = self.whole(frame)
                if message is not None:
                    self.on_frame(message, time.monotonic())
        except ConnectionClosed:
            pass
        if not self.closing:
            self.error(f"the server closed the socket (code {ws.close_code})")

    def whole(self, frame: str | bytes) -> str | None:
        """The message this frame completes: itself, or the parts it ends; None while a long
        message is still coming."""
        if isinstance(frame, bytes):
            frame = frame.decode("utf-8", "replace")
        self.wire_frames += 1
        self.max_frame_bytes = max(self.max_frame_bytes, len(frame.encode("utf-8")))
        head = PART.match(frame)
        if head is None:
            return frame
        if head.group(2) == "1":
            self.parts = []
        self.parts.append(frame[head.end() :])
        if head.group(2) != head.group(3):
            return None
        message, self.parts = "".join(self.parts), []
        return message

    def on_frame(self, message: str | bytes, at: float) -> None:
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        self.frames += 1
        self.bytes += len(message)
        foreign = []
        for client_id in CLIENT_ID.findall(message):
            self.seen.setdefault(client_id, at)
            tag = ROOM_TAG.match(client_id)
            if tag and tag.group(1) != self.code:
                foreign.append(client_id)
        if foreign:
            self.leak_frames += 1
            self.error(f"room {self.code} was shown notes of another room: {foreign[:3]}")
        if 'id="stage"' in message:
            stage = STAGE.search(message)
            if stage:
                self.stage_activity = int(stage.group(1)) if stage.group(1) else None
                self.stage_at = at
                self.stage_html = message
        if "live-message--error" in message:
            shown = LIVE_ERROR.search(message)
            self.error(f"the app said: {shown.group(1).strip() if shown else message[:200]}")

    async def send(self, message: dict) -> float:
        if self.ws is None:
            raise RuntimeError("not connected")
        sent_at = time.monotonic()
        await self.ws.send(json.dumps(message))
        return sent_at

    async def drop(self) -> None:
        """Lose the network: the TCP connection goes, with no closing handshake."""
        self.closing = True
        if self.ws is not None:
            self.ws.transport.abort()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)
        self.ws = self.reader = None

    async def close(self) -> None:
        self.closing = True
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), 5)
            except (TimeoutError, OSError, ConnectionClosed):
                self.ws.transport.abort()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)

    @property
    def connected(self) -> bool:
        return self.ws is not None and not self.closing

    # HTTP ---------------------------------------------------------------------------------------

    async def get(self, path: str) -> web.Response:
        response = await web.request(self.host, self.port, "GET", path, cookies=self.cookies)
        self.cookies.update(response.set_cookies)
        return response

    async def post(self, path: str, form: dict[str, str]) -> web.Response:
        response = await web.request(
            self.host,
            self.port,
            "POST",
            path,
            cookies=self.cookies,
            form=form,
            headers={"Origin": self.origin, "Referer": self.origin + path},
        )
        self.cookies.update(response.set_cookies)
        return response

    async def csrf_token(self, path: str) -> str:
        page = await self.get(path)
        if page.status != 200:
            raise web.HttpError(f"GET {path}: {page.status}")
        token = CSRF.search(page.text)
        if not token or "csrftoken" not in self.cookies:
            raise web.HttpError(f"GET {path}: no csrf token")
        return token.group(1)


class Phone(Screen):
    """A participant: the QR link, a name, the room page, the socket."""

    kind = "phone"

    def __init__(self, index: int, server: int, host: str, port: int, code: str, name: str):
        super().__init__(index, server, host, port, code)
        self.name = name

    async def join(self) -> None:
        give_up_at = time.monotonic() + GIVE_UP_AFTER
        await self.retrying("join", self.join_over_http, give_up_at)
        await self.retrying("socket", self.open_socket, give_up_at)

    async def join_over_http(self) -> None:
        if PARTICIPANT_COOKIE not in self.cookies:  # else joined already: on to the room page
            await self.post_name(await self.name_page())
        await self.room_page()

    # The steps of a join over HTTP (``join_steps`` times each on the server).

    @property
    def link(self) -> str:
        return f"/j/{self.code}/"

    async def name_page(self) -> str:
        """The QR link's page with the name form; its CSRF token."""
        return await self.csrf_token(self.link)

    async def post_name(self, token: str) -> None:
        joined = await self.post(self.link, {"name": self.name, "csrfmiddlewaretoken": token})
        if joined.status != 302 or not joined.header("location").endswith(f"/r/{self.code}/"):
            raise web.HttpError(f"POST {self.link}: {joined.status} {joined.text[:200]!r}")
        if PARTICIPANT_COOKIE not in self.cookies:
            raise web.HttpError(f"POST {self.link}: no {PARTICIPANT_COOKIE} cookie")

    async def room_page(self) -> None:
        room = await self.get(f"/r/{self.code}/")
        if room.status != 200:
            raise web.HttpError(f"GET /r/{self.code}/: {room.status}")
        # As the page's script does: the socket URL the page names (with its stage version),
        # and the stage the page shows until the socket says otherwise.
        socket_url = SOCKET_URL.search(room.text)
        self.socket_query = (socket_url.group(1) if socket_url else "") or ""
        self.page_html = room.text
        stage = STAGE.search(room.text)
        if stage:
            self.stage_activity = int(stage.group(1)) if stage.group(1) else None
            self.stage_at = time.monotonic()


class Facilitator(Screen):
    """The demo facilitator's presenter screen, logged in with email and password."""

    kind = "presenter"

    async def log_in(self, email: str, password: str) -> str:
        path = "/accounts/login/"
        token = await self.csrf_token(path)
        answer = await self.post(
            path, {"username": email, "password": password, "csrfmiddlewaretoken": token}
        )
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise web.HttpError(f"log-in failed: {answer.status}")
        return await self.open_socket()


# The worker process -------------------------------------------------------------------------


class Worker:
    """Many screens on one loop; obeys the orchestrator's commands over a pipe."""

    def __init__(self, conn: Connection, worker_id: int) -> None:
        self.conn = conn
        self.worker_id = worker_id
        self.screens: dict[int, Screen] = {}

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                command, args = await loop.run_in_executor(None, self.conn.recv)
            except (EOFError, OSError):
                await self.do_close()
                return
            try:
                result = await getattr(self, f"do_{command}")(**args)
                reply = ("ok", result)
            except Exception:
                reply = ("error", traceback.format_exc())
            self.conn.send(reply)
            if command == "close":
                return

    async def until(self, at: float) -> None:
        delay = at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)

    # Commands -----------------------------------------------------------------------------------

    async def do_facilitator(
        self,
        host: str,
        port: int,
        server: int,
        code: str,
        email: str,
        password: str,
        index: int = -1,
    ) -> dict:
        screen = Facilitator(index, server, host, port, code)
        self.screens[index] = screen
        started = time.monotonic()
        snapshot = await screen.log_in(email, password)
        return {
            "activities": activities_in(snapshot),
            "ms": (time.monotonic() - started) * 1000,
        }

    async def do_join(self, phones: list[dict], start_at: float) -> list[dict]:
        async def one(spec: dict) -> dict:
            phone = Phone(
                *(spec[key] for key in ("index", "server", "host", "port", "code", "name"))
            )
            self.screens[phone.index] = phone
            await self.until(start_at + spec["offset"])
            started = time.monotonic()
            try:
                await phone.join()
            except Exception as error:  # every failed attempt is already an error
                phone.error(f"gave up joining: {type(error).__name__}: {error}")
                return {"index": phone.index, "ok": False, "start": started, "end": None}
            return {
                "index": phone.index,
                "ok": True,
                "start": started,
                "end": time.monotonic(),
                "snapshot_bytes": phone.snapshot_bytes,
                "failed_attempts": phone.failed_attempts,
            }

        return await asyncio.gather(*(one(spec) for spec in phones))

    async def do_send(self, who: int, message: dict) -> float:
        return await self.screens[who].send(message)

    async def do_await_stage(
        self, activity: int, since: float, timeout: float, by_code: dict[str, int] | None = None
    ) -> dict:
        """Until every connected screen shows ``activity`` (``by_code``: its room's activity)."""
        deadline = time.monotonic() + timeout
        screens = [s for s in self.screens.values() if s.connected]
        wanted = {s.index: (by_code or {}).get(s.code, activity) for s in screens}
        while time.monotonic() < deadline:
            waiting = [
                s for s in screens if s.stage_activity != wanted[s.index] or s.stage_at < since
            ]
            if not waiting:
                break
            await asyncio.sleep(0.02)
        staged = [s for s in screens if s.stage_activity == wanted[s.index] and s.stage_at >= since]
        phone = next((s for s in staged if isinstance(s, Phone)), None)
        return {
            "staged": len(staged),
            "screens": len(screens),
            "last": max((s.stage_at for s in staged), default=None),
            "columns": columns_in(phone.stage_html) if phone else [],
            "stage_bytes": len(phone.stage_html) if phone else 0,
        }

    async def do_notes(self, schedule: list[tuple[float, int, dict]]) -> dict:
        """Send each message at its time; report when each was sent and how late."""
        sent: dict[str, float] = {}
        late = 0.0
        for at, who, message in sorted(schedule, key=lambda item: item[0]):
            await self.until(at)
            screen = self.screens.get(who)
            if screen is None or not screen.connected:
                continue
            try:
                sent_at = await screen.send(message)
            except ConnectionClosed as error:
                screen.error(f"could not send: {error}")
                continue
            sent[message["client_id"]] = sent_at
            late = max(late, sent_at - at)
        return {"sent": sent, "late_ms": late * 1000}

    async def do_collect(
        self, expected: list[str], deadline: float, own_room_only: bool = False
    ) -> dict:
        """Wait until every connected screen has seen every note (or the deadline passes).

        ``own_room_only``: a screen waits only for the notes whose client_id starts with its
        room's code and a dash."""
        screens = [s for s in self.screens.values() if s.connected]
        everything = set(expected)
        wanted = {
            s.index: {c for c in expected if c.startswith(s.code + "-")}
            if own_room_only
            else everything
            for s in screens
        }
        while time.monotonic() < deadline:
            if all(wanted[s.index] <= s.seen.keys() for s in screens):
                break
            await asyncio.sleep(0.05)
        return {
            "screens": [
                {
                    "index": s.index,
                    "server": s.server,
                    "code": s.code,
                    "leak_frames": s.leak_frames,
                    "seen": {cid: s.seen[cid] for cid in wanted[s.index] if cid in s.seen},
                }
                for s in screens
            ]
        }

    async def do_drop_reconnect(self, indices: list[int], at: float, expected: list[str]) -> list:
        """At ``at`` the chosen phones lose their sockets together, then reconnect at once."""
        chosen = [self.screens[i] for i in indices if i in self.screens]
        await self.until(at)
        dropped_at = time.monotonic()
        await asyncio.gather(*(screen.drop() for screen in chosen))

        async def back(screen: Screen) -> dict:
            failed_before = screen.failed_attempts
            try:
                snapshot = await screen.retrying(
                    "reconnect", screen.open_socket, dropped_at + GIVE_UP_AFTER
                )
            except Exception as error:
                screen.error(f"gave up reconnecting: {type(error).__name__}: {error}")
                return {"index": screen.index, "ok": False, "dropped": dropped_at, "end": None}
            done = time.monotonic()
            shown = set(CLIENT_ID.findall(snapshot))
            missing = [cid for cid in expected if cid not in shown]
            if missing:
                screen.error(f"snapshot lacks {len(missing)} of the board's {len(expected)} notes")
            return {
                "index": screen.index,
                "ok": not missing,
                "dropped": dropped_at,
                "end": done,
                "snapshot_bytes": len(snapshot),
                "has_last": expected[-1] in shown if expected else True,
                "failed_attempts": screen.failed_attempts - failed_before,
            }

        return await asyncio.gather(*(back(screen) for screen in chosen))

    async def do_phase(self, name: str) -> None:
        global PHASE
        PHASE = name

    async def do_stats(self) -> dict:
        screens = list(self.screens.values())
        return {
            "screens": len(screens),
            "connected": sum(s.connected for s in screens),
            "frames": sum(s.frames for s in screens),
            "bytes": sum(s.bytes for s in screens),
            "errors": [error for s in screens for error in s.errors],
            "failed_attempts": sum(s.failed_attempts for s in screens),
        }

    async def do_close(self) -> None:
        await asyncio.gather(
            *(s.close() for s in self.screens.values() if s.ws is not None),
            return_exceptions=True,
        )


def worker_main(conn: Connection, worker_id: int) -> None:
    """Entry point of a worker process."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(Worker(conn, worker_id).serve())
