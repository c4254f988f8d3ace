"""ASGI entry point: Django for HTTP, the room consumer for websockets (daphne or uvicorn)."""

from __future__ import annotations

import asyncio
import gc
import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup(set_prefix=False)  # as get_asgi_application() does, before the handler is made

from asgiref.sync import ThreadSensitiveContext, sync_to_async  # noqa: E402
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import (  # noqa: E402
    AllowedHostsOriginValidator,
    WebsocketDenier,
)
from channels.sessions import CookieMiddleware  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core import signals  # noqa: E402
from django.core.exceptions import RequestAborted  # noqa: E402
from django.core.handlers.asgi import ASGIHandler, get_script_prefix  # noqa: E402
from django.core.handlers.base import BaseHandler  # noqa: E402
from django.http import FileResponse  # noqa: E402
from django.http.cookie import parse_cookie  # noqa: E402
from django.urls import set_script_prefix  # noqa: E402

from workshops import live, pictures  # noqa: E402
from workshops.routing import websocket_urlpatterns  # noqa: E402


class PagesInOneTrip(ASGIHandler):
    """Django's ASGI handler, with all of a request's sync work done in one trip to a thread.

    Django's own handler runs the middleware chain on the event loop and sends every sync part
    to a thread on a trip of its own: the request-started signal, each sync middleware hook,
    the view, closing the response; some twenty trips a page. Every view and middleware here
    is sync, so this one reads the body on the event loop, then makes the response in one trip,
    as Django does under WSGI (the same middleware chain, loaded sync), and sends it from the
    event loop. A streamed response (a static file) is read whole in that trip, as Django's
    handler reads any sync iterator.
    """

    def __init__(self) -> None:
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)

    async def handle(self, scope, receive, send):
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        start, body = await sync_to_async(self.respond, thread_sensitive=True)(scope, body_file)
        await send(start)
        for chunk, last in self.chunk_bytes(body):
            await send({"type": "http.response.body", "body": chunk, "more_body": not last})

    def respond(self, scope, body_file) -> tuple[dict, bytes]:
        """The whole response to one request, as the ASGI start message and the body."""
        try:
            set_script_prefix(get_script_prefix(scope))
            signals.request_started.send(sender=self.__class__, scope=scope)
            request, response = self.create_request(scope, body_file)
            if request is not None:
                response = self.get_response(request)
            try:
                if isinstance(response, FileResponse):
                    response.block_size = self.chunk_size
                body = b"".join(response) if response.streaming else response.content
                headers = [
                    (name.encode("ascii"), value.encode("latin1"))
                    for name, value in response.items()
                ]
                headers += [
                    (b"Set-Cookie", cookie.output(header="").encode("ascii").strip())
                    for cookie in response.cookies.values()
                ]
            finally:
                response.close()
        finally:
            body_file.close()
        start = {"type": "http.response.start", "status": response.status_code, "headers": headers}
        return start, body


class SameOriginValidator:
    """Room sockets are opened only by this site's own pages.

    ALLOWED_HOSTS is "*" on a laptop (phones use its LAN address), so the Origin check of
    AllowedHostsOriginValidator alone would let any web page open a socket with a visitor's
    cookies; this refuses an Origin whose host is not the host the socket was opened on.
    """

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers", []))
        origin = headers.get(b"origin", b"").decode("latin-1")
        host = headers.get(b"host", b"").decode("latin-1")
        if not origin or urlparse(origin).netloc != host:
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)


class RequestSizeLimit:
    """A request body over ``REQUEST_MAX_BYTES`` is refused before Django reads any of it.

    Django's ASGI handler spools the whole body to a temporary file before a view runs, so a
    view's own size check comes too late. A declared Content-Length over the limit is answered
    at once; a body sent without one is cut off as soon as it passes the limit. The answer is
    the phone's usual message element, as the picture upload's other refusals are.
    """

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.application(scope, receive, send)
        limit = settings.REQUEST_MAX_BYTES
        if _content_length(scope) > limit:
            return await _too_large(send)
        received = 0
        over = False

        async def receive_within_limit():
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Django drops a request whose client went away, and answers nothing.
                    over = True
                    return {"type": "http.disconnect"}
            return message

        await self.application(scope, receive_within_limit, send)
        if over:
            await _too_large(send)


def _content_length(scope) -> int:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


async def _too_large(send) -> None:
    body = live.live_message(pictures.too_large_message(), "error").encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class AuthWhenLoggedIn:
    """Sessions and users only for sockets that carry a session cookie: the facilitator's.

    Resolving a user runs on Django's single sync thread. A phone has no session, and in a
    join storm its handshake would otherwise wait behind every page being rendered, long
    enough for the server to give up on it.
    """

    def __init__(self, application) -> None:
        self.with_session = AuthMiddlewareStack(application)
        self.cookies_only = CookieMiddleware(application)

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers", []))
        cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin-1"))
        if settings.SESSION_COOKIE_NAME in cookies:
            return await self.with_session(scope, receive, send)
        return await self.cookies_only(dict(scope, user=AnonymousUser()), receive, send)


class RequestThreads:
    """Each HTTP request's sync work on one of a few long-lived threads, returning browsers
    first, and under SQLite one quick page at a time.

    Django gives every request a thread of its own for its sync code (the view, the ORM),
    started for the request and joined after it, and with it a new database connection: a
    fifth of a phone's join went into that. Here a request borrows one of ``threads``
    single-thread executors for its whole life instead (asgiref's ThreadSensitiveContext with
    an executor, which Django's handler then reuses): the threads and their connections
    (``CONN_MAX_AGE``) outlive the requests, and a process holds at most ``threads``
    connections for its pages (its sockets use one more, Channels' thread).

    A request that finds no thread for it waits its turn on the event loop. A browser that
    has been here before (it sends a cookie: a phone on its way in, one in the room, the
    facilitator) goes before first visits: when 500 phones scan the code at once, each phone
    that started joining finishes before the next new one starts, instead of queueing again
    behind every newcomer at each of its steps, and the facilitator's clicks are not held up.

    ``slow_after`` (seconds): while a page has held its thread for less than this, the next
    request waits for that thread rather than taking another. SQLite works inside the process,
    so two quick pages at once only take turns at the GIL (a join storm's p95 was a quarter
    longer with two threads than with one); a slow request (a picture being checked, a PDF)
    lets the pages behind it have another thread. 0: every busy thread counts as slow, so
    requests run at once up to ``threads`` (PostgreSQL, whose queries wait on the network).
    """

    def __init__(self, application, threads: int, slow_after: float = 0.0) -> None:
        self.application = application
        self.threads = threads
        self.slow_after = slow_after
        self.idle: list[ThreadPoolExecutor] = []
        self.started = 0
        # The threads lent out, with the event loop's time each was lent at.
        self.lent: dict[ThreadPoolExecutor, float] = {}
        self.returning: deque[asyncio.Future] = deque()
        self.first_visits: deque[asyncio.Future] = deque()
        self.recheck: asyncio.TimerHandle | None = None

    async def __call__(self, scope, receive, send):
        executor = await self.borrow(self.returning if has_cookie(scope) else self.first_visits)
        try:
            async with ThreadSensitiveContext(executor=executor):
                return await self.application(scope, receive, send)
        finally:
            self.give_back(executor)

    async def borrow(self, queue: deque[asyncio.Future]) -> ThreadPoolExecutor:
        if not (self.returning or self.first_visits):
            executor = self.lend()
            if executor is not None:
                return executor
        turn = asyncio.get_running_loop().create_future()
        queue.append(turn)
        self.serve_waiting()
        try:
            return await turn
        except asyncio.CancelledError:
            # The client went away; a thread handed over just before is not lost with it.
            if turn.done() and not turn.cancelled():
                self.give_back(turn.result())
            raise

    def lend(self) -> ThreadPoolExecutor | None:
        """A thread for a request now, or None while it should wait."""
        now = asyncio.get_running_loop().time()
        if any(now - since < self.slow_after for since in self.lent.values()):
            return None  # a quick page is running: its thread is free again in a moment
        if self.idle:
            executor = self.idle.pop()
        elif self.started < self.threads:
            self.started += 1
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="http")
        else:
            return None
        self.lent[executor] = now
        return executor

    def give_back(self, executor: ThreadPoolExecutor) -> None:
        del self.lent[executor]
        self.idle.append(executor)
        self.serve_waiting()

    def serve_waiting(self) -> None:
        """Lend threads to the requests waiting, returning browsers first, while there are
        threads for them; look again when the pages running now count as slow."""
        for queue in (self.returning, self.first_visits):
            while queue:
                if queue[0].done():  # cancelled: the client went away while waiting
                    queue.popleft()
                    continue
                executor = self.lend()
                if executor is None:
                    self.look_again_when_slow()
                    return
                queue.popleft().set_result(executor)

    def look_again_when_slow(self) -> None:
        if not self.lent or self.recheck is not None:
            return
        loop = asyncio.get_running_loop()
        when = max(self.lent.values()) + self.slow_after
        if when <= loop.time():
            return  # every thread is held by a slow request: the first one back is lent

        def look_again() -> None:
            self.recheck = None
            self.serve_waiting()

        self.recheck = loop.call_at(when, look_again)


def has_cookie(scope) -> bool:
    return any(name == b"cookie" for name, _ in scope.get("headers", ()))


django_asgi_app = PagesInOneTrip()

application = ProtocolTypeRouter(
    {
        "http": RequestThreads(
            RequestSizeLimit(django_asgi_app),
            settings.HTTP_THREADS,
            slow_after=settings.HTTP_SLOW_MS / 1000,
        ),
        "websocket": SameOriginValidator(
            AllowedHostsOriginValidator(AuthWhenLoggedIn(URLRouter(websocket_urlpatterns)))
        ),
    }
)

# What is loaded by now (Django, the apps, the URL patterns) lives as long as the process. Frozen,
# it is left out of the collector's full sweeps: a join storm's sweeps took ~75 ms each, ~5% of
# the server's time, and a third of that once frozen.
gc.freeze()
