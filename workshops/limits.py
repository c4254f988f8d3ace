"""Per-address limits: wrong room codes, joins, socket opens, and a participant's uploads.

Counters live in the cache (django-ratelimit's fixed windows): the local-memory cache on a
laptop, Redis when scaled out, so every process counts together. The numbers are settings
(README, "Configuration"); the defaults leave room for a conference network that puts
hundreds of phones behind one address.

The client address is the connection's own (``REMOTE_ADDR``), or, only when ``BEHIND_PROXY``
is set, the address the proxy appended last to ``X-Forwarded-For``: the right-most entry is
the one the proxy saw, everything to its left came from the client and can be made up.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django_ratelimit.core import get_usage

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_ip(request) -> str:
    """The address a request came from (django-ratelimit's ``RATELIMIT_IP_META_KEY``)."""
    meta = request.META
    if settings.BEHIND_PROXY:
        hops = [hop.strip() for hop in meta.get(FORWARDED_FOR, "").split(",") if hop.strip()]
        if hops and _is_address(hops[-1]):
            return hops[-1]
    address = meta.get("REMOTE_ADDR") or ""
    return address if _is_address(address) else "0.0.0.0"


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class SocketRequest:
    """What the limits read from a request, made from a websocket's ASGI scope."""

    method = "GET"

    def __init__(self, scope: dict) -> None:
        client = scope.get("client") or ("", 0)
        self.META = {"REMOTE_ADDR": client[0] or ""}
        for name, value in scope.get("headers", []):
            key = "HTTP_" + name.decode("latin-1").upper().replace("-", "_")
            self.META[key] = value.decode("latin-1")


@dataclass(frozen=True)
class Limit:
    """``count`` events per ``window`` seconds, both read from settings when used."""

    group: str
    count_setting: str
    window_setting: str
    key: str = "ip"

    def rate(self) -> str:
        count = getattr(settings, self.count_setting)
        window = getattr(settings, self.window_setting)
        return f"{count}/{window}s"


# Failed room look-ups (wrong code, or not in the room) per address.
WRONG_CODES = Limit(
    "room-lookup-failures", "JOIN_FAILURES_PER_WINDOW", "JOIN_FAILURE_WINDOW_SECONDS"
)
# Every look-up on the join pages per address: a good code always opens the name page, so this
# is what bounds how many codes one address can try.
JOINS = Limit("joins", "JOINS_PER_WINDOW", "JOIN_WINDOW_SECONDS")
# Room sockets opened per address.
SOCKET_OPENS = Limit("socket-opens", "SOCKET_OPENS_PER_WINDOW", "SOCKET_OPEN_WINDOW_SECONDS")


def exceeded(request, limit: Limit, *, count: bool = True) -> bool:
    """Count one event (unless ``count`` is false) and say whether the limit is now passed."""
    usage = get_usage(request, group=limit.group, key=limit.key, rate=limit.rate(), increment=count)
    if usage is None:  # RATELIMIT_ENABLE = False
        return False
    return usage["count"] > usage["limit"]


def uploads_exceeded(device_key: str) -> bool:
    """Count one picture upload by this participant's device; true once past the setting."""
    rate = f"{settings.PICTURE_UPLOADS_PER_WINDOW}/{settings.PICTURE_UPLOAD_WINDOW_SECONDS}s"
    usage = get_usage(
        None,
        group="picture-uploads",
        key=lambda _group, _request: device_key,
        rate=rate,
        increment=True,
    )
    return usage is not None and usage["count"] > usage["limit"]
