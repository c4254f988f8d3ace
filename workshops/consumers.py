"""The room socket, ``/ws/rooms/<CODE>/``, for participants' phones and the presenter alike."""

from __future__ import annotations

import json
from collections.abc import Callable

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from . import live, services
from .forms import GotoActivityMessage, RemoveParticipantMessage
from .live import RoomUpdate, Viewer
from .models import Participant
from .services import ServiceError

MAX_MESSAGE_BYTES = 16_000
CLOSE_UNKNOWN_IDENTITY = 4403


# Action handlers: validate with a form, call a service, say what every screen should show.
# They run in a worker thread (database_sync_to_async) and return the updates to broadcast.

Handler = Callable[[Viewer, dict, str], list[RoomUpdate]]


def goto_activity(viewer: Viewer, data: dict, base_url: str) -> list[RoomUpdate]:
    workshop, _participant, user = viewer.load()
    cleaned = live.clean_message(GotoActivityMessage, data)
    services.goto_activity(workshop, user, cleaned["activity"])
    return [live.stage_update(workshop, base_url)]


def remove_participant(viewer: Viewer, data: dict, base_url: str) -> list[RoomUpdate]:
    workshop, _participant, user = viewer.load()
    cleaned = live.clean_message(RemoveParticipantMessage, data)
    participant = services.remove_participant(workshop, user, cleaned["participant"])
    return [live.removal_update(workshop, participant)]


ACTIONS: dict[str, Handler] = {
    "activity.goto": goto_activity,
    "participant.remove": remove_participant,
}


def _connect(viewer: Viewer, base_url: str) -> tuple[str, RoomUpdate | None]:
    """The snapshot for a screen that just (re)connected, and who-is-here for the presenter."""
    presence = None
    if viewer.participant_id is not None:
        participant = Participant.objects.get(pk=viewer.participant_id)
        services.participant_connected(participant)
        presence = live.presence_update(participant.workshop)
    return live.snapshot(viewer, base_url), presence


def _disconnect(viewer: Viewer) -> RoomUpdate | None:
    if viewer.participant_id is None:
        return None
    participant = Participant.objects.select_related("workshop").get(pk=viewer.participant_id)
    services.participant_disconnected(participant)
    return live.presence_update(participant.workshop)


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
        snapshot, presence = await database_sync_to_async(_connect)(self.viewer, self.base_url)
        await self.send(text_data=snapshot)
        if presence is not None:
            await live.asend(presence)

    async def disconnect(self, code: int) -> None:
        if self.viewer is None:
            return
        await self.channel_layer.group_discard(self.viewer.group, self.channel_name)
        presence = await database_sync_to_async(_disconnect)(self.viewer)
        if presence is not None:
            await live.asend(presence)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.viewer is None:
            return
        data = self._parse(text_data)
        handler = ACTIONS.get(data.get("action")) if data is not None else None
        if handler is None:
            await self.send_message("That did not work: the app sent something it cannot read.")
            return
        try:
            updates = await database_sync_to_async(handler)(self.viewer, data, self.base_url)
        except ServiceError as error:
            await self.send_message(str(error))
            return
        for update in updates:
            await live.asend(update)

    # Group events ------------------------------------------------------------------------------

    async def room_html(self, event: dict) -> None:
        await self.send(text_data=event["html"])

    async def room_removed(self, event: dict) -> None:
        if self.viewer is not None and self.viewer.participant_id == event["participant"]:
            await self.send_message("The facilitator has removed you from this room.")
            await self.close(code=CLOSE_UNKNOWN_IDENTITY)

    async def room_closed(self, event: dict) -> None:
        await self.send_message("The facilitator has closed this room. Thank you!", "info")
        await self.close(code=CLOSE_UNKNOWN_IDENTITY)

    # Helpers ---------------------------------------------------------------------------------

    async def send_message(self, text: str, level: str = "error") -> None:
        await self.send(text_data=live.live_message(text, level))

    @staticmethod
    def _parse(text_data: str | None) -> dict | None:
        if not text_data or len(text_data) > MAX_MESSAGE_BYTES:
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
