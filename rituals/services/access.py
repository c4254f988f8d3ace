"""Who may do what in the rituals module: the checks every service runs before it writes.

Each check reads fresh rows, so a participant removed or a room closed a moment ago is refused
even when the caller still holds an older copy.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext, gettext_noop

from workshops.models import Activity, Participant, Workshop
from workshops.services import NotAllowed, RoomClosed, ServiceError, check_facilitator

ROOM_CLOSED = gettext_noop("This room is closed, so nothing in it can be changed any more.")
NOT_IN_ROOM = gettext_noop("You are not in this room.")
REMOVED = gettext_noop("The facilitator has removed you from this room.")
LIBRARY_ONLY = gettext_noop("Log in as a facilitator to change the ritual library.")


def check_open(workshop: Workshop) -> None:
    if Workshop.objects.filter(pk=workshop.pk, is_closed=True).exists():
        raise RoomClosed(gettext(ROOM_CLOSED))


def check_participant(workshop: Workshop, participant: Participant) -> Participant:
    """The participant, fresh: in this room and not removed."""
    fresh = Participant.objects.filter(pk=participant.pk).first()
    if fresh is None or fresh.workshop_id != workshop.pk:
        raise NotAllowed(gettext(NOT_IN_ROOM))
    if fresh.removed_at is not None:
        raise NotAllowed(gettext(REMOVED))
    return fresh


def check_actor(
    workshop: Workshop, participant: Participant | None, by: AbstractBaseUser | None
) -> Participant | None:
    """A participant of the room, or (with no participant) its facilitator; the room open."""
    if participant is None:
        check_facilitator(workshop, by)
    else:
        participant = check_participant(workshop, participant)
    check_open(workshop)
    return participant


def check_running_facilitator(workshop: Workshop, by: AbstractBaseUser | None) -> None:
    check_facilitator(workshop, by)
    check_open(workshop)


def check_library_editor(by: AbstractBaseUser | None) -> None:
    if by is None or not by.is_authenticated or not by.is_active:
        raise NotAllowed(gettext(LIBRARY_ONLY))


def activity_in(workshop: Workshop, activity: Activity) -> Activity:
    if activity.workshop_id != workshop.pk:
        raise ServiceError(gettext("That activity is not on this workshop's agenda."))
    return activity


def check_text(text: str, *, empty: str, limit: int, what: str) -> str:
    """Stripped text, refused when empty or too long, with a message for the person."""
    text = (text or "").strip()
    if not text:
        raise ServiceError(empty)
    if len(text) > limit:
        raise ServiceError(
            gettext("Keep %(what)s under %(limit)s characters (this one has %(length)s).")
            % {"what": what, "limit": limit, "length": len(text)}
        )
    return text
