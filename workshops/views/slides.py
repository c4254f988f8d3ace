"""The agenda editor's part for explainer slides: their wording, order and number."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from .. import services
from ..forms import MoveActivityForm, NewSlideForm
from ..kinds.explainers import slide_form
from ..services import ServiceError
from .access import get_activity_for_user, get_slide_for_user
from .facilitator import agenda_changed, agenda_refused, render_agenda


@login_required
@require_POST
def slide_add(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, activity_pk)
    form = NewSlideForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(form.errors["heading"][0])
        services.add_slide(activity, request.user, heading=form.cleaned_data["heading"])
    except ServiceError as error:
        return agenda_refused(request, activity.workshop, error)
    return agenda_changed(request, activity.workshop)


@login_required
@require_POST
def slide_edit(request: HttpRequest, pk: int, slide_pk: int) -> HttpResponse:
    slide = get_slide_for_user(request, pk, slide_pk)
    form = slide_form(slide, request.POST)
    if not form.is_valid():
        return render_agenda(request, slide.activity.workshop, invalid_forms=[form])
    services.update_slide(slide, request.user, **form.cleaned_data)
    return agenda_changed(request, slide.activity.workshop)


@login_required
@require_POST
def slide_move(request: HttpRequest, pk: int, slide_pk: int) -> HttpResponse:
    slide = get_slide_for_user(request, pk, slide_pk)
    form = MoveActivityForm(request.POST)
    if form.is_valid():
        services.move_slide(slide, request.user, offset=form.offset)
    return agenda_changed(request, slide.activity.workshop)


@login_required
@require_POST
def slide_remove(request: HttpRequest, pk: int, slide_pk: int) -> HttpResponse:
    slide = get_slide_for_user(request, pk, slide_pk)
    services.remove_slide(slide, request.user)
    return agenda_changed(request, slide.activity.workshop)
