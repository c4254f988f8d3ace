"""A presenter socket has facilitator powers only while the session it was opened with logs the
facilitator in: log-out closes it, a password change ends its powers at the next message."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from workshops.live.viewers import SIGNED_OUT

from .helpers import (
    CLOSE_UNKNOWN_IDENTITY,
    RoomSockets,
    current_activity_id,
    everything_so_far,
    first_frame,
    receive_close,
    receive_until,
    send_action,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


async def presenter_with_session(sockets: RoomSockets, user, workshop):
    """A presenter socket, and the browser (test client) whose session opened it."""
    client = await database_sync_to_async(logged_in_client)(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    socket = await sockets.open(workshop.room_code, {settings.SESSION_COOKIE_NAME: cookie})
    await first_frame(socket)
    return socket, client


async def second_activity(workshop) -> int:
    return await database_sync_to_async(
        lambda: workshop.activities.order_by("position").values_list("pk", flat=True)[1]
    )()


async def test_logging_out_closes_the_presenter_socket_of_that_session(facilitator, workshop):
    async with RoomSockets() as sockets:
        presenter, browser = await presenter_with_session(sockets, facilitator, workshop)

        await database_sync_to_async(browser.post)(reverse("logout"))

        await receive_until(presenter, 'id="live-message"', escape(SIGNED_OUT))
        assert await receive_close(presenter) == CLOSE_UNKNOWN_IDENTITY


async def test_logging_out_on_another_device_leaves_this_presenter_working(facilitator, workshop):
    second = await second_activity(workshop)
    async with RoomSockets() as sockets:
        presenter, _browser = await presenter_with_session(sockets, facilitator, workshop)
        _other, other_browser = await presenter_with_session(sockets, facilitator, workshop)

        await database_sync_to_async(other_browser.post)(reverse("logout"))
        await send_action(presenter, "activity.goto", activity=second)

        await receive_until(presenter, 'id="stage"', f'data-activity="{second}"')
    assert await current_activity_id(workshop) == second


async def test_after_a_password_change_the_presenter_socket_cannot_control_the_room(
    facilitator, workshop, participant
):
    first = await current_activity_id(workshop)
    second = await second_activity(workshop)
    async with RoomSockets() as sockets:
        presenter, _browser = await presenter_with_session(sockets, facilitator, workshop)
        phone, _ = await sockets.participant(participant)

        def change_password():
            facilitator.set_password("a-different-passphrase")
            facilitator.save()

        await database_sync_to_async(change_password)()
        await send_action(presenter, "activity.goto", activity=second)

        await receive_until(presenter, 'id="live-message"', escape(SIGNED_OUT))
        assert await receive_close(presenter) == CLOSE_UNKNOWN_IDENTITY
        # Nothing moved: a fresh presenter's barrier reaches the phone with nothing before it.
        fresh, _ = await sockets.facilitator(facilitator, workshop)
        (_fresh_frames, phone_frames) = await everything_so_far(fresh, phone)
        assert len(phone_frames) == 1, phone_frames
    assert await current_activity_id(workshop) == first
