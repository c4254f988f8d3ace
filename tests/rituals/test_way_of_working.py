"""Way of working, first draft: phones suggest lines, the facilitator accepts and edits."""

from __future__ import annotations

import pytest

from rituals import services as rituals
from rituals.forms import WayOfWorkingLineForm
from rituals.models import WayOfWorkingLine
from workshops.services import NotAllowed, RoomClosed, ServiceError

from .conftest import close

pytestmark = pytest.mark.django_db

GOALS = WayOfWorkingLine.Section.GOALS


def test_a_participant_suggests_a_line(way_activity, participant):
    line = rituals.suggest_line(way_activity, participant, GOALS, "Every brief names a customer")
    assert (line.suggested_by, line.accepted, line.position) == (participant, False, 0)
    second = rituals.suggest_line(way_activity, participant, GOALS, "Judge work by NPS")
    assert second.position == 1


@pytest.mark.parametrize(
    "section, text, message",
    [("goals", "  ", "Write the line first"), ("budget", "Text", "Pick the part")],
)
def test_a_bad_suggestion_is_refused(way_activity, participant, section, text, message):
    with pytest.raises(ServiceError, match=message):
        rituals.suggest_line(way_activity, participant, section, text)
    assert not WayOfWorkingLine.objects.exists()


@pytest.mark.parametrize("who", ["other_participant", "removed_participant"])
def test_strangers_and_removed_people_cannot_suggest(request, way_activity, who):
    with pytest.raises(NotAllowed):
        rituals.suggest_line(way_activity, request.getfixturevalue(who), GOALS, "Hello")
    assert not WayOfWorkingLine.objects.exists()


def test_nobody_suggests_in_a_closed_room(workshop, way_activity, participant):
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.suggest_line(way_activity, participant, GOALS, "Too late")


def test_the_facilitator_accepts_edits_and_removes_lines(workshop, way_activity, participant):
    line = rituals.suggest_line(way_activity, participant, GOALS, "every brief names a customer")
    rituals.accept_line(line, workshop.facilitator)
    assert WayOfWorkingLine.objects.get(pk=line.pk).accepted
    rituals.edit_line(
        line, workshop.facilitator, "insight", "Every brief starts from a customer interview"
    )
    line.refresh_from_db()
    assert (line.section, line.text) == ("insight", "Every brief starts from a customer interview")
    own = rituals.add_line(way_activity, workshop.facilitator, "ownership", "The COO owns it")
    assert own.accepted and own.suggested_by is None
    rituals.remove_line(line, workshop.facilitator)
    assert list(WayOfWorkingLine.objects.all()) == [own]


def test_only_the_facilitator_of_an_open_room_curates_the_draft(
    workshop, way_activity, participant, other_facilitator
):
    line = rituals.suggest_line(way_activity, participant, GOALS, "A line")
    for attempt in (
        lambda by: rituals.accept_line(line, by),
        lambda by: rituals.edit_line(line, by, GOALS, "Changed"),
        lambda by: rituals.remove_line(line, by),
        lambda by: rituals.add_line(way_activity, by, GOALS, "Mine"),
    ):
        with pytest.raises(NotAllowed):
            attempt(other_facilitator)
        with pytest.raises(NotAllowed):
            attempt(None)
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.accept_line(line, workshop.facilitator)
    line.refresh_from_db()
    assert (line.text, line.accepted) == ("A line", False)
    assert WayOfWorkingLine.objects.count() == 1


def test_suggestions_per_person_are_capped(way_activity, participant):
    for number in range(20):
        rituals.suggest_line(way_activity, participant, GOALS, f"Line {number}")
    with pytest.raises(ServiceError, match="give the others a turn"):
        rituals.suggest_line(way_activity, participant, GOALS, "One more")


def test_the_line_form_validates_section_and_text():
    form = WayOfWorkingLineForm({"section": "budget", "text": ""})
    assert form.errors == {
        "section": ["Pick the part of the way of working your line belongs to."],
        "text": ["Write the line first."],
    }
    assert WayOfWorkingLineForm({"section": "rituals", "text": "Fix-it Friday"}).is_valid()
