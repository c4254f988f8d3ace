"""The cadence engine: dates over a year, in words, and the errors a consultant can make."""

from __future__ import annotations

import datetime as dt

import pytest

from culture_program import cadence
from culture_program.cadence import LAST, CadenceError, Rule, occurrences

START, END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)


def dates(rule: Rule, start=START, end=END) -> list[dt.date]:
    return occurrences(rule, start, end)


def test_daily_means_every_working_day():
    found = dates(Rule(cadence.DAILY, dt.date(2027, 3, 5)), end=dt.date(2027, 3, 12))
    assert found == [dt.date(2027, 3, d) for d in (5, 8, 9, 10, 11, 12)]


def test_weekly_repeats_on_the_first_dates_weekday():
    found = dates(Rule(cadence.WEEKLY, dt.date(2027, 1, 12)))
    assert found[:3] == [dt.date(2027, 1, 12), dt.date(2027, 1, 19), dt.date(2027, 1, 26)]
    assert len(found) == 51
    assert {day.weekday() for day in found} == {1}


def test_weekly_on_a_chosen_weekday_starts_on_the_next_one():
    found = dates(Rule(cadence.WEEKLY, dt.date(2027, 1, 12), weekday=4))
    assert found[0] == dt.date(2027, 1, 15)


def test_every_two_weeks_counts_from_the_first_date():
    found = dates(Rule(cadence.FORTNIGHTLY, dt.date(2027, 1, 4)))
    assert found[:3] == [dt.date(2027, 1, 4), dt.date(2027, 1, 18), dt.date(2027, 2, 1)]
    assert all((b - a).days == 14 for a, b in zip(found, found[1:], strict=False))


def test_every_two_weeks_keeps_its_rhythm_when_the_window_starts_later():
    rule = Rule(cadence.FORTNIGHTLY, dt.date(2027, 1, 4))
    assert dates(rule, start=dt.date(2027, 1, 10))[0] == dt.date(2027, 1, 18)


def test_monthly_on_the_second_tuesday():
    found = dates(Rule(cadence.MONTHLY_WEEKDAY, dt.date(2027, 1, 1), weekday=1, week_of_month=2))
    assert len(found) == 12
    assert found[:3] == [dt.date(2027, 1, 12), dt.date(2027, 2, 9), dt.date(2027, 3, 9)]
    assert all(8 <= day.day <= 14 and day.weekday() == 1 for day in found)


def test_monthly_on_the_last_friday():
    found = dates(Rule(cadence.MONTHLY_WEEKDAY, dt.date(2027, 1, 1), weekday=4, week_of_month=LAST))
    assert found[0] == dt.date(2027, 1, 29)
    assert found[1] == dt.date(2027, 2, 26)
    assert all((day + dt.timedelta(days=7)).month != day.month for day in found)


def test_monthly_on_a_weekday_is_taken_from_the_first_date():
    # 9 March 2027 is the 2nd Tuesday; 30 March the 5th, which means "the last".
    assert cadence.resolved(Rule(cadence.MONTHLY_WEEKDAY, dt.date(2027, 3, 9))).week_of_month == 2
    last = cadence.resolved(Rule(cadence.MONTHLY_WEEKDAY, dt.date(2027, 3, 30)))
    assert last.week_of_month == LAST


def test_monthly_on_a_day():
    found = dates(Rule(cadence.MONTHLY_DAY, dt.date(2027, 1, 20), day_of_month=15))
    assert found[0] == dt.date(2027, 2, 15)
    assert len(found) == 11


def test_monthly_on_the_last_day_follows_month_ends_and_leap_years():
    found = dates(
        Rule(cadence.MONTHLY_DAY, dt.date(2028, 1, 1), day_of_month=LAST),
        start=dt.date(2028, 1, 1),
        end=dt.date(2028, 12, 31),
    )
    assert [day.day for day in found] == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def test_a_first_date_on_the_31st_means_the_last_day_of_each_month():
    found = dates(Rule(cadence.MONTHLY_DAY, dt.date(2027, 1, 31)))
    assert found[:3] == [dt.date(2027, 1, 31), dt.date(2027, 2, 28), dt.date(2027, 3, 31)]


def test_quarterly_repeats_every_three_months_from_the_first_date():
    found = dates(Rule(cadence.QUARTERLY, dt.date(2027, 2, 10)))
    assert found == [dt.date(2027, m, 10) for m in (2, 5, 8, 11)]


def test_quarterly_across_the_year_end():
    found = dates(
        Rule(cadence.QUARTERLY, dt.date(2027, 11, 1)),
        start=dt.date(2027, 11, 1),
        end=dt.date(2028, 10, 31),
    )
    assert found == [
        dt.date(2027, 11, 1),
        dt.date(2028, 2, 1),
        dt.date(2028, 5, 1),
        dt.date(2028, 8, 1),
    ]


def test_yearly_happens_once_and_29_february_only_in_leap_years():
    assert dates(Rule(cadence.YEARLY, dt.date(2027, 6, 1))) == [dt.date(2027, 6, 1)]
    leap = Rule(cadence.YEARLY, dt.date(2028, 2, 29))
    assert occurrences(leap, dt.date(2028, 1, 1), dt.date(2033, 1, 1)) == [
        dt.date(2028, 2, 29),
        dt.date(2032, 2, 29),
    ]


def test_dates_stop_at_the_end_and_start_at_the_start():
    found = dates(Rule(cadence.WEEKLY, dt.date(2026, 12, 1)), start=START, end=dt.date(2027, 1, 31))
    assert found[0] >= START and found[-1] <= dt.date(2027, 1, 31)


def test_program_end_is_the_day_before_the_anniversary():
    assert cadence.program_end(dt.date(2027, 1, 1)) == dt.date(2027, 12, 31)
    assert cadence.program_end(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_the_one_year_review_is_on_the_last_day():
    assert cadence.day_after_start(dt.date(2027, 1, 1), 365) == dt.date(2027, 12, 31)
    assert cadence.day_after_start(dt.date(2027, 1, 1), 30) == dt.date(2027, 1, 31)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (Rule(cadence.DAILY, dt.date(2027, 1, 4)), "Every working day"),
        (Rule(cadence.WEEKLY, dt.date(2027, 1, 12)), "Every Tuesday"),
        (Rule(cadence.FORTNIGHTLY, dt.date(2027, 1, 15)), "Every other Friday"),
        (Rule(cadence.MONTHLY_WEEKDAY, dt.date(2027, 1, 12)), "Monthly on the 2nd Tuesday"),
        (Rule(cadence.MONTHLY_WEEKDAY, dt.date(2027, 1, 29)), "Monthly on the last Friday"),
        (Rule(cadence.MONTHLY_DAY, dt.date(2027, 1, 1)), "Monthly on the 1st"),
        (Rule(cadence.MONTHLY_DAY, dt.date(2027, 1, 30)), "Monthly on the last day"),
        (
            Rule(cadence.QUARTERLY, dt.date(2027, 2, 12)),
            "Quarterly on the 12th (Feb, May, Aug, Nov)",
        ),
        (Rule(cadence.YEARLY, dt.date(2027, 3, 14)), "Yearly on 14 March"),
    ],
)
def test_a_cadence_in_words(rule, words):
    assert cadence.describe(rule) == words


def test_a_cadence_with_no_date_is_refused_plainly():
    with pytest.raises(CadenceError, match="first date"):
        cadence.validate(cadence.WEEKLY, None, END)


def test_a_first_date_after_the_program_is_refused_plainly():
    with pytest.raises(CadenceError, match="after the program ends on 31 December 2027"):
        cadence.validate(cadence.WEEKLY, dt.date(2028, 1, 3), END)


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        ({"weekday": 7}, "weekday"),
        ({"week_of_month": 5}, "last week"),
        ({"day_of_month": 30}, "not every month"),
    ],
)
def test_impossible_details_are_refused(detail, message):
    with pytest.raises(CadenceError, match=message):
        cadence.validate(cadence.MONTHLY_DAY, dt.date(2027, 1, 1), END, **detail)


def test_an_unknown_cadence_is_refused():
    with pytest.raises(CadenceError, match="how often"):
        cadence.validate("hourly", dt.date(2027, 1, 1), END)
