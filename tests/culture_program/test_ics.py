"""The calendar file: parsed back with icalendar, its recurrences expand to the builder's dates."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from culture_program import cadence, ics, services
from culture_program.models import CultureProgram, ProgramRitual
from culture_program.year import year_plan
from tests.conftest import make_workshop

CASES = [
    {"cadence": cadence.DAILY, "first_date": dt.date(2028, 1, 3)},
    {"cadence": cadence.WEEKLY, "first_date": dt.date(2028, 1, 12)},
    {"cadence": cadence.FORTNIGHTLY, "first_date": dt.date(2027, 12, 20), "weekday": 4},
    {
        "cadence": cadence.MONTHLY_WEEKDAY,
        "first_date": dt.date(2028, 1, 1),
        "weekday": 1,
        "week_of_month": 2,
    },
    {
        "cadence": cadence.MONTHLY_WEEKDAY,
        "first_date": dt.date(2028, 1, 1),
        "weekday": 4,
        "week_of_month": cadence.LAST,
    },
    {"cadence": cadence.MONTHLY_DAY, "first_date": dt.date(2028, 1, 31)},
    {"cadence": cadence.MONTHLY_DAY, "first_date": dt.date(2028, 1, 5), "day_of_month": 28},
    {"cadence": cadence.QUARTERLY, "first_date": dt.date(2028, 2, 29)},
    {"cadence": cadence.QUARTERLY, "first_date": dt.date(2028, 1, 20), "day_of_month": 10},
    {"cadence": cadence.YEARLY, "first_date": dt.date(2028, 2, 29)},
]


def _expand(event, until: dt.date) -> list[dt.date]:
    start = event.decoded("dtstart")
    rule = event.get("rrule")
    if rule is None:
        return [start]
    text = rule.to_ical().decode()
    first = dt.datetime.combine(start, dt.time())
    return [moment.date() for moment in rrulestr(text, dtstart=first)]


@pytest.fixture
def leap_program(facilitator):
    """A program over a leap year (1 January to 31 December 2028)."""
    workshop = make_workshop(facilitator, title="Leap year")
    return CultureProgram.objects.create(workshop=workshop, start_date=dt.date(2028, 1, 1))


def test_every_cadence_expands_to_the_calendars_dates(leap_program):
    rituals = [
        ProgramRitual.objects.create(program=leap_program, name=f"Ritual {n}", **case)
        for n, case in enumerate(CASES)
    ]
    parsed = Calendar.from_ical(ics.program_calendar(leap_program))
    events = {str(event["uid"]): event for event in parsed.walk("VEVENT")}
    plan = year_plan(leap_program)
    for row in plan.rows:
        event = events[f"program-{leap_program.pk}-ritual-{row.ritual.pk}@culture-room"]
        expected = [day for cell in row.cells for day in cell]
        assert _expand(event, leap_program.end_date) == expected, row.ritual.cadence
    assert len(plan.rows) == len(rituals)


def test_milestones_are_single_events_and_uids_are_stable(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    first = Calendar.from_ical(ics.program_calendar(program))
    again = Calendar.from_ical(ics.program_calendar(program))
    uids = [str(event["uid"]) for event in first.walk("VEVENT")]
    assert uids == [str(event["uid"]) for event in again.walk("VEVENT")]
    reviews = [e for e in first.walk("VEVENT") if "review" in str(e["summary"]).lower()]
    assert [e.decoded("dtstart") for e in reviews] == [m.date for m in program.milestones.all()]
    assert all(e.get("rrule") is None for e in reviews)


def test_a_ritual_without_a_date_is_left_out_of_the_file(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    summaries = [
        str(e["summary"]) for e in Calendar.from_ical(ics.program_calendar(program)).walk("VEVENT")
    ]
    assert "Customer story minute" in summaries
    assert "Customer review" not in summaries  # it has no first date yet
