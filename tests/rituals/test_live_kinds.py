"""The rituals activity kinds over the room socket, end to end through the real ASGI stack: a
phone and the projector, allowed and refused, for every action they add."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from rituals import services as rituals
from rituals.models import (
    Commitment,
    NormDetail,
    NormShift,
    Ritual,
    RitualIdea,
    StartedRitual,
    WayOfWorkingLine,
)
from tests.conftest import make_participant
from tests.live.helpers import (
    RoomSockets,
    assert_nothing_else,
    receive_presence,
    receive_until,
    refused,
    send_action,
)
from workshops import services
from workshops.models import Activity, Note

from .conftest import add_idea, design_activity

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ONLY_THE_FACILITATOR = "Only the facilitator of this workshop can do that."


def on_screen(workshop, title: str) -> Activity:
    activity = workshop.activities.get(title=title)
    services.goto_activity(workshop, workshop.facilitator, activity.pk)
    return activity


@database_sync_to_async
def run(function, *args, **kwargs):
    return function(*args, **kwargs)


# Norms inventory ----------------------------------------------------------------------------


async def test_a_phone_adds_a_norm_with_its_pillar_and_belief_once(
    workshop, facilitator, participant
):
    board = await run(on_screen, workshop, "Our norms today")
    column = await run(lambda: board.columns.get(title="Gets in their way").pk)
    message = {
        "activity": board.pk,
        "column": column,
        "text": "Every project starts with the budget",
        "pillar": "way-of-working",
        "belief": "Keeping costs down keeps us safe",
        "client_id": "norm-client-0001",
    }
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert 'id="norm-tally-' in snapshot
        phone, phone_snapshot = await sockets.participant(participant)
        assert 'data-note-action="norm.add"' in phone_snapshot
        assert 'name="pillar" value="way-of-working"' in phone_snapshot
        await receive_presence(presenter, participant.display_name)

        await send_action(phone, "norm.add", **message)

        # Hidden until the reveal: the author sees their note, the projector counts only.
        mine = await receive_until(phone, f'id="my-notes-{board.pk}"', 'data-client-id="norm-')
        assert "Every project starts with the budget" in mine
        tally = await receive_until(presenter, f'id="norm-tally-{board.pk}"')
        assert "Every project starts" not in tally
        assert "<strong>1</strong> A customer-centred way of working" in tally

        await send_action(phone, "norm.add", **message)  # the outbox sends it again
        await receive_until(phone, 'data-client-id="norm-client-0001"')
        await assert_nothing_else(presenter)

    detail = await run(lambda: NormDetail.objects.select_related("pillar", "note").get())
    assert (detail.note.text, detail.pillar.slug) == (message["text"], "way-of-working")
    assert detail.belief == "Keeping costs down keeps us safe"
    assert await run(lambda: Note.objects.filter(activity=board).count()) == 1


async def test_a_norm_without_a_pillar_is_refused_and_its_text_comes_back(
    workshop, facilitator, participant
):
    board = await run(on_screen, workshop, "Our norms today")
    column = await run(lambda: board.columns.first().pk)
    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        await send_action(
            phone,
            "norm.add",
            activity=board.pk,
            column=column,
            text="We never call back",
            pillar="",
            client_id="norm-client-0002",
        )
        frame = await refused(phone, "Pick the pillar this norm touches.")
        assert 'data-rejected-client-id="norm-client-0002"' in frame

        await send_action(
            phone,
            "norm.add",
            activity=board.pk,
            column=column,
            text="We never call back",
            pillar="marketing",
            client_id="norm-client-0003",
        )
        await refused(phone, "Pick one of the four pillars.")
    assert await run(lambda: Note.objects.filter(activity=board).exists()) is False


async def test_the_facilitator_turns_a_norm_into_a_from_to_pair_on_every_screen(
    workshop, facilitator, participant
):
    board = await run(on_screen, workshop, "Our norms today")
    note, _ = await run(
        services.add_note,
        workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=(await run(lambda: board.columns.first().pk)),
        text="We start with the budget",
        client_id="norm-client-0004",
    )
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)

        await send_action(
            presenter,
            "norm.shift",
            activity=board.pk,
            note=note.pk,
            from_text="",
            to_text="We start with the customer's goal",
        )

        pair = await receive_until(phone, f'id="norm-shifts-{board.pk}"', "customer&#x27;s goal")
        assert "We start with the budget" in pair
        assert "norm.unshift" not in pair  # only the projector may remove it
        assert "norm.unshift" in await receive_until(presenter, f'id="norm-shifts-{board.pk}"')

        await send_action(phone, "norm.shift", activity=board.pk, to_text="Anything")
        await refused(phone, ONLY_THE_FACILITATOR)
        await send_action(presenter, "norm.shift", activity=board.pk, to_text="A new habit")
        await refused(presenter, "Select a norm on the board, or write the norm as it is today")
        shift = await run(lambda: NormShift.objects.get())
        await send_action(presenter, "norm.unshift", activity=board.pk, shift=shift.pk)
        await receive_until(phone, f'id="norm-shifts-{board.pk}"', without=("customer&#x27;s",))
    assert await run(lambda: NormShift.objects.exists()) is False


# The library and the ideas board ------------------------------------------------------------


async def test_a_phone_puts_a_library_ritual_on_the_ideas_board(workshop, facilitator, participant):
    await run(on_screen, workshop, "The ritual library")
    ritual = await run(lambda: Ritual.objects.filter(pillar__slug="listening").first())
    library = await run(lambda: workshop.activities.get(kind="ritual_library").pk)
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert snapshot.count('class="ritual-card"') == await run(Ritual.objects.count)
        assert 'data-pillar="listening"' in snapshot
        phone, phone_snapshot = await sockets.participant(participant)
        assert 'name="library-pillar" value="stories"' in phone_snapshot
        await receive_presence(presenter, participant.display_name)

        await send_action(phone, "library.put", activity=library, ritual=ritual.slug)

        status = await receive_until(presenter, f'id="library-status-{ritual.slug}"')
        assert "On the ideas board" in status
        await receive_until(phone, "is on the ideas board.")

        await send_action(phone, "library.put", activity=library, ritual=ritual.slug)
        await receive_until(phone, "is on the ideas board already.")
        await send_action(phone, "library.put", activity=library, ritual="no-such-ritual")
        await refused(phone, "That ritual is no longer in the library.")

    idea = await run(lambda: RitualIdea.objects.select_related("note", "activity").get())
    assert (idea.note.text, idea.activity.title) == (ritual.name, "Invent customer rituals")


async def test_the_facilitator_promotes_the_top_ideas_into_design(
    workshop, facilitator, participant
):
    ideas = await run(on_screen, workshop, "Invent customer rituals")
    notes = [await run(add_idea, workshop, f"Idea {number}") for number in range(1, 6)]
    for note in notes[2:]:
        await run(services.vote, workshop, participant=participant, note_id=note.pk)
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert 'value="ideas.promote"' in snapshot
        phone, phone_snapshot = await sockets.participant(participant)
        assert 'value="library.put"' in phone_snapshot
        await receive_presence(presenter, participant.display_name)

        await send_action(phone, "ideas.promote", activity=ideas.pk, count=3)
        await refused(phone, ONLY_THE_FACILITATOR)
        await send_action(presenter, "ideas.promote", activity=ideas.pk, count=9)
        await refused(presenter, "Design at most 8 rituals.")

        await send_action(presenter, "ideas.promote", activity=ideas.pk, count=3)

        promoted = await receive_until(phone, f'id="promoted-{ideas.pk}"', "Idea 5")
        assert "Idea 3" in promoted and "Idea 4" in promoted and "Idea 1" not in promoted

    # The agenda's group-design activity holds the designs.
    design = await run(workshop.activities.get, kind="ritual_design")
    names = await run(lambda: sorted(design.designed_rituals.values_list("name", flat=True)))
    assert names == ["Idea 3", "Idea 4", "Idea 5"]


# Start one ritual now -----------------------------------------------------------------------


async def test_a_ritual_is_started_and_every_phone_commits_once(workshop, facilitator, participant):
    designed = (
        await run(
            lambda: rituals.promote_ideas(
                design_activity(workshop),
                facilitator,
                [add_idea(workshop, f"Ritual {n}").pk for n in range(1, 4)],
            )
        )
    )[0]
    start = await run(on_screen, workshop, "Start one ritual now")
    bea = await run(make_participant, workshop, "Bea")
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert 'value="ritual.start"' in snapshot
        phone, _ = await sockets.participant(participant)
        other, _ = await sockets.participant(bea)
        await receive_presence(presenter, participant.display_name, "Bea")

        await send_action(
            phone,
            "ritual.start",
            activity=start.pk,
            designed=designed.pk,
            first_occurrence="2030-01-01T10:00",
            owner="Head of service",
            sponsor="CEO",
        )
        await refused(phone, ONLY_THE_FACILITATOR)
        await send_action(
            presenter,
            "ritual.start",
            activity=start.pk,
            designed=designed.pk,
            first_occurrence="2030-01-01T10:00",
            owner="",
            sponsor="CEO",
        )
        await refused(presenter, "Name the owner: the role that makes sure it happens.")

        await send_action(
            presenter,
            "ritual.start",
            activity=start.pk,
            designed=designed.pk,
            first_occurrence="2030-01-01T10:00",
            owner="Head of service",
            sponsor="CEO",
        )
        stage = await receive_until(phone, "We start: Ritual 1")
        assert "Head of service" in stage and "CEO" in stage
        form = await receive_until(phone, f'id="my-commitment-{start.pk}"', "ritual.commit")
        assert "I will" in form

        await send_action(phone, "ritual.commit", activity=start.pk, text="I will tell a story")
        wall = await receive_until(presenter, f'id="commitments-{start.pk}"', "tell a story")
        assert participant.display_name not in wall  # names hidden by default
        await receive_until(phone, "Your commitment is on the wall.")
        await send_action(phone, "ritual.commit", activity=start.pk, text="I will tell two")
        await receive_until(phone, "Your commitment is updated.")
        await send_action(other, "ritual.commit", activity=start.pk, text="I will")
        await refused(other, "Finish the sentence “I will …” with what you will do.")

        await send_action(presenter, "ritual.names", activity=start.pk, show="true")
        named = await receive_until(presenter, f'id="commitments-{start.pk}"', "Hide names")
        assert participant.display_name in named

    started = await run(lambda: StartedRitual.objects.select_related("designed_ritual").get())
    assert (started.designed_ritual_id, started.owner, started.sponsor) == (
        designed.pk,
        "Head of service",
        "CEO",
    )
    texts = await run(lambda: list(Commitment.objects.values_list("participant_id", "text")))
    assert texts == [(participant.pk, "I will tell two")]


# Way of working -----------------------------------------------------------------------------


async def test_a_phone_suggests_a_line_and_the_facilitator_accepts_and_edits_it(
    workshop, facilitator, participant
):
    way = await run(on_screen, workshop, "Way of working, first draft")
    async with RoomSockets() as sockets:
        presenter, snapshot = await sockets.facilitator(facilitator, workshop)
        assert f'id="wow-canvas-{way.pk}"' in snapshot
        phone, _ = await sockets.participant(participant)
        await receive_presence(presenter, participant.display_name)

        await send_action(
            phone, "wow.suggest", activity=way.pk, section="goals", text="Every brief names a goal"
        )
        canvas = await receive_until(presenter, f'id="wow-canvas-{way.pk}"', "names a goal")
        assert "wow.accept" in canvas
        await receive_until(phone, "the facilitator sees your line now")
        line = await run(lambda: WayOfWorkingLine.objects.get())

        await send_action(phone, "wow.accept", activity=way.pk, line=line.pk)
        await refused(phone, ONLY_THE_FACILITATOR)
        await send_action(presenter, "wow.accept", activity=way.pk, line=line.pk)
        await receive_until(phone, f'id="wow-draft-{way.pk}"', "Every brief names a goal")

        await send_action(
            presenter,
            "wow.edit",
            activity=way.pk,
            line=line.pk,
            section="goals",
            text="Every brief names the customer goal it serves",
        )
        await receive_until(phone, f'id="wow-draft-{way.pk}"', "the customer goal it serves")
        await send_action(phone, "wow.suggest", activity=way.pk, section="nowhere", text="x")
        await refused(phone, "Pick the part of the way of working your line belongs to.")

        await send_action(presenter, "wow.remove", activity=way.pk, line=line.pk)
        await receive_until(phone, f'id="wow-draft-{way.pk}"', without=("customer goal",))
    assert await run(lambda: WayOfWorkingLine.objects.exists()) is False


async def test_an_action_for_another_rooms_activity_changes_nothing(
    workshop, facilitator, participant, other_workshop
):
    await run(on_screen, workshop, "Way of working, first draft")
    theirs = await run(lambda: other_workshop.activities.get(kind="way_of_working").pk)
    async with RoomSockets() as sockets:
        phone, _ = await sockets.participant(participant)
        await send_action(phone, "wow.suggest", activity=theirs, section="goals", text="Sneaky")
        await refused(phone, "That activity is no longer on the agenda. Reload the page.")
    assert await run(lambda: WayOfWorkingLine.objects.exists()) is False
