"""The agenda editor's part for a paradigm comparison: its dimensions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from .. import services
from ..forms import AddDimensionForm, MoveActivityForm
from ..kinds.paradigm import dimension_form
from ..services import ServiceError
from .access import get_activity_for_user, get_dimension_for_user
from .facilitator import agenda_changed, agenda_refused, render_agenda


@login_required
@require_POST
def dimension_add(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, activity_pk)
    form = AddDimensionForm(request.POST)
    if form.is_valid():
        try:
            services.add_dimension(activity, request.user, form.cleaned_data["source"])
        except ServiceError as error:
            return agenda_refused(request, activity.workshop, error)
    return agenda_changed(request, activity.workshop)


@login_required
@require_POST
def dimension_edit(request: HttpRequest, pk: int, dimension_pk: int) -> HttpResponse:
    dimension = get_dimension_for_user(request, pk, dimension_pk)
    form = dimension_form(dimension, request.POST)
    if not form.is_valid():
        return render_agenda(request, dimension.activity.workshop, invalid_forms=[form])
    services.update_dimension(dimension, request.user, **form.cleaned_data)
    return agenda_changed(request, dimension.activity.workshop)


@login_required
@require_POST
def dimension_move(request: HttpRequest, pk: int, dimension_pk: int) -> HttpResponse:
    dimension = get_dimension_for_user(request, pk, dimension_pk)
    form = MoveActivityForm(request.POST)
    if form.is_valid():
        services.move_dimension(dimension, request.user, offset=form.offset)
    return agenda_changed(request, dimension.activity.workshop)


@login_required
@require_POST
def dimension_remove(request: HttpRequest, pk: int, dimension_pk: int) -> HttpResponse:
    dimension = get_dimension_for_user(request, pk, dimension_pk)
    services.remove_dimension(dimension, request.user)
    return agenda_changed(request, dimension.activity.workshop)
