"""HTTP under ASGI: pages on a few long-lived threads, middleware on the event loop.

Both are what a join storm relies on (docs/benchmarks.md, "join_storm"): every phone's join is
three pages, and each thread started or hop taken per page was paid 500 times in seconds.
"""

from __future__ import annotations

import asyncio
import re
import threading

import pytest
from asgiref.sync import SyncToAsync, sync_to_async
from django.conf import settings
from django.test import AsyncClient
from django.urls import reverse
from django.utils.module_loading import import_string

from config.asgi import RequestThreads
from workshops.models import Workshop

# With the database tests: pytest-django runs the tests without a database last, after the
# browser tests, and Playwright's event loop would still be running in this thread.
pytestmark = pytest.mark.django_db


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


def test_every_middleware_runs_on_the_event_loop():
    """One sync-only middleware makes Django run every request through a sync thread and block
    it until the page is done (WhiteNoise's own middleware did: 500 joins queued). Django's own
    middleware hops to a thread twice each; ours calls the same hooks on the loop."""
    for path in settings.MIDDLEWARE:
        middleware = import_string(path)
        assert getattr(middleware, "async_capable", False), path
        assert not path.startswith("django."), f"{path}: use config.middleware's"


async def test_a_page_goes_to_a_thread_only_for_its_view(monkeypatch):
    trips: list[str] = []
    original = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        trips.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    response = await AsyncClient().get("/")
    assert response.status_code == 200
    # Django's request signals, the view, closing the response: no middleware hook.
    assert len(trips) <= 3, trips


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_log_in_and_a_message_under_asgi(facilitator):
    """What does reach the database from middleware still goes to a thread: the session saved
    at log-in, a message kept for the next page."""
    client = AsyncClient()
    login = await client.post(
        reverse("login"), {"username": facilitator.email, "password": "a-long-passphrase"}
    )
    assert login.status_code == 302
    assert settings.SESSION_COOKIE_NAME in login.cookies
    created = await client.post(
        reverse("workshop_new"),
        {"title": "Storm drill", "client_organisation": "Acme", "language": "en"},
    )
    assert created.status_code == 302, created.content.decode()[:500]
    page = await client.get(created["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    code = await Workshop.objects.values_list("room_code", flat=True).aget(title="Storm drill")
    assert re.search(rf"“Storm drill” is ready\. Its room code is {code}\.", html)
    again = await client.get(created["Location"])
    assert "is ready" not in again.content.decode()  # shown once
