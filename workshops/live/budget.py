"""How fast one socket may send: a token bucket, one per socket.

A phone that sends faster than a person can (a script, a stuck key) would otherwise make a
write and a broadcast to the whole room per message. Each socket may send ``burst`` messages
at once and ``per_second`` on average; a message beyond that is answered "slow down" and
dropped, and the socket stays open. The defaults (settings ``SOCKET_MESSAGE_BURST`` and
``SOCKET_MESSAGES_PER_SECOND``) are far above what a person does: the burst holds a phone's
whole outbox of notes resent after a reconnect.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext_noop

# In English (tests compare it); translated where sent.
SLOW_DOWN = gettext_noop(
    "You are sending faster than the room can take. Wait a moment, then try again."
)


class MessageBudget:
    """``spend()`` is true while the socket has a message left to send."""

    def __init__(
        self,
        per_second: float | None = None,
        burst: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = settings.SOCKET_MESSAGES_PER_SECOND if per_second is None else per_second
        self.burst = settings.SOCKET_MESSAGE_BURST if burst is None else burst
        self.clock = clock
        self.tokens = float(self.burst)
        self.updated = clock()

    def spend(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True
