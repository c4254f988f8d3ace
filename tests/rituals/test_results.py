"""Results as plain data, for the results page and the culture program; names only where the
activity shows them."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rituals import results
from rituals import services as rituals
from rituals.models import Pillar, Ritual, WayOfWorkingLine
from workshops import services
from workshops.kinds import PROGRAM_INPUTS

from .conftest import add_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def norms(workshop, norms_board, room):
    """Two described norms, one without a pillar, and two from → to pairs (one without a note)."""
    columns = list(norms_board.columns.all())

    def norm(person, text, column):
        note, _ = services.add_note(
            workshop,
            participant=person,
            activity_id=norms_board.pk,
            column_id=columns[column].pk,
            text=text,
            client_id=text,
        )
        return note

    budget = norm(room[0], "We start with the budget", 1)
    stories = norm(room[1], "Sales share customer wins on Fridays", 0)
    norm(room[2], "Nobody reads the survey", 1)
    rituals.add_norm_detail(
        budget,
        participant=room[0],
        pillar=Pillar.objects.get(slug="way-of-working"),
        belief="Cost keeps us safe",
    )
    rituals.add_norm_detail(stories, participant=room[1], pillar=Pillar.objects.get(slug="stories"))
    rituals.make_norm_shift(
        norms_board, workshop.facilitator, "", "We start with the customer's goal", note=budget
    )
    rituals.make_norm_shift(norms_board, workshop.facilitator, "We reply in a week", "Same day")
    return norms_board


def test_norms_are_grouped_by_pillar_with_their_from_to_pairs(workshop, norms):
    data = results.norms_by_pillar(workshop, [norms])
    by_slug = {pillar["slug"]: pillar["norms"] for pillar in data["pillars"]}
    assert list(by_slug) == ["stories", "listening", "responsibility", "way-of-working"]
    assert by_slug["listening"] == []
    [budget] = by_slug["way-of-working"]
    assert budget["text"] == "We start with the budget"
    assert budget["column"] == "Gets in their way"
    assert budget["belief"] == "Cost keeps us safe"
    assert budget["from_to"] == ["We start with the budget → We start with the customer's goal"]
    assert [n["text"] for n in by_slug["stories"]] == ["Sales share customer wins on Fridays"]
    assert [n["text"] for n in data["unassigned"]] == ["Nobody reads the survey"]
    assert data["shifts"] == [
        {
            "from": "We start with the budget",
            "to": "We start with the customer's goal",
            "pillar": "way-of-working",
        },
        {"from": "We reply in a week", "to": "Same day", "pillar": ""},
    ]


def test_an_anonymous_boards_authors_appear_nowhere_in_the_results(workshop, norms, room):
    assert not norms.show_names
    everything = repr(results.norms_by_pillar(workshop, [norms]))
    everything += repr(results.norms_program_inputs(workshop, [norms]))
    for person in room:
        assert person.display_name not in everything


def test_authors_are_named_when_the_board_shows_names(workshop, norms, room):
    norms.show_names = True
    norms.save(update_fields=["show_names"])
    data = results.norms_by_pillar(workshop, [norms])
    assert data["unassigned"][0]["author"] == room[2].display_name


def test_norms_for_the_program_follow_program_inputs(workshop, norms):
    rows = results.norms_program_inputs(workshop, [norms])["norms"]
    assert "norms" in PROGRAM_INPUTS
    assert {tuple(sorted(row)) for row in rows} == {
        ("belief", "column", "from_to", "pillar", "text", "votes")
    }
    assert rows[-1] == {
        "text": "We reply in a week",
        "pillar": "",
        "column": "",
        "belief": "",
        "from_to": "We reply in a week → Same day",
        "votes": 0,
    }


def test_results_ignore_another_workshops_activities(workshop, other_workshop, norms):
    assert results.norms_by_pillar(other_workshop, [norms])["shifts"] == []


@pytest.fixture
def designed_and_started(workshop, design, commit_activity, room):
    own = [add_idea(workshop, "Idea 1"), add_idea(workshop, "Idea 2")]
    idea, _ = rituals.put_ritual_on_board(
        workshop,
        participant=room[0],
        activity=workshop.activities.get(title="Invent customer rituals"),
        ritual=Ritual.objects.get(slug="quarterly-customer-panel"),
    )
    designed = rituals.promote_ideas(
        design, workshop.facilitator, [own[0].pk, own[1].pk, idea.note.pk]
    )
    rituals.split_into_groups(design, workshop.facilitator, 3)
    rituals.edit_canvas_field(
        designed[2],
        by=workshop.facilitator,
        field="owner",
        value="Head of product",
        base_version=0,
    )
    started = rituals.start_ritual(
        commit_activity,
        workshop.facilitator,
        designed=designed[2],
        first_occurrence=timezone.now(),
        owner="Head of product",
        sponsor="Chief customer officer",
    )
    rituals.commit_to_ritual(started, room[0], "I will host the first panel")
    rituals.commit_to_ritual(started, room[1], "I will invite three customers")
    return designed, started


def test_designed_rituals_come_with_their_canvases(workshop, design, designed_and_started):
    data = results.designed_rituals(workshop, [design])["rituals"]
    assert [row["name"] for row in data] == ["Idea 1", "Idea 2", "The quarterly customer panel"]
    panel = data[2]
    assert panel["pillar"] == "listening"
    assert panel["cadence"] == "Quarterly"
    assert panel["owner"] == "Head of product"
    assert panel["sponsor"] == "Chief customer officer"
    assert panel["started"] is True
    assert panel["groups"] == ["Group 3"]
    assert len(panel["steps"]) == 4


def test_rituals_for_the_program_have_the_program_keys(workshop, design, designed_and_started):
    rows = results.rituals_program_inputs(workshop, [design])["rituals"]
    expected = {
        "name",
        "pillar",
        "purpose",
        "cadence",
        "participants",
        "steps",
        "owner",
        "sponsor",
        "first_date",
        "success_signal",
    }
    assert all(set(row) == expected for row in rows)
    assert all(isinstance(row["steps"], str) for row in rows)


def test_the_started_ritual_is_recorded_with_its_commitments(
    workshop, commit_activity, designed_and_started, room
):
    [row] = results.started_rituals(workshop, [commit_activity])["started"]
    assert (row["name"], row["owner"], row["sponsor"]) == (
        "The quarterly customer panel",
        "Head of product",
        "Chief customer officer",
    )
    assert row["first_date"] == timezone.localdate()
    assert [c["text"] for c in row["commitments"]] == [
        "I will host the first panel",
        "I will invite three customers",
    ]
    # The activity does not show names, so the wall and the results name nobody.
    assert all(c["name"] == "" for c in row["commitments"])
    program = results.started_program_inputs(workshop, [commit_activity])["started"]
    assert program[0]["commitments"] == [c["text"] for c in row["commitments"]]
    assert room[0].display_name not in repr(program)


def test_commitments_carry_names_when_the_activity_shows_them(
    workshop, commit_activity, designed_and_started, room
):
    commit_activity.show_names = True
    commit_activity.save(update_fields=["show_names"])
    [row] = results.started_rituals(workshop, [commit_activity])["started"]
    assert [c["name"] for c in row["commitments"]] == [room[0].display_name, room[1].display_name]


def test_the_way_of_working_shows_accepted_lines_by_section(workshop, way_activity, participant):
    Section = WayOfWorkingLine.Section
    suggested = rituals.suggest_line(way_activity, participant, Section.RITUALS, "Fix-it Friday")
    rituals.suggest_line(way_activity, participant, Section.GOALS, "Not accepted yet")
    rituals.accept_line(suggested, workshop.facilitator)
    rituals.add_line(way_activity, workshop.facilitator, Section.GOALS, "Every brief names a goal")
    data = results.way_of_working(workshop, [way_activity])["sections"]
    assert [section["key"] for section in data] == ["goals", "insight", "ownership", "rituals"]
    assert data[0]["lines"] == ["Every brief names a goal"]
    assert data[3]["lines"] == ["Fix-it Friday"]
    program = results.way_of_working_program_inputs(workshop, [way_activity])["way_of_working"]
    assert program == [
        {"section": Section.GOALS.label, "text": "Every brief names a goal"},
        {"section": Section.RITUALS.label, "text": "Fix-it Friday"},
    ]
