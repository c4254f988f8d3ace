"""Ratings summed up: distributions, means, the gap and the disagreement, and the chart."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from .models import SCALE_MAX, SCALE_MIN, Rating, WorkshopDimension

SCALE = range(SCALE_MIN, SCALE_MAX + 1)


@dataclass
class DimensionStats:
    dimension: WorkshopDimension
    today: list[int] = field(default_factory=list)
    target: list[int] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.today)

    @staticmethod
    def _distribution(values: list[int]) -> list[int]:
        return [values.count(point) for point in SCALE]

    @property
    def today_distribution(self) -> list[int]:
        return self._distribution(self.today)

    @property
    def target_distribution(self) -> list[int]:
        return self._distribution(self.target)

    @property
    def today_mean(self) -> float | None:
        return statistics.fmean(self.today) if self.today else None

    @property
    def target_mean(self) -> float | None:
        return statistics.fmean(self.target) if self.target else None

    @property
    def gap(self) -> float | None:
        """How far the room wants to move towards the customer-centred end."""
        if not self.n:
            return None
        return self.target_mean - self.today_mean

    @property
    def target_sevens(self) -> int:
        """How many put the target at the very top: a room that answers 7 everywhere shows."""
        return self.target.count(SCALE_MAX)

    @property
    def spread(self) -> float | None:
        """Disagreement about today: the standard deviation of "where we are"."""
        return statistics.pstdev(self.today) if self.n else None


def stats_for(dimensions: list[WorkshopDimension]) -> list[DimensionStats]:
    """One query for all the ratings of these dimensions."""
    by_dimension: dict[int, DimensionStats] = {d.pk: DimensionStats(d) for d in dimensions}
    rows = Rating.objects.filter(dimension__in=dimensions).values_list(
        "dimension_id", "today", "target"
    )
    collected = defaultdict(list)
    for dimension_id, today, target in rows:
        collected[dimension_id].append((today, target))
    for dimension_id, pairs in collected.items():
        by_dimension[dimension_id].today = [today for today, _ in pairs]
        by_dimension[dimension_id].target = [target for _, target in pairs]
    return [by_dimension[d.pk] for d in dimensions]


def ranked(stats: list[DimensionStats]) -> dict[str, list[DimensionStats]]:
    """Where the conversation should go: the biggest gaps, and where the room disagrees most."""
    rated = [s for s in stats if s.n]
    return {
        "by_gap": sorted(rated, key=lambda s: (-s.gap, s.dimension.position)),
        "by_spread": sorted(rated, key=lambda s: (-s.spread, s.dimension.position)),
    }


# The chart: a mirrored histogram on the 1–7 scale, today above the axis and target below.

CHART_WIDTH, CHART_HEIGHT = 720, 300
LEFT, STEP = 130, 88
AXIS_Y, BAR_MAX = 150, 100


def x_for(point: float) -> float:
    return LEFT + (point - SCALE_MIN) * STEP


def chart(stats: DimensionStats) -> dict:
    """Geometry for templates/workshops/paradigm.html#chart (no drawing in the browser)."""
    tallest = max([*stats.today_distribution, *stats.target_distribution, 1])
    bars = []
    for point, today, target in zip(
        SCALE, stats.today_distribution, stats.target_distribution, strict=True
    ):
        today_height = round(today / tallest * BAR_MAX, 1)
        target_height = round(target / tallest * BAR_MAX, 1)
        bars.append(
            {
                "point": point,
                "x": x_for(point) - 24,
                "centre": x_for(point),
                "today": today,
                "today_y": AXIS_Y - 6 - today_height,
                "today_height": today_height,
                "today_label_y": AXIS_Y - 12 - today_height,
                "target": target,
                "target_y": AXIS_Y + 6,
                "target_height": target_height,
                "target_label_y": AXIS_Y + 24 + target_height,
            }
        )
    means = None
    if stats.n:
        means = {
            "today_x": round(x_for(stats.today_mean), 1),
            "target_x": round(x_for(stats.target_mean), 1),
        }
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "axis_y": AXIS_Y,
        "left": LEFT - 40,
        "point_label_y": CHART_HEIGHT - 6,
        "today_row_y": AXIS_Y - 50,
        "target_row_y": AXIS_Y + 62,
        "right": x_for(SCALE_MAX) + 40,
        "bars": bars,
        "means": means,
        "stats": stats,
    }
