"""What a workshop produced: its boards' notes, clusters and votes, for pages and exports."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

from . import paradigm_stats
from .models import Activity, Note, Workshop, WorkshopDimension

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# On a mixed-signals board `text` is what leaders say and `system_does` what the system does.
CSV_HEADER = [
    "activity",
    "column",
    "cluster",
    "text",
    "votes",
    "author",
    "time",
    "dimension",
    "system_does",
]


def boards(workshop: Workshop) -> list[Activity]:
    """Every board with its columns, each column's clusters and loose notes, most votes first."""
    activities = list(
        workshop.activities.filter(kind=Activity.Kind.BOARD).prefetch_related("columns")
    )
    notes = (
        Note.objects.filter(activity__workshop=workshop)
        .select_related("cluster", "dimension")
        .order_by("-vote_count", "created_at", "pk")
    )
    by_column: dict[int, list[Note]] = {}
    for note in notes:
        by_column.setdefault(note.column_id, []).append(note)
    for activity in activities:
        activity.result_columns = list(activity.columns.all())
        activity.result_count = 0
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
    return activities


def paradigm(workshop: Workshop) -> dict:
    """Every rated dimension's figures, and the rankings by gap and by disagreement."""
    dimensions = list(
        WorkshopDimension.objects.filter(activity__workshop=workshop).order_by(
            "activity__position", "position"
        )
    )
    stats = paradigm_stats.stats_for(dimensions)
    return {"dimension_stats": stats, "ranked": paradigm_stats.ranked(stats)}


def spreadsheet_safe(value: str) -> str:
    """Keep a cell as text in Excel, Numbers and LibreOffice (no formula injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def notes_csv_rows(workshop: Workshop) -> Iterator[list[str]]:
    yield CSV_HEADER
    notes = (
        Note.objects.filter(activity__workshop=workshop)
        .select_related("activity", "column", "cluster", "dimension")
        .order_by("activity__position", "column__position", "-vote_count", "created_at")
    )
    for note in notes:
        row = [
            note.activity.title,
            note.column.title,
            note.cluster.name if note.cluster else "",
            note.text,
            str(note.vote_count),
            note.author_name,
            timezone.localtime(note.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            note.dimension.name if note.dimension else "",
            note.system_does,
        ]
        yield [spreadsheet_safe(cell) for cell in row]
