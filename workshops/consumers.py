"""The room socket, ``/ws/rooms/<CODE>/``, for participants' phones and the presenter alike."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from . import forms, live, services
from .live import Outcome, RoomUpdate, Viewer
from .live import boards as board_live
from .live import paradigm as paradigm_live
from .models import Note, Participant, Workshop
from .services import ServiceError

MAX_MESSAGE_BYTES = 16_000
CLOSE_UNKNOWN_IDENTITY = 4403


# Action handlers: validate with a form, call a service, say what every screen should show.
# They run in a worker thread (database_sync_to_async).

Handler = Callable[[Viewer, dict, str], Outcome]


def goto_activity(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = live.clean_message(forms.GotoActivityMessage, data)
    services.goto_activity(workshop, user, cleaned["activity"])
    return Outcome([live.stage_update(workshop, base_url)])


def _step(offset: int) -> Handler:
    def handler(viewer: Viewer, data: dict, base_url: str) -> Outcome:
        workshop, _participant, user = viewer.load()
        services.step_activity(workshop, user, offset)
        workshop.refresh_from_db()
        return Outcome([live.stage_update(workshop, base_url)])

    return handler


def remove_participant(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = live.clean_message(forms.RemoveParticipantMessage, data)
    participant = services.remove_participant(workshop, user, cleaned["participant"])
    return Outcome([live.removal_update(workshop, participant)])


def _note_shown(note: Note) -> RoomUpdate:
    """A note added, edited or moved: everyone gets it, or only the counts while hidden."""
    activity = note.activity
    counts = board_live.counts(activity)
    if activity.notes_hidden:
        return RoomUpdate(activity.workshop_id, phones=counts, presenters=counts)
    phones, presenters = board_live.note_fragments(note)
    return RoomUpdate(activity.workshop_id, phones=phones + counts, presenters=presenters + counts)


def _own_notes_reply(note: Note, participant: Participant | None) -> str:
    """While notes are hidden the author's phone is the only one that sees their note."""
    if participant is None or not note.activity.notes_hidden:
        return ""
    return board_live.render_my_notes(note.activity, participant)


def add_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, user = viewer.load()
    cleaned = live.clean_message(forms.NoteAddMessage, data)
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
    reply = _own_notes_reply(note, participant)
    if not created:
        # A resend of a note already stored: acknowledge it to the sender only.
        if not reply and not note.activity.notes_hidden:
            reply = board_live.note_fragments(note)[viewer.is_presenter]
        return Outcome([], reply=reply)
    return Outcome([_note_shown(note)], reply=reply)


def edit_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, user = viewer.load()
    cleaned = live.clean_message(forms.NoteEditMessage, data)
    note = services.edit_note(
        workshop, participant=participant, by=user, note_id=cleaned["note"], text=cleaned["text"]
    )
    return Outcome([_note_shown(note)], reply=_own_notes_reply(note, participant))


def delete_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, user = viewer.load()
    cleaned = live.clean_message(forms.NoteMessage, data)
    note = services.delete_note(workshop, participant=participant, by=user, note_id=cleaned["note"])
    removed = board_live.note_removed(cleaned["note"]) + board_live.counts(note.activity)
    update = RoomUpdate(workshop.pk, phones=removed, presenters=removed)
    if note.activity.spotlight_note_id == cleaned["note"]:
        note.activity.refresh_from_db(fields=["spotlight_note"])
        update = _with_spotlight(update, note.activity)
    return Outcome([update], reply=_own_notes_reply(note, participant))


def _vote_outcome(note: Note, participant: Participant) -> Outcome:
    votes = board_live.votes(note)
    return Outcome(
        [RoomUpdate(note.activity.workshop_id, phones=votes, presenters=votes)],
        reply=board_live.render_me(note.activity, participant),
    )


def vote(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, _user = viewer.load()
    cleaned = live.clean_message(forms.NoteMessage, data)
    note = services.vote(workshop, participant=participant, note_id=cleaned["note"])
    return _vote_outcome(note, participant)


def unvote(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, _user = viewer.load()
    cleaned = live.clean_message(forms.NoteMessage, data)
    note = services.unvote(workshop, participant=participant, note_id=cleaned["note"])
    return _vote_outcome(note, participant)


def _board_control(service) -> Handler:
    """lock, unlock: only the state line and the control bar change."""

    def handler(viewer: Viewer, data: dict, base_url: str) -> Outcome:
        workshop, _participant, user = viewer.load()
        cleaned = live.clean_message(forms.BoardMessage, data)
        activity = service(workshop, user, cleaned["activity"])
        phones, presenters = board_live.board_state(activity)
        return Outcome([RoomUpdate(workshop.pk, phones=phones, presenters=presenters)])

    return handler


def _board_view(service, form_class=forms.BoardMessage, **fixed) -> Handler:
    """reveal, hide, sort, names: the board looks different, so the stage is sent again."""

    def handler(viewer: Viewer, data: dict, base_url: str) -> Outcome:
        workshop, _participant, user = viewer.load()
        cleaned = live.clean_message(form_class, data)
        options = {name: convert(cleaned) for name, convert in fixed.items()}
        service(workshop, user, cleaned["activity"], **options)
        workshop.refresh_from_db()
        return Outcome([live.stage_update(workshop, base_url)])

    return handler


def move_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = live.clean_message(forms.NoteMoveMessage, data)
    note, previous = services.move_note(
        workshop, user, note_id=cleaned["note"], column_id=cleaned["column"]
    )
    update = _note_shown(note)
    # The column it left may have lost a cluster with it.
    _add_column(update, note.activity, previous)
    return Outcome([update])


def group_note(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = live.clean_message(forms.NoteGroupMessage, data)
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
    cleaned = live.clean_message(forms.NoteSpotlightMessage, data)
    activity = services.spotlight_note(workshop, user, note_id=cleaned["note"])
    return Outcome([_with_spotlight(RoomUpdate(workshop.pk), activity)])


def start_timer(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    cleaned = live.clean_message(forms.TimerStartMessage, data)
    services.start_timer(workshop, user, seconds=cleaned["seconds"])
    return Outcome([live.timer_update(workshop)])


def stop_timer(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, _participant, user = viewer.load()
    services.stop_timer(workshop, user)
    return Outcome([live.timer_update(workshop)])


def set_rating(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    workshop, participant, _user = viewer.load()
    cleaned = live.clean_message(forms.RatingMessage, data)
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
    cleaned = live.clean_message(forms.DimensionGotoMessage, data)
    services.goto_dimension(workshop, user, cleaned["dimension"])
    return Outcome([live.stage_update(workshop, base_url)])


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


def _connect(viewer: Viewer, base_url: str) -> str:
    """Count the screen in, and give it its snapshot."""
    if viewer.participant_id is not None:
        services.participant_connected(viewer.participant_id)
    return live.snapshot(viewer, base_url)


def _presence(workshop_id: int) -> RoomUpdate:
    return live.presence_update(Workshop.objects.get(pk=workshop_id))


# Who is in the room changes in storms (500 phones join within seconds): each process renders
# the presenter's list at most once per PRESENCE_DELAY per room, not once per phone.
PRESENCE_DELAY = 0.3
_presence_due: dict[int, asyncio.Task] = {}


def _announce_presence(workshop_id: int) -> None:
    if workshop_id in _presence_due:
        return

    async def later() -> None:
        await asyncio.sleep(PRESENCE_DELAY)
        # Changes from now on schedule the next announcement.
        _presence_due.pop(workshop_id, None)
        await live.asend(await database_sync_to_async(_presence)(workshop_id))

    _presence_due[workshop_id] = asyncio.ensure_future(later())


class RoomConsumer(AsyncWebsocketConsumer):
    """Joins the room's group, sends a snapshot, then carries actions in and fragments out.

    The consumer holds no state beyond who is on the socket: every action is checked and
    written by a service before anything is broadcast.
    """

    viewer: Viewer | None = None

    async def connect(self) -> None:
        code = self.scope["url_route"]["kwargs"]["code"]
        self.viewer = await database_sync_to_async(live.identify_viewer)(
            code, self.scope.get("user"), self.scope.get("cookies", {})
        )
        # Accept first so the browser sees the close code and stops retrying.
        await self.accept()
        if self.viewer is None:
            await self.close(code=CLOSE_UNKNOWN_IDENTITY)
            return
        await self.channel_layer.group_add(self.viewer.group, self.channel_name)
        snapshot = await database_sync_to_async(_connect)(self.viewer, self.base_url)
        await self.send(text_data=snapshot)
        if self.viewer.participant_id is not None:
            _announce_presence(self.viewer.workshop_id)

    async def disconnect(self, code: int) -> None:
        if self.viewer is None:
            return
        await self.channel_layer.group_discard(self.viewer.group, self.channel_name)
        if self.viewer.participant_id is not None:
            await database_sync_to_async(services.participant_disconnected)(
                self.viewer.participant_id
            )
            _announce_presence(self.viewer.workshop_id)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.viewer is None:
            return
        data = self._parse(text_data)
        handler = ACTIONS.get(data.get("action")) if data is not None else None
        if handler is None:
            await self.send_message("That did not work: the app sent something it cannot read.")
            return
        try:
            outcome = await database_sync_to_async(handler)(self.viewer, data, self.base_url)
        except ServiceError as error:
            client_id = data.get("client_id") if data.get("action") == "note.add" else ""
            await self.send_message(str(error), rejected_client_id=str(client_id or "")[:64])
            return
        if outcome.reply:
            await self.send(text_data=outcome.reply)
        for update in outcome.updates:
            await live.asend(update)

    # Group events ------------------------------------------------------------------------------

    async def room_html(self, event: dict) -> None:
        await self.send(text_data=event["html"])
        if event.get("refresh") and self.viewer is not None:
            mine = await database_sync_to_async(live.personal_for)(self.viewer)
            if mine:
                await self.send(text_data=mine)

    async def room_removed(self, event: dict) -> None:
        if self.viewer is not None and self.viewer.participant_id == event["participant"]:
            await self.send_message("The facilitator has removed you from this room.")
            await self.close(code=CLOSE_UNKNOWN_IDENTITY)

    async def room_closed(self, event: dict) -> None:
        await self.send_message("The facilitator has closed this room. Thank you!", "info")
        await self.close(code=CLOSE_UNKNOWN_IDENTITY)

    # Helpers ---------------------------------------------------------------------------------

    async def send_message(
        self, text: str, level: str = "error", rejected_client_id: str = ""
    ) -> None:
        await self.send(text_data=live.live_message(text, level, rejected_client_id))

    @staticmethod
    def _parse(text_data: str | None) -> dict | None:
        if not text_data or len(text_data.encode("utf-8")) > MAX_MESSAGE_BYTES:
            return None
        try:
            data = json.loads(text_data)
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("action"), str):
            return None
        return data

    @property
    def base_url(self) -> str:
        if settings.PUBLIC_URL:
            return settings.PUBLIC_URL
        headers = dict(self.scope.get("headers", []))
        host = headers.get(b"host", b"localhost").decode("latin-1")
        scheme = "https" if self.scope.get("scheme") == "wss" else "http"
        return f"{scheme}://{host}"
