"""Liveness: the database takes a write and the channel layer answers.

The answer is a plain status for anyone who asks; why a check failed goes to the log only.
"""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

CHANNEL_LAYER_TIMEOUT = 2.0
# How long the check waits for SQLite's write lock: a note waits longer (DB_BUSY_TIMEOUT) before
# it is answered "not saved yet", but a health check must answer quickly.
DATABASE_LOCK_WAIT_MS = 1000


async def _ping_channel_layer() -> None:
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "health.ping"})
    await asyncio.wait_for(layer.receive(channel), CHANNEL_LAYER_TIMEOUT)


def _check_database() -> None:
    """Raises unless the database would take a write now.

    A plain read is not enough on SQLite: in WAL mode readers pass while another connection
    holds the write lock, and every note would still fail. The check opens a write transaction
    (``BEGIN IMMEDIATE``, which takes that lock) and ends it without writing.
    """
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        if sqlite:
            cursor.execute(f"PRAGMA busy_timeout = {DATABASE_LOCK_WAIT_MS}")
        try:
            with transaction.atomic():
                cursor.execute("SELECT 1")
        finally:
            if sqlite:
                busy_ms = int(settings.DATABASES["default"]["OPTIONS"].get("timeout", 5) * 1000)
                cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    down = []
    try:
        _check_database()
    except Exception:  # any failure means "not healthy"; the reason is for the log only
        logger.warning("Health check: the database is unavailable", exc_info=True)
        down.append("database")
    try:
        async_to_sync(_ping_channel_layer)()
    except Exception:
        logger.warning("Health check: the channel layer is unavailable", exc_info=True)
        down.append("channel layer")
    if down:
        lines = "".join(f"{name}: unavailable\n" for name in down)
        return HttpResponse(lines, status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
