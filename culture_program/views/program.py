"""The program builder, its downloads, and the client's read-only share link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workshops import languages
from workshops.models import Workshop
from workshops.services import ServiceError

from .. import ics, report, services
from ..forms import MetricForm, MilestoneForm, ProgramForm, RitualForm
from ..models import CultureProgram, Milestone, ProgramMetric, ProgramRitual, ShareLink
from ..year import year_plan

TEMPLATE = "culture_program/program.html"


def _get_workshop_for_user(request: HttpRequest, pk: int) -> Workshop:
    """The workshop if it is the logged-in facilitator's own; 404 for anyone else's."""
    return get_object_or_404(Workshop, pk=pk, facilitator=request.user)


def _get_program_for_user(request: HttpRequest, pk: int) -> CultureProgram:
    workshop = _get_workshop_for_user(request, pk)
    return get_object_or_404(CultureProgram.objects.select_related("workshop"), workshop=workshop)


def _get_shared_program(token: str) -> CultureProgram:
    program = services.find_shared_program(token)
    if program is None:
        raise Http404("This link has been withdrawn or never existed.")
    return program


@dataclass(frozen=True)
class PartMessages:
    """What the builder says about one kind of item: whole sentences, so each language can
    give the noun its own article ("het ritueel", "de mijlpaal")."""

    added: str
    not_added: str
    not_saved: str
    removed: str


@dataclass(frozen=True)
class Part:
    """One kind of list on the builder: its form, its rows and the services that change them."""

    form: type
    model: type
    add: Any
    update: Any
    remove: Any
    messages: PartMessages


PARTS = {
    "rituals": Part(
        RitualForm,
        ProgramRitual,
        services.add_ritual,
        services.update_ritual,
        services.remove_ritual,
        PartMessages(
            added=gettext_lazy("Added the ritual “%(name)s”."),
            not_added=gettext_lazy("The ritual was not added."),
            not_saved=gettext_lazy("Not saved: the ritual needs a fix."),
            removed=gettext_lazy("Removed the ritual “%(name)s”."),
        ),
    ),
    "milestones": Part(
        MilestoneForm,
        Milestone,
        services.add_milestone,
        services.update_milestone,
        services.remove_milestone,
        PartMessages(
            added=gettext_lazy("Added the milestone “%(name)s”."),
            not_added=gettext_lazy("The milestone was not added."),
            not_saved=gettext_lazy("Not saved: the milestone needs a fix."),
            removed=gettext_lazy("Removed the milestone “%(name)s”."),
        ),
    ),
    "metrics": Part(
        MetricForm,
        ProgramMetric,
        services.add_metric,
        services.update_metric,
        services.remove_metric,
        PartMessages(
            added=gettext_lazy("Added the metric “%(name)s”."),
            not_added=gettext_lazy("The metric was not added."),
            not_saved=gettext_lazy("Not saved: the metric needs a fix."),
            removed=gettext_lazy("Removed the metric “%(name)s”."),
        ),
    ),
}


def _part(name: str) -> Part:
    if name not in PARTS:
        raise Http404("No such part of a program.")
    return PARTS[name]


def _form(part: str, program: CultureProgram, instance=None, data=None):
    prefix = f"{part}-{instance.pk}" if instance else f"new-{part}"
    return PARTS[part].form(data, instance=instance, program=program, prefix=prefix)


def _builder_context(program: CultureProgram, invalid: dict, opened: str) -> dict:
    rituals = list(program.rituals.all())
    milestones = list(program.milestones.all())

    def form_for(part: str, instance=None):
        key = f"{part}-{instance.pk if instance else 'new'}"
        return invalid.get(key) or _form(part, program, instance)

    return {
        "workshop": program.workshop,
        "program": program,
        "program_form": invalid.get("program") or ProgramForm(instance=program, prefix="program"),
        "ritual_forms": [(ritual, form_for("rituals", ritual)) for ritual in rituals],
        "milestone_forms": [(item, form_for("milestones", item)) for item in milestones],
        "metric_forms": [(item, form_for("metrics", item)) for item in program.metrics.all()],
        "new_forms": {part: form_for(part) for part in PARTS},
        "plan": year_plan(program, rituals, milestones),
        "share_links": list(program.share_links.all()),
        # The item just saved stays open after the builder is drawn again.
        "opened_part": opened.rpartition("-")[0],
        "opened_pk": int(opened.rpartition("-")[2]) if opened[-1:].isdigit() else None,
    }


def _render_builder(
    request: HttpRequest,
    program: CultureProgram,
    *,
    invalid: dict | None = None,
    opened: str = "",
    status: str = "",
    error: str = "",
) -> HttpResponse:
    template_name = TEMPLATE + ("#builder" if request.htmx else "")
    context = _builder_context(program, invalid or {}, opened)
    context.update(status=status, error=error)
    return render(request, template_name, context)


def _done(request: HttpRequest, program: CultureProgram, text: str, opened: str = ""):
    """After a change: the re-rendered builder for htmx, else back to the page."""
    if request.htmx:
        return _render_builder(request, program, status=text, opened=opened)
    messages.success(request, text)
    return redirect("program_builder", pk=program.workshop_id)


def _refused(request: HttpRequest, program: CultureProgram, key: str, form, text: str):
    return _render_builder(request, program, invalid={key: form}, opened=key, error=text)


@login_required
def program_builder(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    program = services.get_or_create_program(workshop, request.user)
    return _render_builder(request, program)


@login_required
@require_POST
def program_details(request: HttpRequest, pk: int) -> HttpResponse:
    program = _get_program_for_user(request, pk)
    form = ProgramForm(request.POST, instance=program, prefix="program")
    if not form.is_valid():
        program.refresh_from_db()
        return _refused(request, program, "program", form, _("Not saved: see the details below."))
    services.update_program(program, request.user, **form.cleaned_data)
    return _done(request, program, _("Program details saved."))


@login_required
@require_POST
def part_add(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    program, kind = _get_program_for_user(request, pk), _part(part)
    form = _form(part, program, data=request.POST)
    if not form.is_valid():
        return _refused(request, program, f"{part}-new", form, str(kind.messages.not_added))
    try:
        item = kind.add(program, request.user, **form.cleaned_data)
    except ServiceError as refusal:
        return _refused(request, program, f"{part}-new", form, str(refusal))
    added = kind.messages.added % {"name": item.name}
    return _done(request, program, added, f"{part}-{item.pk}")


@login_required
@require_POST
def part_edit(request: HttpRequest, pk: int, part: str, item_pk: int) -> HttpResponse:
    program, kind = _get_program_for_user(request, pk), _part(part)
    item = get_object_or_404(kind.model, pk=item_pk, program=program)
    form = _form(part, program, instance=item, data=request.POST)
    key = f"{part}-{item.pk}"
    if not form.is_valid():
        return _refused(request, program, key, form, str(kind.messages.not_saved))
    try:
        kind.update(item, request.user, **form.cleaned_data)
    except ServiceError as refusal:
        return _refused(request, program, key, form, str(refusal))
    return _done(request, program, _("Saved “%(name)s”.") % {"name": item.name}, key)


@login_required
@require_POST
def part_remove(request: HttpRequest, pk: int, part: str, item_pk: int) -> HttpResponse:
    program, kind = _get_program_for_user(request, pk), _part(part)
    item = get_object_or_404(kind.model, pk=item_pk, program=program)
    kind.remove(item, request.user)
    return _done(request, program, kind.messages.removed % {"name": item.name})


@login_required
@require_POST
def share_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = _get_program_for_user(request, pk)
    services.create_share_link(program, request.user)
    return _done(request, program, _("A new read-only link for the client is ready below."))


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    program = _get_program_for_user(request, pk)
    link = get_object_or_404(ShareLink, pk=link_pk, program=program)
    services.revoke_share_link(link, request.user)
    return _done(request, program, _("The link is withdrawn: it now leads nowhere."))


# Downloads ----------------------------------------------------------------------------------


def _filename(program: CultureProgram, extension: str) -> str:
    return f"{slugify(program.workshop.title) or 'workshop'}-culture-program.{extension}"


def _pdf_response(program: CultureProgram, request: HttpRequest) -> HttpResponse:
    response = HttpResponse(report.render_pdf(program), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(program, "pdf")}"'
    return response


def _ics_response(program: CultureProgram) -> HttpResponse:
    response = HttpResponse(ics.program_calendar(program), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{_filename(program, "ics")}"'
    return response


@login_required
def program_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    return _pdf_response(services.get_or_create_program(workshop, request.user), request)


@login_required
def program_ics(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _get_workshop_for_user(request, pk)
    return _ics_response(services.get_or_create_program(workshop, request.user))


def shared_program(request: HttpRequest, token: str) -> HttpResponse:
    """The client's page speaks the workshop's language, as its report does."""
    program = _get_shared_program(token)
    context = {
        "workshop": program.workshop,
        "program": program,
        "plan": year_plan(program),
        "token": token,
    }
    with languages.for_workshop(program.workshop):
        response = render(request, "culture_program/shared.html", context)
        response["Content-Language"] = get_language()
    return response


def shared_pdf(request: HttpRequest, token: str) -> HttpResponse:
    return _pdf_response(_get_shared_program(token), request)


def shared_ics(request: HttpRequest, token: str) -> HttpResponse:
    return _ics_response(_get_shared_program(token))
