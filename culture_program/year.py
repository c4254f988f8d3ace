"""The program's twelve months at a glance: every ritual date, milestone and review, the load
per month and each pillar's coverage. Shared by the builder, the share page and the PDF."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from . import cadence
from .models import CultureProgram, Milestone, Pillar, ProgramRitual


@dataclass
class Month:
    first_day: datetime.date
    load: int = 0
    milestones: list[Milestone] = field(default_factory=list)
    overloaded: bool = False
    # The load bar's height, scaled so the capacity sits at 80 % of the tallest bar.
    percent: int = 0

    @property
    def label(self) -> str:
        """ "Mar 2027" in English, "mrt 2027" in Dutch."""
        return cadence.month_abbr(self.first_day, with_year=True)


@dataclass
class RitualRow:
    ritual: ProgramRitual
    # One list of dates per month of the program.
    cells: list[list[datetime.date]]

    @property
    def total(self) -> int:
        return sum(len(cell) for cell in self.cells)

    @property
    def next_dates(self) -> list[datetime.date]:
        return [day for cell in self.cells for day in cell][:3]


@dataclass
class PillarCoverage:
    slug: str
    label: str
    rituals: list[ProgramRitual]

    @property
    def is_covered(self) -> bool:
        return bool(self.rituals)


@dataclass
class YearPlan:
    start: datetime.date
    end: datetime.date
    capacity: int
    months: list[Month]
    rows: list[RitualRow]
    undated: list[ProgramRitual]
    coverage: list[PillarCoverage]

    @property
    def busiest(self) -> int:
        return max((month.load for month in self.months), default=0)

    @property
    def uncovered(self) -> list[PillarCoverage]:
        return [pillar for pillar in self.coverage if not pillar.is_covered]

    @property
    def overloaded(self) -> list[Month]:
        return [month for month in self.months if month.overloaded]


def _month_starts(start: datetime.date) -> list[datetime.date]:
    months, year, month = [], start.year, start.month
    for _ in range(13):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def year_plan(
    program: CultureProgram,
    rituals: list[ProgramRitual] | None = None,
    milestones: list[Milestone] | None = None,
) -> YearPlan:
    """Every month the program touches (twelve, or thirteen when it starts mid-month)."""
    start, end = program.start_date, program.end_date
    rituals = list(program.rituals.all()) if rituals is None else rituals
    milestones = list(program.milestones.all()) if milestones is None else milestones
    firsts = [day for day in _month_starts(start) if day <= end]
    months = [Month(first_day=day) for day in firsts]

    def index(day: datetime.date) -> int:
        return (day.year - start.year) * 12 + day.month - start.month

    rows, undated = [], []
    for ritual in rituals:
        rule = ritual.rule
        if rule is None:
            undated.append(ritual)
            continue
        cells: list[list[datetime.date]] = [[] for _ in months]
        for day in cadence.occurrences(rule, start, end):
            cells[index(day)].append(day)
        rows.append(RitualRow(ritual=ritual, cells=cells))
        for month, cell in zip(months, cells, strict=True):
            month.load += len(cell)
    for milestone in milestones:
        if start <= milestone.date <= end:
            months[index(milestone.date)].milestones.append(milestone)
    scale = max(max((month.load for month in months), default=0), program.monthly_capacity * 1.25)
    for month in months:
        month.overloaded = month.load > program.monthly_capacity
        month.percent = round(100 * month.load / scale) if scale else 0
    coverage = [
        PillarCoverage(
            slug=pillar.value,
            label=pillar.label,
            rituals=[ritual for ritual in rituals if ritual.pillar == pillar.value],
        )
        for pillar in Pillar
    ]
    return YearPlan(
        start=start,
        end=end,
        capacity=program.monthly_capacity,
        months=months,
        rows=rows,
        undated=undated,
        coverage=coverage,
    )
