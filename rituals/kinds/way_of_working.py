"""Way of working, first draft: a guided canvas of four sections. Phones suggest lines; the
facilitator accepts, rewords and removes them live on the projector; every phone sees the
accepted draft update."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workshops import kinds as core_kinds
from workshops.kinds import ActionContext, ActivityKind, ResultsSection, SocketAction
from workshops.live.updates import Outcome, RoomUpdate
from workshops.models import Activity, Workshop
from workshops.services import ServiceError

from .. import demo, forms, results, services
from ..context import way_of_working_context
from ..models import WayOfWorkingLine
from . import activity_of, render, saved

KEY = "way_of_working"
TEMPLATE = "rituals/way_of_working.html"


# Short headings for the canvas; the sections' full labels are the guiding questions.
HEADINGS = {
    WayOfWorkingLine.Section.GOALS: _("Customer goals and metrics"),
    WayOfWorkingLine.Section.INSIGHT: _("Customer insight in the work"),
    WayOfWorkingLine.Section.OWNERSHIP: _("Ownership at C-level"),
    WayOfWorkingLine.Section.RITUALS: _("Rituals that support it"),
}


def context(activity: Activity) -> dict:
    shown = way_of_working_context(activity)
    for section in shown["sections"]:
        section["heading"] = HEADINGS.get(section["key"], section["label"])
    return shown


def draft_update(activity: Activity) -> RoomUpdate:
    """The accepted draft for the phones; the whole canvas, suggestions too, for the projector."""
    shown = {"activity": activity, **context(activity)}
    return RoomUpdate(
        activity.workshop_id,
        phones=render(f"{TEMPLATE}#draft", **shown),
        presenters=render(f"{TEMPLATE}#canvas", **shown, presenter=True),
    )


def suggest(ctx: ActionContext, cleaned: dict) -> Outcome:
    if ctx.participant is None:
        raise ServiceError(_("Write your line straight into the draft on the projector."))
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.suggest_line(activity, ctx.participant, cleaned["section"], cleaned["text"])
    suggested = render(
        f"{TEMPLATE}#suggest", activity=activity, section=cleaned["section"], **context(activity)
    )
    update = draft_update(activity)
    # Only the projector's canvas changes: a suggestion is not in the draft yet.
    update.phones = ""
    reply = suggested + saved(_("Thank you: the facilitator sees your line now."))
    return Outcome([update], reply=reply)


def add(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.add_line(activity, ctx.user, cleaned["section"], cleaned["text"])
    return Outcome([draft_update(activity)])


def accept(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.accept_line(services.line_in(activity, cleaned["line"]), ctx.user)
    return Outcome([draft_update(activity)])


def edit(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    line = services.line_in(activity, cleaned["line"])
    services.edit_line(line, ctx.user, cleaned["section"], cleaned["text"])
    return Outcome([draft_update(activity)])


def remove(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.remove_line(services.line_in(activity, cleaned["line"]), ctx.user)
    return Outcome([draft_update(activity)])


def results_section(workshop: Workshop, activities: list[Activity]) -> ResultsSection:
    return ResultsSection(f"{TEMPLATE}#results", results.way_of_working(workshop, activities))


WAY_OF_WORKING = core_kinds.register(
    ActivityKind(
        key=KEY,
        stylesheets=("rituals/rituals.css",),
        label=_("Way of working, first draft"),
        position=70,
        phone_partial=f"{TEMPLATE}#phone",
        presenter_partial=f"{TEMPLATE}#presenter",
        context=context,
        results=results_section,
        program_inputs=results.way_of_working_program_inputs,
        demo=demo.way_of_working,
        actions={
            "wow.suggest": SocketAction(forms.WayOfWorkingLineMessage, suggest),
            "wow.add": SocketAction(forms.WayOfWorkingLineMessage, add, True),
            "wow.accept": SocketAction(forms.LineMessage, accept, True),
            "wow.edit": SocketAction(forms.WayOfWorkingEditMessage, edit, True),
            "wow.remove": SocketAction(forms.LineMessage, remove, True),
        },
    )
)
