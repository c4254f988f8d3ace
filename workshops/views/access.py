"""Access to a facilitator's own things: anyone else's is a 404, never a hint it exists."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ..models import Activity, Slide, Workshop, WorkshopDimension


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
