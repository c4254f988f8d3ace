"""Presence: which participants have a phone on the room socket right now.

One ``Presence`` row per open socket, written on connect and deleted on disconnect, held by
the server process serving the socket. Each process renews its rows on a heartbeat (one
update per process, not one per phone); rows whose process died stop counting when they
expire, and the next heartbeat of any process deletes them and says which rooms changed.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from ..models import Participant, Presence


def _expiry(ttl: float):
    return timezone.now() + timedelta(seconds=ttl)


def participant_connected(participant_id: int, channel_name: str, server: str, ttl: float) -> None:
    """A phone's socket is open: it counts until it closes, or its server stops renewing it."""
    Presence.objects.create(
        participant_id=participant_id,
        channel_name=channel_name,  # unique: Channels names every socket anew
        server=server,
        expires_at=_expiry(ttl),
    )


def participant_disconnected(channel_name: str) -> None:
    Presence.objects.filter(channel_name=channel_name).delete()


def renew_presence(server: str, ttl: float, dropped: set[str] = frozenset()) -> set[int]:
    """A server's heartbeat: renew its sockets, forget the ones it ``dropped`` without a
    disconnect (a consumer that failed) and everyone's expired rows (a server that died).

    Returns the workshops whose list of people changed.
    """
    gone = Presence.objects.filter(expires_at__lte=timezone.now())
    if dropped:
        gone = gone | Presence.objects.filter(server=server, channel_name__in=dropped)
    changed = _workshops_of(gone)
    gone.delete()
    Presence.objects.filter(server=server).update(expires_at=_expiry(ttl))
    return changed


def forget_other_servers(server: str) -> set[int]:
    """The only server starting up: sockets of the process before it are gone (a restart
    or a crash), whether or not they had expired yet. Returns the workshops that changed."""
    gone = Presence.objects.exclude(server=server)
    changed = _workshops_of(gone)
    gone.delete()
    return changed


def _workshops_of(presences: QuerySet[Presence]) -> set[int]:
    return set(presences.values_list("participant__workshop_id", flat=True).distinct())


def with_presence(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """Participants with ``is_online``: a socket of theirs that has not expired."""
    live = Presence.objects.filter(participant=OuterRef("pk"), expires_at__gt=timezone.now())
    return participants.annotate(is_online=Exists(live))
