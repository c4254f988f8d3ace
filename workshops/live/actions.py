"""What each room-socket action does: validate with a form, call a service, and say what
every screen should show (an ``Outcome``). Handlers run in a worker thread, called by the
consumer through ``database_sync_to_async``; views reuse the note helpers.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import forms, services
from ..models import Note, Participant
from ..services import ServiceError
from . import Outcome, RoomUpdate, Viewer, clean_message, removal_update, stage_update, timer_update
from . import boards as board_live
from . import paradigm as paradigm_live

Handler = Callable[[Viewer, dict, str], Outcome]


def goto_activity(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = clean_message(forms.GotoActivityMessage, data)
    services.goto_activity(workshop, user, cleaned["activity"])
    return Outcome([stage_update(workshop, base_url)])


def _step(offset: int) -> Handler:
    def handler(viewer: Viewer, data: dict, base_url: str) -> Outcome:
        workshop, _participant, user = viewer.load()
        services.step_activity(workshop, user, offset)
        workshop.refresh_from_db()
        return Outcome([stage_update(workshop, base_url)])

    return handler


def remove_participant(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = clean_message(forms.RemoveParticipantMessage, data)
    participant = services.remove_participant(workshop, user, cleaned["participant"])
    return Outcome([removal_update(workshop, participant)])


def note_shown(note: Note) -> RoomUpdate:
    """A note added, edited or moved: everyone gets it, or only the counts while hidden."""
    activity = note.activity
    counts = board_live.counts(activity)
    if activity.notes_hidden:
        return RoomUpdate(activity.workshop_id, phones=counts, presenters=counts)
    phones, presenters = board_live.note_fragments(note)
    return RoomUpdate(activity.workshop_id, phones=phones + counts, presenters=presenters + counts)


def own_notes_reply(note: Note, participant: Participant | None) -> str:
    """While notes are hidden the author's phone is the only one that sees their note."""
    if participant is None or not note.activity.notes_hidden:
        return ""
    return board_live.render_my_notes(note.activity, participant)


def add_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, user = viewer.load()
    cleaned = clean_message(forms.NoteAddMessage, data)
    note, created = services.add_note(
        workshop,
        participant=participant,
        by=user,
        activity_id=cleaned["activity"],
        column_id=cleaned["column"],
        text=cleaned["text"],
        client_id=cleaned["client_id"],
        dimension_id=cleaned["dimension"],
    )
    reply = own_notes_reply(note, participant)
    if not created:
        # A resend of a note already stored: acknowledge it to the sender only.
        if not reply and not note.activity.notes_hidden:
            reply = board_live.note_fragments(note)[viewer.is_presenter]
        return Outcome([], reply=reply)
    return Outcome([note_shown(note)], reply=reply)


def edit_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, user = viewer.load()
    cleaned = clean_message(forms.NoteEditMessage, data)
    note = services.edit_note(
        workshop, participant=participant, by=user, note_id=cleaned["note"], text=cleaned["text"]
    )
    return Outcome([note_shown(note)], reply=own_notes_reply(note, participant))


def delete_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, user = viewer.load()
    cleaned = clean_message(forms.NoteMessage, data)
    note = services.delete_note(workshop, participant=participant, by=user, note_id=cleaned["note"])
    removed = board_live.note_removed(cleaned["note"]) + board_live.counts(note.activity)
    update = RoomUpdate(workshop.pk, phones=removed, presenters=removed)
    if note.activity.spotlight_note_id == cleaned["note"]:
        note.activity.refresh_from_db(fields=["spotlight_note"])
        update = _with_spotlight(update, note.activity)
    return Outcome([update], reply=own_notes_reply(note, participant))


def _vote_outcome(note: Note, participant: Participant) -> Outcome:
    votes = board_live.votes(note)
    return Outcome(
        [RoomUpdate(note.activity.workshop_id, phones=votes, presenters=votes)],
        reply=board_live.render_me(note.activity, participant),
    )


def vote(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, _user = viewer.load()
    cleaned = clean_message(forms.NoteMessage, data)
    note = services.vote(workshop, participant=participant, note_id=cleaned["note"])
    return _vote_outcome(note, participant)


def unvote(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, _user = viewer.load()
    cleaned = clean_message(forms.NoteMessage, data)
    note = services.unvote(workshop, participant=participant, note_id=cleaned["note"])
    return _vote_outcome(note, participant)


def _board_control(service) -> Handler:
    """lock, unlock: only the state line and the control bar change."""

    def handler(viewer: Viewer, data: dict, base_url: str) -> Outcome:
        workshop, _participant, user = viewer.load()
        cleaned = clean_message(forms.BoardMessage, data)
        activity = service(workshop, user, cleaned["activity"])
        phones, presenters = board_live.board_state(activity)
        return Outcome([RoomUpdate(workshop.pk, phones=phones, presenters=presenters)])

    return handler


def _board_view(service, form_class=forms.BoardMessage, **fixed) -> Handler:
    """reveal, hide, sort, names: the board looks different, so the stage is sent again."""

    def handler(viewer: Viewer, data: dict, base_url: str) -> Outcome:
        workshop, _participant, user = viewer.load()
        cleaned = clean_message(form_class, data)
        options = {name: convert(cleaned) for name, convert in fixed.items()}
        service(workshop, user, cleaned["activity"], **options)
        workshop.refresh_from_db()
        return Outcome([stage_update(workshop, base_url)])

    return handler


def move_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = clean_message(forms.NoteMoveMessage, data)
    note, previous = services.move_note(
        workshop, user, note_id=cleaned["note"], column_id=cleaned["column"]
    )
    update = note_shown(note)
    # The column it left may have lost a cluster with it.
    _add_column(update, note.activity, previous)
    return Outcome([update])


def group_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = clean_message(forms.NoteGroupMessage, data)
    note = services.group_note(workshop, user, note_id=cleaned["note"], group=cleaned["group"])
    update = RoomUpdate(workshop.pk)
    _add_column(update, note.activity, note.column)
    return Outcome([update])


def _add_column(update: RoomUpdate, activity, column) -> None:
    phones, presenters = board_live.column_fragments(activity, column)
    update.phones += phones
    update.presenters += presenters


def _with_spotlight(update: RoomUpdate, activity) -> RoomUpdate:
    phones, presenters = board_live.spotlight(activity)
    update.phones += phones
    update.presenters += presenters
    return update


def spotlight_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = clean_message(forms.NoteSpotlightMessage, data)
    activity = services.spotlight_note(workshop, user, note_id=cleaned["note"])
    return Outcome([_with_spotlight(RoomUpdate(workshop.pk), activity)])


def start_timer(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = clean_message(forms.TimerStartMessage, data)
    services.start_timer(workshop, user, seconds=cleaned["seconds"])
    return Outcome([timer_update(workshop)])


def stop_timer(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    services.stop_timer(workshop, user)
    return Outcome([timer_update(workshop)])


def set_rating(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, _user = viewer.load()
    cleaned = clean_message(forms.RatingMessage, data)
    rating = services.set_rating(
        workshop,
        participant=participant,
        activity_id=cleaned["activity"],
        dimension_id=cleaned["dimension"],
        today=cleaned["today"],
        target=cleaned["target"],
    )
    dimension = rating.dimension
    return Outcome(
        [RoomUpdate(workshop.pk, presenters=paradigm_live.chart(dimension))],
        reply=paradigm_live.my_rating(dimension, participant, rating),
    )


def goto_dimension(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = clean_message(forms.DimensionGotoMessage, data)
    services.goto_dimension(workshop, user, cleaned["dimension"])
    return Outcome([stage_update(workshop, base_url)])


def facilitator_only(handler: Handler) -> Handler:
    """The facilitator's controls: a participant is refused before the message is read.

    The services check again; this only keeps a participant's malformed control message from
    being answered with a validation message instead of the refusal.
    """

    def checked(viewer: Viewer, data: dict, base_url: str) -> Outcome:
        if not viewer.is_presenter:
            viewer.load()  # a removed participant hears that first
            raise ServiceError(services.FACILITATOR_ONLY)
        return handler(viewer, data, base_url)

    return checked


PARTICIPANT_ACTIONS: dict[str, Handler] = {
    "note.add": add_note,
    "note.edit": edit_note,
    "note.delete": delete_note,
    "note.vote": vote,
    "note.unvote": unvote,
    "rating.set": set_rating,
}
FACILITATOR_ACTIONS: dict[str, Handler] = {
    "activity.goto": goto_activity,
    "activity.next": _step(+1),
    "activity.previous": _step(-1),
    "dimension.goto": goto_dimension,
    "participant.remove": remove_participant,
    "note.move": move_note,
    "note.group": group_note,
    "note.spotlight": spotlight_note,
    "activity.lock": _board_control(services.lock_board),
    "activity.unlock": _board_control(services.unlock_board),
    "activity.reveal": _board_view(services.reveal_board),
    "activity.hide": _board_view(services.hide_board),
    "board.sort": _board_view(
        services.sort_board, forms.BoardSortMessage, by_votes=lambda c: c["order"] == "votes"
    ),
    "board.names": _board_view(
        services.show_names, forms.BoardNamesMessage, show=lambda c: c["show"]
    ),
    "timer.start": start_timer,
    "timer.stop": stop_timer,
}
ACTIONS: dict[str, Handler] = {
    **PARTICIPANT_ACTIONS,
    **{action: facilitator_only(handler) for action, handler in FACILITATOR_ACTIONS.items()},
}
