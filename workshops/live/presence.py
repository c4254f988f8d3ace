"""Who is in the room, as this server process knows it: its heartbeat and its announcements.

Every process has an id (``SERVER``) and counts each phone's socket in with a ``Presence`` row
of its own (``services.presence``). A heartbeat renews this process's rows and deletes
everyone's expired ones, so when a process dies its phones drop out of the room within
``PRESENCE_TTL`` (and come back as soon as they reconnect to a live process). Served by a
single process, a process starting up clears the rows of the one before it at once: after a
restart nobody shows as online until their phone is back.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time

from channels.db import database_sync_to_async
from django.conf import settings

from .. import services
from ..models import Workshop
from .updates import asend, presence_update

logger = logging.getLogger(__name__)

SERVER = secrets.token_hex(8)

# Who is in the room changes in storms (500 phones join within seconds): each process renders
# the presenter's list at most once per PRESENCE_DELAY per room, not once per phone. The list
# grows with the room (500 names take ~25 ms to render, longer while the process is busy), so
# the wait also grows to PRESENCE_BACKOFF times what the last one took, up to
# PRESENCE_MAX_DELAY: the list costs the process at most about a twenty-fifth of its time
# however crowded the room, and its joins and snapshots keep the rest (at a tenth, the list
# was a tenth of a join storm's CPU).
PRESENCE_DELAY = 0.3
PRESENCE_BACKOFF = 25
PRESENCE_MAX_DELAY = 2.0
_presence_due: dict[int, asyncio.Task] = {}
_presence_took: dict[int, float] = {}
_heartbeat: asyncio.Task | None = None
# Sockets whose consumer ended without a disconnect (it failed): the next heartbeat drops them.
_dropped: set[str] = set()
# Sockets counted in (channel name -> participant id) or out since the last write: written
# together PRESENCE_WRITE_DELAY after the first of them (and before any list is rendered), so a
# crowd arriving or reconnecting at once is a few writes, not one per phone.
PRESENCE_WRITE_DELAY = 0.05
_arrived: dict[str, int] = {}
_left: set[str] = set()
_write_due: asyncio.Task | None = None


def arrived(participant_id: int, channel_name: str) -> None:
    """A phone's socket is open: it counts until it closes, or its server stops renewing it."""
    _arrived[channel_name] = participant_id
    _write_soon()


def left(channel_name: str) -> None:
    """A phone's socket closed."""
    if _arrived.pop(channel_name, None) is None:  # not written yet: nothing to delete
        _left.add(channel_name)
        _write_soon()


def _write_soon() -> None:
    global _write_due
    loop = asyncio.get_running_loop()
    if _write_due is not None and not _write_due.done() and _write_due.get_loop() is loop:
        return

    async def later() -> None:
        # Until nothing is left to write: sockets may come and go during a write.
        while True:
            await asyncio.sleep(PRESENCE_WRITE_DELAY)
            if not (_arrived or _left):
                return
            try:
                await _write(_take_pending())
            except Exception:
                logger.exception("Presence: sockets not counted yet; trying again at the beat")
                return

    _write_due = loop.create_task(later())


def _take_pending() -> tuple[dict[str, int], set[str]]:
    pending = dict(_arrived), set(_left)
    _arrived.clear()
    _left.clear()
    return pending


def _put_back(pending: tuple[dict[str, int], set[str]]) -> None:
    """A write failed: the next one tries again."""
    for channel_name, participant_id in pending[0].items():
        _arrived.setdefault(channel_name, participant_id)
    _left.update(pending[1])


async def _write(pending: tuple[dict[str, int], set[str]], then=None, *args):
    """Write the pending sockets, then run ``then(*args)`` in the same trip to the database."""

    written = False

    def write_then():
        nonlocal written
        services.record_presence(SERVER, settings.PRESENCE_TTL, *pending)
        written = True
        return then(*args) if then is not None else None

    try:
        return await database_sync_to_async(write_then)()
    except Exception:
        if not written:  # written rows must not be written twice
            _put_back(pending)
        raise


def _presence(workshop_id: int):
    workshop = Workshop.objects.filter(pk=workshop_id).first()
    return presence_update(workshop) if workshop is not None else None


def presence_delay(workshop_id: int) -> float:
    """How long the next announcement of this room waits (see PRESENCE_BACKOFF)."""
    took = _presence_took.get(workshop_id, 0.0)
    return min(max(PRESENCE_DELAY, PRESENCE_BACKOFF * took), PRESENCE_MAX_DELAY)


def announce(workshop_id: int) -> None:
    """Send the presenter's list of people soon (once for all the changes until then)."""
    due = _presence_due.get(workshop_id)
    if due is not None and not due.done() and due.get_loop() is asyncio.get_running_loop():
        return

    async def later() -> None:
        await asyncio.sleep(presence_delay(workshop_id))
        # Changes from now on schedule the next announcement.
        _presence_due.pop(workshop_id, None)
        started = time.monotonic()
        try:
            update = await _write(_take_pending(), _presence, workshop_id)
        except Exception:
            logger.exception("Presence: the list could not be updated; trying again soon")
            announce(workshop_id)
            return
        _presence_took[workshop_id] = time.monotonic() - started
        if update is not None:
            await asend(update)

    _presence_due[workshop_id] = asyncio.ensure_future(later())


async def start() -> None:
    """Run this process's heartbeat (once per event loop); as the only process, first forget
    the sockets of the process before."""
    global _heartbeat
    loop = asyncio.get_running_loop()
    if _heartbeat is not None and not _heartbeat.done() and _heartbeat.get_loop() is loop:
        return
    _heartbeat = loop.create_task(_beat())
    if settings.PRESENCE_SINGLE_PROCESS:
        for workshop_id in await database_sync_to_async(services.forget_other_servers)(SERVER):
            announce(workshop_id)


def dropped(channel_name: str) -> None:
    """A socket's consumer ended without disconnecting: stop counting it at the next beat."""
    if _arrived.pop(channel_name, None) is None:
        _dropped.add(channel_name)


async def _beat() -> None:
    while True:
        await asyncio.sleep(settings.PRESENCE_HEARTBEAT)
        gone = set(_dropped)
        try:
            changed = await _write(
                _take_pending(), services.renew_presence, SERVER, settings.PRESENCE_TTL, gone
            )
        except Exception:
            logger.exception("Presence heartbeat failed; trying again at the next beat")
            continue
        _dropped.difference_update(gone)
        for workshop_id in changed:
            announce(workshop_id)
