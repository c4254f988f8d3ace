"""The ritual canvas: group members and the facilitator edit it field by field; concurrent
edits of one field lose nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rituals import services as rituals
from rituals.forms import CanvasFieldForm
from rituals.models import DesignedRitual
from workshops.services import NotAllowed, RoomClosed, ServiceError

from .conftest import close, designed_rituals

pytestmark = pytest.mark.django_db


@pytest.fixture
def grouped(workshop, design, room):
    """Three designed rituals, three groups of two: (designed rituals, groups)."""
    designed = designed_rituals(workshop, 3)
    groups = rituals.split_into_groups(design, workshop.facilitator, 3)
    return designed, groups


def members(group):
    return [member.participant for member in group.members.select_related("participant")]


def edit(designed, who, field, value, base_version=None, **kwargs):
    if base_version is None:
        base_version = DesignedRitual.objects.get(pk=designed.pk).version_of(field)
    return rituals.edit_canvas_field(
        designed, **kwargs, participant=who, field=field, value=value, base_version=base_version
    )


def test_a_member_edits_their_groups_canvas(grouped):
    designed, groups = grouped
    anna = members(groups[0])[0]
    saved = edit(designed[0], anna, "purpose", "Every leader hears a customer each month")
    assert saved.purpose == "Every leader hears a customer each month"
    assert saved.version_of("purpose") == 1
    assert saved.last_editor_of("purpose") == anna.display_name


def test_every_canvas_field_takes_its_value(grouped):
    designed, groups = grouped
    person = members(groups[0])[0]
    first = (timezone.localdate() + timedelta(days=7)).isoformat()
    values = {
        "name": "Listening hour",
        "pillar": "listening",
        "purpose": "Hear customers first hand",
        "trigger": "First Monday of the month",
        "cadence": "monthly",
        "participants": "The leadership team",
        "steps": "Book\nListen\nShare",
        "owner": "Head of service",
        "first_date": first,
        "success_signal": "Complaints about waiting times halve",
    }
    for field, value in values.items():
        edit(designed[0], person, field, value)
    saved = DesignedRitual.objects.get(pk=designed[0].pk)
    assert {field: rituals.canvas_value(saved, field) for field in values} == values


def test_another_groups_canvas_cannot_be_edited(grouped):
    designed, groups = grouped
    outsider = members(groups[1])[0]
    with pytest.raises(NotAllowed, match="Only the group designing this ritual"):
        edit(designed[0], outsider, "purpose", "Not ours")
    assert DesignedRitual.objects.get(pk=designed[0].pk).purpose == ""


def test_the_facilitator_edits_any_canvas(workshop, grouped):
    designed, _ = grouped
    saved = edit(designed[2], None, "owner", "Chief customer officer", by=workshop.facilitator)
    assert saved.owner == "Chief customer officer"
    assert saved.last_editor_of("owner") == "The facilitator"


@pytest.mark.parametrize("who", ["other_participant", "removed_participant"])
def test_strangers_and_removed_people_cannot_edit(request, grouped, who):
    designed, _ = grouped
    with pytest.raises(NotAllowed):
        edit(designed[0], request.getfixturevalue(who), "purpose", "Sneaky")


def test_a_member_removed_from_the_room_can_no_longer_edit(workshop, grouped):
    from workshops import services

    designed, groups = grouped
    person = members(groups[0])[0]
    services.remove_participant(workshop, workshop.facilitator, person.pk)
    with pytest.raises(NotAllowed, match="removed you"):
        edit(designed[0], person, "purpose", "Still here?")


def test_another_facilitator_cannot_edit(grouped, other_facilitator):
    designed, _ = grouped
    with pytest.raises(NotAllowed):
        edit(designed[0], None, "purpose", "Mine now", by=other_facilitator)


def test_no_canvas_changes_in_a_closed_room(workshop, grouped):
    designed, groups = grouped
    close(workshop)
    with pytest.raises(RoomClosed):
        edit(designed[0], members(groups[0])[0], "purpose", "Too late")


def test_two_people_typing_in_one_field_lose_nothing(grouped):
    designed, groups = grouped
    anna, bea = members(groups[0])
    # Both start from the empty field (version 0); Anna saves first.
    edit(designed[0], anna, "purpose", "Hear customers every week", base_version=0)
    with pytest.raises(rituals.CanvasConflict) as conflict:
        edit(designed[0], bea, "purpose", "Leaders listen to complaints", base_version=0)
    # Bea is told whose words are there now, and gets them to merge with her own.
    assert conflict.value.current_value == "Hear customers every week"
    assert conflict.value.version == 1
    assert conflict.value.edited_by == anna.display_name
    assert anna.display_name in str(conflict.value)
    assert DesignedRitual.objects.get(pk=designed[0].pk).purpose == "Hear customers every week"
    merged = "Hear customers every week; leaders listen to complaints"
    saved = edit(designed[0], bea, "purpose", merged, base_version=conflict.value.version)
    assert saved.purpose == merged
    assert saved.version_of("purpose") == 2


def test_edits_of_different_fields_never_conflict(grouped):
    designed, groups = grouped
    anna, bea = members(groups[0])
    edit(designed[0], anna, "purpose", "Why", base_version=0)
    edit(designed[0], bea, "owner", "Head of sales", base_version=0)
    saved = DesignedRitual.objects.get(pk=designed[0].pk)
    assert (saved.purpose, saved.owner) == ("Why", "Head of sales")


def test_sending_the_same_words_as_the_saved_ones_is_no_conflict(grouped):
    designed, groups = grouped
    anna, bea = members(groups[0])
    edit(designed[0], anna, "trigger", "Monday 9:00", base_version=0)
    saved = edit(designed[0], bea, "trigger", "Monday 9:00", base_version=0)
    assert saved.version_of("trigger") == 1


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "   ", "Give the ritual a name"),
        ("first_date", "31/02/2030", "is not a date we can read"),
        ("first_date", "next tuesday", "is not a date we can read"),
        ("first_date", "2001-01-01", "has already passed"),
        ("pillar", "marketing", "Pick one of the four pillars"),
        ("cadence", "hourly", "Pick how often"),
        ("owner", "x" * 121, "under 120 characters"),
        ("colour", "red", "not a field of the ritual canvas"),
    ],
)
def test_bad_values_get_a_clear_message_and_change_nothing(grouped, field, value, message):
    designed, groups = grouped
    before = DesignedRitual.objects.filter(pk=designed[0].pk).values().get()
    with pytest.raises(ServiceError, match=message):
        edit(designed[0], members(groups[0])[0], field, value, base_version=0)
    assert DesignedRitual.objects.filter(pk=designed[0].pk).values().get() == before


def test_the_canvas_form_puts_the_message_on_the_value():
    form = CanvasFieldForm({"field": "first_date", "value": "31/02/2030", "base_version": "0"})
    assert not form.is_valid()
    assert "is not a date we can read" in form.errors["value"][0]
    form = CanvasFieldForm({"field": "name", "value": "", "base_version": "0"})
    assert form.errors["value"] == ["Give the ritual a name: a few words everyone will remember."]
    assert CanvasFieldForm({"field": "purpose", "value": "", "base_version": "3"}).is_valid()
    assert "base_version" in CanvasFieldForm({"field": "purpose", "base_version": "-1"}).errors
