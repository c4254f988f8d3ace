"""The facilitator's pages: workshops, their agenda, and the presenter view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import live, services
from ..forms import (
    ActivityForm,
    AddDimensionForm,
    BoardSettingsForm,
    DimensionForm,
    MoveActivityForm,
    NewActivityForm,
    NewWorkshopForm,
    WorkshopForm,
)
from ..models import Activity, Workshop, WorkshopDimension, WorkshopTemplate


def _get_workshop_for_user(request: HttpRequest, pk: int) -> Workshop:
    """The workshop if it is the logged-in facilitator's own; 404 for anyone else's."""
    return get_object_or_404(Workshop, pk=pk, facilitator=request.user)


def _get_activity_for_user(request: HttpRequest, pk: int, activity_pk: int) -> Activity:
    workshop = _get_workshop_for_user(request, pk)
    return get_object_or_404(Activity, pk=activity_pk, workshop=workshop)


def _activity_form(activity: Activity, data=None) -> ActivityForm:
    return ActivityForm(data, instance=activity, prefix=f"activity-{activity.pk}")


def _board_form(activity: Activity, data=None) -> BoardSettingsForm:
    return BoardSettingsForm(data, instance=activity, prefix=f"board-{activity.pk}")


def _dimension_form(dimension: WorkshopDimension, data=None) -> DimensionForm:
    return DimensionForm(data, instance=dimension, prefix=f"dimension-{dimension.pk}")


def _render_agenda(request: HttpRequest, workshop: Workshop, **context) -> HttpResponse:
    template_name = "workshops/workshop_detail.html"
    if request.htmx:
        template_name += "#agenda"
    # A form that failed validation is shown again, with its errors, in its place.
    invalid = {
        (type(form), form.instance.pk): form
        for form in (
            context.pop("invalid_activity_form", None),
            context.pop("invalid_board_form", None),
            context.pop("invalid_dimension_form", None),
        )
        if form is not None
    }

    def form_for(form_class, instance, make):
        return invalid.get((form_class, instance.pk)) or make(instance)

    activity_forms = [
        (
            activity,
            form_for(ActivityForm, activity, _activity_form),
            form_for(BoardSettingsForm, activity, _board_form) if activity.is_board else None,
            [
                (dimension, form_for(DimensionForm, dimension, _dimension_form))
                for dimension in activity.dimensions.all()
            ],
        )
        for activity in workshop.activities.prefetch_related("columns", "dimensions")
    ]
    planned = [activity.duration_minutes for activity, *_ in activity_forms]
    context = {
        "workshop": workshop,
        "activity_forms": activity_forms,
        "planned_minutes": sum(minutes or 0 for minutes in planned),
        "unplanned_count": planned.count(None),
        "new_activity_form": NewActivityForm(),
        "add_dimension_form": AddDimensionForm(),
        "workshop_form": WorkshopForm(instance=workshop),
        **context,
    }
    return render(request, template_name, context)


@login_required
def workshop_list(request: HttpRequest) -> HttpResponse:
    workshops = request.user.workshops.all()
    return render(request, "workshops/workshop_list.html", {"workshops": workshops})


@login_required
def workshop_new(request: HttpRequest) -> HttpResponse:
    form = NewWorkshopForm(
        request.POST or None, initial={"template": WorkshopTemplate.objects.first()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        workshop = services.create_workshop(
            request.user,
            title=data["title"],
            client_organisation=data["client_organisation"],
            date=data["date"],
            template=data["template"],
        )
        messages.success(
            request, f"“{workshop.title}” is ready. Its room code is {workshop.room_code}."
        )
        return redirect("workshop_detail", pk=workshop.pk)
    return render(request, "workshops/workshop_new.html", {"form": form})


@login_required
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST":
        if form.is_valid():
            services.update_workshop(workshop, request.user, **form.cleaned_data)
            messages.success(request, "Saved.")
            return redirect("workshop_detail", pk=workshop.pk)
        return _render_agenda(request, workshop, workshop_form=form)
    return _render_agenda(request, workshop)


@login_required
@require_POST
def workshop_delete(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    live.send(live.closing_update(workshop))
    services.delete_workshop(workshop, request.user)
    messages.success(request, f"“{workshop.title}” was deleted.")
    return redirect("workshop_list")


@login_required
@require_POST
def room_code_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    services.regenerate_room_code(workshop, request.user)
    messages.success(request, f"The new room code is {workshop.room_code}.")
    return redirect("workshop_detail", pk=workshop.pk)


@login_required
@require_POST
def room_close(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    services.close_room(workshop, request.user)
    live.send(live.closing_update(workshop))
    messages.success(request, "The room is closed: nobody can join or add anything.")
    return redirect("workshop_detail", pk=workshop.pk)


@login_required
@require_POST
def room_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    services.reopen_room(workshop, request.user)
    messages.success(request, f"The room is open again with code {workshop.room_code}.")
    return redirect("workshop_detail", pk=workshop.pk)


# Agenda -------------------------------------------------------------------------------------


@login_required
@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    form = NewActivityForm(request.POST)
    if not form.is_valid():
        return _render_agenda(request, workshop, new_activity_form=form)
    services.add_activity(workshop, request.user, **form.cleaned_data)
    return _agenda_changed(request, workshop)


@login_required
@require_POST
def activity_edit(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _get_activity_for_user(request, pk, activity_pk)
    form = _activity_form(activity, request.POST)
    if not form.is_valid():
        return _render_agenda(request, activity.workshop, invalid_activity_form=form)
    services.update_activity(activity, request.user, **form.cleaned_data)
    return _agenda_changed(request, activity.workshop)


@login_required
@require_POST
def board_settings(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _get_activity_for_user(request, pk, activity_pk)
    form = _board_form(activity, request.POST)
    if not form.is_valid():
        return _render_agenda(request, activity.workshop, invalid_board_form=form)
    services.update_board_settings(
        activity, request.user, settings=form.board_settings, columns=form.cleaned_data["columns"]
    )
    return _agenda_changed(request, activity.workshop)


@login_required
@require_POST
def activity_remove(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _get_activity_for_user(request, pk, activity_pk)
    services.remove_activity(activity, request.user)
    return _agenda_changed(request, activity.workshop)


@login_required
@require_POST
def activity_move(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _get_activity_for_user(request, pk, activity_pk)
    form = MoveActivityForm(request.POST)
    if form.is_valid():
        services.move_activity(activity, request.user, offset=form.offset)
    return _agenda_changed(request, activity.workshop)


def _agenda_changed(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    """Screens in the room follow agenda edits; the page shows the new agenda."""
    workshop.refresh_from_db()
    live.send(live.stage_update(workshop, request.build_absolute_uri("/")))
    if request.htmx:
        return _render_agenda(request, workshop)
    return redirect("workshop_detail", pk=workshop.pk)


# Presenting ---------------------------------------------------------------------------------


@login_required
def present(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    if workshop.is_closed:
        messages.error(request, "This room is closed. Reopen it to present.")
        return redirect("workshop_detail", pk=workshop.pk)
    context = live.room_context(workshop, request.build_absolute_uri("/"))
    return render(request, "workshops/present.html", context)


# The paradigm comparison's dimensions ---------------------------------------------------------


def _get_dimension_for_user(request: HttpRequest, pk: int, dimension_pk: int) -> WorkshopDimension:
    workshop = _get_workshop_for_user(request, pk)
    return get_object_or_404(WorkshopDimension, pk=dimension_pk, activity__workshop=workshop)


@login_required
@require_POST
def dimension_add(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    activity = get_object_or_404(
        Activity, pk=activity_pk, workshop=workshop, kind=Activity.Kind.PARADIGM
    )
    form = AddDimensionForm(request.POST)
    if form.is_valid():
        services.add_dimension(activity, request.user, form.cleaned_data["source"])
    return _agenda_changed(request, activity.workshop)


@login_required
@require_POST
def dimension_edit(request: HttpRequest, pk: int, dimension_pk: int) -> HttpResponse:
    dimension = _get_dimension_for_user(request, pk, dimension_pk)
    form = _dimension_form(dimension, request.POST)
    if not form.is_valid():
        return _render_agenda(request, dimension.activity.workshop, invalid_dimension_form=form)
    services.update_dimension(dimension, request.user, **form.cleaned_data)
    return _agenda_changed(request, dimension.activity.workshop)


@login_required
@require_POST
def dimension_move(request: HttpRequest, pk: int, dimension_pk: int) -> HttpResponse:
    dimension = _get_dimension_for_user(request, pk, dimension_pk)
    form = MoveActivityForm(request.POST)
    if form.is_valid():
        services.move_dimension(dimension, request.user, offset=form.offset)
    return _agenda_changed(request, dimension.activity.workshop)


@login_required
@require_POST
def dimension_remove(request: HttpRequest, pk: int, dimension_pk: int) -> HttpResponse:
    dimension = _get_dimension_for_user(request, pk, dimension_pk)
    services.remove_dimension(dimension, request.user)
    return _agenda_changed(request, dimension.activity.workshop)
