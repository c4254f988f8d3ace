"""Sticky-note boards: the services that change them, the forms that check their input, and the
board settings page."""

from __future__ import annotations

import contextlib
import itertools
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_participant
from workshops import forms, services
from workshops.live import Viewer, actions, for_language
from workshops.models import Activity, BoardColumn, Cluster, Note, Vote, Workshop
from workshops.services import NotAllowed, ServiceError

pytestmark = pytest.mark.django_db

ONLY_THE_FACILITATOR = "Only the facilitator of this workshop can do that."
PAUSED = "The facilitator has paused input on this board."
NOT_YOURS = "You can only change your own notes."

_client_ids = itertools.count(1)


def new_client_id() -> str:
    return f"client-{next(_client_ids):06d}"


# The customer-rituals agenda: "Our norms today" hides notes until the reveal and has two
# columns; "Invent customer rituals" has one column, 5 votes and several votes per note.


@pytest.fixture
def norms(workshop: Workshop) -> Activity:
    return workshop.activities.get(title="Our norms today")


@pytest.fixture
def rituals(workshop: Workshop) -> Activity:
    return workshop.activities.get(title="Invent customer rituals")


def first_column(activity: Activity) -> BoardColumn:
    return activity.columns.order_by("position").first()


def add(
    workshop,
    participant,
    activity,
    text="Call one customer every week",
    *,
    column=None,
    by=None,
    client_id=None,
):
    """A note through the service, in the board's first column unless told otherwise."""
    return services.add_note(
        workshop,
        participant=participant,
        by=by,
        activity_id=activity.pk,
        column_id=(column or first_column(activity)).pk,
        text=text,
        client_id=client_id or new_client_id(),
    )[0]


def reload(instance):
    instance.refresh_from_db()
    return instance


# Adding notes ------------------------------------------------------------------------------


def test_a_participant_adds_a_note_to_a_column(workshop, participant, norms):
    column = norms.columns.order_by("position")[1]

    note, created = services.add_note(
        workshop,
        participant=participant,
        activity_id=norms.pk,
        column_id=column.pk,
        text="  We answer every complaint within a day  ",
        client_id="phone-note-0001",
    )

    assert created is True
    stored = Note.objects.get()
    assert stored == note
    assert stored.activity == norms
    assert stored.column == column
    assert stored.participant == participant
    assert stored.author_name == "Amira"
    assert stored.text == "We answer every complaint within a day"
    assert stored.client_id == "phone-note-0001"
    assert stored.vote_count == 0


def test_the_facilitator_adds_a_note_in_their_own_name(workshop, facilitator, rituals):
    note = add(workshop, None, rituals, "Start with a customer story", by=facilitator)

    assert note.participant is None
    assert note.author_name == "Facilitator"


def test_the_same_client_id_twice_is_one_note(workshop, participant, rituals):
    first, created_first = services.add_note(
        workshop,
        participant=participant,
        activity_id=rituals.pk,
        column_id=first_column(rituals).pk,
        text="A customer call every Monday",
        client_id="resent-after-reconnect",
    )
    again, created_again = services.add_note(
        workshop,
        participant=participant,
        activity_id=rituals.pk,
        column_id=first_column(rituals).pk,
        text="A customer call every Monday",
        client_id="resent-after-reconnect",
    )

    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert Note.objects.count() == 1


def test_someone_elses_client_id_does_not_give_their_note_back(workshop, participant, rituals):
    add(workshop, participant, rituals, "Amira's secret idea", client_id="amiras-client-id")
    bruno = make_participant(workshop, "Bruno")

    with pytest.raises(ServiceError, match="could not be added"):
        add(workshop, bruno, rituals, "Bruno's idea", client_id="amiras-client-id")

    assert list(Note.objects.values_list("text", flat=True)) == ["Amira's secret idea"]


def test_a_note_longer_than_the_board_allows_is_refused(workshop, participant, rituals):
    rituals.max_note_length = 40
    rituals.save()

    with pytest.raises(ServiceError) as refused:
        add(workshop, participant, rituals, "x" * 41)

    assert str(refused.value) == "Keep notes under 40 characters (this one has 41)."
    assert not Note.objects.exists()


def test_a_note_exactly_as_long_as_the_board_allows_is_stored(workshop, participant, rituals):
    rituals.max_note_length = 40
    rituals.save()

    note = add(workshop, participant, rituals, "x" * 40)

    assert len(note.text) == 40


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_an_empty_note_is_refused(workshop, participant, rituals, text):
    with pytest.raises(ServiceError) as refused:
        add(workshop, participant, rituals, text)

    assert str(refused.value) == "Write something on the note first."
    assert not Note.objects.exists()


def test_a_note_for_a_column_of_another_board_is_refused(workshop, participant, norms, rituals):
    with pytest.raises(ServiceError) as refused:
        add(workshop, participant, rituals, column=first_column(norms))

    assert str(refused.value) == "Pick one of the board's columns for your note."
    assert not Note.objects.exists()


def test_a_note_for_a_board_of_another_workshop_is_refused(
    workshop, other_workshop, other_participant, rituals
):
    with pytest.raises(ServiceError) as refused:
        add(other_workshop, other_participant, rituals)

    assert str(refused.value) == "That board is not part of this workshop."
    assert not Note.objects.exists()


def test_a_note_for_an_activity_that_is_not_a_board_is_refused(workshop, participant, rituals):
    lobby = workshop.activities.get(kind="lobby")

    with pytest.raises(ServiceError, match="not part of this workshop"):
        services.add_note(
            workshop,
            participant=participant,
            activity_id=lobby.pk,
            column_id=first_column(rituals).pk,
            text="Hello",
            client_id=new_client_id(),
        )

    assert not Note.objects.exists()


def test_the_notes_per_person_cap_is_enforced(workshop, participant, rituals):
    rituals.notes_per_person = 2
    rituals.save()
    add(workshop, participant, rituals, "One")
    add(workshop, participant, rituals, "Two")

    with pytest.raises(ServiceError) as refused:
        add(workshop, participant, rituals, "Three")

    assert "2 notes per person" in str(refused.value)
    assert Note.objects.filter(participant=participant).count() == 2
    # The cap is per person: someone else still has all of theirs.
    add(workshop, make_participant(workshop, "Bruno"), rituals, "Bruno's first")
    assert Note.objects.count() == 3


def test_a_board_without_a_cap_still_takes_at_most_the_sites_notes_per_person(
    settings, workshop, participant, facilitator, rituals
):
    settings.NOTES_PER_PERSON_MAX = 3
    assert rituals.notes_per_person is None
    for text in ("One", "Two", "Three"):
        add(workshop, participant, rituals, text)

    with pytest.raises(ServiceError) as refused:
        add(workshop, participant, rituals, "Four")

    assert "as many as one person can" in str(refused.value)
    assert Note.objects.filter(participant=participant).count() == 3
    # Someone else still has all of theirs, and the facilitator is not held to it.
    add(workshop, make_participant(workshop, "Bruno"), rituals, "Bruno's first")
    for text in ("F1", "F2", "F3", "F4"):
        add(workshop, None, rituals, text, by=facilitator)
    assert Note.objects.count() == 8


def test_a_board_cap_above_the_sites_is_held_to_the_sites(settings, workshop, participant, rituals):
    settings.NOTES_PER_PERSON_MAX = 2
    rituals.notes_per_person = 10
    rituals.save()
    add(workshop, participant, rituals, "One")
    add(workshop, participant, rituals, "Two")

    with pytest.raises(ServiceError, match="as many as one person can"):
        add(workshop, participant, rituals, "Three")


def test_the_default_cap_is_fifty_notes_per_person_and_board(settings):
    assert settings.NOTES_PER_PERSON_MAX == 50


def test_a_note_from_nobody_is_refused(workshop, rituals):
    with pytest.raises(NotAllowed):
        add(workshop, None, rituals, by=None)

    assert not Note.objects.exists()


def test_another_facilitator_cannot_add_a_note(workshop, other_facilitator, rituals):
    with pytest.raises(NotAllowed, match=ONLY_THE_FACILITATOR):
        add(workshop, None, rituals, by=other_facilitator)

    assert not Note.objects.exists()


# Editing and deleting ------------------------------------------------------------------------


def test_a_participant_edits_their_own_note(workshop, participant, rituals):
    note = add(workshop, participant, rituals, "Weekly call")

    services.edit_note(workshop, participant=participant, note_id=note.pk, text=" Daily call ")

    assert reload(note).text == "Daily call"


def test_an_edit_is_checked_like_a_new_note(workshop, participant, rituals):
    note = add(workshop, participant, rituals, "Weekly call")

    with pytest.raises(ServiceError, match="Write something on the note first."):
        services.edit_note(workshop, participant=participant, note_id=note.pk, text="  ")
    with pytest.raises(ServiceError, match="Keep notes under 280 characters"):
        services.edit_note(workshop, participant=participant, note_id=note.pk, text="x" * 281)

    assert reload(note).text == "Weekly call"


def test_a_participant_cannot_edit_someone_elses_note(workshop, participant, rituals):
    note = add(workshop, participant, rituals, "Amira's idea")
    bruno = make_participant(workshop, "Bruno")

    with pytest.raises(NotAllowed, match=NOT_YOURS):
        services.edit_note(workshop, participant=bruno, note_id=note.pk, text="Bruno was here")

    assert reload(note).text == "Amira's idea"


def test_a_participant_cannot_delete_someone_elses_note(workshop, participant, rituals):
    note = add(workshop, participant, rituals, "Amira's idea")
    bruno = make_participant(workshop, "Bruno")

    with pytest.raises(NotAllowed, match=NOT_YOURS):
        services.delete_note(workshop, participant=bruno, note_id=note.pk)

    assert Note.objects.filter(pk=note.pk).exists()


def test_a_participant_deletes_their_own_note(workshop, participant, rituals):
    note = add(workshop, participant, rituals)

    services.delete_note(workshop, participant=participant, note_id=note.pk)

    assert not Note.objects.exists()


def test_the_facilitator_cannot_reword_a_participants_note(
    workshop, facilitator, participant, rituals
):
    note = add(workshop, participant, rituals, "Amira's idea")

    with pytest.raises(NotAllowed, match=NOT_YOURS):
        services.edit_note(workshop, participant=None, by=facilitator, note_id=note.pk, text="No")

    assert reload(note).text == "Amira's idea"


def test_the_facilitator_edits_their_own_note(workshop, facilitator, rituals):
    note = add(workshop, None, rituals, "Start with a story", by=facilitator)

    services.edit_note(workshop, participant=None, by=facilitator, note_id=note.pk, text="Stories")

    assert reload(note).text == "Stories"


def test_another_facilitator_cannot_edit_the_facilitators_note(
    workshop, facilitator, other_facilitator, rituals
):
    note = add(workshop, None, rituals, "Start with a story", by=facilitator)

    with pytest.raises(NotAllowed):
        services.edit_note(
            workshop, participant=None, by=other_facilitator, note_id=note.pk, text="Hijacked"
        )

    assert reload(note).text == "Start with a story"


def test_another_facilitator_cannot_delete_a_note(
    workshop, other_facilitator, participant, rituals
):
    note = add(workshop, participant, rituals)

    with pytest.raises(NotAllowed, match=ONLY_THE_FACILITATOR):
        services.delete_note(workshop, participant=None, by=other_facilitator, note_id=note.pk)

    assert Note.objects.filter(pk=note.pk).exists()


def test_a_note_of_another_workshop_is_not_found(
    workshop, other_workshop, participant, other_participant, rituals
):
    note = add(workshop, participant, rituals, "Amira's idea")

    with pytest.raises(ServiceError, match="no longer on the board"):
        services.edit_note(other_workshop, participant=other_participant, note_id=note.pk, text="x")
    with pytest.raises(ServiceError, match="no longer on the board"):
        services.delete_note(other_workshop, participant=other_participant, note_id=note.pk)
    with pytest.raises(ServiceError, match="no longer on the board"):
        services.vote(other_workshop, participant=other_participant, note_id=note.pk)

    assert reload(note).text == "Amira's idea"
    assert not Vote.objects.exists()


# A locked board ------------------------------------------------------------------------------


@pytest.fixture
def locked_rituals(workshop, facilitator, participant, rituals):
    """The rituals board with one of Amira's notes on it, then locked by the facilitator."""
    rituals.note = add(workshop, participant, rituals, "Amira's idea")
    services.lock_board(workshop, facilitator, rituals.pk)
    return rituals


def test_a_locked_board_refuses_new_notes(workshop, participant, locked_rituals):
    with pytest.raises(ServiceError, match=PAUSED):
        add(workshop, participant, locked_rituals, "Too late")

    assert Note.objects.count() == 1


def test_a_locked_board_refuses_edits(workshop, participant, locked_rituals):
    with pytest.raises(ServiceError, match=PAUSED):
        services.edit_note(
            workshop, participant=participant, note_id=locked_rituals.note.pk, text="Changed"
        )

    assert reload(locked_rituals.note).text == "Amira's idea"


def test_a_locked_board_refuses_a_participants_delete(workshop, participant, locked_rituals):
    with pytest.raises(ServiceError, match=PAUSED):
        services.delete_note(workshop, participant=participant, note_id=locked_rituals.note.pk)

    assert Note.objects.count() == 1


def test_a_locked_board_refuses_votes_and_unvotes(workshop, facilitator, participant, rituals):
    note = add(workshop, participant, rituals, "Amira's idea")
    services.vote(workshop, participant=participant, note_id=note.pk)
    services.lock_board(workshop, facilitator, rituals.pk)

    with pytest.raises(ServiceError, match=PAUSED):
        services.vote(workshop, participant=participant, note_id=note.pk)
    with pytest.raises(ServiceError, match=PAUSED):
        services.unvote(workshop, participant=participant, note_id=note.pk)

    assert reload(note).vote_count == 1
    assert Vote.objects.count() == 1


def test_the_facilitator_can_still_delete_a_note_on_a_locked_board(
    workshop, facilitator, locked_rituals
):
    services.delete_note(workshop, participant=None, by=facilitator, note_id=locked_rituals.note.pk)

    assert not Note.objects.exists()


def test_unlocking_lets_notes_in_again(workshop, facilitator, participant, locked_rituals):
    services.unlock_board(workshop, facilitator, locked_rituals.pk)

    add(workshop, participant, locked_rituals, "Back in")

    assert Note.objects.count() == 2


# Votes -------------------------------------------------------------------------------------


def test_votes_stop_at_the_budget_and_unvote_gives_one_back(workshop, participant, rituals):
    note = add(workshop, make_participant(workshop, "Bruno"), rituals, "Bruno's idea")
    for _ in range(5):
        services.vote(workshop, participant=participant, note_id=note.pk)
    assert services.votes_left(rituals, participant) == 0

    with pytest.raises(ServiceError) as refused:
        services.vote(workshop, participant=participant, note_id=note.pk)
    assert str(refused.value) == "You have used all 5 of your votes."
    assert reload(note).vote_count == 5

    services.unvote(workshop, participant=participant, note_id=note.pk)
    assert services.votes_left(rituals, participant) == 1
    services.vote(workshop, participant=participant, note_id=note.pk)
    assert reload(note).vote_count == 5


def test_the_vote_budget_is_per_board(workshop, facilitator, participant, norms, rituals):
    services.reveal_board(workshop, facilitator, norms.pk)
    ritual = add(workshop, participant, rituals, "Ritual")
    norm = add(workshop, participant, norms, "Norm")
    for _ in range(5):
        services.vote(workshop, participant=participant, note_id=ritual.pk)

    services.vote(workshop, participant=participant, note_id=norm.pk)

    assert services.votes_left(rituals, participant) == 0
    assert services.votes_left(norms, participant) == 2


def test_one_vote_per_note_unless_the_board_allows_several(
    workshop, facilitator, participant, norms, rituals
):
    services.reveal_board(workshop, facilitator, norms.pk)
    norm = add(workshop, participant, norms, "Norm")
    ritual = add(workshop, participant, rituals, "Ritual")

    services.vote(workshop, participant=participant, note_id=norm.pk)
    with pytest.raises(ServiceError) as refused:
        services.vote(workshop, participant=participant, note_id=norm.pk)
    assert str(refused.value) == "You have already voted for this note."
    assert reload(norm).vote_count == 1

    services.vote(workshop, participant=participant, note_id=ritual.pk)
    services.vote(workshop, participant=participant, note_id=ritual.pk)
    assert reload(ritual).vote_count == 2


def test_voting_is_refused_while_the_notes_are_hidden(workshop, participant, norms):
    note = add(workshop, participant, norms, "Hidden norm")

    with pytest.raises(ServiceError) as refused:
        services.vote(workshop, participant=participant, note_id=note.pk)

    assert str(refused.value) == "Voting opens when the facilitator reveals the notes."
    assert reload(note).vote_count == 0
    assert not Vote.objects.exists()


def test_the_facilitator_cannot_vote(workshop, participant, rituals):
    note = add(workshop, participant, rituals)

    with pytest.raises(NotAllowed, match="Votes are for participants."):
        services.vote(workshop, participant=None, note_id=note.pk)
    with pytest.raises(NotAllowed, match="Votes are for participants."):
        services.unvote(workshop, participant=None, note_id=note.pk)

    assert not Vote.objects.exists()


def test_unvote_without_a_vote_is_refused(workshop, participant, rituals):
    note = add(workshop, participant, rituals)

    with pytest.raises(ServiceError, match="You have no vote on this note."):
        services.unvote(workshop, participant=participant, note_id=note.pk)

    assert reload(note).vote_count == 0


def test_vote_count_always_matches_the_votes(workshop, participant, rituals):
    bruno = make_participant(workshop, "Bruno")
    a = add(workshop, participant, rituals, "A")
    b = add(workshop, bruno, rituals, "B")
    steps = [
        (services.vote, participant, a),
        (services.vote, participant, a),
        (services.vote, bruno, a),
        (services.vote, bruno, b),
        (services.unvote, participant, a),
        (services.vote, participant, b),
        (services.unvote, bruno, a),
        (services.unvote, bruno, a),  # refused: Bruno has no vote left on A
        (services.unvote, participant, b),
        (services.vote, bruno, b),
    ]
    for step, who, note in steps:
        with contextlib.suppress(ServiceError):
            step(workshop, participant=who, note_id=note.pk)

    for note in (a, b):
        assert reload(note).vote_count == Vote.objects.filter(note=note).count()
    assert (a.vote_count, b.vote_count) == (1, 2)


# Moving and grouping -------------------------------------------------------------------------


@pytest.fixture
def revealed_norms(workshop, facilitator, norms):
    services.reveal_board(workshop, facilitator, norms.pk)
    return reload(norms)


def test_the_facilitator_moves_a_note_to_another_column_and_it_leaves_its_cluster(
    workshop, facilitator, participant, revealed_norms
):
    helps, hinders = revealed_norms.columns.order_by("position")
    note = add(workshop, participant, revealed_norms, "We call back", column=helps)
    services.group_note(workshop, facilitator, note_id=note.pk, group="Follow-up")

    moved, previous = services.move_note(
        workshop, facilitator, note_id=note.pk, column_id=hinders.pk
    )

    assert previous == helps
    assert moved.column == hinders
    reload(note)
    assert note.column == hinders
    assert note.cluster is None


def test_a_note_cannot_move_to_a_column_of_another_board(
    workshop, facilitator, participant, revealed_norms, rituals
):
    note = add(workshop, participant, revealed_norms)

    with pytest.raises(ServiceError, match="That column is not on this board."):
        services.move_note(
            workshop, facilitator, note_id=note.pk, column_id=first_column(rituals).pk
        )

    assert reload(note).column == first_column(revealed_norms)


def test_grouping_makes_a_cluster_in_the_notes_column_and_reuses_it(
    workshop, facilitator, participant, revealed_norms
):
    helps, hinders = revealed_norms.columns.order_by("position")
    a = add(workshop, participant, revealed_norms, "A", column=helps)
    b = add(workshop, participant, revealed_norms, "B", column=helps)
    c = add(workshop, participant, revealed_norms, "C", column=hinders)

    services.group_note(workshop, facilitator, note_id=a.pk, group="Quick wins")
    services.group_note(workshop, facilitator, note_id=b.pk, group="  Quick   wins ")
    services.group_note(workshop, facilitator, note_id=c.pk, group="Quick wins")

    cluster = Cluster.objects.get(column=helps)
    assert cluster.name == "Quick wins"
    assert reload(a).cluster == cluster
    assert reload(b).cluster == cluster
    # The same name in another column is that column's own cluster.
    assert reload(c).cluster.column == hinders
    assert Cluster.objects.count() == 2


def test_an_empty_group_name_ungroups_and_an_emptied_cluster_is_deleted(
    workshop, facilitator, participant, revealed_norms
):
    a = add(workshop, participant, revealed_norms, "A")
    b = add(workshop, participant, revealed_norms, "B")
    for note in (a, b):
        services.group_note(workshop, facilitator, note_id=note.pk, group="Quick wins")

    services.group_note(workshop, facilitator, note_id=a.pk, group="")
    assert reload(a).cluster is None
    assert Cluster.objects.filter(name="Quick wins").exists()

    services.group_note(workshop, facilitator, note_id=b.pk, group="   ")
    assert reload(b).cluster is None
    assert not Cluster.objects.exists()


def test_regrouping_the_last_note_of_a_cluster_deletes_the_old_cluster(
    workshop, facilitator, participant, revealed_norms
):
    note = add(workshop, participant, revealed_norms)
    services.group_note(workshop, facilitator, note_id=note.pk, group="First idea")

    services.group_note(workshop, facilitator, note_id=note.pk, group="Better name")

    assert list(Cluster.objects.values_list("name", flat=True)) == ["Better name"]
    assert reload(note).cluster.name == "Better name"


# Spotlight and timer -----------------------------------------------------------------------


def test_spotlight_is_refused_while_the_notes_are_hidden(workshop, facilitator, participant, norms):
    note = add(workshop, participant, norms)

    with pytest.raises(ServiceError, match="Reveal the notes before you spotlight one."):
        services.spotlight_note(workshop, facilitator, note_id=note.pk)

    assert reload(norms).spotlight_note is None


def test_the_facilitator_spotlights_a_note_and_clears_it(
    workshop, facilitator, participant, rituals
):
    note = add(workshop, participant, rituals)
    services.goto_activity(workshop, facilitator, rituals.pk)

    services.spotlight_note(workshop, facilitator, note_id=note.pk)
    assert reload(rituals).spotlight_note == note

    services.spotlight_note(workshop, facilitator, note_id=None)
    assert reload(rituals).spotlight_note is None


def test_hiding_the_notes_again_clears_the_spotlight(
    workshop, facilitator, participant, revealed_norms
):
    note = add(workshop, participant, revealed_norms)
    services.spotlight_note(workshop, facilitator, note_id=note.pk)

    services.hide_board(workshop, facilitator, revealed_norms.pk)

    reload(revealed_norms)
    assert revealed_norms.notes_hidden
    assert revealed_norms.spotlight_note is None


@pytest.mark.parametrize("seconds", [1, 180, 3600])
def test_a_timer_runs_from_one_second_to_an_hour(workshop, facilitator, seconds):
    before = timezone.now()

    services.start_timer(workshop, facilitator, seconds=seconds)

    ends_at = reload(workshop).timer_ends_at
    assert before + timedelta(seconds=seconds) <= ends_at
    assert ends_at <= timezone.now() + timedelta(seconds=seconds)


@pytest.mark.parametrize("seconds", [0, -5, 3601])
def test_a_timer_outside_one_second_to_an_hour_is_refused(workshop, facilitator, seconds):
    with pytest.raises(ServiceError, match="A timer runs from 1 second to 60 minutes."):
        services.start_timer(workshop, facilitator, seconds=seconds)

    assert reload(workshop).timer_ends_at is None


def test_stopping_the_timer_clears_it(workshop, facilitator):
    services.start_timer(workshop, facilitator, seconds=60)

    services.stop_timer(workshop, facilitator)

    assert reload(workshop).timer_ends_at is None


# Facilitator-only services ---------------------------------------------------------------------


def _board_and_note(workshop):
    board = workshop.activities.get(title="Our norms today")
    return board, board.notes.first()


FACILITATOR_ONLY = {
    "lock": lambda w, by, board, note: services.lock_board(w, by, board.pk),
    "unlock": lambda w, by, board, note: services.unlock_board(w, by, board.pk),
    "reveal": lambda w, by, board, note: services.reveal_board(w, by, board.pk),
    "hide": lambda w, by, board, note: services.hide_board(w, by, board.pk),
    "sort": lambda w, by, board, note: services.sort_board(w, by, board.pk, by_votes=True),
    "names": lambda w, by, board, note: services.show_names(w, by, board.pk, show=True),
    "move": lambda w, by, board, note: services.move_note(
        w, by, note_id=note.pk, column_id=board.columns.order_by("position")[1].pk
    ),
    "group": lambda w, by, board, note: services.group_note(w, by, note_id=note.pk, group="X"),
    "spotlight": lambda w, by, board, note: services.spotlight_note(w, by, note_id=note.pk),
    "clear-spotlight": lambda w, by, board, note: services.spotlight_note(w, by, note_id=None),
    "timer-start": lambda w, by, board, note: services.start_timer(w, by, seconds=60),
    "timer-stop": lambda w, by, board, note: services.stop_timer(w, by),
    "delete": lambda w, by, board, note: services.delete_note(
        w, participant=None, by=by, note_id=note.pk
    ),
    "goto": lambda w, by, board, note: services.goto_activity(w, by, board.pk),
    "settings": lambda w, by, board, note: services.update_board_settings(
        board, by, settings={"votes_per_person": 9}, columns=[("Only one", "blue")]
    ),
}


def board_state(workshop: Workshop) -> dict:
    """Everything a facilitator-only service could change, to compare before and after."""
    board, note = _board_and_note(workshop)
    workshop = Workshop.objects.get(pk=workshop.pk)
    return {
        "workshop": (workshop.current_activity_id, workshop.timer_ends_at),
        "board": Activity.objects.filter(pk=board.pk).values().get(),
        "columns": list(board.columns.values_list("pk", "title", "colour", "position")),
        "notes": list(Note.objects.values_list("pk", "column_id", "cluster_id", "text")),
        "clusters": Cluster.objects.count(),
    }


@pytest.fixture
def norms_with_a_note(workshop, facilitator, participant, norms):
    """The norms board on screen with a spotlit note and a running timer, then hidden again."""
    services.goto_activity(workshop, facilitator, norms.pk)
    services.reveal_board(workshop, facilitator, norms.pk)
    note = add(workshop, participant, norms, "We call back")
    services.group_note(workshop, facilitator, note_id=note.pk, group="Follow-up")
    services.spotlight_note(workshop, facilitator, note_id=note.pk)
    services.start_timer(workshop, facilitator, seconds=300)
    services.hide_board(workshop, facilitator, norms.pk)
    services.spotlight_note(workshop, facilitator, note_id=None)
    return reload(norms)


@pytest.mark.parametrize("action", FACILITATOR_ONLY)
def test_a_participant_cannot_use_the_facilitators_controls(workshop, norms_with_a_note, action):
    board, note = _board_and_note(workshop)
    before = board_state(workshop)

    with pytest.raises(NotAllowed, match=ONLY_THE_FACILITATOR):
        FACILITATOR_ONLY[action](Workshop.objects.get(pk=workshop.pk), None, board, note)

    assert board_state(workshop) == before


@pytest.mark.parametrize("action", FACILITATOR_ONLY)
def test_another_facilitator_cannot_use_the_facilitators_controls(
    workshop, other_facilitator, norms_with_a_note, action
):
    board, note = _board_and_note(workshop)
    before = board_state(workshop)

    with pytest.raises(NotAllowed, match=ONLY_THE_FACILITATOR):
        FACILITATOR_ONLY[action](
            Workshop.objects.get(pk=workshop.pk), other_facilitator, board, note
        )

    assert board_state(workshop) == before


# What each control needs first, so that every one of them visibly changes something.
PREPARE = {
    "unlock": lambda w, by, board, note: services.lock_board(w, by, board.pk),
    "hide": lambda w, by, board, note: services.reveal_board(w, by, board.pk),
    "spotlight": lambda w, by, board, note: services.reveal_board(w, by, board.pk),
    "clear-spotlight": lambda w, by, board, note: (
        services.reveal_board(w, by, board.pk),
        services.spotlight_note(w, by, note_id=note.pk),
    ),
    "goto": lambda w, by, board, note: services.goto_activity(
        w, by, w.activities.exclude(pk=board.pk).first().pk
    ),
}
EFFECT = {
    "lock": lambda board, note, w: board.is_locked,
    "unlock": lambda board, note, w: not board.is_locked,
    "reveal": lambda board, note, w: board.is_revealed,
    "hide": lambda board, note, w: not board.is_revealed,
    "sort": lambda board, note, w: board.sort_by_votes,
    "names": lambda board, note, w: board.show_names,
    "move": lambda board, note, w: note.column.position == 1,
    "group": lambda board, note, w: note.cluster.name == "X",
    "spotlight": lambda board, note, w: board.spotlight_note_id == note.pk,
    "clear-spotlight": lambda board, note, w: board.spotlight_note_id is None,
    "timer-start": lambda board, note, w: w.timer_ends_at is not None,
    "timer-stop": lambda board, note, w: w.timer_ends_at is None,
    "delete": lambda board, note, w: not Note.objects.filter(pk=note.pk).exists(),
    "goto": lambda board, note, w: w.current_activity_id == board.pk,
    "settings": lambda board, note, w: board.votes_per_person == 9,
}


@pytest.mark.parametrize("action", FACILITATOR_ONLY)
def test_the_facilitator_can_use_their_controls(workshop, facilitator, norms_with_a_note, action):
    board, note = _board_and_note(workshop)
    if action in PREPARE:
        PREPARE[action](reload(workshop), facilitator, board, note)
    before = board_state(workshop)

    FACILITATOR_ONLY[action](Workshop.objects.get(pk=workshop.pk), facilitator, board, note)

    assert board_state(workshop) != before
    note = Note.objects.filter(pk=note.pk).select_related("column", "cluster").first() or note
    assert EFFECT[action](reload(board), note, reload(workshop))


# Socket message forms ------------------------------------------------------------------------


def note_add_data(**fields) -> dict:
    return {"activity": "3", "column": "7", "text": "A note", "client_id": "abcdEFGH_-12", **fields}


def test_a_well_formed_note_add_message_is_cleaned():
    cleaned = actions.clean_message(forms.NoteAddMessage, note_add_data())

    assert cleaned == {
        "activity": 3,
        "column": 7,
        "dimension": None,
        "text": "A note",
        "system_does": "",
        "client_id": "abcdEFGH_-12",
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "Write something on the note first."),
        ({"text": "   "}, "Write something on the note first."),
        ({"text": "x" * 2001}, "That note is far too long."),
        ({"client_id": "short"}, "Reload the page and try again."),
        ({"client_id": "has spaces in it"}, "Reload the page and try again."),
        ({"client_id": "x" * 65}, "Reload the page and try again."),
        ({"client_id": "<script>alert(1)</script>"}, "Reload the page and try again."),
        ({"column": "first"}, "Which column? Reload the page and try again."),
        ({"activity": ""}, "Which board? Reload the page and try again."),
        ({"activity": "0"}, "Which board? Reload the page and try again."),
    ],
    ids=[
        "empty-text",
        "blank-text",
        "text-over-2000",
        "client-id-too-short",
        "client-id-with-spaces",
        "client-id-too-long",
        "client-id-markup",
        "column-not-a-number",
        "no-board",
        "board-zero",
    ],
)
def test_a_malformed_note_add_message_is_refused_with_a_message(fields, message):
    with pytest.raises(ServiceError) as refused:
        actions.clean_message(forms.NoteAddMessage, note_add_data(**fields))

    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("seconds", "valid"),
    [("1", True), ("3600", True), ("0", False), ("3601", False), ("soon", False)],
)
def test_the_timer_message_takes_one_second_to_an_hour(seconds, valid):
    form = forms.TimerStartMessage({"seconds": seconds})

    assert form.is_valid() is valid


@pytest.mark.parametrize(("order", "valid"), [("votes", True), ("time", True), ("random", False)])
def test_the_sort_message_takes_votes_or_time(order, valid):
    assert forms.BoardSortMessage({"order": order}).is_valid() is valid


@pytest.mark.parametrize(("show", "shown"), [("true", True), ("false", False), ("", False)])
def test_the_names_message_reads_true_and_false(show, shown):
    form = forms.BoardNamesMessage({"show": show})

    assert form.is_valid()
    assert form.cleaned_data["show"] is shown


# Board settings page ---------------------------------------------------------------------------


def settings_data(board: Activity, columns: list[tuple[str, str]], **settings) -> dict:
    """The board settings form as the page posts it: every field, prefixed."""
    values = {
        "max_note_length": board.max_note_length,
        "notes_per_person": board.notes_per_person or "",
        "votes_per_person": board.votes_per_person,
        "multiple_votes_per_note": board.multiple_votes_per_note,
        "hide_until_reveal": board.hide_until_reveal,
        "show_names": board.show_names,
        **settings,
    }
    colours = [choice for choice, _label in BoardColumn.Colour.choices]
    for index in range(forms.MAX_COLUMNS):
        title, colour = columns[index] if index < len(columns) else ("", colours[index])
        values[f"column_{index}_title"] = title
        values[f"column_{index}_colour"] = colour
    # An unticked checkbox is not posted at all.
    values = {name: value for name, value in values.items() if value is not False}
    return {f"settings-{board.pk}-{name}": value for name, value in values.items()}


def post_settings(client, board: Activity, data: dict):
    return client.post(reverse("activity_settings", args=[board.workshop_id, board.pk]), data)


def test_the_facilitator_changes_a_boards_settings_and_columns(
    facilitator_client, workshop, rituals
):
    data = settings_data(
        rituals,
        [("Ritual ideas", "yellow"), ("Already doing", "green")],
        max_note_length=140,
        notes_per_person=4,
        votes_per_person=2,
        multiple_votes_per_note=False,
        hide_until_reveal=True,
        show_names=True,
    )

    response = post_settings(facilitator_client, rituals, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_detail", args=[workshop.pk])
    reload(rituals)
    assert (
        rituals.max_note_length,
        rituals.notes_per_person,
        rituals.votes_per_person,
        rituals.multiple_votes_per_note,
        rituals.hide_until_reveal,
        rituals.show_names,
    ) == (140, 4, 2, False, True, True)
    assert list(rituals.columns.values_list("title", "colour", "position")) == [
        ("Ritual ideas", "yellow", 0),
        ("Already doing", "green", 1),
    ]


def test_renaming_a_column_keeps_its_notes(facilitator_client, workshop, participant, rituals):
    note = add(workshop, participant, rituals)
    column = first_column(rituals)

    post_settings(facilitator_client, rituals, settings_data(rituals, [("Rituals", "pink")]))

    reload(column)
    assert (column.title, column.colour) == ("Rituals", "pink")
    assert reload(note).column == column


def test_removing_a_column_moves_its_notes_to_the_first_column(
    facilitator_client, workshop, facilitator, participant, norms
):
    helps, hinders = norms.columns.order_by("position")
    kept = add(workshop, participant, norms, "Helps", column=helps)
    moved = add(workshop, participant, norms, "Hinders", column=hinders)
    services.reveal_board(workshop, facilitator, norms.pk)
    services.group_note(workshop, facilitator, note_id=moved.pk, group="Gone with the column")

    response = post_settings(
        facilitator_client, norms, settings_data(norms, [("Helps customers", "green")])
    )

    assert response.status_code == 302
    assert list(norms.columns.all()) == [helps]
    assert Note.objects.count() == 2
    assert reload(kept).column == helps
    assert reload(moved).column == helps
    assert moved.cluster is None
    assert not Cluster.objects.exists()


def test_a_board_without_columns_is_refused(facilitator_client, workshop, participant, rituals):
    add(workshop, participant, rituals)

    response = post_settings(
        facilitator_client, rituals, settings_data(rituals, [], votes_per_person=9)
    )

    assert response.status_code == 200
    assert "A board needs at least one column" in response.content.decode()
    reload(rituals)
    assert rituals.votes_per_person == 5
    assert list(rituals.columns.values_list("title", flat=True)) == ["Ritual ideas"]
    assert Note.objects.count() == 1


def test_another_facilitator_cannot_change_a_boards_settings(
    client, other_facilitator, workshop, rituals
):
    client.force_login(other_facilitator)

    response = post_settings(
        client, rituals, settings_data(rituals, [("Hijacked", "pink")], votes_per_person=9)
    )

    assert response.status_code == 404
    reload(rituals)
    assert rituals.votes_per_person == 5
    assert list(rituals.columns.values_list("title", flat=True)) == ["Ritual ideas"]


def test_nobody_logged_in_is_sent_to_log_in_for_board_settings(client, workshop, rituals):
    response = post_settings(client, rituals, settings_data(rituals, [("Hijacked", "pink")]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert list(rituals.columns.values_list("title", flat=True)) == ["Ritual ideas"]


# Cost of a note ------------------------------------------------------------------------------


def test_adding_a_note_through_the_socket_handler_takes_at_most_15_queries(
    django_assert_max_num_queries, workshop, participant, rituals
):
    """Measured: 12 queries on a visible board. Load the room and the person, find the board,
    look up the client id, check the column, SAVEPOINT, lock the person and count their notes
    (the cap), INSERT, RELEASE, then the per-column counts and the columns for the fragments.
    (13 on a hidden board: the author's own list.)"""
    viewer = Viewer(workshop.pk, participant_id=participant.pk)
    data = {
        "action": "note.add",
        "activity": str(rituals.pk),
        "column": str(first_column(rituals).pk),
        "text": "A customer story at the start of every meeting",
        "client_id": "query-count-0001",
    }

    with django_assert_max_num_queries(15):
        outcome = actions.run(viewer, data, "http://testserver")

    assert Note.objects.count() == 1
    assert 'data-client-id="query-count-0001"' in for_language(outcome.updates[0].phones, "en")
