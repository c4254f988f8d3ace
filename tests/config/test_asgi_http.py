"""HTTP under ASGI, through the real application (`config.asgi.application`): each page made in
one trip to one of a few long-lived threads, browsers that have been here before served first.

What a join storm relies on (docs/benchmarks.md, "join_storm"): every phone's join is three
pages, and each thread started or trip taken per page was paid 500 times in seconds.
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import re
import threading
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from asgiref.sync import SyncToAsync, sync_to_async
from channels.testing import HttpCommunicator
from django.conf import settings
from django.urls import reverse

from config.asgi import RequestThreads, application
from workshops.models import Workshop

# With the database tests: pytest-django runs the tests without a database last, after the
# browser tests, and Playwright's event loop would still be running in this thread.
pytestmark = pytest.mark.django_db


class Browser:
    """Requests through the ASGI application, keeping cookies as a browser does."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    async def request(
        self, method: str, path: str, form: dict | None = None, headers: list | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        sent = [(b"host", b"testserver"), *(headers or [])]
        if self.cookies:
            jar = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            sent.append((b"cookie", jar.encode()))
        body = b""
        if form is not None:
            body = urlencode(form).encode()
            sent.append((b"content-type", b"application/x-www-form-urlencoded"))
        response = await HttpCommunicator(application, method, path, body, sent).get_response(10)
        answer = {}
        for name, value in response["headers"]:
            name, value = name.decode().lower(), value.decode("latin-1")
            if name == "set-cookie":
                cookie = SimpleCookie(value)
                self.cookies.update({key: morsel.value for key, morsel in cookie.items()})
            answer[name] = value
        return response["status"], answer, response["body"]

    async def form_token(self, path: str) -> str:
        status, _, body = await self.request("GET", path)
        assert status == 200
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1].decode()


def _thread_app(seen: list, started: asyncio.Event | None = None, go: asyncio.Event | None = None):
    """An ASGI app that notes the thread its sync code runs on, and may wait to be let go."""

    async def app(scope, receive, send):
        seen.append(await sync_to_async(threading.get_ident)())
        if started is not None:
            started.set()
            await go.wait()

    return app


async def test_requests_one_after_another_reuse_one_thread():
    seen: list[int] = []
    threads = RequestThreads(_thread_app(seen), threads=4)
    for _ in range(3):
        await threads({"type": "http"}, None, None)
    assert len(set(seen)) == 1
    assert seen[0] != threading.get_ident()  # not the event loop's
    assert threads.started == 1


async def test_requests_at_once_get_threads_of_their_own_up_to_the_setting():
    seen: list[int] = []
    go = asyncio.Event()
    events = [asyncio.Event() for _ in range(3)]
    threads = RequestThreads(None, threads=2)
    tasks = []
    for event in events:
        threads.application = _thread_app(seen, event, go)
        tasks.append(asyncio.create_task(threads({"type": "http"}, None, None)))
        await asyncio.sleep(0.05)
    assert events[0].is_set() and events[1].is_set()
    assert not events[2].is_set()  # waits for a thread: no third one is started
    assert threads.started == 2
    go.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert events[2].is_set()
    assert len(set(seen)) == 2


async def test_a_request_waits_for_a_quick_page_rather_than_take_another_thread():
    """Under SQLite (``slow_after``) two quick pages at once would only take turns at the GIL."""
    seen: list[int] = []
    go = asyncio.Event()
    events = [asyncio.Event() for _ in range(2)]
    threads = RequestThreads(None, threads=4, slow_after=5)
    tasks = []
    for event in events:
        threads.application = _thread_app(seen, event, go)
        tasks.append(asyncio.create_task(threads({"type": "http"}, None, None)))
        await asyncio.sleep(0.05)
    assert events[0].is_set()
    assert not events[1].is_set()  # waits for the first page's thread
    go.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert events[1].is_set()
    assert len(set(seen)) == 1
    assert threads.started == 1


async def test_a_slow_page_lets_the_pages_behind_it_have_another_thread():
    """A picture being checked or a PDF being made does not hold up every phone's page."""
    seen: list[int] = []
    slow_go, quick_go = asyncio.Event(), asyncio.Event()
    slow_started, quick_started = asyncio.Event(), asyncio.Event()
    quick_go.set()
    threads = RequestThreads(_thread_app(seen, slow_started, slow_go), threads=2, slow_after=0.2)
    slow = asyncio.create_task(threads({"type": "http"}, None, None))
    await slow_started.wait()
    threads.application = _thread_app(seen, quick_started, quick_go)
    quick = asyncio.create_task(threads({"type": "http"}, None, None))
    await asyncio.sleep(0.05)
    assert not quick_started.is_set()  # the first page is not slow yet
    await asyncio.wait_for(quick, 5)  # ... and then it is: the page behind it gets a thread
    assert not slow.done()
    assert threads.started == 2
    assert len(set(seen)) == 2
    slow_go.set()
    await asyncio.wait_for(slow, 5)
    assert len(threads.idle) == 2


async def test_a_request_that_gave_up_waiting_takes_no_thread():
    go = asyncio.Event()
    started = asyncio.Event()
    threads = RequestThreads(_thread_app([], started, go), threads=1)
    busy = asyncio.create_task(threads({"type": "http"}, None, None))
    await started.wait()
    waiting = asyncio.create_task(threads({"type": "http"}, None, None))
    await asyncio.sleep(0.05)
    waiting.cancel()  # the phone went away
    go.set()
    await busy
    assert len(threads.idle) == 1  # given back, not handed to the cancelled request
    with pytest.raises(asyncio.CancelledError):
        await waiting


async def test_a_browser_that_was_here_before_goes_before_first_visits():
    """A phone on its way in (it has a cookie) finishes its join before the next new phone
    starts; the facilitator's clicks do not wait behind a storm of first visits either."""
    served: list[str] = []
    go = asyncio.Event()
    started = asyncio.Event()

    async def app(scope, receive, send):
        served.append(scope["path"])
        await sync_to_async(threading.get_ident)()
        if scope["path"] == "/busy/":
            started.set()
            await go.wait()

    threads = RequestThreads(app, threads=1)
    busy = asyncio.create_task(
        threads({"type": "http", "path": "/busy/", "headers": []}, None, None)
    )
    await started.wait()
    arrivals = [
        ("/new-1/", []),
        ("/new-2/", []),
        ("/returning/", [(b"cookie", b"csrftoken=abc")]),
    ]
    tasks = []
    for path, headers in arrivals:
        scope = {"type": "http", "path": path, "headers": headers}
        tasks.append(asyncio.create_task(threads(scope, None, None)))
        await asyncio.sleep(0.01)
    go.set()
    await asyncio.wait_for(asyncio.gather(busy, *tasks), 5)
    assert served == ["/busy/", "/returning/", "/new-1/", "/new-2/"]


async def test_a_page_is_made_in_one_trip_to_a_thread(monkeypatch):
    trips: list[str] = []
    original = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        trips.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    status, headers, body = await Browser().request("GET", "/")
    assert status == 200
    assert 'name="code"' in body.decode()
    assert headers["content-security-policy"]  # the whole middleware chain ran
    assert trips == ["PagesInOneTrip.respond"]
    status, _, _ = await Browser().request("GET", "/no-such-page/")
    assert status == 404
    assert trips == ["PagesInOneTrip.respond"] * 2


async def test_a_static_file_is_served_whole_and_gzipped_when_asked():
    original = (settings.BASE_DIR / "static" / "js" / "room.js").read_bytes()
    status, headers, body = await Browser().request("GET", "/static/js/room.js")
    assert status == 200
    assert headers["content-type"].startswith("text/javascript")
    assert body == original
    status, headers, body = await Browser().request(
        "GET", "/static/js/room.js", headers=[(b"accept-encoding", b"gzip")]
    )
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == original


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_log_in_and_a_message_through_the_application(facilitator):
    """The session saved at log-in, a form post's CSRF check, a message shown once."""
    browser = Browser()
    login = reverse("login")
    status, _, _ = await browser.request(
        "POST",
        login,
        {
            "username": facilitator.email,
            "password": "a-long-passphrase",
            "csrfmiddlewaretoken": await browser.form_token(login),
        },
    )
    assert status == 302
    assert settings.SESSION_COOKIE_NAME in browser.cookies
    new = reverse("workshop_new")
    form = {"title": "Storm drill", "client_organisation": "Acme", "language": "en"}
    refused, _, _ = await browser.request("POST", new, form)
    assert refused == 403  # no CSRF token
    form["csrfmiddlewaretoken"] = await browser.form_token(new)
    status, headers, body = await browser.request("POST", new, form)
    assert status == 302, body.decode()[:500]
    status, _, page = await browser.request("GET", headers["location"])
    assert status == 200
    code = await Workshop.objects.values_list("room_code", flat=True).aget(title="Storm drill")
    assert re.search(rf"“Storm drill” is ready\. Its room code is {code}\.", page.decode())
    _, _, again = await browser.request("GET", headers["location"])
    assert "is ready" not in again.decode()  # shown once


def test_what_the_server_loaded_at_start_up_is_left_out_of_the_collectors_sweeps():
    """config.asgi freezes the objects loaded with the application (Django, the apps)."""
    assert gc.get_freeze_count() > 10_000
