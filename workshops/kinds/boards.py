"""The sticky-note board: notes in columns, votes, clusters, hide and reveal, spotlight."""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .. import demo, forms, services
from ..live import boards as board_live
from ..live.updates import Outcome, RoomUpdate, stage_update
from ..models import Activity, BoardColumn, Note, Participant, Workshop
from ..results import board_results
from . import ActionContext, ActivityKind, ResultsSection, SocketAction, register

# Stored in English like all built-in content, and shown translated (``|translated``).
DEFAULT_COLUMNS = [(gettext_noop("Ideas"), BoardColumn.Colour.YELLOW)]
TEMPLATE_SETTINGS = (
    "max_note_length",
    "notes_per_person",
    "votes_per_person",
    "multiple_votes_per_note",
    "hide_until_reveal",
    "show_names",
    "allow_pictures",
    "ask_dimension",
)


def setup(activity: Activity, item: dict) -> None:
    """A new board gets its columns: the template's, or one "Ideas" column."""
    columns = [tuple(column) for column in item.get("columns", [])] or DEFAULT_COLUMNS
    services.set_board_columns(activity, columns)


def personal(activity: Activity, participant: Participant) -> str:
    return board_live.render_me(activity, participant) + board_live.render_my_notes(
        activity, participant
    )


def save_settings(activity: Activity, by, form: forms.BoardSettingsForm) -> None:
    services.update_board_settings(
        activity, by, settings=form.board_settings, columns=form.cleaned_data["columns"]
    )


def editor_context(activity: Activity, invalid: dict) -> dict:
    return {"columns": list(activity.columns.all())}


def results(workshop: Workshop, activities: list[Activity]) -> ResultsSection:
    boards, notes = board_results(workshop, activities)
    return ResultsSection("workshops/board.html#results", {"boards": boards}, notes)


# Socket actions ------------------------------------------------------------------------------


def note_shown(note: Note) -> RoomUpdate:
    """A note added, edited or moved: everyone gets it, or only the counts while hidden."""
    activity = note.activity
    counts = board_live.counts(activity)
    if activity.notes_hidden:
        return RoomUpdate(activity.workshop_id, phones=counts, presenters=counts)
    phones, presenters = board_live.note_fragments(note)
    return RoomUpdate(activity.workshop_id, phones=phones + counts, presenters=presenters + counts)


def own_notes_reply(note: Note, participant: Participant | None) -> str:
    """What the author's phone alone gets after a change to one of their notes: its marks
    (which notes are theirs), and while notes are hidden, its own notes."""
    if participant is None:
        return ""
    return board_live.render_me(note.activity, participant) + board_live.render_my_notes(
        note.activity, participant
    )


def add_note(ctx: ActionContext, cleaned: dict) -> Outcome:
    note, created = services.add_note(
        ctx.workshop,
        participant=ctx.participant,
        by=ctx.user,
        activity_id=cleaned["activity"],
        column_id=cleaned["column"],
        text=cleaned["text"],
        client_id=cleaned["client_id"],
        dimension_id=cleaned["dimension"],
        system_does=cleaned["system_does"],
    )
    reply = own_notes_reply(note, ctx.participant)
    if not created:
        # A resend of a note already stored: acknowledge it to the sender only.
        if not note.activity.notes_hidden:
            reply += board_live.note_fragments(note)[ctx.is_presenter]
        return Outcome([], reply=reply)
    return Outcome([note_shown(note)], reply=reply)


def edit_note(ctx: ActionContext, cleaned: dict) -> Outcome:
    note = services.edit_note(
        ctx.workshop,
        participant=ctx.participant,
        by=ctx.user,
        note_id=cleaned["note"],
        text=cleaned["text"],
        system_does=cleaned["system_does"],
    )
    return Outcome([note_shown(note)], reply=own_notes_reply(note, ctx.participant))


def delete_note(ctx: ActionContext, cleaned: dict) -> Outcome:
    note = services.delete_note(
        ctx.workshop, participant=ctx.participant, by=ctx.user, note_id=cleaned["note"]
    )
    removed = board_live.note_removed(cleaned["note"]) + board_live.counts(note.activity)
    update = RoomUpdate(ctx.workshop.pk, phones=removed, presenters=removed)
    if note.activity.spotlight_note_id == cleaned["note"]:
        note.activity.refresh_from_db(fields=["spotlight_note"])
        _add_spotlight(update, note.activity)
    return Outcome([update], reply=own_notes_reply(note, ctx.participant))


def _vote_outcome(note: Note, participant: Participant) -> Outcome:
    votes = board_live.votes(note)
    return Outcome(
        [RoomUpdate(note.activity.workshop_id, phones=votes, presenters=votes)],
        reply=board_live.render_me(note.activity, participant),
    )


def vote(ctx: ActionContext, cleaned: dict) -> Outcome:
    note = services.vote(ctx.workshop, participant=ctx.participant, note_id=cleaned["note"])
    return _vote_outcome(note, ctx.participant)


def unvote(ctx: ActionContext, cleaned: dict) -> Outcome:
    note = services.unvote(ctx.workshop, participant=ctx.participant, note_id=cleaned["note"])
    return _vote_outcome(note, ctx.participant)


def _board_control(service):
    """lock, unlock: only the state line and the control bar change."""

    def handler(ctx: ActionContext, cleaned: dict) -> Outcome:
        activity = service(ctx.workshop, ctx.user, cleaned["activity"])
        phones, presenters = board_live.board_state(activity)
        return Outcome([RoomUpdate(ctx.workshop.pk, phones=phones, presenters=presenters)])

    return handler


def _board_view(service, *, personal: bool, **fixed):
    """reveal, hide, sort, names: the board looks different, so the stage is sent again.

    Only reveal and hide change what a phone holds of its own (its hidden notes, its votes).
    """

    def handler(ctx: ActionContext, cleaned: dict) -> Outcome:
        options = {name: convert(cleaned) for name, convert in fixed.items()}
        service(ctx.workshop, ctx.user, cleaned["activity"], **options)
        ctx.workshop.refresh_from_db()
        return Outcome([stage_update(ctx.workshop, ctx.base_url, personal=personal)])

    return handler


def move_note(ctx: ActionContext, cleaned: dict) -> Outcome:
    note, previous = services.move_note(
        ctx.workshop, ctx.user, note_id=cleaned["note"], column_id=cleaned["column"]
    )
    update = note_shown(note)
    # The column it left may have lost a cluster with it.
    _add_column(update, note.activity, previous)
    return Outcome([update])


def group_note(ctx: ActionContext, cleaned: dict) -> Outcome:
    note = services.group_note(
        ctx.workshop, ctx.user, note_id=cleaned["note"], group=cleaned["group"]
    )
    update = RoomUpdate(ctx.workshop.pk)
    _add_column(update, note.activity, note.column)
    return Outcome([update])


def _add_column(update: RoomUpdate, activity: Activity, column: BoardColumn) -> None:
    phones, presenters = board_live.column_fragments(activity, column)
    update.phones += phones
    update.presenters += presenters


def _add_spotlight(update: RoomUpdate, activity: Activity) -> None:
    phones, presenters = board_live.spotlight(activity)
    update.phones += phones
    update.presenters += presenters


def spotlight_note(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = services.spotlight_note(ctx.workshop, ctx.user, note_id=cleaned["note"])
    update = RoomUpdate(ctx.workshop.pk)
    _add_spotlight(update, activity)
    return Outcome([update])


BOARD = register(
    ActivityKind(
        key=services.BOARD_KIND,
        label=_("Sticky-note board"),
        position=30,
        setup=setup,
        template_settings=TEMPLATE_SETTINGS,
        phone_partial="workshops/board.html#phone_board",
        presenter_partial="workshops/board.html#presenter_board",
        context=board_live.board_context,
        personal=personal,
        uses_board=True,
        settings_form=forms.BoardSettingsForm,
        save_settings=save_settings,
        editor_partial="workshops/board.html#editor",
        editor_context=editor_context,
        results=results,
        demo=demo.mixed_signals,
        actions={
            "note.add": SocketAction(forms.NoteAddMessage, add_note),
            "note.edit": SocketAction(forms.NoteEditMessage, edit_note),
            "note.delete": SocketAction(forms.NoteMessage, delete_note),
            "note.vote": SocketAction(forms.NoteMessage, vote),
            "note.unvote": SocketAction(forms.NoteMessage, unvote),
            "note.move": SocketAction(forms.NoteMoveMessage, move_note, True),
            "note.group": SocketAction(forms.NoteGroupMessage, group_note, True),
            "note.spotlight": SocketAction(forms.NoteSpotlightMessage, spotlight_note, True),
            "activity.lock": SocketAction(
                forms.BoardMessage, _board_control(services.lock_board), True
            ),
            "activity.unlock": SocketAction(
                forms.BoardMessage, _board_control(services.unlock_board), True
            ),
            "activity.reveal": SocketAction(
                forms.BoardMessage, _board_view(services.reveal_board, personal=True), True
            ),
            "activity.hide": SocketAction(
                forms.BoardMessage, _board_view(services.hide_board, personal=True), True
            ),
            "board.sort": SocketAction(
                forms.BoardSortMessage,
                _board_view(
                    services.sort_board, personal=False, by_votes=lambda c: c["order"] == "votes"
                ),
                True,
            ),
            "board.names": SocketAction(
                forms.BoardNamesMessage,
                _board_view(services.show_names, personal=False, show=lambda c: c["show"]),
                True,
            ),
        },
    )
)


def vision_inputs(workshop: Workshop, activities: list[Activity]) -> dict:
    """The vision board's notes for the culture program, most votes first."""
    notes = Note.objects.filter(activity__in=activities).order_by("-vote_count", "created_at")
    return {
        "vision": [
            {
                "text": note.text,
                "picture_url": note.image.url if note.image else "",
                "votes": note.vote_count,
                "kind": "note",
            }
            for note in notes
        ]
    }


# The vision board is a board like any other; the culture program takes its notes as the
# room's picture of the future. Board actions apply to it through ``uses_board``.
VISION = register(
    replace(
        BOARD,
        key="vision",
        label=_("Vision board"),
        position=35,
        actions={},
        program_inputs=vision_inputs,
        demo=demo.vision_board,
    )
)
