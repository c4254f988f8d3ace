"""What the paradigm comparison shows: the slide, the live chart, a phone's own rating."""

from __future__ import annotations

from .. import paradigm_stats
from ..models import SCALE_MAX, SCALE_MIN, Activity, Participant, Rating, Workshop
from ..models import WorkshopDimension as Dimension
from .rendering import render_fragment

PARADIGM = "workshops/paradigm.html"


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


def gaps_context(workshop: Workshop) -> dict:
    dimensions = list(
        Dimension.objects.filter(activity__workshop=workshop).order_by(
            "activity__position", "position"
        )
    )
    return {"ranked": paradigm_stats.ranked(paradigm_stats.stats_for(dimensions))}


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
            ("today", "Where we are today", rating.today if rating else None),
            ("target", "Where we want to be", rating.target if rating else None),
        ],
    )
