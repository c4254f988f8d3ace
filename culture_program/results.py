"""What a workshop produced, gathered from its activity kinds for pages and exports.

Each registered kind that declares ``results`` hands over a section (a partial and its
context, and rows for the notes export); this module never looks inside boards or ratings.
"""

from __future__ import annotations

from collections.abc import Iterator

from workshops import kinds
from workshops.kinds import ResultsSection
from workshops.models import Activity, Workshop

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


def activities_by_kind(workshop: Workshop) -> dict[str, list[Activity]]:
    grouped: dict[str, list[Activity]] = {}
    for activity in workshop.activities.all():
        grouped.setdefault(activity.kind, []).append(activity)
    return grouped


def sections(workshop: Workshop) -> list[ResultsSection]:
    """Every kind's contribution, in the order its first activity comes on the agenda."""
    found = []
    for key, activities in activities_by_kind(workshop).items():
        contribute = kinds.get(key).results
        section = contribute(workshop, activities) if contribute else None
        if section is not None:
            found.append((min(a.position for a in activities), section))
    return [section for _position, section in sorted(found, key=lambda item: item[0])]


def spreadsheet_safe(value: str) -> str:
    """Keep a cell as text in Excel, Numbers and LibreOffice (no formula injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def notes_csv_rows(workshop: Workshop) -> Iterator[list[str]]:
    yield CSV_HEADER
    for section in sections(workshop):
        for note in section.notes:
            yield [spreadsheet_safe(str(note.get(column, ""))) for column in CSV_HEADER]


RATINGS_CSV_HEADER = ["activity", "dimension", "pillar", "today", "target"]


def ratings_csv_rows(workshop: Workshop) -> Iterator[list[str]]:
    """Every rating the kinds hand over (anonymous: no name, device or time)."""
    yield RATINGS_CSV_HEADER
    for section in sections(workshop):
        for rating in section.ratings:
            yield [spreadsheet_safe(str(rating.get(column, ""))) for column in RATINGS_CSV_HEADER]
