"""Sticky-note boards: notes, votes, clusters, and the facilitator's controls of a board."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from .. import kinds, languages
from ..models import (
    Activity,
    BoardColumn,
    Cluster,
    Note,
    Participant,
    Vote,
    Workshop,
    WorkshopDimension,
)
from .access import check_facilitator, check_participant
from .errors import NotAllowed, ServiceError

BOARD_KIND = "board"

# A facilitator's own note is signed so; stored with the note, in the workshop's language.
FACILITATOR_NAME = gettext_noop("Facilitator")
NOTE_AGAIN = gettext_noop("That note could not be added. Please write it again.")
TIMER_MAX_SECONDS = 60 * 60


def _facilitator_name(workshop: Workshop) -> str:
    with languages.for_workshop(workshop):
        return gettext(FACILITATOR_NAME)


def find_board(workshop: Workshop, activity_id: int | None) -> Activity:
    """One of the workshop's boards; the one on screen when no id is given."""
    activity_id = activity_id or workshop.current_activity_id
    activity = workshop.activities.filter(pk=activity_id, kind__in=kinds.board_kind_keys()).first()
    if activity is None:
        raise ServiceError(gettext("That board is not part of this workshop."))
    return activity


def _note(workshop: Workshop, note_id: int, *, lock: bool = False) -> Note:
    notes = Note.objects.select_related("activity", "column", "participant", "dimension")
    if lock:
        notes = notes.select_for_update()
    note = notes.filter(pk=note_id, activity__workshop=workshop).first()
    if note is None:
        raise ServiceError(gettext("That note is no longer on the board."))
    return note


def find_dimension(workshop: Workshop, activity: Activity, dimension_id: int | None):
    """On a mixed-signals board a note names one of the workshop's paradigm dimensions."""
    if not activity.ask_dimension:
        return None
    dimensions = WorkshopDimension.objects.filter(activity__workshop=workshop)
    dimension = dimensions.filter(pk=dimension_id).first() if dimension_id else None
    if dimension is None and dimensions.exists():
        raise ServiceError(gettext("Pick the dimension your example is about."))
    return dimension


def _check_system_does(activity: Activity, system_does: str) -> str:
    """The second half of a mixed-signals pair: required there, and kept nowhere else."""
    if not activity.ask_dimension:
        return ""
    system_does = system_does.strip()
    if not system_does:
        raise ServiceError(
            gettext(
                "Add the other half: what does the system (a process, policy, reward or metric) "
                "do instead?"
            )
        )
    return check_note_text(activity, system_does)


def check_board_open(activity: Activity) -> None:
    if activity.is_locked:
        raise ServiceError(gettext("The facilitator has paused input on this board."))


def check_note_text(activity: Activity, text: str, *, what: str = "notes", required: bool = True):
    """A note's text, or a picture's caption (``what="captions"``, which may stay empty)."""
    text = text.strip()
    if required and not text:
        raise ServiceError(gettext("Write something on the note first."))
    if len(text) > activity.max_note_length:
        message = (
            gettext("Keep captions under %(limit)s characters (this one has %(length)s).")
            if what == "captions"
            else gettext("Keep notes under %(limit)s characters (this one has %(length)s).")
        )
        raise ServiceError(message % {"limit": activity.max_note_length, "length": len(text)})
    return text


def find_resent(activity: Activity, client_id: str, participant: Participant | None, refusal: str):
    """The note already stored under this client_id, if the same person sends it again."""
    existing = Note.objects.filter(activity=activity, client_id=client_id).first()
    author = participant.pk if participant else None
    if existing is not None and existing.participant_id != author:
        raise ServiceError(gettext(refusal))
    return existing


def find_column(activity: Activity, column_id: int, what: str) -> BoardColumn:
    column = activity.columns.filter(pk=column_id).first()
    if column is None:
        raise ServiceError(
            gettext("Pick one of the board's columns for your picture.")
            if what == "picture"
            else gettext("Pick one of the board's columns for your note.")
        )
    return column


def _check_author(note: Note, participant: Participant | None, by: AbstractBaseUser | None):
    """Participants touch only their own notes; the facilitator only their own, too."""
    if participant is None:
        check_facilitator(note.activity.workshop, by)
    if note.participant_id != (participant.pk if participant else None):
        raise NotAllowed(gettext("You can only change your own notes."))


# Participants and facilitator: notes -------------------------------------------------------


def note_cap(activity: Activity) -> int:
    """Notes one person may add to this board: its own cap, never above the site's."""
    ceiling = settings.NOTES_PER_PERSON_MAX
    return min(activity.notes_per_person, ceiling) if activity.notes_per_person else ceiling


def check_note_cap(activity: Activity, participant: Participant) -> None:
    # Lock the person's row so two notes sent at once cannot both pass the count.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    mine = Note.objects.filter(activity=activity, participant=participant).count()
    cap = note_cap(activity)
    if mine < cap:
        return
    # The English reads the same for one and several (as it always has); Dutch tells them apart.
    if activity.notes_per_person and activity.notes_per_person <= cap:
        raise ServiceError(
            ngettext(
                "This board takes %(count)s notes per person. "
                "Edit or delete one of yours to add another.",
                "This board takes %(count)s notes per person. "
                "Edit or delete one of yours to add another.",
                activity.notes_per_person,
            )
            % {"count": activity.notes_per_person}
        )
    raise ServiceError(
        ngettext(
            "You have added %(count)s notes to this board, as many as one person can. "
            "Edit or delete one of yours to add another.",
            "You have added %(count)s notes to this board, as many as one person can. "
            "Edit or delete one of yours to add another.",
            mine,
        )
        % {"count": mine}
    )


def add_note(
    workshop: Workshop,
    *,
    participant: Participant | None,
    by: AbstractBaseUser | None = None,
    activity_id: int,
    column_id: int,
    text: str,
    client_id: str,
    dimension_id: int | None = None,
    system_does: str = "",
) -> tuple[Note, bool]:
    """Add a note; the same client_id again returns the first note (created is then False).

    On a mixed-signals board (``ask_dimension``) a note is a pair: ``text`` is what leaders
    say, ``system_does`` what a process, policy, reward or metric does instead; both count.
    """
    if participant is None:
        check_facilitator(workshop, by)
    check_participant(workshop, participant)
    activity = find_board(workshop, activity_id)
    existing = find_resent(activity, client_id, participant, NOTE_AGAIN)
    if existing is not None:
        return existing, False
    check_board_open(activity)
    text = check_note_text(activity, text)
    system_does = _check_system_does(activity, system_does)
    column = find_column(activity, column_id, "note")
    dimension = find_dimension(workshop, activity, dimension_id)
    try:
        with transaction.atomic():
            if participant is not None:
                check_note_cap(activity, participant)
            note = Note.objects.create(
                activity=activity,
                column=column,
                participant=participant,
                author_name=participant.display_name
                if participant
                else _facilitator_name(workshop),
                text=text,
                system_does=system_does,
                client_id=client_id,
                dimension=dimension,
            )
    except IntegrityError:
        # The same note arrived twice at once: the first one wins.
        return find_resent(activity, client_id, participant, NOTE_AGAIN), False
    return note, True


@transaction.atomic
def edit_note(
    workshop: Workshop,
    *,
    participant: Participant | None,
    by: AbstractBaseUser | None = None,
    note_id: int,
    text: str,
    system_does: str = "",
) -> Note:
    """Change one's own note; a mixed-signals note needs both halves again."""
    check_participant(workshop, participant)
    note = _note(workshop, note_id, lock=True)
    _check_author(note, participant, by)
    check_board_open(note.activity)
    note.text = check_note_text(note.activity, text)
    note.system_does = _check_system_does(note.activity, system_does)
    note.save(update_fields=["text", "system_does", "updated_at"])
    return note


@transaction.atomic
def delete_note(
    workshop: Workshop,
    *,
    participant: Participant | None,
    by: AbstractBaseUser | None = None,
    note_id: int,
) -> Note:
    """Authors delete their own notes; the facilitator may delete any (moderation)."""
    check_participant(workshop, participant)
    note = _note(workshop, note_id, lock=True)
    if participant is not None:
        _check_author(note, participant, by)
        check_board_open(note.activity)
    else:
        check_facilitator(workshop, by)
    note.delete()  # its picture goes too (workshops/signals.py)
    return note


# Participants: votes -----------------------------------------------------------------------


def votes_left(activity: Activity, participant: Participant) -> int:
    used = Vote.objects.filter(participant=participant, note__activity=activity).count()
    return max(activity.votes_per_person - used, 0)


@transaction.atomic
def vote(workshop: Workshop, *, participant: Participant | None, note_id: int) -> Note:
    if participant is None:
        raise NotAllowed(gettext("Votes are for participants."))
    check_participant(workshop, participant)
    # One person's votes are counted one at a time, so two taps cannot overspend the budget.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    note = _note(workshop, note_id)
    activity = note.activity
    check_board_open(activity)
    if activity.notes_hidden:
        raise ServiceError(gettext("Voting opens when the facilitator reveals the notes."))
    if votes_left(activity, participant) <= 0:
        raise ServiceError(
            ngettext(
                "You have used all %(count)s of your votes.",
                "You have used all %(count)s of your votes.",
                activity.votes_per_person,
            )
            % {"count": activity.votes_per_person}
        )
    if (
        not activity.multiple_votes_per_note
        and Vote.objects.filter(note=note, participant=participant).exists()
    ):
        raise ServiceError(gettext("You have already voted for this note."))
    Vote.objects.create(note=note, participant=participant)
    Note.objects.filter(pk=note.pk).update(vote_count=F("vote_count") + 1)
    return _with_fresh_count(note)


@transaction.atomic
def unvote(workshop: Workshop, *, participant: Participant | None, note_id: int) -> Note:
    if participant is None:
        raise NotAllowed(gettext("Votes are for participants."))
    check_participant(workshop, participant)
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    note = _note(workshop, note_id)
    check_board_open(note.activity)
    mine = Vote.objects.filter(note=note, participant=participant).order_by("-pk").first()
    if mine is None:
        raise ServiceError(gettext("You have no vote on this note."))
    mine.delete()
    Note.objects.filter(pk=note.pk, vote_count__gt=0).update(vote_count=F("vote_count") - 1)
    return _with_fresh_count(note)


def _with_fresh_count(note: Note) -> Note:
    """The count as stored, so what is broadcast is right even when others vote at once."""
    note.vote_count = Note.objects.values_list("vote_count", flat=True).get(pk=note.pk)
    return note


# Facilitator: the board's controls ---------------------------------------------------------


def _set_board_state(
    workshop: Workshop, by: AbstractBaseUser | None, activity_id: int | None, **state
) -> Activity:
    check_facilitator(workshop, by)
    activity = find_board(workshop, activity_id)
    for name, value in state.items():
        setattr(activity, name, value)
    activity.save(update_fields=list(state))
    return activity


def lock_board(workshop, by, activity_id=None) -> Activity:
    return _set_board_state(workshop, by, activity_id, is_locked=True)


def unlock_board(workshop, by, activity_id=None) -> Activity:
    return _set_board_state(workshop, by, activity_id, is_locked=False)


def reveal_board(workshop, by, activity_id=None) -> Activity:
    return _set_board_state(workshop, by, activity_id, is_revealed=True)


def hide_board(workshop, by, activity_id=None) -> Activity:
    """Hide the notes from every phone until the next reveal (the board now hides until reveal)."""
    return _set_board_state(
        workshop, by, activity_id, is_revealed=False, hide_until_reveal=True, spotlight_note=None
    )


def sort_board(workshop, by, activity_id=None, *, by_votes: bool) -> Activity:
    return _set_board_state(workshop, by, activity_id, sort_by_votes=by_votes)


def show_names(workshop, by, activity_id=None, *, show: bool) -> Activity:
    return _set_board_state(workshop, by, activity_id, show_names=show)


@transaction.atomic
def move_note(workshop: Workshop, by: AbstractBaseUser | None, *, note_id: int, column_id: int):
    """Move a note to another column of its board; it leaves its cluster."""
    check_facilitator(workshop, by)
    note = _note(workshop, note_id, lock=True)
    column = note.activity.columns.filter(pk=column_id).first()
    if column is None:
        raise ServiceError(gettext("That column is not on this board."))
    previous_column, previous_cluster = note.column, note.cluster
    note.column = column
    note.cluster = None
    note.save(update_fields=["column", "cluster", "updated_at"])
    _delete_if_empty(previous_cluster)
    return note, previous_column


@transaction.atomic
def group_note(
    workshop: Workshop, by: AbstractBaseUser | None, *, note_id: int, group: str
) -> Note:
    """Put a note into the named cluster of its column (made if new); no name ungroups it."""
    check_facilitator(workshop, by)
    note = _note(workshop, note_id, lock=True)
    name = " ".join(group.split())
    previous = note.cluster
    note.cluster = Cluster.objects.get_or_create(column=note.column, name=name)[0] if name else None
    note.save(update_fields=["cluster", "updated_at"])
    if previous != note.cluster:
        _delete_if_empty(previous)
    return note


def _delete_if_empty(cluster: Cluster | None) -> None:
    if cluster is not None and not cluster.notes.exists():
        cluster.delete()


def spotlight_note(
    workshop: Workshop, by: AbstractBaseUser | None, *, note_id: int | None
) -> Activity:
    """Show one note big on every screen; no note clears the spotlight."""
    check_facilitator(workshop, by)
    if note_id is None:
        activity = find_board(workshop, None)
        activity.spotlight_note = None
    else:
        note = _note(workshop, note_id)
        activity = note.activity
        if activity.notes_hidden:
            raise ServiceError(gettext("Reveal the notes before you spotlight one."))
        activity.spotlight_note = note
    activity.save(update_fields=["spotlight_note"])
    return activity


def start_timer(workshop: Workshop, by: AbstractBaseUser | None, *, seconds: int) -> Workshop:
    check_facilitator(workshop, by)
    if not 1 <= seconds <= TIMER_MAX_SECONDS:
        raise ServiceError(gettext("A timer runs from 1 second to 60 minutes."))
    workshop.timer_ends_at = timezone.now() + timedelta(seconds=seconds)
    workshop.save(update_fields=["timer_ends_at"])
    return workshop


def stop_timer(workshop: Workshop, by: AbstractBaseUser | None) -> Workshop:
    check_facilitator(workshop, by)
    workshop.timer_ends_at = None
    workshop.save(update_fields=["timer_ends_at"])
    return workshop


# Setting a board up ------------------------------------------------------------------------


@transaction.atomic
def update_board_settings(
    activity: Activity, by: AbstractBaseUser, *, settings: dict, columns: list[tuple[str, str]]
) -> Activity:
    """Change a board's rules and columns; notes in a removed column move to the first."""
    check_facilitator(activity.workshop, by)
    if not activity.is_board:
        raise ServiceError(gettext("Only sticky-note boards have these settings."))
    for name, value in settings.items():
        setattr(activity, name, value)
    activity.save(update_fields=list(settings))
    set_board_columns(activity, columns)
    return activity


def set_board_columns(activity: Activity, columns: list[tuple[str, str]]) -> None:
    """Replace a board's columns by (title, colour) pairs, keeping notes of kept positions."""
    existing = list(activity.columns.all())
    for position, (title, colour) in enumerate(columns):
        if position < len(existing):
            column = existing[position]
            column.title, column.colour, column.position = title, colour, position
            column.save(update_fields=["title", "colour", "position"])
        else:
            BoardColumn.objects.create(
                activity=activity, title=title, colour=colour, position=position
            )
    removed = existing[len(columns) :]
    if removed:
        # Notes in a removed column move to the first one: a settings change loses no note.
        first = activity.columns.order_by("position").first()
        Note.objects.filter(column__in=removed).update(column=first, cluster=None)
        for column in removed:
            column.delete()
