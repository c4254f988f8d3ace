"""The vision statement over the room socket: a draft reaches the group's other phone and the
projector, a vote counts once, the final statement shows on every screen."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from django.utils.html import escape

from rituals.models import VisionDraft, VisionVote
from rituals.services import vision
from tests.conftest import make_participant, make_workshop
from tests.live.helpers import RoomSockets, receive_until, refused, send_action
from workshops import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def room(facilitator):
    """An "Understand customer culture" workshop on its vision statement, four people split
    into two groups (Amira and Chen, Bea and Dara)."""
    workshop = make_workshop(facilitator, template_slug="understand-customer-culture")
    activity = workshop.activities.get(kind="vision_statement")
    people = [make_participant(workshop, name) for name in ("Amira", "Bea", "Chen", "Dara")]
    vision.split_into_groups(activity, facilitator, 2)
    services.goto_activity(workshop, facilitator, activity.pk)
    drafts = list(VisionDraft.objects.filter(activity=activity).order_by("group__position"))
    return workshop, activity, people, drafts


async def test_a_draft_reaches_the_groups_other_phone_and_the_projector(facilitator, room):
    workshop, activity, (amira, bea, chen, _dara), (draft, _other) = room
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert f'id="vision-card-{draft.pk}"' in snapshot
        amira_phone, amira_snapshot = await sockets.participant(amira)
        chen_phone, _ = await sockets.participant(chen)
        bea_phone, _ = await sockets.participant(bea)
        assert f"#vision-group-{draft.group_id} {{ display: block; }}" in amira_snapshot

        text = "Two years from now, every customer feels known by name"
        await send_action(
            amira_phone, "vision.edit", activity=activity.pk, draft=draft.pk, text=text
        )

        form = await receive_until(chen_phone, f'id="vision-draft-{draft.pk}"', escape(text))
        assert "✓ Saved · Amira" in form
        await receive_until(presenter, 'id="vision-drafts"', escape(text))

        # Bea is in the other group: her save is refused and changes nothing.
        await send_action(bea_phone, "vision.edit", activity=activity.pk, draft=draft.pk, text="x")
        await refused(bea_phone, "Only the people in Group 1 can change its draft.")

    saved = await database_sync_to_async(VisionDraft.objects.get)(pk=draft.pk)
    assert saved.text == text


async def test_a_vote_counts_once_and_the_final_statement_shows_everywhere(facilitator, room):
    workshop, activity, (amira, bea, _chen, _dara), (draft, other) = room
    await database_sync_to_async(vision.edit_draft)(draft, amira, "Customers feel known")
    await database_sync_to_async(vision.edit_draft)(other, bea, "Customers never repeat")
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira_phone, _ = await sockets.participant(amira)
        bea_phone, _ = await sockets.participant(bea)

        await send_action(presenter, "vision.voting", activity=activity.pk, open="1")
        await receive_until(amira_phone, 'id="vision-ballot"')
        await send_action(amira_phone, "vision.vote", activity=activity.pk, draft=other.pk)
        await receive_until(amira_phone, "Your vote is in.")
        await send_action(amira_phone, "vision.vote", activity=activity.pk, draft=other.pk)
        await receive_until(amira_phone, "Your vote is in.")
        await receive_until(presenter, f'id="vision-card-{other.pk}"', 'data-votes="1"')
        # A participant cannot finalise.
        await send_action(amira_phone, "vision.finalise", activity=activity.pk, text="Mine")

        final = "Our customers never have to repeat themselves"
        await send_action(presenter, "vision.finalise", activity=activity.pk, text=final)
        for screen in (presenter, amira_phone, bea_phone):
            await receive_until(screen, 'id="vision-final"', escape(final))

    count = await database_sync_to_async(VisionVote.objects.filter(activity=activity).count)()
    assert count == 1
    statement = await database_sync_to_async(vision.statement_of)(activity)
    assert statement.text == final
