"""Bursts: a room's changes for one audience go out as one message per tick.

Past a few thousand websocket frames a second a process falls behind and notes arrive seconds
late. So each group (a room's phones, its presenter screens) gets at most one message per
``LIVE_TICK_MS``: the first change after a quiet spell goes out at once (no delay when notes
come slowly); what follows within the tick waits for its end and goes out together, the HTML
fragments joined in the order they came into one message, swapped out-of-band as before.
However fast notes come, a screen gets at most 1000 / ``LIVE_TICK_MS`` messages a second.

Events that are not HTML (``room.closed``, ``room.removed``) keep their place in the queue;
only HTML fragments next to each other are joined. Each process keeps its own queues, per
event loop: scaled out, each process sends one ``group_send`` per tick per group for the
changes it made.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from dataclasses import dataclass, field

from channels.layers import get_channel_layer
from django.conf import settings

from . import rendering

logger = logging.getLogger(__name__)

HTML = "room.html"


@dataclass
class _Group:
    """One group's queue: the events waiting for the end of the tick, and when it ends."""

    pending: list[dict] = field(default_factory=list)
    tick_ends: float = 0.0
    flush: asyncio.TimerHandle | None = None
    # Sends to one group keep their order even while a layer (Redis) awaits the network.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def joined(events: list[dict]) -> list[dict]:
    """``events`` with each run of HTML fragments joined into one event, in order."""
    out: list[dict] = []
    for event in events:
        last = out[-1] if out else None
        if event["type"] == HTML and last is not None and last["type"] == HTML:
            merged = {"type": HTML, "html": rendering.joined(last["html"], event["html"])}
            if last.get("refresh") or event.get("refresh"):
                merged["refresh"] = True
            out[-1] = merged
        else:
            out.append(event)
    return out


class Ticker:
    """The queues of one event loop: a small entry per group it ever sent to."""

    def __init__(self) -> None:
        self.groups: dict[str, _Group] = {}
        self.sending: set[asyncio.Task] = set()

    @staticmethod
    def tick() -> float:
        return settings.LIVE_TICK_MS / 1000

    async def send(self, group: str, event: dict) -> None:
        """Send at once after a quiet spell; otherwise queue for the end of the tick."""
        now = time.monotonic()
        queue = self.groups.setdefault(group, _Group())
        if now >= queue.tick_ends and not queue.pending and not queue.lock.locked():
            queue.tick_ends = now + self.tick()
            async with queue.lock:
                await _group_send(group, event)
            return
        queue.pending.append(event)
        if queue.flush is None:
            delay = max(queue.tick_ends - now, 0.0)
            queue.flush = asyncio.get_running_loop().call_later(delay, self._start_flush, group)

    async def flush_now(self, group: str) -> None:
        """Send what is queued for ``group`` without waiting for the tick's end."""
        queue = self.groups.get(group)
        if queue is None:
            return
        if queue.flush is not None:
            queue.flush.cancel()
            queue.flush = None
        await self._flush(group)

    def _start_flush(self, group: str) -> None:
        queue = self.groups.get(group)
        if queue is not None:
            queue.flush = None
        task = asyncio.ensure_future(self._flush(group))
        self.sending.add(task)
        task.add_done_callback(self.sending.discard)

    async def _flush(self, group: str) -> None:
        queue = self.groups.get(group)
        if queue is None:
            return
        async with queue.lock:
            events, queue.pending = joined(queue.pending), []
            if events:
                queue.tick_ends = time.monotonic() + self.tick()
            for event in events:
                await _group_send(group, event)


async def _group_send(group: str, event: dict) -> None:
    try:
        await get_channel_layer().group_send(group, event)
    except Exception:  # one lost send must not stop the room's later ones
        logger.exception("Live update to %s failed", group)


_tickers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Ticker] = weakref.WeakKeyDictionary()


def ticker() -> Ticker:
    """This event loop's queues (daphne runs one loop; tests and ``async_to_sync`` others)."""
    loop = asyncio.get_running_loop()
    found = _tickers.get(loop)
    if found is None:
        found = _tickers[loop] = Ticker()
    return found
