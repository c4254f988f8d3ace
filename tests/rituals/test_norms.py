"""Norms inventory: each norm names its pillar and belief; the facilitator makes from → to
pairs."""

from __future__ import annotations

import pytest

from rituals import services as rituals
from rituals.forms import NormDetailForm, NormShiftForm
from rituals.models import NormDetail, NormShift, Pillar
from workshops import services
from workshops.services import NotAllowed, RoomClosed, ServiceError

from .conftest import close

pytestmark = pytest.mark.django_db


def add_norm(workshop, board, participant, text="We start with the budget", column=1):
    note, _ = services.add_note(
        workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=board.columns.all()[column].pk,
        text=text,
        client_id=f"norm-{text}",
    )
    return note


@pytest.fixture
def norm(workshop, norms_board, participant):
    return add_norm(workshop, norms_board, participant)


def pillar(slug):
    return Pillar.objects.get(slug=slug)


def test_the_author_names_the_pillar_and_belief_of_a_norm(norm, participant):
    detail = rituals.add_norm_detail(
        norm, participant=participant, pillar=pillar("way-of-working"), belief="Cost keeps us safe"
    )
    assert (detail.pillar.slug, detail.belief) == ("way-of-working", "Cost keeps us safe")


def test_describing_a_norm_again_changes_it(norm, participant):
    rituals.add_norm_detail(norm, participant=participant, pillar=pillar("stories"))
    rituals.add_norm_detail(norm, participant=participant, pillar=pillar("listening"), belief="")
    assert NormDetail.objects.get(note=norm).pillar.slug == "listening"
    assert NormDetail.objects.count() == 1


def test_the_facilitator_may_describe_any_norm(norm, facilitator):
    rituals.add_norm_detail(norm, by=facilitator, pillar=pillar("responsibility"))
    assert NormDetail.objects.get(note=norm).pillar.slug == "responsibility"


def test_a_participant_cannot_describe_someone_elses_norm(workshop, norm):
    from tests.conftest import make_participant

    bea = make_participant(workshop, "Bea")
    with pytest.raises(NotAllowed, match="your own norms"):
        rituals.add_norm_detail(norm, participant=bea, pillar=pillar("stories"))
    assert not NormDetail.objects.exists()


@pytest.mark.parametrize("who", ["other_participant", "removed_participant"])
def test_strangers_and_removed_people_cannot_describe_norms(request, norm, who):
    person = request.getfixturevalue(who)
    with pytest.raises(NotAllowed):
        rituals.add_norm_detail(norm, participant=person, pillar=pillar("stories"))
    assert not NormDetail.objects.exists()


def test_another_facilitator_cannot_describe_norms(norm, other_facilitator):
    with pytest.raises(NotAllowed):
        rituals.add_norm_detail(norm, by=other_facilitator, pillar=pillar("stories"))


def test_nobody_describes_norms_in_a_closed_room(workshop, norm, participant):
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.add_norm_detail(norm, participant=participant, pillar=pillar("stories"))
    assert not NormDetail.objects.exists()


def test_a_very_long_belief_is_refused(norm, participant):
    with pytest.raises(ServiceError, match="under 500 characters"):
        rituals.add_norm_detail(
            norm, participant=participant, pillar=pillar("stories"), belief="x" * 501
        )


def test_the_norm_detail_form_names_a_bad_pillar():
    form = NormDetailForm({"note_id": "1", "pillar": "marketing"})
    assert form.errors["pillar"] == ["Pick one of the four pillars."]
    assert NormDetailForm({"note_id": "1", "pillar": "listening"}).is_valid()


def test_the_facilitator_turns_a_norm_into_a_from_to_pair(norms_board, norm, facilitator):
    shift = rituals.make_norm_shift(
        norms_board, facilitator, "", "We start with the customer's goal", note=norm
    )
    assert (shift.from_text, shift.to_text) == (
        "We start with the budget",
        "We start with the customer's goal",
    )


def test_a_pair_may_stand_without_a_note(norms_board, facilitator):
    shift = rituals.make_norm_shift(norms_board, facilitator, "We reply in a week", "Same day")
    assert shift.note is None


@pytest.mark.parametrize(
    "from_text, to_text, message",
    [("", "Same day", "the “from”"), ("We reply in a week", "  ", "the “to”")],
)
def test_a_pair_needs_both_sides(norms_board, facilitator, from_text, to_text, message):
    with pytest.raises(ServiceError, match=message):
        rituals.make_norm_shift(norms_board, facilitator, from_text, to_text)
    assert not NormShift.objects.exists()


def test_a_pair_from_another_boards_note_is_refused(workshop, ideas_board, norm, facilitator):
    with pytest.raises(ServiceError, match="not on this board"):
        rituals.make_norm_shift(ideas_board, facilitator, "", "To", note=norm)


def test_participants_and_other_facilitators_cannot_make_pairs(
    norms_board, participant, other_facilitator
):
    with pytest.raises(NotAllowed):
        rituals.make_norm_shift(norms_board, other_facilitator, "From", "To")
    with pytest.raises(NotAllowed):
        rituals.make_norm_shift(norms_board, None, "From", "To")
    assert not NormShift.objects.exists()


def test_the_facilitator_edits_and_removes_a_pair(norms_board, facilitator, other_facilitator):
    shift = rituals.make_norm_shift(norms_board, facilitator, "From", "To")
    with pytest.raises(NotAllowed):
        rituals.edit_norm_shift(shift, other_facilitator, "Mine", "Now")
    rituals.edit_norm_shift(shift, facilitator, "New from", "New to")
    shift.refresh_from_db()
    assert (shift.from_text, shift.to_text) == ("New from", "New to")
    with pytest.raises(NotAllowed):
        rituals.remove_norm_shift(shift, other_facilitator)
    rituals.remove_norm_shift(shift, facilitator)
    assert not NormShift.objects.exists()


def test_no_pairs_are_made_in_a_closed_room(workshop, norms_board, facilitator):
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.make_norm_shift(norms_board, facilitator, "From", "To")


def test_the_pair_form_needs_a_from_unless_it_names_a_note():
    assert NormShiftForm({"to_text": "To"}).errors["from_text"] == [
        "Write the norm as it is today (the “from”)."
    ]
    assert NormShiftForm({"note_id": "4", "to_text": "To"}).is_valid()
