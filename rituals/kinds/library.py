"""The ritual library on the room's screens, and the ritual ideas board with its vote and the
promotion of the top ideas into design.

Phones browse the library and filter it by pillar with one thumb (radio chips; the filtering
is CSS, so no script and no message); the projector shows the same rituals as cards. Anyone
in the room can put a library ritual on the ideas board (``library.put``). The ideas board is
a sticky-note board (``uses_board``): own ideas are notes, the vote is the core's dot vote,
and the facilitator promotes the top 3–8 into design (``ideas.promote``).
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from workshops import kinds as core_kinds
from workshops.kinds import ActionContext, ActivityKind, ResultsSection, SocketAction
from workshops.kinds import boards as board_kind
from workshops.live import boards as board_live
from workshops.live.updates import Outcome
from workshops.models import Activity, Workshop
from workshops.results import board_results
from workshops.services import ServiceError

from .. import context as rituals_context
from .. import demo, forms, results, services
from ..models import DesignedRitual, Ritual, RitualIdea
from ..services.ideas import MAX_DESIGNED, MIN_DESIGNED
from . import everyone, render, saved

LIBRARY_KEY = "ritual_library"
IDEAS_KEY = "ritual_ideas"
# The other helper's kind; without it on the agenda, ideas are promoted into the ideas board.
DESIGN_KEY = "ritual_design"
LIBRARY = "rituals/library.html"
IDEAS = "rituals/ideas.html"
NO_IDEAS_BOARD = gettext_noop("This agenda has no ritual ideas board to put the ritual on.")


def ideas_board_for(activity: Activity) -> Activity:
    """The ideas board a library ritual goes on: this one, or the agenda's first."""
    if activity.kind == IDEAS_KEY:
        return activity
    board = activity.workshop.activities.filter(kind=IDEAS_KEY).order_by("position").first()
    if board is None:
        raise ServiceError(gettext(NO_IDEAS_BOARD))
    return board


def design_activity_for(ideas: Activity) -> Activity:
    """Where promoted ideas go: the agenda's design activity, else the ideas board itself."""
    design = ideas.workshop.activities.filter(kind=DESIGN_KEY).order_by("position").first()
    return design or ideas


# The library ---------------------------------------------------------------------------------


def library_context(activity: Activity) -> dict:
    shown = rituals_context.library_context(activity)
    for ritual in shown["rituals"]:
        ritual.is_on_board = ritual.pk in shown["on_board"]
    return {**shown, "library": activity}


def status(ritual: Ritual, on_board: bool, activity: Activity) -> str:
    return render(f"{LIBRARY}#status", ritual=ritual, on_board=on_board, library=activity)


def put_on_board(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = ctx.workshop.activities.filter(
        pk=cleaned["activity"], kind__in=[LIBRARY_KEY, IDEAS_KEY]
    ).first()
    if activity is None:
        raise ServiceError(_("That activity is no longer on the agenda. Reload the page."))
    ritual = cleaned["ritual"]
    idea, created = services.put_ritual_on_board(
        ctx.workshop,
        participant=ctx.participant,
        by=ctx.user if ctx.participant is None else None,
        activity=ideas_board_for(activity),
        ritual=ritual,
    )
    update = everyone(ctx.workshop.pk, status(ritual, True, activity))
    if not created:
        return Outcome([update], reply=saved(f"“{ritual.name}” is on the ideas board already."))
    shown = board_kind.note_shown(idea.note)
    update.phones += shown.phones
    update.presenters += shown.presenters
    return Outcome([update], reply=saved(f"“{ritual.name}” is on the ideas board."))


# The ideas board -----------------------------------------------------------------------------


def promoted_context(ideas: Activity) -> dict:
    designed = DesignedRitual.objects.filter(
        activity=design_activity_for(ideas), source_note__activity=ideas
    ).select_related("source_note")
    return {"board": ideas, "promoted": list(designed)}


def ideas_context(activity: Activity) -> dict:
    return {
        **board_live.board_context(activity),
        **promoted_context(activity),
        "library_rituals": list(Ritual.objects.select_related("pillar")),
        "counts": range(MIN_DESIGNED, MAX_DESIGNED + 1),
    }


def promote(ctx: ActionContext, cleaned: dict) -> Outcome:
    ideas = ctx.workshop.activities.filter(pk=cleaned["activity"], kind=IDEAS_KEY).first()
    if ideas is None:
        raise ServiceError(_("That ideas board is no longer on the agenda. Reload the page."))
    services.promote_top_ideas(design_activity_for(ideas), ctx.user, ideas, cleaned["count"])
    # The "Into design" list on every screen is the confirmation.
    html = render(f"{IDEAS}#promoted", **promoted_context(ideas))
    return Outcome([everyone(ctx.workshop.pk, html)])


def ideas_results(workshop: Workshop, activities: list[Activity]) -> ResultsSection:
    boards, notes = board_results(workshop, activities)
    library = set(
        RitualIdea.objects.filter(activity__in=activities).values_list("note_id", flat=True)
    )
    promoted = [promoted_context(activity)["promoted"] for activity in activities]
    return ResultsSection(
        f"{IDEAS}#results",
        {
            "boards": boards,
            "promoted": [designed for group in promoted for designed in group],
            "from_library": library,
        },
        notes,
    )


RITUAL_LIBRARY = core_kinds.register(
    ActivityKind(
        key=LIBRARY_KEY,
        stylesheets=("rituals/rituals.css",),
        label=_("Ritual library"),
        position=62,
        phone_partial=f"{LIBRARY}#phone",
        presenter_partial=f"{LIBRARY}#presenter",
        context=library_context,
        actions={"library.put": SocketAction(forms.PutRitualMessage, put_on_board)},
    )
)

# A sticky-note board in every way (set-up, settings, votes, personal marks), with its own
# screens, results and actions.
RITUAL_IDEAS = core_kinds.register(
    replace(
        board_kind.BOARD,
        key=IDEAS_KEY,
        stylesheets=("rituals/rituals.css",),
        label=_("Ritual ideas and vote"),
        position=64,
        phone_partial=f"{IDEAS}#phone",
        presenter_partial=f"{IDEAS}#presenter",
        context=ideas_context,
        results=ideas_results,
        # Ideas promoted where no design activity is on the agenda are designed rituals too.
        program_inputs=results.rituals_program_inputs,
        demo=demo.ritual_ideas,
        actions={"ideas.promote": SocketAction(forms.PromoteTopMessage, promote, True)},
    )
)
