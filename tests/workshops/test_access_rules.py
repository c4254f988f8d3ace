"""The room's rules live in the services, so every way in (socket, view, a future module)
meets them: a closed room accepts nothing, a removed participant is out."""

from __future__ import annotations

import pytest

from tests.conftest import make_workshop
from workshops import services
from workshops.models import Note, Rating
from workshops.services import NotAllowed, RoomClosed


@pytest.fixture
def rituals(workshop):
    return workshop.activities.get(title="Invent customer rituals")


def add_note(workshop, participant, board, client_id="rules-0001"):
    return services.add_note(
        workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=board.columns.first().pk,
        text="A customer story every Monday",
        client_id=client_id,
    )


def test_a_closed_room_refuses_a_note_in_the_service(workshop, facilitator, participant, rituals):
    services.close_room(workshop, facilitator)

    with pytest.raises(RoomClosed):
        add_note(workshop, participant, rituals)
    with pytest.raises(RoomClosed):
        services.add_note(
            workshop,
            participant=None,
            by=facilitator,
            activity_id=rituals.pk,
            column_id=rituals.columns.first().pk,
            text="The facilitator's note",
            client_id="rules-0002",
        )
    assert not Note.objects.exists()


def test_a_closed_room_refuses_votes_edits_and_ratings(facilitator, participant):
    morning = make_workshop(facilitator, template_slug="understand-customer-culture")
    amira = services.join_room(morning.room_code, "Amira", services.new_device_key())
    board = morning.activities.get(title="Vision: two years from now")
    services.reveal_board(morning, facilitator, board.pk)
    note, _ = add_note(morning, amira, board)
    dimension = morning.activities.get(kind="paradigm").dimensions.first()
    services.close_room(morning, facilitator)

    with pytest.raises(RoomClosed):
        services.vote(morning, participant=amira, note_id=note.pk)
    with pytest.raises(RoomClosed):
        services.edit_note(morning, participant=amira, note_id=note.pk, text="Changed")
    with pytest.raises(RoomClosed):
        services.set_rating(
            morning,
            participant=amira,
            activity_id=None,
            dimension_id=dimension.pk,
            today=2,
            target=6,
        )
    note.refresh_from_db()
    assert (note.text, note.vote_count) == ("A customer story every Monday", 0)
    assert not Rating.objects.exists()


def test_a_removed_participant_is_refused_by_the_service(
    workshop, facilitator, participant, rituals
):
    note, _ = add_note(workshop, participant, rituals)
    services.remove_participant(workshop, facilitator, participant.pk)
    participant.refresh_from_db()
    assert participant.removed_at is not None

    with pytest.raises(NotAllowed, match="no longer in this room"):
        add_note(workshop, participant, rituals, client_id="rules-0003")
    with pytest.raises(NotAllowed, match="no longer in this room"):
        services.delete_note(workshop, participant=participant, note_id=note.pk)
    assert list(Note.objects.values_list("pk", flat=True)) == [note.pk]
