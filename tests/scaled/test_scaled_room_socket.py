"""The room socket scaled out: PostgreSQL for the data, Redis as the channel layer.

Run with DATABASE_URL and REDIS_URL set (`make test` does); on SQLite or the in-memory layer
these tests fail rather than pass without proving anything.
"""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import connection

from tests.conftest import make_participant
from tests.live.helpers import (
    RoomSockets,
    assert_nothing_else,
    current_activity_id,
    receive_presence,
    receive_until,
    send_action,
)

pytestmark = [
    pytest.mark.scaled,
    # Serialized rollback: the database is emptied after each test, the templates come back.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def assert_scaled_out() -> None:
    """Fail loudly if this run is not on PostgreSQL and Redis (never skip: that would hide it)."""
    assert connection.vendor == "postgresql", (
        f"The scaled tests need PostgreSQL (DATABASE_URL=postgres://...), not {connection.vendor}"
    )
    layer = get_channel_layer()
    layer_class = f"{type(layer).__module__}.{type(layer).__qualname__}"
    assert layer_class == "channels_redis.core.RedisChannelLayer", (
        f"The scaled tests need the Redis channel layer (REDIS_URL=redis://...), not {layer_class}"
    )


def test_the_run_is_really_scaled_out():
    assert_scaled_out()


async def activities(workshop):
    return await database_sync_to_async(lambda: list(workshop.activities.order_by("position")))()


async def test_the_facilitator_moves_every_phone_over_redis(facilitator, workshop, participant):
    assert_scaled_out()
    second = (await activities(workshop))[1]
    ben = await database_sync_to_async(make_participant)(workshop, "Ben")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira_phone, _ = await sockets.participant(participant)
        ben_phone, _ = await sockets.participant(ben)
        await receive_presence(presenter, participant.display_name, "Ben")

        await send_action(presenter, "activity.goto", activity=second.pk)

        for phone in (amira_phone, ben_phone):
            fragment = await receive_until(phone, 'id="stage"', second.title)
            assert f'data-activity="{second.pk}"' in fragment
        await receive_until(presenter, 'id="stage"', second.title, 'id="agenda-nav"')
    assert await current_activity_id(workshop) == second.pk


async def test_a_participant_cannot_move_the_room_over_redis(facilitator, workshop, participant):
    assert_scaled_out()
    first, second, *_ = await activities(workshop)
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)

        await send_action(phone, "activity.goto", activity=second.pk)

        refusal = await receive_until(phone, 'id="live-message"')
        assert "Only the facilitator" in refusal
        await assert_nothing_else(presenter)
        assert await current_activity_id(workshop) == first.pk

        # Still open, still answering.
        await send_action(phone, "activity.goto", activity=second.pk)
        assert "Only the facilitator" in await receive_until(phone, 'id="live-message"')
    assert await current_activity_id(workshop) == first.pk
