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

from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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
        raise CadenceError(_("Choose how often the ritual happens."))
    if first_date is None:
        raise CadenceError(_("Give the ritual a first date: a cadence needs a day to start from."))
    if first_date > end:
        raise CadenceError(
            _(
                "The first date, %(first)s, is after the program ends on %(end)s. "
                "Pick a date within the twelve months."
            )
            % {"first": date_format(first_date, "j F Y"), "end": date_format(end, "j F Y")}
        )
    if weekday is not None and weekday not in range(7):
        raise CadenceError(_("Choose a weekday from Monday to Sunday."))
    if week_of_month is not None and week_of_month not in (1, 2, 3, 4, LAST):
        raise CadenceError(_("Choose the 1st, 2nd, 3rd, 4th or last week of the month."))
    if day_of_month is not None and day_of_month not in (*range(1, 29), LAST):
        raise CadenceError(
            _(
                "Choose a day from 1 to 28, or the last day: not every month has a 29th, "
                "30th or 31st."
            )
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
    """The cadence in words, in the active language: "Monthly on the 2nd Tuesday"."""
    rule = resolved(rule)
    weekday = WEEKDAYS[rule.weekday]
    if rule.day_of_month == LAST:
        day = _("the last day")
    else:
        day = _("the %(ordinal)s") % {"ordinal": ordinal(rule.day_of_month)}
    if rule.cadence == DAILY:
        return _("Every working day")
    if rule.cadence == WEEKLY:
        return _("Every %(weekday)s") % {"weekday": weekday}
    if rule.cadence == FORTNIGHTLY:
        return _("Every other %(weekday)s") % {"weekday": weekday}
    if rule.cadence == MONTHLY_WEEKDAY:
        if rule.week_of_month == LAST:
            return _("Monthly on the last %(weekday)s") % {"weekday": weekday}
        return _("Monthly on the %(ordinal)s %(weekday)s") % {
            "ordinal": ordinal(rule.week_of_month),
            "weekday": weekday,
        }
    if rule.cadence == MONTHLY_DAY:
        return _("Monthly on %(day)s") % {"day": day}
    if rule.cadence == QUARTERLY:
        first_month = rule.first_date.month
        months = sorted((first_month - 1 + 3 * k) % 12 + 1 for k in range(4))
        months = ", ".join(month_abbr(datetime.date(2000, month, 1)) for month in months)
        return _("Quarterly on %(day)s (%(months)s)") % {"day": day, "months": months}
    return _("Yearly on %(date)s") % {"date": date_format(rule.first_date, "j F")}


def month_abbr(day: datetime.date, with_year: bool = False) -> str:
    """ "Feb" (or "Feb 2027") in English, "feb" in Dutch: the format is the language's own."""
    if with_year:
        return date_format(day, pgettext("abbreviated month and year", "M Y"))
    return date_format(day, pgettext("abbreviated month", "M"))


def ordinal(number: int) -> str:
    """ "1st", "12th", "23rd" in English, "1e" in Dutch (as django.contrib.humanize does it)."""
    if number % 100 in (11, 12, 13):
        template = pgettext("ordinal 11, 12, 13", "{}th")
    else:
        template = (
            pgettext("ordinal 0", "{}th"),
            pgettext("ordinal 1", "{}st"),
            pgettext("ordinal 2", "{}nd"),
            pgettext("ordinal 3", "{}rd"),
            pgettext("ordinal 4", "{}th"),
            pgettext("ordinal 5", "{}th"),
            pgettext("ordinal 6", "{}th"),
            pgettext("ordinal 7", "{}th"),
            pgettext("ordinal 8", "{}th"),
            pgettext("ordinal 9", "{}th"),
        )[number % 10]
    return template.format(number)


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
