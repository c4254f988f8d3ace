"""Faults on real servers, with real phones: daphne killed mid-room, the database locked;
scaled out, Redis restarted under two daphne processes and PostgreSQL refusing connections.

The phones are Chromium pages running the room's own scripts: the outbox that keeps every
note until the server acknowledges it (static/js/board.js) and the reconnect with back-off
(static/js/room.js). The servers are daphne in subprocesses: on their own SQLite file, or
(``scaled``) two processes on a PostgreSQL database of their own (culture_room_faults) and a
redis-server the test starts on a free port, never the machine's shared one. The notes are
counted on every screen and in the database itself.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench.server import Deployment, Process, free_port, with_database_name
from workshops.management.commands.seed_demo import DEMO_TITLE

from .conftest import LAPTOP, PHONE, LiveServer, running_server
from .helpers import join_as

pytestmark = pytest.mark.faults

VISION = "Vision: two years from now"
# Reconnects back off up to about 5 s (room.js), a note's resend up to 15 s (board.js).
BACK = 20_000


@pytest.fixture
def app_server(tmp_path):
    """A server of its own; SQLite gives up waiting for another writer after one second."""
    with running_server(tmp_path, DB_BUSY_TIMEOUT="1") as server:
        yield server


def goto_step(presenter: Page, title: str) -> None:
    heading = presenter.get_by_role("heading", name=title, level=1)
    for _attempt in range(3):  # a fragment arriving mid-click can swallow the click
        presenter.locator(f'.step[title="{title}"]').click()
        try:
            heading.wait_for(timeout=3000)
            break
        except PlaywrightTimeoutError:
            continue
    expect(heading).to_be_visible()


def write(phone: Page, text: str) -> None:
    """Type a note and press "Add note", as a person does, online or not."""
    phone.get_by_role("radio", name="Customers say").check()
    phone.get_by_label("Your note", exact=True).fill(text)
    phone.get_by_role("button", name="Add note").click()


def outbox(phone: Page):
    return phone.get_by_role("list", name="Notes waiting to be sent")


def status(page: Page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def notes_in_database(server: LiveServer) -> Counter:
    path = server.env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT note.text FROM workshops_note note"
            " JOIN workshops_activity activity ON note.activity_id = activity.id"
            " JOIN workshops_workshop workshop ON activity.workshop_id = workshop.id"
            " WHERE workshop.title = ?",
            [DEMO_TITLE],
        )
        return Counter(text for (text,) in rows)


def health(server: LiveServer | Process) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(server.url + "/healthz", timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def assert_once_everywhere(texts: list[str], presenter: Page, phones: list[Page]) -> None:
    for text in texts:
        expect(presenter.locator(".board--presenter .note", has_text=text)).to_have_count(1)
        for phone in phones:
            expect(phone.locator(".board--phone .note", has_text=text)).to_have_count(1)


def test_phones_come_back_by_themselves_after_daphne_is_killed(app_server, presenter, new_phone):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    goto_step(presenter, VISION)
    amira, ben = (new_phone().new_page() for _ in range(2))
    join_as(amira, code, "Amira")
    join_as(ben, code, "Ben")
    phones = [amira, ben]
    for phone in phones:
        expect(phone.get_by_role("heading", name=VISION)).to_be_visible()

    # Notes flow; these two are acknowledged (on the projector, gone from the outbox).
    acknowledged = ["Customers know us by name", "We call back the same day"]
    write(amira, acknowledged[0])
    write(ben, acknowledged[1])
    assert_once_everywhere(acknowledged, presenter, [])
    for phone in phones:
        expect(outbox(phone)).to_be_hidden()

    # One more leaves Amira's phone, and daphne dies at that moment: saved or not, unknown.
    write(amira, "Every meeting starts with a customer story")
    app_server.kill()
    for page in (*phones, presenter):
        expect(status(page, "Offline")).to_be_visible()

    # Typed while the server is gone: it waits in Ben's outbox.
    write(ben, "Complaints reach the board every week")
    expect(outbox(ben).get_by_role("listitem")).to_have_count(1)
    expect(outbox(ben)).to_contain_text("Waiting to send")

    app_server.start()  # the same port, the same database file

    for page in (*phones, presenter):
        expect(status(page, "Live")).to_be_visible(timeout=BACK)
    for phone in phones:
        expect(outbox(phone)).to_be_hidden(timeout=BACK)
    everything = [
        *acknowledged,
        "Every meeting starts with a customer story",
        "Complaints reach the board every week",
    ]
    assert_once_everywhere(everything, presenter, phones)
    assert notes_in_database(app_server) == Counter(everything)


def test_a_note_sent_while_the_database_is_locked_waits_in_the_outbox_and_arrives_once(
    app_server, presenter, new_phone
):
    code = presenter.locator(".presenter-bar__join .code").inner_text().strip()
    goto_step(presenter, VISION)
    phone = new_phone().new_page()
    join_as(phone, code, "Dara")
    expect(phone.get_by_role("heading", name=VISION)).to_be_visible()

    # Another process holds the write lock (a long transaction, a backup): readers pass in
    # WAL mode, writers wait one second (DB_BUSY_TIMEOUT) and give up.
    path = app_server.env["DATABASE_URL"].removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert health(app_server) == (503, "database: unavailable\n")

        write(phone, "Customers co-design our next product")
        message = phone.get_by_role("alert")
        expect(message).to_contain_text("Not saved yet", timeout=10_000)
        expect(message).to_contain_text("sent again by itself")
        expect(outbox(phone).get_by_role("listitem")).to_have_count(1)
        expect(outbox(phone)).to_contain_text("Customers co-design our next product")
        # The composer is free for the next note: this one is not handed back as refused.
        expect(phone.get_by_label("Your note", exact=True)).to_have_value("")
        # The phone keeps trying while the lock is held (each try waits out the busy timeout).
        phone.wait_for_timeout(2500)
        expect(status(phone, "Live")).to_be_visible()
        expect(presenter.locator(".board--presenter .note")).to_have_count(0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    # The lock is gone: the next try saves it, once, and the warning goes.
    expect(
        presenter.locator(".board--presenter .note", has_text="Customers co-design")
    ).to_have_count(1, timeout=BACK)
    expect(outbox(phone)).to_be_hidden()
    expect(phone.locator(".board--phone .note", has_text="Customers co-design")).to_have_count(1)
    expect(phone.get_by_role("alert")).to_be_hidden()
    assert notes_in_database(app_server) == Counter(["Customers co-design our next product"])
    assert health(app_server) == (200, "ok\n")
    tries = app_server.log_path.read_text(errors="replace").count("Not saved yet (note.add)")
    assert tries >= 2, f"the phone tried {tries} time(s) while the database was locked"


# Redis restarted under two daphne processes (scaled out) ------------------------------------


class RedisServer:
    """A redis-server of the test's own, on a free port; it can be killed and started again."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=15)
            self.process = None


@pytest.fixture(scope="module")
def own_redis(tmp_path_factory):
    redis = RedisServer(tmp_path_factory.mktemp("redis"))
    redis.start()
    yield redis
    redis.kill()


@pytest.fixture(scope="module")
def two_processes(own_redis):
    """Two daphne processes on PostgreSQL (a database of these tests' own) and ``own_redis``.

    Shared by the module's scaled tests (creating and migrating the database is most of their
    time); each test leaves everything running and counts only its own notes."""
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        pytest.fail(f"DATABASE_URL must point at PostgreSQL for this test, not {database_url!r}")
    faults_url = with_database_name(database_url, "culture_room_faults")
    deployment = Deployment(2, database_url=faults_url, redis_url=own_redis.url)
    # A request waits this long for a pooled connection before it is told "not saved yet"
    # (the default, 10 s, plus a presence heartbeat waiting ahead of it on the same thread,
    # would outlast the phone's wait here).
    deployment.env["DB_POOL_TIMEOUT"] = "3"
    with deployment:
        yield deployment


def log_in(presenter: Page, deployment: Deployment) -> None:
    """The demo facilitator (seed_demo's printed log-in) presenting the demo workshop."""
    presenter.goto("/accounts/login/")
    presenter.get_by_label("Email").fill(deployment.email)
    presenter.get_by_label("Password").fill(deployment.password)
    presenter.get_by_role("button", name="Log in").click()
    presenter.get_by_role("link", name="Present").first.click()
    expect(status(presenter, "Live")).to_be_visible()


def notes_in_postgres(deployment: Deployment, texts: list[str]) -> Counter:
    import psycopg

    with psycopg.connect(deployment.database_url, connect_timeout=5) as db:
        rows = db.execute("SELECT text FROM workshops_note WHERE text = ANY(%s)", [texts])
        return Counter(text for (text,) in rows)


@contextmanager
def postgres_refusing(deployment: Deployment):
    """PostgreSQL refuses connections to the deployment's database, and drops the open ones,
    until the block ends (only that database: the server is shared)."""
    import psycopg
    from psycopg import sql

    database = urlsplit(deployment.database_url).path.lstrip("/")
    name = sql.Identifier(database)
    admin_url = with_database_name(deployment.database_url, "postgres")
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(name))
        try:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )
            yield
        finally:
            admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true").format(name))


@pytest.mark.scaled
def test_phones_on_two_processes_resync_after_redis_restarts(browser, two_processes, own_redis):
    first, second = two_processes.processes
    contexts: list[BrowserContext] = []

    def screen(url: str, device: dict) -> Page:
        context = browser.new_context(base_url=url, **device)
        contexts.append(context)
        return context.new_page()

    try:
        presenter = screen(first.url, LAPTOP)
        log_in(presenter, two_processes)
        goto_step(presenter, VISION)
        amira = screen(first.url, PHONE)  # on the first process
        ben = screen(second.url, PHONE)  # on the second
        join_as(amira, two_processes.code, "Amira")
        join_as(ben, two_processes.code, "Ben")
        phones = [amira, ben]
        for phone in phones:
            expect(phone.get_by_role("heading", name=VISION)).to_be_visible()

        # Notes cross from one process to the other through Redis.
        acknowledged = ["Customers know us by name", "We call back the same day"]
        write(amira, acknowledged[0])
        write(ben, acknowledged[1])
        assert_once_everywhere(acknowledged, presenter, phones)

        # One more leaves Amira's phone as Redis dies: saved or not, unknown.
        write(amira, "Every meeting starts with a customer story")
        own_redis.kill()
        assert health(second) == (503, "channel layer: unavailable\n")

        # Typed while Redis is gone: whether it reached the database or not, it is not
        # acknowledged, so it waits in Ben's outbox.
        write(ben, "Complaints reach the board every week")
        expect(outbox(ben).get_by_role("listitem")).to_have_count(1)

        own_redis.start()  # the same port, empty: every group membership is gone

        for phone in phones:
            expect(outbox(phone)).to_be_hidden(timeout=BACK)
        everything = [
            *acknowledged,
            "Every meeting starts with a customer story",
            "Complaints reach the board every week",
        ]
        assert_once_everywhere(everything, presenter, phones)
        for page in (*phones, presenter):
            expect(status(page, "Live")).to_be_visible()

        # Both processes are in the room's groups again: a new note crosses both ways.
        write(ben, "Service and sales share one customer file")
        write(amira, "We thank customers who complain")
        everything += [
            "Service and sales share one customer file",
            "We thank customers who complain",
        ]
        assert_once_everywhere(everything, presenter, phones)
        assert notes_in_postgres(two_processes, everything) == Counter(everything)
        assert health(first) == (200, "ok\n")
    finally:
        for context in contexts:
            context.close()


@pytest.mark.scaled
def test_a_note_sent_while_postgres_refuses_connections_waits_and_arrives_once(
    browser, two_processes
):
    first, second = two_processes.processes
    contexts: list[BrowserContext] = []
    try:
        presenter_context = browser.new_context(base_url=first.url, **LAPTOP)
        phone_context = browser.new_context(base_url=second.url, **PHONE)
        contexts += [presenter_context, phone_context]
        presenter = presenter_context.new_page()
        log_in(presenter, two_processes)
        goto_step(presenter, VISION)
        phone = phone_context.new_page()
        join_as(phone, two_processes.code, "Dara")
        expect(phone.get_by_role("heading", name=VISION)).to_be_visible()
        # The projector lists Dara as online once her snapshot is sent: her socket is settled
        # (cut the database before that, and it is her connect that fails, not her note).
        expect(presenter.locator(".person:not(.person--away)", has_text="Dara")).to_be_attached()

        text = "Customers sit in on our planning days"
        with postgres_refusing(two_processes):
            assert health(second) == (503, "database: unavailable\n")
            write(phone, text)
            message = phone.get_by_role("alert")
            expect(message).to_contain_text("Not saved yet", timeout=BACK)
            expect(outbox(phone).get_by_role("listitem")).to_have_count(1)
            expect(phone.get_by_label("Your note", exact=True)).to_have_value("")
            phone.wait_for_timeout(2000)  # a try or two more, refused as well
            expect(presenter.locator(".note", has_text=text)).to_have_count(0)

        expect(presenter.locator(".board--presenter .note", has_text=text)).to_have_count(
            1, timeout=BACK
        )
        expect(outbox(phone)).to_be_hidden()
        expect(phone.locator(".board--phone .note", has_text=text)).to_have_count(1)
        assert notes_in_postgres(two_processes, [text]) == Counter([text])
        assert health(second) == (200, "ok\n")
    finally:
        for context in contexts:
            context.close()
