"""The rituals module's activities in the standard cast's "Customer rituals" workshop."""

from __future__ import annotations

import pytest

from rituals import services as rituals
from tests.conftest import make_participant
from workshops import services
from workshops.models import Activity, Note, Workshop


def activity_titled(workshop: Workshop, title: str) -> Activity:
    return workshop.activities.get(title=title)


def add_idea(workshop: Workshop, text: str, *, participant=None) -> Note:
    board = activity_titled(workshop, "Invent customer rituals")
    note, _ = services.add_note(
        workshop,
        participant=participant,
        by=None if participant else workshop.facilitator,
        activity_id=board.pk,
        column_id=board.columns.first().pk,
        text=text,
        client_id=f"idea-{text}",
    )
    return note


DESIGN = "Design the best rituals"


def design_activity(workshop: Workshop) -> Activity:
    """The agenda's design activity; a prompt stands in while the group-design kind is not
    installed (the core skips an unregistered kind's agenda item)."""
    found = workshop.activities.filter(title=DESIGN).first()
    return found or services.add_activity(
        workshop, workshop.facilitator, kind="prompt", title=DESIGN
    )


def designed_rituals(workshop: Workshop, count: int = 3):
    """``count`` rituals promoted into the design activity from facilitator's ideas."""
    notes = [add_idea(workshop, f"Idea {number}") for number in range(1, count + 1)]
    design = design_activity(workshop)
    return rituals.promote_ideas(design, workshop.facilitator, [note.pk for note in notes])


@pytest.fixture
def norms_board(workshop):
    return activity_titled(workshop, "Our norms today")


@pytest.fixture
def ideas_board(workshop):
    return activity_titled(workshop, "Invent customer rituals")


@pytest.fixture
def design(workshop):
    return design_activity(workshop)


@pytest.fixture
def commit_activity(workshop):
    return activity_titled(workshop, "Start one ritual now")


@pytest.fixture
def way_activity(workshop):
    return activity_titled(workshop, "Way of working, first draft")


@pytest.fixture
def room(workshop, participant):
    """The workshop with five more people: six in all."""
    names = ["Bea", "Chen", "Dara", "Eli", "Femi"]
    return [participant, *(make_participant(workshop, name) for name in names)]


@pytest.fixture
def removed_participant(workshop, facilitator):
    person = make_participant(workshop, "Rémi")
    services.remove_participant(workshop, facilitator, person.pk)
    person.refresh_from_db()
    return person


def close(workshop: Workshop) -> None:
    services.close_room(workshop, workshop.facilitator)
