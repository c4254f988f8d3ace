"""Designing rituals in groups over the room socket, as the cast: the canvas travels from one
member's phone to the others and to the projector, other groups cannot touch it, late joiners
are placed, concurrent edits lose nothing and bad input is refused with a clear message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone, translation
from django.utils.html import escape

from rituals import services as rituals
from rituals.kinds import design as design_kind
from rituals.kinds.design import KEY
from rituals.models import DesignedRitual, GroupMember, RitualGroup
from rituals.services.canvas import NOT_YOUR_GROUP
from tests.conftest import make_participant
from tests.live.helpers import (
    RoomSockets,
    assert_nothing_else,
    receive_until,
    refused,
    send_action,
)
from workshops import services
from workshops.live import rendering
from workshops.models import Activity, Participant

from .conftest import add_idea

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NAMES = ("Bea", "Chen", "Dara")


@dataclass
class DesignRoom:
    activity: Activity
    designed: list[DesignedRitual]
    groups: list[RitualGroup]
    people: list[Participant]  # Amira, Bea, Chen, Dara: groups 1, 2, 1, 2


def design_room(workshop, facilitator, participant, *, names=NAMES, split=2) -> DesignRoom:
    """Three ideas promoted into a design activity added to the agenda, on every screen; the
    room (Amira and ``names``) split into ``split`` groups in the order they joined."""
    activity = services.add_activity(
        workshop, facilitator, kind=KEY, title="Design rituals in groups"
    )
    notes = [add_idea(workshop, text) for text in ("Story hour", "Listening day", "Empty chair")]
    designed = rituals.promote_ideas(activity, facilitator, [note.pk for note in notes])
    people = [participant, *(make_participant(workshop, name) for name in names)]
    groups = rituals.split_into_groups(activity, facilitator, split) if split else []
    services.goto_activity(workshop, facilitator, activity.pk)
    return DesignRoom(activity, designed, groups, people)


@pytest.fixture
def room(workshop, facilitator, participant) -> DesignRoom:
    return design_room(workshop, facilitator, participant)


def fresh(designed: DesignedRitual) -> DesignedRitual:
    return DesignedRitual.objects.get(pk=designed.pk)


async def online(presenter, *people: Participant) -> None:
    """Wait until the projector's list shows these people in the room (others may be away)."""
    wanted = [f'<li class="person" id="participant-{person.pk}">' for person in people]
    await receive_until(presenter, 'id="participants"', *wanted)


def edit(designed, field, value, version=0):
    return {"designed": designed.pk, "field": field, "value": value, "version": version}


async def test_an_edit_from_one_member_reaches_the_other_members_and_the_projector(
    facilitator, workshop, room
):
    amira, bea, chen, _dara = room.people
    ritual, group = room.designed[0], room.groups[0]
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert f'id="overview-group-{group.pk}"' in snapshot
        amira_phone, amira_snapshot = await sockets.participant(amira)
        chen_phone, _ = await sockets.participant(chen)
        bea_phone, bea_snapshot = await sockets.participant(bea)
        # Each phone's own rule shows its group's header and canvas, and only those.
        assert f"#design-group-{group.pk}, #canvas-{ritual.pk} {{ display: block; }}" in (
            amira_snapshot
        )
        assert f"#canvas-{room.designed[1].pk} {{ display: block; }}" in bea_snapshot
        await online(presenter, amira, chen)

        purpose = "Every Monday one of us tells a customer's story, in their words"
        await send_action(amira_phone, "canvas.edit", **edit(ritual, "purpose", purpose))

        field = f'id="canvas-{ritual.pk}-purpose"'
        on_chens_phone = await receive_until(chen_phone, field, escape(purpose), 'data-version="1"')
        assert f"✓ Saved · {amira.display_name}" in on_chens_phone
        # One render for every phone: Bea's phone gets the same fragment for its hidden copy.
        assert on_chens_phone == await receive_until(bea_phone, field)
        await receive_until(amira_phone, field, escape(purpose))
        card = await receive_until(presenter, f'id="overview-group-{group.pk}"', escape(purpose))
        assert amira.display_name in card and chen.display_name in card

    saved = await database_sync_to_async(fresh)(ritual)
    assert saved.purpose == purpose
    assert saved.last_editor_of("purpose") == amira.display_name


def test_the_projectors_cards_go_out_in_every_language(room):
    """A Dutch phone's edit still gives an English projector English cards."""
    with translation.override("nl"):
        cards = design_kind.overview_cards(room.designed[0])

    html = rendering.in_every_language(cards)

    assert "Purpose" in html["en"] and "Purpose" not in html["nl"]


async def test_another_groups_canvas_cannot_be_edited(facilitator, workshop, room):
    bea = room.people[1]
    ritual = room.designed[0]  # group 1's; Bea is in group 2
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        bea_phone, _ = await sockets.participant(bea)
        await online(presenter, bea)

        await send_action(bea_phone, "canvas.edit", **edit(ritual, "purpose", "Hijacked"))

        await refused(bea_phone, NOT_YOUR_GROUP)
        await assert_nothing_else(presenter)
    saved = await database_sync_to_async(fresh)(ritual)
    assert saved.purpose == "" and saved.field_versions == {}


async def test_a_late_joiner_is_placed_in_the_smallest_group_when_they_open_the_activity(
    facilitator, workshop, participant
):
    room = await database_sync_to_async(design_room)(
        workshop, facilitator, participant, names=("Bea", "Chen")
    )
    smaller = room.groups[1]  # Amira and Chen in group 1, Bea alone in group 2
    late = await database_sync_to_async(make_participant)(workshop, "Luca")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        bea_phone, _ = await sockets.participant(room.people[1])
        luca_phone, snapshot = await sockets.participant(late)
        # Not in a group yet: the phone asks to be placed as soon as it shows the activity.
        assert '"action": "design.place"' in snapshot
        await online(presenter, late)

        await send_action(luca_phone, "design.place", activity=room.activity.pk)

        mine = await receive_until(luca_phone, 'id="me"', f"#design-group-{smaller.pk}")
        assert "design.place" not in mine
        header = await receive_until(bea_phone, 'id="design-groups"', "Luca")
        assert f'id="design-group-{smaller.pk}"' in header
        await receive_until(presenter, f'id="overview-group-{smaller.pk}"', "Luca")

        # Placing again changes nothing and tells nobody else.
        await send_action(luca_phone, "design.place", activity=room.activity.pk)
        await receive_until(luca_phone, 'id="me"', f"#design-group-{smaller.pk}")
        await assert_nothing_else(presenter, bea_phone)

    placed = await database_sync_to_async(
        lambda: list(GroupMember.objects.filter(participant=late).values_list("group", flat=True))
    )()
    assert placed == [smaller.pk]


async def test_concurrent_edits_of_one_field_lose_nothing(facilitator, workshop, room):
    amira, _bea, chen, _dara = room.people
    ritual = room.designed[0]
    amiras = "Open the team meeting with a customer's story"
    chens = "Keep it under five minutes"
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira_phone, _ = await sockets.participant(amira)
        chen_phone, _ = await sockets.participant(chen)
        await online(presenter, amira, chen)

        # Both started typing on version 0; Amira's save lands first.
        await send_action(amira_phone, "canvas.edit", **edit(ritual, "purpose", amiras))
        await receive_until(chen_phone, f'id="canvas-{ritual.pk}-purpose"', escape(amiras))
        await send_action(chen_phone, "canvas.edit", **edit(ritual, "purpose", chens))

        # Chen's text is refused as stale, not saved over Amira's: his reply holds both texts
        # and the version to merge from.
        merge = await receive_until(chen_phone, f'id="canvas-{ritual.pk}-purpose-note"')
        assert 'data-merge-version="1"' in merge
        assert escape(amiras) in merge and escape(chens) in merge
        assert escape(amira.display_name) in merge
        saved = await database_sync_to_async(fresh)(ritual)
        assert saved.purpose == amiras

        merged = f"{chens}\n{amiras}"
        await send_action(chen_phone, "canvas.edit", **edit(ritual, "purpose", merged, 1))
        await receive_until(amira_phone, f'id="canvas-{ritual.pk}-purpose"', 'data-version="2"')

    saved = await database_sync_to_async(fresh)(ritual)
    assert saved.purpose == merged
    assert saved.version_of("purpose") == 2


async def test_bad_dates_and_empty_names_are_refused_with_clear_messages(
    facilitator, workshop, room
):
    amira, _bea, chen, _dara = room.people
    ritual = room.designed[0]
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira_phone, _ = await sockets.participant(amira)
        chen_phone, _ = await sockets.participant(chen)
        await online(presenter, amira, chen)

        refusals = [
            ("first_date", "2026-02-30", "“2026-02-30” is not a date we can read."),
            ("first_date", "next Tuesday", "is not a date we can read"),
            ("first_date", yesterday, "The first date has already passed"),
            ("name", "   ", "Give the ritual a name: a few words everyone will remember."),
        ]
        for field, value, message in refusals:
            await send_action(amira_phone, "canvas.edit", **edit(ritual, field, value))
            frame = await refused(amira_phone, message)
            # The message also shows under the field itself, where the person is looking.
            assert f'id="canvas-{ritual.pk}-{field}-note"' in frame

        await assert_nothing_else(presenter, chen_phone)
    saved = await database_sync_to_async(fresh)(ritual)
    assert saved.name == "Story hour"
    assert saved.first_date is None
    assert saved.field_versions == {}


async def test_the_facilitator_splits_the_room_and_moves_a_person_keeping_the_canvases(
    facilitator, workshop, participant
):
    room = await database_sync_to_async(design_room)(workshop, facilitator, participant, split=0)
    amira, bea = room.people[:2]
    ritual = room.designed[0]
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert 'value="design.split"' in snapshot
        amira_phone, amira_snapshot = await sockets.participant(amira)
        assert "the facilitator splits the room into groups" in amira_snapshot
        await online(presenter, amira)

        # A phone cannot split the room.
        await send_action(amira_phone, "design.split", activity=room.activity.pk, count=2)
        await refused(amira_phone, "Only the facilitator of this workshop can do that.")

        await send_action(presenter, "design.split", activity=room.activity.pk, count=2)
        await receive_until(amira_phone, 'id="design-groups"', "Group 2")
        groups = await database_sync_to_async(
            lambda: list(RitualGroup.objects.filter(activity=room.activity))
        )()
        mine = await receive_until(amira_phone, 'id="me"', f"#design-group-{groups[0].pk}")
        assert f"#canvas-{ritual.pk}" in mine
        await receive_until(presenter, 'id="design-board"', f'id="overview-group-{groups[1].pk}"')

        await send_action(amira_phone, "canvas.edit", **edit(ritual, "owner", "Head of Sales"))
        await receive_until(presenter, "Head of Sales")

        # Amira moves to group 2: her phone now shows group 2's canvas.
        await send_action(
            presenter, "design.move", activity=room.activity.pk, participant=amira.pk,
            group=groups[1].pk,
        )  # fmt: skip
        await receive_until(amira_phone, 'id="me"', f"#canvas-{room.designed[1].pk}")

        # Splitting again keeps every canvas.
        await send_action(presenter, "design.split", activity=room.activity.pk, count=3)
        await receive_until(presenter, 'id="design-board"', "Group 3", "Head of Sales")

        # Bad counts and other rooms' ids are refused.
        await send_action(presenter, "design.split", activity=room.activity.pk, count=0)
        await refused(presenter, "Make at least one group.")
        await send_action(presenter, "design.move", activity=room.activity.pk,
                          participant=bea.pk, group=999999)  # fmt: skip
        await refused(presenter, "That group no longer exists: split the room again.")

    saved = await database_sync_to_async(fresh)(ritual)
    assert saved.owner == "Head of Sales"


async def test_the_facilitator_promotes_the_top_ideas_from_the_projector(
    facilitator, workshop, participant
):
    def setup():
        activity = services.add_activity(workshop, facilitator, kind=KEY, title="Design")
        for text in ("Story hour", "Listening day", "Empty chair", "Customer panel"):
            add_idea(workshop, text)
        services.goto_activity(workshop, facilitator, activity.pk)
        board = workshop.activities.get(title="Invent customer rituals")
        return activity, board

    activity, board = await database_sync_to_async(setup)()
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert "No rituals promoted yet" in snapshot
        phone, _ = await sockets.participant(participant)

        await send_action(presenter, "design.promote", activity=activity.pk, board=board.pk,
                          count=2)  # fmt: skip
        await refused(presenter, "Design at least 3 rituals.")

        await send_action(presenter, "design.promote", activity=activity.pk, board=board.pk,
                          count=3)  # fmt: skip
        stage = await receive_until(presenter, 'id="stage"', "Listening day")
        assert "Customer panel" not in stage
        await receive_until(phone, 'id="stage"', 'class="design-canvas"')

    names = await database_sync_to_async(
        lambda: list(
            DesignedRitual.objects.filter(activity=activity).values_list("name", flat=True)
        )
    )()
    assert names == ["Story hour", "Listening day", "Empty chair"]
