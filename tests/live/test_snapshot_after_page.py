"""A phone that has just loaded its room page gets no second copy of the stage.

The page puts the stage version it was rendered at into its socket's URL (``?stage=``). While
that is still the room's version, the snapshot carries only the phone's own parts; once
anything a phone sees has changed, or the version is missing or not a number, the snapshot
carries the whole stage as before.
"""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from workshops import live, services
from workshops.live import screens

from .helpers import communicator, facilitator_cookies, participant_cookies

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _room_page(participant) -> str:
    client = Client()
    for name, value in participant_cookies(participant).items():
        client.cookies[name] = value
    return client.get(f"/r/{participant.workshop.room_code}/").content.decode()


def room_page_socket_query(participant) -> str:
    """The query the room page's socket URL carries, read from the page as a browser would."""
    page = _room_page(participant)
    return re.search(r'ws-connect="/ws/rooms/\w+/\?([^"]*)"', page).group(1)


async def snapshot_for(code: str, cookies: dict[str, str], query: str) -> str:
    """The first message a socket opened with ``query`` receives."""
    socket = communicator(code, cookies, query=query)
    connected, _ = await socket.connect()
    assert connected
    try:
        return await socket.receive_from(timeout=5)
    finally:
        await socket.disconnect()


async def test_a_phone_fresh_from_its_page_gets_only_its_own_parts(workshop, participant):
    query = await database_sync_to_async(room_page_socket_query)(participant)
    version = await database_sync_to_async(live.stage_version)(workshop.pk)
    assert query == f"stage={version}"

    snapshot = await snapshot_for(workshop.room_code, participant_cookies(participant), query)

    assert 'id="stage"' not in snapshot
    assert 'id="me"' in snapshot and 'id="timer"' in snapshot


async def test_after_a_change_the_same_page_gets_the_stage(workshop, facilitator, participant):
    query = await database_sync_to_async(room_page_socket_query)(participant)
    second = await database_sync_to_async(lambda: list(workshop.activities.all())[1])()

    def move_on():
        services.goto_activity(workshop, facilitator, second.pk)
        live.send(live.stage_update(workshop, "http://testserver/"))

    await database_sync_to_async(move_on)()
    snapshot = await snapshot_for(workshop.room_code, participant_cookies(participant), query)

    assert 'id="stage"' in snapshot
    assert f'data-activity="{second.pk}"' in snapshot


@pytest.mark.parametrize("query", ["", "stage=", "stage=abc", "stage=%C2%B2", "stage=" + "9" * 40])
async def test_no_version_or_a_bad_one_gets_the_stage(workshop, participant, query):
    snapshot = await snapshot_for(workshop.room_code, participant_cookies(participant), query)

    assert 'id="stage"' in snapshot


# The presenter: the same, with a version of its own that every presenter broadcast bumps.


def present_page_socket_query(facilitator, workshop) -> str:
    client = Client()
    client.force_login(facilitator)
    page = client.get(f"/workshops/{workshop.pk}/present/").content.decode()
    return re.search(r'ws-connect="/ws/rooms/\w+/\?([^"]*)"', page).group(1)


async def test_a_presenter_fresh_from_its_page_gets_only_the_timer(workshop, facilitator):
    query = await database_sync_to_async(present_page_socket_query)(facilitator, workshop)
    cookies = await facilitator_cookies(facilitator)

    snapshot = await snapshot_for(workshop.room_code, cookies, query)

    assert 'id="timer"' in snapshot
    assert 'id="stage"' not in snapshot and 'id="participants"' not in snapshot


async def test_a_presenter_page_older_than_a_phone_joining_gets_everything(
    workshop, facilitator, participant
):
    query = await database_sync_to_async(present_page_socket_query)(facilitator, workshop)
    # Someone comes in after the page was rendered: the presenter's list changed.
    phone = communicator(workshop.room_code, participant_cookies(participant))
    await phone.connect()
    await phone.receive_from(timeout=5)
    cookies = await facilitator_cookies(facilitator)
    try:
        for _attempt in range(50):  # the list's update goes out after a short back-off
            snapshot = await snapshot_for(workshop.room_code, cookies, query)
            if 'id="participants"' in snapshot:
                break
            await asyncio.sleep(0.1)
    finally:
        await phone.disconnect()

    assert 'id="stage"' in snapshot and 'id="participants"' in snapshot
    assert participant.display_name in snapshot


def test_room_pages_within_seconds_share_one_stage_and_a_later_one_renders_again(
    workshop, participant, monkeypatch
):
    """A join storm's pages take the stored stage; a change no broadcast announced (an edit in
    the admin) still shows on a reload once the stored one is PAGE_STAGE_SECONDS old."""

    def stage(page: str) -> str:
        return re.search(r'<section id="stage".*?</section>', page, re.S).group(0)

    assert workshop.title in stage(_room_page(participant))
    workshop.title = "Renamed in the admin"
    workshop.save(update_fields=["title"])
    assert "Renamed in the admin" not in stage(_room_page(participant))  # the stored one

    later = time.time() + live.PAGE_STAGE_SECONDS + 1
    monkeypatch.setattr(screens.time, "time", lambda: later)
    assert "Renamed in the admin" in stage(_room_page(participant))
