"""Faults on a real server, with real phones: daphne killed mid-room, the database locked.

The phones are Chromium pages running the room's own scripts: the outbox that keeps every
note until the server acknowledges it (static/js/board.js) and the reconnect with back-off
(static/js/room.js). The server is daphne in a subprocess on its own SQLite file. The notes
are counted on every screen and in the database file itself.
"""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
from collections import Counter

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import LiveServer, running_server
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
        return Counter(text for (text,) in db.execute("SELECT text FROM workshops_note"))


def health(server: LiveServer) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(server.url + "/healthz", timeout=10) as response:
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
