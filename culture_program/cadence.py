"""When a ritual happens: its cadence turned into dates, words and an iCalendar RRULE.

Pure functions on dates, no database. A ``Rule`` is a cadence, a first date and the cadence's
detail (a weekday, the n-th week of the month, a day of the month); a detail left empty is
taken from the first date, so "monthly on a weekday" from Tuesday 9 March means the 2nd Tuesday.
The RRULE of ``rrule_parts`` expands to exactly the dates of ``occurrences`` when its DTSTART is
the first of them (the tests check this against the icalendar library).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import takewhile

DAILY = "daily"
WEEKLY = "weekly"
FORTNIGHTLY = "fortnightly"
MONTHLY_WEEKDAY = "monthly-weekday"
MONTHLY_DAY = "monthly-day"
QUARTERLY = "quarterly"
YEARLY = "yearly"
CADENCES = (DAILY, WEEKLY, FORTNIGHTLY, MONTHLY_WEEKDAY, MONTHLY_DAY, QUARTERLY, YEARLY)

# "The last Friday" and "the last day of the month".
LAST = -1

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", LAST: "last"}


class CadenceError(ValueError):
    """A cadence that cannot produce dates; the message is for the consultant."""


@dataclass(frozen=True)
class Rule:
    cadence: str
    first_date: datetime.date
    weekday: int | None = None
    week_of_month: int | None = None
    day_of_month: int | None = None


def program_end(start: datetime.date) -> datetime.date:
    """The last day of a twelve-month program: the day before the start's anniversary."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 February: the anniversary is 1 March
        anniversary = datetime.date(start.year + 1, 3, 1)
    return anniversary - datetime.timedelta(days=1)


def day_after_start(start: datetime.date, days: int) -> datetime.date:
    """A review ``days`` after the start, never after the program's last day."""
    return min(start + datetime.timedelta(days=days), program_end(start))


def resolved(rule: Rule) -> Rule:
    """The rule with every detail filled in from its first date."""
    first = rule.first_date
    week = (first.day - 1) // 7 + 1
    return replace(
        rule,
        weekday=first.weekday() if rule.weekday is None else rule.weekday,
        week_of_month=(week if week <= 4 else LAST)
        if rule.week_of_month is None
        else rule.week_of_month,
        day_of_month=(first.day if first.day <= 28 else LAST)
        if rule.day_of_month is None
        else rule.day_of_month,
    )


def validate(
    cadence: str,
    first_date: datetime.date | None,
    end: datetime.date,
    *,
    weekday: int | None = None,
    week_of_month: int | None = None,
    day_of_month: int | None = None,
) -> Rule:
    """The rule, or a ``CadenceError`` saying plainly what cannot work."""
    if cadence not in CADENCES:
        raise CadenceError("Choose how often the ritual happens.")
    if first_date is None:
        raise CadenceError("Give the ritual a first date: a cadence needs a day to start from.")
    if first_date > end:
        raise CadenceError(
            f"The first date, {first_date:%-d %B %Y}, is after the program ends on "
            f"{end:%-d %B %Y}. Pick a date within the twelve months."
        )
    if weekday is not None and weekday not in range(7):
        raise CadenceError("Choose a weekday from Monday to Sunday.")
    if week_of_month is not None and week_of_month not in (1, 2, 3, 4, LAST):
        raise CadenceError("Choose the 1st, 2nd, 3rd, 4th or last week of the month.")
    if day_of_month is not None and day_of_month not in (*range(1, 29), LAST):
        raise CadenceError(
            "Choose a day from 1 to 28, or the last day: not every month has a 29th, 30th or 31st."
        )
    return Rule(cadence, first_date, weekday, week_of_month, day_of_month)


def _month_day(year: int, month: int, day: int) -> datetime.date:
    if day == LAST:
        day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    days_in_month = calendar.monthrange(year, month)[1]
    if nth == LAST:
        last = datetime.date(year, month, days_in_month)
        return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _months_from(year: int, month: int, step: int) -> Iterator[tuple[int, int]]:
    while True:
        yield year, month
        month += step
        year += (month - 1) // 12
        month = (month - 1) % 12 + 1


def iter_occurrences(rule: Rule) -> Iterator[datetime.date]:
    """Every date of the rule from its first date on, in order, without end."""
    rule = resolved(rule)
    first = rule.first_date
    if rule.cadence == DAILY:
        day = first
        while True:
            if day.weekday() < 5:
                yield day
            day += datetime.timedelta(days=1)
    elif rule.cadence in (WEEKLY, FORTNIGHTLY):
        day = first + datetime.timedelta(days=(rule.weekday - first.weekday()) % 7)
        step = datetime.timedelta(days=7 if rule.cadence == WEEKLY else 14)
        while True:
            yield day
            day += step
    elif rule.cadence == YEARLY:
        for year in range(first.year, datetime.MAXYEAR):
            try:
                day = datetime.date(year, first.month, first.day)
            except ValueError:  # 29 February in a common year: RRULE skips it too
                continue
            if day >= first:
                yield day
    else:
        step = 3 if rule.cadence == QUARTERLY else 1
        for year, month in _months_from(first.year, first.month, step):
            if rule.cadence == MONTHLY_WEEKDAY:
                day = _nth_weekday(year, month, rule.weekday, rule.week_of_month)
            else:
                day = _month_day(year, month, rule.day_of_month)
            if day >= first:
                yield day


def occurrences(rule: Rule, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The rule's dates from ``start`` to ``end``, both included."""
    dates = takewhile(lambda day: day <= end, iter_occurrences(rule))
    return [day for day in dates if day >= start]


def describe(rule: Rule) -> str:
    """The cadence in words: "Monthly on the 2nd Tuesday"."""
    rule = resolved(rule)
    weekday = WEEKDAYS[rule.weekday]
    day = "the last day" if rule.day_of_month == LAST else _ordinal_day(rule.day_of_month)
    if rule.cadence == DAILY:
        return "Every working day"
    if rule.cadence == WEEKLY:
        return f"Every {weekday}"
    if rule.cadence == FORTNIGHTLY:
        return f"Every other {weekday}"
    if rule.cadence == MONTHLY_WEEKDAY:
        return f"Monthly on the {ORDINALS[rule.week_of_month]} {weekday}"
    if rule.cadence == MONTHLY_DAY:
        return f"Monthly on {day}"
    if rule.cadence == QUARTERLY:
        first_month = rule.first_date.month
        months = sorted((first_month - 1 + 3 * k) % 12 + 1 for k in range(4))
        months = ", ".join(calendar.month_abbr[month] for month in months)
        return f"Quarterly on {day} ({months})"
    return f"Yearly on {rule.first_date.day} {calendar.month_name[rule.first_date.month]}"


def _ordinal_day(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"the {day}{suffix}"


def rrule_parts(rule: Rule) -> dict:
    """The RRULE (as icalendar's ``vRecur`` takes it) that repeats like ``iter_occurrences``.

    The event's DTSTART must be the rule's first occurrence: RRULE counts intervals from it.
    """
    rule = resolved(rule)
    day = ICAL_DAYS[rule.weekday]
    if rule.cadence == DAILY:
        return {"FREQ": "WEEKLY", "BYDAY": list(ICAL_DAYS[:5])}
    if rule.cadence == WEEKLY:
        return {"FREQ": "WEEKLY", "BYDAY": [day]}
    if rule.cadence == FORTNIGHTLY:
        return {"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": [day]}
    if rule.cadence == MONTHLY_WEEKDAY:
        return {"FREQ": "MONTHLY", "BYDAY": [f"{rule.week_of_month}{day}"]}
    if rule.cadence == MONTHLY_DAY:
        return {"FREQ": "MONTHLY", "BYMONTHDAY": [rule.day_of_month]}
    if rule.cadence == QUARTERLY:
        return {"FREQ": "MONTHLY", "INTERVAL": 3, "BYMONTHDAY": [rule.day_of_month]}
    return {
        "FREQ": "YEARLY",
        "BYMONTH": [rule.first_date.month],
        "BYMONTHDAY": [rule.first_date.day],
    }
