"""The room socket, ``/ws/rooms/<CODE>/``, for participants' phones and the presenter alike."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from . import languages, limits, live
from .live import Viewer, actions, presence
from .live.budget import SLOW_DOWN, MessageBudget
from .live.frames import frames
from .live.viewers import SIGNED_OUT, signed_out_group
from .services import ServiceError
from .services.errors import SignedOut

CLOSE_UNKNOWN_IDENTITY = 4403
# "Try again later": the htmx ws extension reconnects after its back-off.
CLOSE_TRY_AGAIN_LATER = 1013
TOO_MANY_SOCKETS = gettext_noop("Too many connections from this network. Retrying in a moment…")


def _identify(scope: dict, code: str, language: str) -> Viewer | str | None:
    """Who is on the socket, or the refusal when this address opened too many sockets.
    ``language``: what the phone's browser asks for (a presenter speaks the workshop's)."""
    if limits.exceeded(limits.SocketRequest(scope), limits.SOCKET_OPENS):
        return gettext(TOO_MANY_SOCKETS)
    return live.identify_viewer(code, scope.get("user"), scope.get("cookies", {}), language)


logger = logging.getLogger(__name__)


def page_version(scope: dict) -> int | None:
    """The stage version of the room page that opened this socket (``?stage=``), if any."""
    value = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("stage", [""])[0]
    return int(value) if value.isascii() and value.isdigit() and len(value) < 20 else None


class RoomConsumer(AsyncWebsocketConsumer):
    """Joins the room's group, sends a snapshot, then carries actions in and fragments out.

    The consumer holds no state beyond who is on the socket: every action is checked and
    written by a service before anything is broadcast.
    """

    viewer: Viewer | None = None
    messages_sent = 0
    # A phone's socket counted in the room's presence, and not yet counted out.
    counted = False

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            if self.counted:  # ended without a disconnect: a failure, or the task cancelled
                presence.dropped(self.channel_name)

    async def connect(self) -> None:
        # Accept before any database work: in a join storm that work queues, and daphne drops
        # handshakes not accepted within seconds. Accepting first also lets the browser see the
        # close code below and stop retrying.
        await self.accept()
        code = self.scope["url_route"]["kwargs"]["code"]
        # The phone's language until the room is known (its refusals are said in it too).
        language = languages.from_scope(self.scope)
        translation.activate(language)
        viewer = await database_sync_to_async(_identify)(self.scope, code, language)
        if isinstance(viewer, str):
            await self.send_message(viewer, "info")
            await self.close(code=CLOSE_TRY_AGAIN_LATER)
            return
        self.viewer = viewer
        self.budget = MessageBudget()
        if self.viewer is None:
            await self.close(code=CLOSE_UNKNOWN_IDENTITY)
            return
        # For the rest of this socket's task: what it renders and says, in its language.
        # database_sync_to_async carries it into the sync thread (a context variable).
        translation.activate(self.viewer.language)
        await self.channel_layer.group_add(self.viewer.group, self.channel_name)
        if self.viewer.session_key:
            await self.channel_layer.group_add(
                signed_out_group(self.viewer.session_key), self.channel_name
            )
        await presence.start()
        self.counted = self.viewer.participant_id is not None
        if self.counted:
            presence.arrived(self.viewer.participant_id, self.channel_name)
        snapshot = await database_sync_to_async(live.snapshot)(
            self.viewer, self.base_url, page_version(self.scope)
        )
        await self.send(text_data=snapshot)
        if self.counted:
            presence.announce(self.viewer.workshop_id)

    async def dispatch(self, message: dict) -> None:
        """Channels' dispatch, without its trip to the sync thread before every message.

        Every database call here goes through ``database_sync_to_async``, which closes stale
        connections itself; the extra round trip per message and per screen was a fifth of
        the server's time when one note went out to 500 phones.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def disconnect(self, code: int) -> None:
        if self.viewer is None:
            return
        await self.channel_layer.group_discard(self.viewer.group, self.channel_name)
        if self.viewer.session_key:
            await self.channel_layer.group_discard(
                signed_out_group(self.viewer.session_key), self.channel_name
            )
        if self.counted:
            presence.left(self.channel_name)
            self.counted = False
            presence.announce(self.viewer.workshop_id)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.viewer is None:
            return
        if not self.budget.spend():
            # Dropped unread; a note in the outbox is sent again after a pause.
            data = actions.read_message(text_data) or {}
            await self.send(
                text_data=live.live_message(
                    gettext(SLOW_DOWN), "error", "", actions.outbox_client_id(data)
                )
            )
            return
        data = actions.read_message(text_data)
        if data is None or actions.find_action(data["action"]) is None:
            await self.send_message(gettext(actions.UNKNOWN_ACTION))
            return
        try:
            outcome = await database_sync_to_async(actions.run)(self.viewer, data, self.base_url)
        except SignedOut:
            await self.room_signed_out({})
            return
        except ServiceError as error:
            # Any outbox message (a note, or a kind's own note action) carries its client_id.
            await self.send_message(str(error), rejected_client_id=actions.echoed_client_id(data))
            return
        except actions.NotSavedYet as error:
            # Not a refusal: the phone keeps the note in its outbox and sends it again.
            await self.send(text_data=live.live_message(str(error), "error", "", error.client_id))
            return
        except Exception:
            # A bug, or the database gone for a moment: the sender hears it, the socket stays.
            logger.exception("Room socket: action %r failed", data["action"])
            await self.send_message(gettext(actions.FAILED))
            return
        if outcome.reply:
            await self.send(text_data=outcome.reply)
        for update in outcome.updates:
            await live.asend(update)

    # Group events ------------------------------------------------------------------------------

    async def room_html(self, event: dict) -> None:
        language = self.viewer.language if self.viewer else settings.LANGUAGE_CODE
        await self.send(text_data=live.for_language(event["html"], language))
        if event.get("refresh") and self.viewer is not None:
            mine = await database_sync_to_async(live.personal_for)(self.viewer)
            if mine:
                await self.send(text_data=mine)

    async def room_removed(self, event: dict) -> None:
        if self.viewer is not None and self.viewer.participant_id == event["participant"]:
            await self.send_message(gettext("The facilitator has removed you from this room."))
            await self.close(code=CLOSE_UNKNOWN_IDENTITY)

    async def room_signed_out(self, event: dict) -> None:
        await self.send_message(gettext(SIGNED_OUT))
        await self.close(code=CLOSE_UNKNOWN_IDENTITY)

    async def room_closed(self, event: dict) -> None:
        await self.send_message(gettext("The facilitator has closed this room. Thank you!"), "info")
        await self.close(code=CLOSE_UNKNOWN_IDENTITY)

    # Helpers ---------------------------------------------------------------------------------

    async def send(
        self, text_data: str | None = None, bytes_data: bytes | None = None, close: bool = False
    ) -> None:
        """Every message within the websocket frame limit: a long one goes out in parts."""
        if text_data is not None:
            self.messages_sent += 1
            *parts, text_data = frames(text_data, str(self.messages_sent))
            for part in parts:
                await super().send(text_data=part)
        await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    async def send_message(
        self, text: str, level: str = "error", rejected_client_id: str = ""
    ) -> None:
        await self.send(text_data=live.live_message(text, level, rejected_client_id))

    @property
    def base_url(self) -> str:
        if settings.PUBLIC_URL:
            return settings.PUBLIC_URL
        headers = dict(self.scope.get("headers", []))
        host = headers.get(b"host", b"localhost").decode("latin-1")
        scheme = "https" if self.scope.get("scheme") == "wss" else "http"
        return f"{scheme}://{host}"
