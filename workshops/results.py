"""What the core's kinds produced, as they hand it to the results page and the exports."""

from __future__ import annotations

from django.utils import timezone

from . import paradigm_stats
from .models import Activity, Note, Pillar, Rating, Workshop, WorkshopDimension


def board_results(
    workshop: Workshop, activities: list[Activity]
) -> tuple[list[Activity], list[dict[str, str]]]:
    """Each board with its columns, clusters and loose notes (most votes first), and one row
    per note for the notes export."""
    activities = sorted(activities, key=lambda activity: (activity.position, activity.pk))
    columns = {}
    for activity in activities:
        activity.result_columns = list(activity.columns.all())
        activity.result_count = 0
        columns.update({column.pk: column for column in activity.result_columns})
    notes = list(
        Note.objects.filter(activity__in=activities)
        .select_related("cluster", "dimension")
        .order_by("-vote_count", "created_at", "pk")
    )
    by_column: dict[int, list[Note]] = {}
    for note in notes:
        by_column.setdefault(note.column_id, []).append(note)
    for activity in activities:
        for column in activity.result_columns:
            column_notes = by_column.get(column.pk, [])
            clusters: dict[str, list[Note]] = {}
            for note in column_notes:
                if note.cluster_id:
                    clusters.setdefault(note.cluster.name, []).append(note)
            column.result_clusters = sorted(
                clusters.items(), key=lambda item: -sum(n.vote_count for n in item[1])
            )
            column.result_loose = [n for n in column_notes if not n.cluster_id]
            column.result_count = len(column_notes)
            activity.result_count += len(column_notes)
    by_activity = {activity.pk: activity for activity in activities}
    order = {
        column_pk: (by_activity[column.activity_id].position, column.position)
        for column_pk, column in columns.items()
    }
    rows = [
        {
            "activity": by_activity[note.activity_id].title,
            "column": columns[note.column_id].title,
            "cluster": note.cluster.name if note.cluster else "",
            "text": note.text,
            "votes": str(note.vote_count),
            # Names leave the room only where the board showed them.
            "author": note.author_name if by_activity[note.activity_id].show_names else "",
            "time": timezone.localtime(note.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            "dimension": note.dimension.name if note.dimension else "",
            "system_does": note.system_does,
        }
        for note in sorted(notes, key=lambda note: order[note.column_id])
    ]
    return activities, rows


def paradigm_results(workshop: Workshop) -> dict:
    """Every rated dimension's figures, and the rankings by gap and by disagreement."""
    dimensions = list(
        WorkshopDimension.objects.filter(activity__workshop=workshop).order_by(
            "activity__position", "position"
        )
    )
    stats = paradigm_stats.stats_for(dimensions)
    return {"dimension_stats": stats, "ranked": paradigm_stats.ranked(stats)}


def rating_rows(workshop: Workshop) -> list[dict[str, str]]:
    """One row per rating of the workshop's comparisons, without who gave it.

    Ratings were anonymous in the room, so no name, device or time goes out, and within a
    dimension the rows are sorted by their values: the order cannot tie one person's ratings
    of different dimensions together.
    """
    pillars = dict(Pillar.choices)
    ratings = (
        Rating.objects.filter(dimension__activity__workshop=workshop)
        .select_related("dimension__activity")
        .order_by(
            "dimension__activity__position",
            "dimension__activity_id",
            "dimension__position",
            "dimension_id",
            "today",
            "target",
        )
    )
    return [
        {
            "activity": rating.dimension.activity.title,
            "dimension": rating.dimension.name,
            "pillar": str(pillars.get(rating.dimension.pillar, "")),
            "today": str(rating.today),
            "target": str(rating.target),
        }
        for rating in ratings
    ]
