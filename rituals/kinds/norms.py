"""Norms inventory: a sticky-note board of "the way we do things around here", where each norm
names its pillar (and may add the belief behind it), and the facilitator turns norms into
from → to pairs on the projector.

It is a board (``uses_board``): the core's note actions, votes, reveal and the outbox work on
it as on any board. A phone adds a norm with ``norm.add``, the core's note add plus a pillar
and a belief in one transaction, so the outbox and the client_id's idempotency still hold.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from workshops import kinds as core_kinds
from workshops import services as core
from workshops.kinds import ActionContext, ResultsSection, SocketAction
from workshops.kinds import boards as board_kind
from workshops.live import boards as board_live
from workshops.live.updates import Outcome, RoomUpdate
from workshops.models import Activity, Note, Workshop
from workshops.results import board_results

from .. import demo, forms, results, services
from ..models import NormDetail, NormShift, Pillar
from . import activity_of, render

KEY = "norms"
TEMPLATE = "rituals/norms.html"


def context(activity: Activity) -> dict:
    return {
        **board_live.board_context(activity),
        "pillars": list(Pillar.objects.all()),
        **panel_context(activity),
    }


def panel_context(activity: Activity) -> dict:
    """The projector's tally of norms per pillar and the from → to pairs (no author names)."""
    counts: dict[int, int] = {}
    for pillar_id in NormDetail.objects.filter(note__activity=activity).values_list(
        "pillar_id", flat=True
    ):
        counts[pillar_id] = counts.get(pillar_id, 0) + 1
    pillars = list(Pillar.objects.all())
    for pillar in pillars:
        pillar.norm_count = counts.get(pillar.pk, 0)
    return {
        "board": activity,
        "pillar_tally": pillars,
        "shifts": list(NormShift.objects.filter(activity=activity)),
    }


def tally(activity: Activity) -> str:
    return render(f"{TEMPLATE}#tally", **panel_context(activity))


def shifts(activity: Activity) -> tuple[str, str]:
    """The from → to pairs: (projector, with its remove buttons; phones)."""
    panel = panel_context(activity)
    return (
        render(f"{TEMPLATE}#shifts", **panel, presenter=True),
        render(f"{TEMPLATE}#shifts", **panel, presenter=False),
    )


# Socket actions ------------------------------------------------------------------------------


def add_norm(ctx: ActionContext, cleaned: dict) -> Outcome:
    """A norm with its pillar and belief: the core's note add and the detail, all or nothing."""
    with transaction.atomic():
        note, created = core.add_note(
            ctx.workshop,
            participant=ctx.participant,
            by=ctx.user,
            activity_id=cleaned["activity"],
            column_id=cleaned["column"],
            text=cleaned["text"],
            client_id=cleaned["client_id"],
        )
        if note.activity.kind != KEY:
            raise core.ServiceError(_("This board does not take norms: reload the page."))
        if created:
            services.add_norm_detail(
                note,
                participant=ctx.participant,
                by=ctx.user if ctx.participant is None else None,
                pillar=cleaned["pillar"],
                belief=cleaned["belief"],
            )
    reply = board_kind.own_notes_reply(note, ctx.participant)
    if not created:
        if not note.activity.notes_hidden:
            reply += board_live.note_fragments(note)[ctx.is_presenter]
        return Outcome([], reply=reply)
    update = board_kind.note_shown(note)
    update.presenters += tally(note.activity)
    return Outcome([update], reply=reply)


def make_shift(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    note: Note | None = None
    if cleaned.get("note"):
        note = services.norm_note_in(activity, cleaned["note"])
    services.make_norm_shift(activity, ctx.user, cleaned["from_text"], cleaned["to_text"], note)
    presenters, phones = shifts(activity)
    return Outcome([RoomUpdate(ctx.workshop.pk, phones=phones, presenters=presenters)])


def remove_shift(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = activity_of(ctx.workshop, cleaned["activity"], KEY)
    services.remove_norm_shift(services.norm_shift_in(activity, cleaned["shift"]), ctx.user)
    presenters, phones = shifts(activity)
    return Outcome([RoomUpdate(ctx.workshop.pk, phones=phones, presenters=presenters)])


# Results -------------------------------------------------------------------------------------


def results_section(workshop: Workshop, activities: list[Activity]) -> ResultsSection:
    """The boards as every board shows them, then the norms per pillar and the pairs."""
    boards, notes = board_results(workshop, activities)
    return ResultsSection(
        f"{TEMPLATE}#results",
        {"boards": boards, "norms": results.norms_by_pillar(workshop, activities)},
        notes,
    )


# A sticky-note board in every way (set-up, settings, votes, personal marks), with its own
# screens, results and actions.
NORMS = core_kinds.register(
    replace(
        board_kind.BOARD,
        key=KEY,
        stylesheets=("rituals/rituals.css",),
        label=_("Norms inventory"),
        position=60,
        phone_partial=f"{TEMPLATE}#phone",
        presenter_partial=f"{TEMPLATE}#presenter",
        context=context,
        results=results_section,
        program_inputs=results.norms_program_inputs,
        demo=demo.norms,
        actions={
            "norm.add": SocketAction(forms.NormAddMessage, add_norm),
            "norm.shift": SocketAction(forms.NormShiftMessage, make_shift, True),
            "norm.unshift": SocketAction(forms.NormShiftRemoveMessage, remove_shift, True),
        },
    )
)
