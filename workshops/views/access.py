"""Access to one's own things: a facilitator's workshops (anyone else's is a 404, never a hint
it exists) and a phone's room."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, gettext_noop

from .. import limits, services
from ..identity import read_device_key
from ..models import Activity, Participant, Slide, Workshop, WorkshopDimension
from ..services import ServiceError


def get_workshop_for_user(request: HttpRequest, pk: int) -> Workshop:
    """The workshop if it is the logged-in facilitator's own; 404 for anyone else's."""
    return get_object_or_404(Workshop, pk=pk, facilitator=request.user)


def get_activity_for_user(request: HttpRequest, pk: int, activity_pk: int) -> Activity:
    workshop = get_workshop_for_user(request, pk)
    return get_object_or_404(Activity, pk=activity_pk, workshop=workshop)


def get_dimension_for_user(request: HttpRequest, pk: int, dimension_pk: int) -> WorkshopDimension:
    workshop = get_workshop_for_user(request, pk)
    return get_object_or_404(WorkshopDimension, pk=dimension_pk, activity__workshop=workshop)


def get_slide_for_user(request: HttpRequest, pk: int, slide_pk: int) -> Slide:
    workshop = get_workshop_for_user(request, pk)
    return get_object_or_404(Slide, pk=slide_pk, activity__workshop=workshop)


NOT_IN_ROOM = gettext_noop("You are not in this room. Open the room's join link to take part.")


def find_my_room(request: HttpRequest, code: str) -> tuple[Workshop, Participant]:
    """The open room and this phone's participant in it, or a ServiceError to show.

    "No such room" and "not in that room" are one answer (``NOT_IN_ROOM``), counted as a
    wrong code, so the room page and the picture upload tell a stranger nothing about which
    codes exist. Only a room's own participants learn that it is closed.
    """
    device_key = read_device_key(request.COOKIES)
    # A phone in an open room, as nearly every visit is: one query.
    participant = services.find_me_in_open_room(code, device_key)
    if participant is not None:
        return participant.workshop, participant
    try:
        workshop = services.find_open_workshop(code)
    except services.RoomClosed:
        closed = services.find_closed_workshop(code)
        if closed is not None and services.find_participant(closed, device_key):
            raise
        workshop = None
    except ServiceError:
        workshop = None
    participant = services.find_participant(workshop, device_key) if workshop else None
    if participant is None:
        limits.exceeded(request, limits.WRONG_CODES)
        raise services.NotAllowed(gettext(NOT_IN_ROOM))
    return workshop, participant
