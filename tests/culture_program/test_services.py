"""Seeding the program from the activity kinds' inputs, and the rules of its services."""

from __future__ import annotations

import datetime as dt

import pytest

from culture_program import services
from culture_program.models import CultureProgram, ProgramRitual
from culture_program.year import year_plan
from workshops import kinds
from workshops.models import Activity
from workshops.services import NotAllowed, ServiceError

from .conftest import SOURCE


def test_inputs_of_several_kinds_are_merged(results_workshop, source_kind):
    extra = kinds.register(
        kinds.ActivityKind(
            key="test_program_extra",
            label="More results",
            program_inputs=lambda workshop, activities: {
                "way_of_working": [{"section": "Measure", "text": f"{len(activities)} boards"}],
                "unknown_key": [{"ignored": True}],
            },
        )
    )
    try:
        Activity.objects.create(workshop=results_workshop, kind=extra.key, title="More")
        inputs = services.program_inputs(results_workshop)
    finally:
        kinds.unregister(extra.key)
    # In the kinds' order (position, then label).
    assert [part["section"] for part in inputs["way_of_working"]] == [
        "Measure",
        "Start with the customer goal",
    ]
    assert "unknown_key" not in inputs
    assert set(inputs) == set(kinds.PROGRAM_INPUTS)


def test_a_kind_without_activities_in_the_workshop_hands_over_nothing(workshop, source_kind):
    assert services.program_inputs(workshop) == {key: [] for key in kinds.PROGRAM_INPUTS}


def test_create_program_turns_designed_rituals_into_program_rituals(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    story, lab, review = program.rituals.all()
    assert (story.pillar, story.cadence, story.first_date) == (
        "stories",
        "weekly",
        dt.date(2027, 1, 12),
    )
    assert story.is_started and not lab.is_started
    assert story.steps == "Tell\nAsk"
    assert lab.cadence == "monthly-weekday" and lab.first_date == dt.date(2027, 1, 12)
    assert review.cadence == "quarterly" and review.first_date is None
    assert program.start_date == dt.date(2027, 1, 1)  # the first of the month after 3 Dec
    assert [(m.name, m.date) for m in program.milestones.all()] == [
        ("30-day review", dt.date(2027, 1, 31)),
        ("90-day review", dt.date(2027, 4, 1)),
        ("180-day review", dt.date(2027, 6, 30)),
        ("One-year review", dt.date(2027, 12, 31)),
    ]


def test_the_draft_summary_names_gaps_norms_and_rituals(results_workshop, facilitator):
    summary = services.create_program(results_workshop, facilitator).executive_summary
    assert "Acme Insurance" in summary
    assert "Customer metrics (today 2.1, target 6.2)" in summary
    assert summary.index("Customer metrics") < summary.index("Rewards")
    assert "Product roadmap" not in summary  # a negative gap is not among the biggest
    assert "“We fix complaints quietly”" in summary
    assert "Customer story minute (every Tuesday)" in summary
    assert "One ritual started in the room: Customer story minute" in summary


def test_creating_twice_returns_the_same_program(results_workshop, facilitator):
    first = services.create_program(results_workshop, facilitator)
    assert services.create_program(results_workshop, facilitator) == first
    assert ProgramRitual.objects.count() == 3


def test_a_workshop_with_no_results_gets_an_empty_program(workshop, facilitator):
    program = services.get_or_create_program(workshop, facilitator)
    assert not program.rituals.exists()
    assert program.milestones.count() == 4
    assert "compared where its culture stands" in program.executive_summary


def test_only_the_workshops_facilitator_creates_or_changes_its_program(
    results_workshop, facilitator, other_facilitator
):
    with pytest.raises(NotAllowed):
        services.create_program(results_workshop, other_facilitator)
    assert not CultureProgram.objects.exists()
    program = services.create_program(results_workshop, facilitator)
    ritual = program.rituals.first()
    with pytest.raises(NotAllowed):
        services.remove_ritual(ritual, other_facilitator)
    with pytest.raises(NotAllowed):
        services.create_share_link(program, other_facilitator)
    assert program.rituals.count() == 3


def test_the_service_refuses_a_ritual_that_cannot_have_dates(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    fields = {"name": "Late", "cadence": "weekly", "first_date": dt.date(2030, 1, 1)}
    with pytest.raises(ServiceError, match="after the program ends"):
        services.add_ritual(program, facilitator, **fields)
    with pytest.raises(ServiceError, match="first date"):
        services.add_ritual(program, facilitator, **{**fields, "first_date": None})
    assert program.rituals.count() == 3


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("every other week", "fortnightly"),
        ("Fortnightly", "fortnightly"),
        ("Weekly", "weekly"),
        ("monthly on the first Monday", "monthly-weekday"),
        ("once a month", "monthly-day"),
        ("Quarterly", "quarterly"),
        ("annually", "yearly"),
        ("every working day", "daily"),
        ("monthly-weekday", "monthly-weekday"),
        ("whenever", "monthly-day"),
    ],
)
def test_cadences_from_a_designers_words(words, expected):
    assert services.cadence_from_text(words) == expected


@pytest.mark.parametrize(
    ("given", "slug"),
    [
        ("listening", "listening"),
        ("Way of working", "way-of-working"),
        ("way_of_working", "way-of-working"),
        ("stories", "stories"),
        ("", ""),
        ("?", ""),
    ],
)
def test_pillars_from_what_a_kind_hands_over(given, slug):
    assert services.pillar_slug(given) == slug


def test_the_year_flags_overloaded_months_and_missing_pillars(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    program.monthly_capacity = 6
    program.save()
    services.add_ritual(
        program,
        facilitator,
        name="Daily huddle",
        cadence="daily",
        first_date=dt.date(2027, 3, 1),
        pillar="",
    )
    plan = year_plan(program)
    assert [month.label for month in plan.months][:3] == ["Jan 2027", "Feb 2027", "Mar 2027"]
    assert len(plan.months) == 12
    over = {month.label for month in plan.overloaded}
    assert "Mar 2027" in over and "Feb 2027" not in over
    assert [pillar.slug for pillar in plan.uncovered] == ["way-of-working"]
    assert [ritual.name for ritual in plan.undated] == ["Customer review"]
    march = plan.months[2]
    assert march.load == 23 + 5 + 1  # 23 working days, 5 Tuesdays, the 2nd Tuesday


def test_a_program_starting_mid_month_spans_thirteen_months(workshop, facilitator):
    program = services.get_or_create_program(workshop, facilitator)
    services.update_program(program, facilitator, start_date=dt.date(2027, 1, 15))
    assert len(year_plan(program).months) == 13


def test_revoking_a_link_hides_the_program(results_workshop, facilitator):
    program = services.create_program(results_workshop, facilitator)
    link = services.create_share_link(program, facilitator)
    assert services.find_shared_program(link.token) == program
    services.revoke_share_link(link, facilitator)
    assert services.find_shared_program(link.token) is None


def test_the_test_kind_is_gone_after_its_fixture(db):
    assert not kinds.is_registered(SOURCE)
