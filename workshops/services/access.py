"""Who may change what: the rules every service checks, whether a view or a socket asked."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_noop

from ..models import Participant, Workshop
from .errors import NotAllowed, RoomClosed

# In English (tests compare them); translated where raised.
FACILITATOR_ONLY = gettext_noop("Only the facilitator of this workshop can do that.")
ROOM_CLOSED = gettext_noop("This room is closed: it takes no more changes.")
REMOVED = gettext_noop("You are no longer in this room.")


def check_facilitator(workshop: Workshop, by: AbstractBaseUser | None) -> None:
    if by is None or workshop.facilitator_id != by.pk:
        raise NotAllowed(gettext(FACILITATOR_ONLY))


def check_room_open(workshop: Workshop) -> None:
    """A closed room accepts nothing from its participants."""
    if workshop.is_closed:
        raise RoomClosed(gettext(ROOM_CLOSED))


def check_participant(workshop: Workshop, participant: Participant | None) -> None:
    """A participant acts only in the open room they joined, and only until removed.

    ``None`` is the facilitator's own screen, for which the room must be open too.
    """
    check_room_open(workshop)
    if participant is None:
        return
    if participant.workshop_id != workshop.pk:
        raise NotAllowed(gettext("You are not in this room."))
    if participant.removed_at is not None:
        raise NotAllowed(gettext(REMOVED))


def swap_with_neighbour(ordered: QuerySet, item, offset: int) -> None:
    """Swap ``item`` with the one ``offset`` places away in an ordered list with positions."""
    items = list(ordered.select_for_update())
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        other.position = position
    ordered.model.objects.bulk_update(items, ["position"])
