"""Liveness: the database and the channel layer both answer.

Anyone may ask, so the answer is a plain status; why a check failed goes to the log only
(an error's text can name hosts, users and database names).
"""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

CHANNEL_LAYER_TIMEOUT = 2.0
logger = logging.getLogger(__name__)


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
    except Exception:  # any failure means "not healthy"
        logger.exception("healthz: the database does not answer")
        problems.append("database")
    try:
        async_to_sync(_ping_channel_layer)()
    except Exception:
        logger.exception("healthz: the channel layer does not answer")
        problems.append("channel layer")
    if problems:
        return JsonResponse({"status": "unavailable", "unavailable": problems}, status=503)
    return JsonResponse({"status": "ok"})
