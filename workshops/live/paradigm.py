"""What the paradigm comparison shows: the slide, the live chart, a phone's own rating."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from .. import paradigm_stats
from ..models import SCALE_MAX, SCALE_MIN, Activity, Participant, Pillar, Rating, Workshop
from ..models import WorkshopDimension as Dimension
from .rendering import render_fragment

PARADIGM = "workshops/paradigm.html"
# The target is what keeping customers demands, not perfection (the phone says so, too).
TARGET_LABEL = gettext_lazy("Where we must be in two years")


def _render(partial: str, **context) -> str:
    return render_fragment(f"{PARADIGM}#{partial}", context)


def slide_context(activity: Activity) -> dict:
    dimensions = list(activity.dimensions.all())
    dimension = next((d for d in dimensions if d.pk == activity.current_dimension_id), None)
    if dimension is None:
        return {"paradigm": activity, "dimensions": dimensions, "dimension": None}
    (stats,) = paradigm_stats.stats_for([dimension])
    return {
        "paradigm": activity,
        "dimensions": dimensions,
        "dimension": dimension,
        "dimension_index": dimensions.index(dimension) + 1,
        "chart": paradigm_stats.chart(stats),
    }


def _workshop_dimensions(workshop: Workshop) -> list[Dimension]:
    return list(
        Dimension.objects.filter(activity__workshop=workshop).order_by(
            "activity__position", "position"
        )
    )


def gaps_context(workshop: Workshop) -> dict:
    stats = paradigm_stats.stats_for(_workshop_dimensions(workshop))
    rated = [s for s in stats if s.n]
    return {
        "ranked": paradigm_stats.ranked(stats),
        # "7 everywhere" is a wish, not a target: show how often the room reached for the top.
        "scale_max": SCALE_MAX,
        "target_sevens": sum(s.target_sevens for s in rated),
        "target_ratings": sum(s.n for s in rated),
    }


def package_context(workshop: Workshop) -> dict:
    """Both paradigms side by side over all the workshop's dimensions, grouped by pillar.

    Pillars come in the method's order; dimensions keep their deck order within a pillar, and
    any without a pillar come last.
    """
    dimensions = _workshop_dimensions(workshop)
    groups = [
        {
            "pillar": value,
            "label": str(label),
            "dimensions": [d for d in dimensions if d.pillar == value],
        }
        for value, label in Pillar.choices
    ]
    groups.append(
        {
            "pillar": "",
            "label": gettext("Other dimensions"),
            "dimensions": [d for d in dimensions if d.pillar not in Pillar.values],
        }
    )
    return {
        "package_groups": [group for group in groups if group["dimensions"]],
        "package_count": len(dimensions),
    }


def chart(dimension: Dimension) -> str:
    """The presenter's chart for one dimension, after a rating changed it."""
    (stats,) = paradigm_stats.stats_for([dimension])
    return _render("chart", chart=paradigm_stats.chart(stats))


def my_rating(dimension: Dimension, participant: Participant, rating: Rating | None = None) -> str:
    """A phone's rating control, with what that person chose already set."""
    if rating is None:
        rating = Rating.objects.filter(dimension=dimension, participant=participant).first()
    return _render(
        "my_rating",
        dimension=dimension,
        rating=rating,
        scale=range(SCALE_MIN, SCALE_MAX + 1),
        rating_rows=[
            ("today", gettext("Where we are today"), rating.today if rating else None),
            ("target", str(TARGET_LABEL), rating.target if rating else None),
        ],
    )
