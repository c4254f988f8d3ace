"""Liveness: the database and the channel layer both answer."""

from __future__ import annotations

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

CHANNEL_LAYER_TIMEOUT = 2.0


async def _ping_channel_layer() -> None:
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "health.ping"})
    await asyncio.wait_for(layer.receive(channel), CHANNEL_LAYER_TIMEOUT)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "not healthy", with the reason
        problems.append(f"database: {error}")
    try:
        async_to_sync(_ping_channel_layer)()
    except Exception as error:
        problems.append(f"channel layer: {error or type(error).__name__}")
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})
