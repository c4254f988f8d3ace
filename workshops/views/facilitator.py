"""The facilitator's pages: workshops, their agenda, and the presenter view."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from .. import kinds, languages, links, live, services
from ..forms import (
    ActivityForm,
    MoveActivityForm,
    NewActivityForm,
    NewWorkshopForm,
    WorkshopForm,
)
from ..models import Activity, Workshop, WorkshopTemplate
from ..services import ServiceError
from .access import get_activity_for_user, get_workshop_for_user


def _activity_form(activity: Activity, data=None) -> ActivityForm:
    return ActivityForm(data, instance=activity, prefix=f"activity-{activity.pk}")


def _settings_form(activity: Activity, data=None):
    """The kind's settings form for this activity, or None if its kind has no settings."""
    form_class = activity.kind_spec.settings_form
    if form_class is None:
        return None
    return form_class(data, instance=activity, prefix=f"settings-{activity.pk}")


@dataclass
class AgendaRow:
    """One activity in the agenda editor, with its forms and its kind's editor context."""

    activity: Activity
    kind: kinds.ActivityKind
    form: ActivityForm
    settings_form: object
    editor: dict


def _agenda_row(activity: Activity, invalid: dict) -> AgendaRow:
    kind = activity.kind_spec
    return AgendaRow(
        activity=activity,
        kind=kind,
        form=invalid.get((ActivityForm, activity.pk)) or _activity_form(activity),
        settings_form=invalid.get(("settings", activity.pk)) or _settings_form(activity),
        editor=kind.editor_context(activity, invalid) if kind.editor_context else {},
    )


def render_agenda(
    request: HttpRequest, workshop: Workshop, *, invalid_forms=(), **context
) -> HttpResponse:
    """The workshop page, or only its agenda for htmx; a form that failed validation is shown
    again, with its errors, in its place."""
    template_name = "workshops/workshop_detail.html"
    if request.htmx:
        template_name += "#agenda"
    invalid = {
        ("settings" if form.prefix.startswith("settings-") else type(form), form.instance.pk): form
        for form in invalid_forms
    }
    activities = list(workshop.activities.prefetch_related("columns", "dimensions"))
    planned = [activity.duration_minutes for activity in activities]
    context = {
        "workshop": workshop,
        "agenda_rows": [_agenda_row(activity, invalid) for activity in activities],
        "planned_minutes": sum(minutes or 0 for minutes in planned),
        "unplanned_count": planned.count(None),
        "new_activity_form": NewActivityForm(),
        "workshop_form": WorkshopForm(instance=workshop),
        "module_links": links.workshop_links(workshop.pk),
        **context,
    }
    return render(request, template_name, context)


def agenda_changed(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    """Screens in the room follow agenda edits; the page shows the new agenda."""
    workshop.refresh_from_db()
    live.send(live.stage_update(workshop, request.build_absolute_uri("/")))
    if request.htmx:
        return render_agenda(request, workshop)
    return redirect("workshop_detail", pk=workshop.pk)


def agenda_refused(request: HttpRequest, workshop: Workshop, error: ServiceError) -> HttpResponse:
    """A change the services refused: the agenda again, with the reason, and nothing changed."""
    if request.htmx:
        return render_agenda(request, workshop, agenda_error=str(error))
    messages.error(request, str(error))
    return redirect("workshop_detail", pk=workshop.pk)


@login_required
def workshop_list(request: HttpRequest) -> HttpResponse:
    workshops = request.user.workshops.all()
    return render(request, "workshops/workshop_list.html", {"workshops": workshops})


@login_required
def workshop_new(request: HttpRequest) -> HttpResponse:
    # A new workshop speaks the facilitator's language unless they pick another.
    language = get_language() if get_language() in languages.LANGUAGE_CODES else None
    form = NewWorkshopForm(
        request.POST or None,
        initial={"template": WorkshopTemplate.objects.first(), "language": language},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        workshop = services.create_workshop(
            request.user,
            title=data["title"],
            client_organisation=data["client_organisation"],
            date=data["date"],
            template=data["template"],
            language=data["language"],
        )
        messages.success(
            request,
            gettext("“%(title)s” is ready. Its room code is %(code)s.")
            % {"title": workshop.title, "code": workshop.room_code},
        )
        return redirect("workshop_detail", pk=workshop.pk)
    return render(request, "workshops/workshop_new.html", {"form": form})


@login_required
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST":
        if form.is_valid():
            services.update_workshop(workshop, request.user, **form.cleaned_data)
            messages.success(request, gettext("Saved."))
            return redirect("workshop_detail", pk=workshop.pk)
        return render_agenda(request, workshop, workshop_form=form)
    return render_agenda(request, workshop)


@login_required
@require_POST
def workshop_delete(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    workshop_id = services.delete_workshop(workshop, request.user)
    live.send(live.closing_update(workshop_id))
    messages.success(request, gettext("“%(title)s” was deleted.") % {"title": workshop.title})
    return redirect("workshop_list")


@login_required
@require_POST
def room_code_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    services.regenerate_room_code(workshop, request.user)
    live.send(live.room_code_update(workshop, request.build_absolute_uri("/")))
    messages.success(
        request,
        gettext("The new room code is %(code)s. People already in the room stay in.")
        % {"code": workshop.room_code},
    )
    return redirect("workshop_detail", pk=workshop.pk)


@login_required
@require_POST
def room_close(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    services.close_room(workshop, request.user)
    live.send(live.closing_update(workshop.pk))
    messages.success(request, gettext("The room is closed: nobody can join or add anything."))
    return redirect("workshop_detail", pk=workshop.pk)


@login_required
@require_POST
def room_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    services.reopen_room(workshop, request.user)
    messages.success(
        request,
        gettext("The room is open again with code %(code)s.") % {"code": workshop.room_code},
    )
    return redirect("workshop_detail", pk=workshop.pk)


# Agenda -------------------------------------------------------------------------------------


@login_required
@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    form = NewActivityForm(request.POST)
    if not form.is_valid():
        return render_agenda(request, workshop, new_activity_form=form)
    try:
        services.add_activity(workshop, request.user, **form.cleaned_data)
    except ServiceError as error:
        return agenda_refused(request, workshop, error)
    return agenda_changed(request, workshop)


@login_required
@require_POST
def activity_edit(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, activity_pk)
    form = _activity_form(activity, request.POST)
    if not form.is_valid():
        return render_agenda(request, activity.workshop, invalid_forms=[form])
    services.update_activity(activity, request.user, **form.cleaned_data)
    return agenda_changed(request, activity.workshop)


@login_required
@require_POST
def activity_settings(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """The settings of an activity, with the form its kind declares."""
    activity = get_activity_for_user(request, pk, activity_pk)
    form = _settings_form(activity, request.POST)
    if form is None:
        error = ServiceError(
            gettext("“%(title)s” has no settings to change.") % {"title": activity.title}
        )
        return agenda_refused(request, activity.workshop, error)
    if not form.is_valid():
        return render_agenda(request, activity.workshop, invalid_forms=[form])
    try:
        activity.kind_spec.save_settings(activity, request.user, form)
    except ServiceError as error:
        return agenda_refused(request, activity.workshop, error)
    return agenda_changed(request, activity.workshop)


@login_required
@require_POST
def activity_remove(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, activity_pk)
    try:
        services.remove_activity(activity, request.user)
    except ServiceError as error:
        return agenda_refused(request, activity.workshop, error)
    return agenda_changed(request, activity.workshop)


@login_required
@require_POST
def activity_move(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, activity_pk)
    form = MoveActivityForm(request.POST)
    if form.is_valid():
        services.move_activity(activity, request.user, offset=form.offset)
    return agenda_changed(request, activity.workshop)


# Presenting ---------------------------------------------------------------------------------


@login_required
def present(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request, pk)
    if workshop.is_closed:
        messages.error(request, gettext("This room is closed. Reopen it to present."))
        return redirect("workshop_detail", pk=workshop.pk)
    # The projector speaks the workshop's language, whatever the laptop's browser says.
    # Read before the page renders: its socket then skips what the page already shows.
    version = live.stage_version(workshop.pk, live.PRESENTERS)
    with languages.for_workshop(workshop):
        context = live.room_context(workshop, request.build_absolute_uri("/"))
        context["stage_version"] = version
        return render(request, "workshops/present.html", context)
