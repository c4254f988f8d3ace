"""Presence: which participants have a phone on the room socket right now.

One ``Presence`` row per open socket, held by the server process serving the socket: written
soon after it connects and deleted soon after it disconnects, together with the others of the
moment (``live.presence``). Each process renews its rows on a heartbeat (one
update per process, not one per phone); rows whose process died stop counting when they
expire, and the next heartbeat of any process deletes them and says which rooms changed.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from ..models import Participant, Presence


def _expiry(ttl: float):
    return timezone.now() + timedelta(seconds=ttl)


def record_presence(
    server: str, ttl: float, arrived: dict[str, int], left: set[str] = frozenset()
) -> None:
    """Sockets counted in (``arrived``: channel name -> participant id) and out (``left``)
    since the last call, written in one transaction: a crowd arriving is one write, not one
    per phone. A participant deleted meanwhile (its workshop was) is not counted in."""
    with transaction.atomic():
        if arrived:
            known = set(
                Participant.objects.filter(pk__in=set(arrived.values())).values_list(
                    "pk", flat=True
                )
            )
            Presence.objects.bulk_create(
                Presence(
                    participant_id=participant_id,
                    channel_name=channel_name,  # unique: Channels names every socket anew
                    server=server,
                    expires_at=_expiry(ttl),
                )
                for channel_name, participant_id in arrived.items()
                if participant_id in known
            )
        if left:
            Presence.objects.filter(channel_name__in=left).delete()


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
