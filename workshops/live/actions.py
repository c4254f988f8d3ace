"""The room's socket actions: one table, the core's own actions plus every kind's.

Every action goes through the same preamble (``run``): the sender's fresh rows, the
facilitator check for the facilitator's controls, the form that validates the message; then
its handler calls a service and says what every screen should show (an ``Outcome``). Handlers
run in a worker thread, called by the consumer through ``database_sync_to_async``.
"""

from __future__ import annotations

import functools
import logging
import re

from django import forms as django_forms
from django.db import InterfaceError, OperationalError

from .. import forms, kinds, services
from ..kinds import ActionContext, SocketAction
from ..services import ServiceError
from .updates import Outcome, removal_update, stage_update, timer_update
from .viewers import Viewer

UNKNOWN_ACTION = "That did not work: the app sent something it cannot read."
NOT_SAVED_YET = (
    "Not saved yet: the room's server cannot save just now. "
    "Your note stays on this phone and is sent again by itself."
)
NOT_DONE_YET = "Not saved yet: the room's server cannot save just now. Try again in a moment."
CLIENT_ID = re.compile(r"[0-9A-Za-z_-]{8,64}")  # as NoteAddMessage.client_id

logger = logging.getLogger(__name__)


class NotSavedYet(Exception):
    """The database could not take the change just now (locked, restarting, unreachable).

    Unlike a refusal, nothing was wrong with the message: the phone keeps an outbox entry
    (``client_id``) and sends it again, and the unique ``client_id`` saves it once.
    """

    def __init__(self, client_id: str) -> None:
        self.client_id = client_id
        super().__init__(NOT_SAVED_YET if client_id else NOT_DONE_YET)


def outbox_client_id(data: dict) -> str:
    """The message's outbox ``client_id``, if it is one the phone can have made."""
    value = data.get("client_id")
    return value if isinstance(value, str) and CLIENT_ID.fullmatch(value) else ""


def retryable_when_the_database_is_down(run_action):
    """A database that cannot be reached or written just now becomes ``NotSavedYet``.

    Only the transient errors: a locked SQLite file, PostgreSQL refusing or dropping the
    connection. Integrity or programming errors are not worth sending again.
    """

    @functools.wraps(run_action)
    def run_or_not_saved_yet(viewer: Viewer, data: dict, base_url: str) -> Outcome:
        try:
            return run_action(viewer, data, base_url)
        except (OperationalError, InterfaceError) as error:
            logger.warning("Not saved yet (%s): the database said %s", data.get("action"), error)
            raise NotSavedYet(outbox_client_id(data)) from error

    return run_or_not_saved_yet


def clean_message(form_class: type[django_forms.Form] | None, data: dict) -> dict:
    """Validate a socket message with a form; the first error becomes the person's message."""
    if form_class is None:
        return {}
    form = form_class(data)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        raise ServiceError(first)
    return form.cleaned_data


def goto_activity(ctx: ActionContext, cleaned: dict) -> Outcome:
    services.goto_activity(ctx.workshop, ctx.user, cleaned["activity"])
    return Outcome([stage_update(ctx.workshop, ctx.base_url)])


def _step(offset: int):
    def handler(ctx: ActionContext, cleaned: dict) -> Outcome:
        services.step_activity(ctx.workshop, ctx.user, offset)
        ctx.workshop.refresh_from_db()
        return Outcome([stage_update(ctx.workshop, ctx.base_url)])

    return handler


def remove_participant(ctx: ActionContext, cleaned: dict) -> Outcome:
    participant = services.remove_participant(ctx.workshop, ctx.user, cleaned["participant"])
    return Outcome([removal_update(ctx.workshop, participant)])


def start_timer(ctx: ActionContext, cleaned: dict) -> Outcome:
    services.start_timer(ctx.workshop, ctx.user, seconds=cleaned["seconds"])
    return Outcome([timer_update(ctx.workshop)])


def stop_timer(ctx: ActionContext, cleaned: dict) -> Outcome:
    services.stop_timer(ctx.workshop, ctx.user)
    return Outcome([timer_update(ctx.workshop)])


CORE_ACTIONS: dict[str, SocketAction] = {
    "activity.goto": SocketAction(forms.GotoActivityMessage, goto_activity, True),
    "activity.next": SocketAction(None, _step(+1), True),
    "activity.previous": SocketAction(None, _step(-1), True),
    "participant.remove": SocketAction(forms.RemoveParticipantMessage, remove_participant, True),
    "timer.start": SocketAction(forms.TimerStartMessage, start_timer, True),
    "timer.stop": SocketAction(None, stop_timer, True),
}


def find_action(name: object) -> SocketAction | None:
    if not isinstance(name, str):
        return None
    if name in CORE_ACTIONS:
        return CORE_ACTIONS[name]
    return kinds.find_socket_action(name)


@retryable_when_the_database_is_down
def run(viewer: Viewer, data: dict, base_url: str) -> Outcome:
    """The shared preamble of every action, then its handler."""
    action = find_action(data.get("action"))
    if action is None:
        raise ServiceError(UNKNOWN_ACTION)
    workshop, participant, user = viewer.load()
    if action.facilitator_only and not viewer.is_presenter:
        # Refused before the message is read: a participant's malformed control message is
        # answered with the refusal, not a validation message. The services check again.
        raise ServiceError(services.FACILITATOR_ONLY)
    cleaned = clean_message(action.form, data)
    return action.handler(ActionContext(workshop, participant, user, base_url), cleaned)
