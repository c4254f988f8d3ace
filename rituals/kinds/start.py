"""Start one ritual now: the facilitator records the ritual the room chose, with its first
occurrence (now, in the room, is best), its owner and its C-level sponsor; every participant
commits from the phone ("I will …", one each, editable); the projector shows the wall.

Names on the wall follow the activity's "show names" choice, on the projector, on the results
page and in the program alike.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshops import kinds as core_kinds
from workshops.kinds import ActionContext, ActivityKind, ResultsSection, SocketAction
from workshops.live.updates import Outcome, RoomUpdate, stage_update
from workshops.models import Activity, Participant, Workshop
from workshops.services import ServiceError

from .. import demo, forms, results, services
from ..context import commitments_context
from ..models import Commitment, DesignedRitual, StartedRitual
from . import activity_of, render, saved

KEY = "start_ritual"
TEMPLATE = "rituals/start.html"


def context(activity: Activity) -> dict:
    shown = commitments_context(activity)
    started = shown["started"]
    when = timezone.localtime(started.first_occurrence) if started else timezone.localtime()
    # The datetime-local field's value: the start's first occurrence, or now.
    return {**shown, "first": when.strftime("%Y-%m-%dT%H:%M")}


def started_in(activity: Activity) -> StartedRitual:
    started = StartedRitual.objects.filter(activity=activity).first()
    if started is None:
        raise ServiceError(_("No ritual has been started here yet."))
    return started


def personal(activity: Activity, participant: Participant) -> str:
    """The phone's own commitment form (empty ``#me``: no board marks linger)."""
    started = StartedRitual.objects.filter(activity=activity).first()
    mine = (
        Commitment.objects.filter(started_ritual=started, participant=participant).first()
        if started
        else None
    )
    return render(f"{TEMPLATE}#mine", activity=activity, started=started, mine=mine)


def wall(activity: Activity) -> RoomUpdate:
    """The wall for the projector, the count for the phones."""
    context = commitments_context(activity)
    return RoomUpdate(
        activity.workshop_id,
        phones=render(f"{TEMPLATE}#count", activity=activity, **context),
        presenters=render(f"{TEMPLATE}#wall", activity=activity, **context),
    )


# Socket actions ------------------------------------------------------------------------------


def _details(cleaned: dict) -> dict:
    return {name: cleaned[name] for name in ("first_occurrence", "owner", "sponsor")}


def start(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    designed = DesignedRitual.objects.filter(
        pk=cleaned["designed"], activity__workshop=ctx.workshop
    ).first()
    if designed is None:
        raise ServiceError(_("That ritual is no longer in the design."))
    services.start_ritual(activity, ctx.user, designed=designed, **_details(cleaned))
    ctx.workshop.refresh_from_db()
    return Outcome([stage_update(ctx.workshop, ctx.base_url)])


def update(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.update_started_ritual(started_in(activity), ctx.user, **_details(cleaned))
    ctx.workshop.refresh_from_db()
    # The stage is drawn again, and each phone's own commitment form with it.
    return Outcome([stage_update(ctx.workshop, ctx.base_url)])


def commit(ctx: ActionContext, cleaned: dict) -> Outcome:
    if ctx.participant is None:
        raise ServiceError(_("Commitments are for the participants, on their phones."))
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    _commitment, created = services.commit_to_ritual(
        started_in(activity), ctx.participant, cleaned["text"]
    )
    reply = personal(activity, ctx.participant) + saved(
        _("Your commitment is on the wall.") if created else _("Your commitment is updated.")
    )
    return Outcome([wall(activity)], reply=reply)


def show_names(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.show_commitment_names(activity, ctx.user, cleaned["show"])
    return Outcome([wall(activity)])


def results_section(workshop: Workshop, activities: list[Activity]) -> ResultsSection | None:
    started = results.started_rituals(workshop, activities)
    if not started["started"]:
        return None
    return ResultsSection(f"{TEMPLATE}#results", started)


START_RITUAL = core_kinds.register(
    ActivityKind(
        key=KEY,
        stylesheets=("rituals/rituals.css",),
        label=_("Start one ritual now"),
        position=68,
        template_settings=("show_names",),
        phone_partial=f"{TEMPLATE}#phone",
        presenter_partial=f"{TEMPLATE}#presenter",
        context=context,
        personal=personal,
        results=results_section,
        program_inputs=results.started_program_inputs,
        demo=demo.start_ritual,
        actions={
            "ritual.start": SocketAction(forms.StartRitualMessage, start, True),
            "ritual.update": SocketAction(forms.RitualDetailsMessage, update, True),
            "ritual.commit": SocketAction(forms.CommitMessage, commit),
            "ritual.names": SocketAction(forms.ShowNamesMessage, show_names, True),
        },
    )
)
