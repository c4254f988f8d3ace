"""The paradigm comparison (a deck of dimensions, rated 1–7 on phones) and its gap summary."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .. import demo, forms, services
from ..live import paradigm as paradigm_live
from ..live.updates import Outcome, RoomUpdate, stage_update
from ..models import Activity, ParadigmDimension, Participant, Workshop
from ..results import paradigm_results, rating_rows
from . import ActionContext, ActivityKind, ResultsSection, SocketAction, register


def setup(activity: Activity, item: dict) -> None:
    """The comparison gets its own copies of the library's dimensions (all, or the listed)."""
    wanted = item.get("dimensions", "all")
    library = ParadigmDimension.objects.all()
    if wanted != "all":
        library = library.filter(slug__in=wanted)
    services.copy_dimensions(activity, list(library))


def personal(activity: Activity, participant: Participant) -> str:
    """The phone's rating control for the dimension on screen."""
    if activity.current_dimension_id is None:
        return ""
    return paradigm_live.my_rating(activity.current_dimension, participant)


def dimension_form(dimension, data=None) -> forms.DimensionForm:
    return forms.DimensionForm(data, instance=dimension, prefix=f"dimension-{dimension.pk}")


def editor_context(activity: Activity, invalid: dict) -> dict:
    """Each dimension with its wording form (the invalid one as posted), and the library."""
    return {
        "dimension_forms": [
            (
                dimension,
                invalid.get((forms.DimensionForm, dimension.pk)) or dimension_form(dimension),
            )
            for dimension in activity.dimensions.all()
        ],
        "add_dimension_form": forms.AddDimensionForm(),
    }


def results(workshop: Workshop, activities: list[Activity]) -> ResultsSection | None:
    figures = paradigm_results(workshop)
    if not figures["dimension_stats"]:
        return None
    return ResultsSection("workshops/paradigm.html#results", figures, ratings=rating_rows(workshop))


def program_inputs(workshop: Workshop, activities: list[Activity]) -> dict:
    figures = paradigm_results(workshop)
    return {
        "gaps": [
            {
                "name": item.dimension.name,
                "pillar": item.dimension.pillar,
                "today": item.today_mean,
                "target": item.target_mean,
                "gap": item.gap,
                "spread": item.spread,
                "n": item.n,
            }
            for item in figures["ranked"]["by_gap"]
        ]
    }


def set_rating(ctx: ActionContext, cleaned: dict) -> Outcome:
    rating = services.set_rating(
        ctx.workshop,
        participant=ctx.participant,
        activity_id=cleaned["activity"],
        dimension_id=cleaned["dimension"],
        today=cleaned["today"],
        target=cleaned["target"],
    )
    dimension = rating.dimension
    return Outcome(
        [RoomUpdate(ctx.workshop.pk, presenters=paradigm_live.chart(dimension))],
        reply=paradigm_live.my_rating(dimension, ctx.participant, rating),
    )


def goto_dimension(ctx: ActionContext, cleaned: dict) -> Outcome:
    services.goto_dimension(ctx.workshop, ctx.user, cleaned["dimension"])
    return Outcome([stage_update(ctx.workshop, ctx.base_url)])


PARADIGM = register(
    ActivityKind(
        key=services.PARADIGM_KIND,
        label=_("Paradigm comparison"),
        position=40,
        setup=setup,
        phone_partial="workshops/paradigm.html#phone_stage",
        presenter_partial="workshops/paradigm.html#presenter_stage",
        context=paradigm_live.slide_context,
        step=services.step_dimension,
        personal=personal,
        editor_partial="workshops/paradigm.html#editor",
        editor_context=editor_context,
        results=results,
        program_inputs=program_inputs,
        demo=demo.paradigm,
        actions={
            "rating.set": SocketAction(forms.RatingMessage, set_rating),
            "dimension.goto": SocketAction(forms.DimensionGotoMessage, goto_dimension, True),
        },
    )
)

GAPS = register(
    ActivityKind(
        key=services.GAPS_KIND,
        label=_("Where the gaps are"),
        position=50,
        phone_partial="workshops/paradigm.html#gaps",
        presenter_partial="workshops/paradigm.html#gaps",
        context=lambda activity: paradigm_live.gaps_context(activity.workshop),
    )
)
