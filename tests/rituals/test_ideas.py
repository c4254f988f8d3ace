"""Ritual ideas: library rituals on the ideas board, and promotion of the top ideas."""

from __future__ import annotations

import pytest

from rituals import services as rituals
from rituals.models import DesignedRitual, Ritual, RitualIdea
from workshops import services
from workshops.services import NotAllowed, RoomClosed, ServiceError

from .conftest import add_idea, close, designed_rituals

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    return Ritual.objects.get(slug="quarterly-customer-panel")


def test_a_participant_puts_a_library_ritual_on_the_board(
    workshop, ideas_board, participant, panel
):
    idea, created = rituals.put_ritual_on_board(
        workshop, participant=participant, activity=ideas_board, ritual=panel
    )
    assert created
    assert idea.note.text == panel.name
    assert idea.note.participant == participant
    assert idea.note.activity == ideas_board


def test_a_library_ritual_goes_on_the_board_once(workshop, ideas_board, participant, panel):
    from tests.conftest import make_participant

    first, _ = rituals.put_ritual_on_board(
        workshop, participant=participant, activity=ideas_board, ritual=panel
    )
    again, created = rituals.put_ritual_on_board(
        workshop, participant=make_participant(workshop, "Bea"), activity=ideas_board, ritual=panel
    )
    assert not created
    assert again == first
    assert ideas_board.notes.count() == 1


@pytest.mark.parametrize("who", ["other_participant", "removed_participant"])
def test_strangers_and_removed_people_cannot_put_rituals_up(
    request, workshop, ideas_board, panel, who
):
    with pytest.raises(NotAllowed):
        rituals.put_ritual_on_board(
            workshop, participant=request.getfixturevalue(who), activity=ideas_board, ritual=panel
        )
    assert not RitualIdea.objects.exists()


def test_another_facilitator_cannot_put_rituals_up(workshop, ideas_board, panel, other_facilitator):
    with pytest.raises(NotAllowed):
        rituals.put_ritual_on_board(
            workshop, by=other_facilitator, activity=ideas_board, ritual=panel
        )


def test_nothing_goes_on_the_board_of_a_closed_room(workshop, ideas_board, participant, panel):
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.put_ritual_on_board(
            workshop, participant=participant, activity=ideas_board, ritual=panel
        )
    assert not ideas_board.notes.exists()


def test_the_facilitator_promotes_ideas_into_design_with_their_canvas(
    workshop, ideas_board, design, participant, panel
):
    idea, _ = rituals.put_ritual_on_board(
        workshop, participant=participant, activity=ideas_board, ritual=panel
    )
    own = [add_idea(workshop, "Customer breakfast"), add_idea(workshop, "Call a lost customer")]
    designed = rituals.promote_ideas(
        design, workshop.facilitator, [idea.note.pk, *(note.pk for note in own)]
    )
    assert len(designed) == 3
    from_library = next(d for d in designed if d.source_ritual == panel)
    assert from_library.name == panel.name
    assert from_library.pillar == panel.pillar
    assert from_library.steps == panel.steps
    assert {d.name for d in designed} >= {"Customer breakfast", "Call a lost customer"}
    assert [d.position for d in designed] == [0, 1, 2]


def test_the_top_voted_ideas_are_promoted(workshop, ideas_board, design, room):
    notes = [add_idea(workshop, f"Idea {n}") for n in range(5)]
    for voter in room[:3]:
        services.vote(workshop, participant=voter, note_id=notes[4].pk)
    services.vote(workshop, participant=room[3], note_id=notes[2].pk)
    top = rituals.top_ideas(ideas_board, 3)
    assert top == [notes[4], notes[2], notes[0]]
    designed = rituals.promote_top_ideas(design, workshop.facilitator, ideas_board, 3)
    assert [d.name for d in designed] == ["Idea 4", "Idea 2", "Idea 0"]
    assert len(designed) == 3


@pytest.mark.parametrize("count", [2, 9])
def test_promotion_keeps_between_three_and_eight_rituals(workshop, design, count):
    notes = [add_idea(workshop, f"Idea {n}") for n in range(count)]
    with pytest.raises(ServiceError, match="between 3 and 8"):
        rituals.promote_ideas(design, workshop.facilitator, [note.pk for note in notes])
    assert not DesignedRitual.objects.exists()


def test_promoting_more_later_keeps_the_canvases_already_there(workshop, design):
    first = designed_rituals(workshop, 3)
    rituals.edit_canvas_field(
        first[0], by=workshop.facilitator, field="purpose", value="Hear customers", base_version=0
    )
    more = rituals.promote_ideas(design, workshop.facilitator, [add_idea(workshop, "Fourth").pk])
    assert more[0].position == 3
    assert DesignedRitual.objects.get(pk=first[0].pk).purpose == "Hear customers"
    assert DesignedRitual.objects.count() == 4


def test_ideas_from_another_workshop_cannot_be_promoted(workshop, other_workshop, design):
    theirs = [add_idea(other_workshop, f"Theirs {n}") for n in range(3)]
    with pytest.raises(ServiceError, match="no longer on the board"):
        rituals.promote_ideas(design, workshop.facilitator, [note.pk for note in theirs])


def test_only_the_facilitator_promotes(workshop, design, other_facilitator):
    notes = [add_idea(workshop, f"Idea {n}") for n in range(3)]
    with pytest.raises(NotAllowed):
        rituals.promote_ideas(design, other_facilitator, [note.pk for note in notes])
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.promote_ideas(design, workshop.facilitator, [note.pk for note in notes])
    assert not DesignedRitual.objects.exists()


def test_the_facilitator_removes_a_ritual_from_design(workshop, other_facilitator):
    designed = designed_rituals(workshop, 3)
    with pytest.raises(NotAllowed):
        rituals.remove_designed_ritual(designed[0], other_facilitator)
    rituals.remove_designed_ritual(designed[0], workshop.facilitator)
    assert DesignedRitual.objects.count() == 2
