"""Groups for ritual design: everyone in exactly one group, late joiners placed, regrouping
keeps the canvases."""

from __future__ import annotations

from collections import Counter

import pytest

from rituals import services as rituals
from rituals.models import DesignedRitual, GroupMember, RitualGroup
from tests.conftest import make_participant
from workshops.services import NotAllowed, RoomClosed, ServiceError

from .conftest import close, designed_rituals

pytestmark = pytest.mark.django_db


def sizes(design) -> list[int]:
    counts = Counter(GroupMember.objects.filter(activity=design).values_list("group", flat=True))
    return sorted(counts.values())


def test_splitting_puts_every_participant_in_exactly_one_group(workshop, design, room):
    designed = designed_rituals(workshop, 3)
    groups = rituals.split_into_groups(design, workshop.facilitator, 4)
    members = GroupMember.objects.filter(activity=design)
    assert sorted(m.participant_id for m in members) == sorted(p.pk for p in room)
    assert sizes(design) == [1, 1, 2, 2]
    assert [g.designed_ritual for g in groups] == [*designed, None]
    assert [g.name for g in groups] == ["Group 1", "Group 2", "Group 3", "Group 4"]


def test_removed_participants_are_left_out(workshop, design, room, removed_participant):
    rituals.split_into_groups(design, workshop.facilitator, 2)
    assert not GroupMember.objects.filter(participant=removed_participant).exists()
    assert sizes(design) == [3, 3]


@pytest.mark.parametrize("count", [0, 7])
def test_the_number_of_groups_must_fit_the_room(workshop, design, room, count):
    with pytest.raises(ServiceError, match="between 1 and 6 groups"):
        rituals.split_into_groups(design, workshop.facilitator, count)
    assert not RitualGroup.objects.exists()


def test_an_empty_room_cannot_be_split(workshop, design):
    with pytest.raises(ServiceError, match="Nobody has joined"):
        rituals.split_into_groups(design, workshop.facilitator, 2)


def test_a_late_joiner_goes_to_the_smallest_group(workshop, design, room):
    rituals.split_into_groups(design, workshop.facilitator, 4)  # sizes 2, 2, 1, 1
    late = make_participant(workshop, "Late Lou")
    group = rituals.place_late_joiner(design, late)
    assert group.name == "Group 3"
    assert rituals.place_late_joiner(design, late) == group  # twice is once
    assert GroupMember.objects.filter(participant=late).count() == 1
    later = make_participant(workshop, "Later Lin")
    assert rituals.place_late_joiner(design, later).name == "Group 4"


def test_a_late_joiner_before_any_split_waits(workshop, design, participant):
    assert rituals.place_late_joiner(design, participant) is None
    assert not GroupMember.objects.exists()


@pytest.mark.parametrize("who", ["other_participant", "removed_participant"])
def test_strangers_and_removed_people_are_not_placed(request, workshop, design, room, who):
    rituals.split_into_groups(design, workshop.facilitator, 2)
    with pytest.raises(NotAllowed):
        rituals.place_late_joiner(design, request.getfixturevalue(who))


def test_regrouping_keeps_every_canvas(workshop, design, room):
    designed = designed_rituals(workshop, 3)
    rituals.split_into_groups(design, workshop.facilitator, 3)
    anna = room[0]
    rituals.edit_canvas_field(
        designed[0], participant=anna, field="purpose", value="Hear it first hand", base_version=0
    )
    rituals.split_into_groups(design, workshop.facilitator, 2)
    assert DesignedRitual.objects.get(pk=designed[0].pk).purpose == "Hear it first hand"
    assert RitualGroup.objects.filter(activity=design).count() == 2
    assert GroupMember.objects.filter(activity=design).count() == len(room)


def test_the_facilitator_moves_someone_by_hand(workshop, design, room):
    groups = rituals.split_into_groups(design, workshop.facilitator, 2)
    person = room[0]
    target = next(g for g in groups if g != rituals.group_of(design, person))
    rituals.move_member(design, workshop.facilitator, person, target)
    assert rituals.group_of(design, person) == target
    assert GroupMember.objects.filter(participant=person).count() == 1


def test_moving_is_for_the_facilitator_of_an_open_room(
    workshop, design, room, other_facilitator, other_participant
):
    groups = rituals.split_into_groups(design, workshop.facilitator, 2)
    with pytest.raises(NotAllowed):
        rituals.move_member(design, other_facilitator, room[0], groups[1])
    with pytest.raises(NotAllowed):
        rituals.move_member(design, workshop.facilitator, other_participant, groups[1])
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.move_member(design, workshop.facilitator, room[0], groups[1])


def test_the_facilitator_gives_a_group_another_ritual(workshop, design, room, other_facilitator):
    designed = designed_rituals(workshop, 3)
    groups = rituals.split_into_groups(design, workshop.facilitator, 2)
    with pytest.raises(NotAllowed):
        rituals.assign_ritual(groups[1], other_facilitator, designed[2])
    rituals.assign_ritual(groups[1], workshop.facilitator, designed[2])
    assert RitualGroup.objects.get(pk=groups[1].pk).designed_ritual == designed[2]


def test_splitting_is_for_the_facilitator(workshop, design, room, other_facilitator):
    with pytest.raises(NotAllowed):
        rituals.split_into_groups(design, other_facilitator, 2)
    with pytest.raises(NotAllowed):
        rituals.split_into_groups(design, None, 2)
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.split_into_groups(design, workshop.facilitator, 2)
    assert not RitualGroup.objects.exists()
