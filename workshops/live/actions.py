"""The room's socket actions: one table, the core's own actions plus every kind's.

Every action goes through the same preamble (``run``): the sender's fresh rows, the
facilitator check for the facilitator's controls, the form that validates the message; then
its handler calls a service and says what every screen should show (an ``Outcome``). Handlers
run in a worker thread, called by the consumer through ``database_sync_to_async``.
"""

from __future__ import annotations

import functools
import json
import logging
import re

from django import forms as django_forms
from django.db import InterfaceError, OperationalError
from django.http import QueryDict
from django.utils.translation import gettext, gettext_noop

from .. import forms, kinds, services
from ..kinds import ActionContext, SocketAction
from ..services import ServiceError
from .updates import Outcome, removal_update, stage_update, timer_update
from .viewers import Viewer

# Answers in English (tests compare them); translated where sent.
UNKNOWN_ACTION = gettext_noop("That did not work: the app sent something it cannot read.")
NOT_SAVED_YET = gettext_noop(
    "Not saved yet: the room's server cannot save just now. "
    "Your note stays on this phone and is sent again by itself."
)
NOT_DONE_YET = gettext_noop(
    "Not saved yet: the room's server cannot save just now. Try again in a moment."
)
CLIENT_ID = re.compile(r"[0-9A-Za-z_-]{8,64}")  # as NoteAddMessage.client_id

logger = logging.getLogger(__name__)


class NotSavedYet(Exception):
    """The database could not take the change just now (locked, restarting, unreachable).

    Unlike a refusal, nothing was wrong with the message: the phone keeps an outbox entry
    (``client_id``) and sends it again, and the unique ``client_id`` saves it once.
    """

    def __init__(self, client_id: str) -> None:
        self.client_id = client_id
        super().__init__(gettext(NOT_SAVED_YET if client_id else NOT_DONE_YET))


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


FAILED = gettext_noop("That did not work. Please try again in a moment.")

MAX_MESSAGE_BYTES = 16_000
# A form posted by htmx is a flat object; a kind's field may hold a list. Deeper is not ours.
MAX_NESTING = 4


def read_message(text_data: str | None) -> dict | None:
    """A socket message as a dict with a string ``action``; None for anything else.

    Refused before any form sees it: more than the size limit, not JSON, nested deeper than a
    form could send (JSON of thousands of brackets raises RecursionError), or text that is not
    valid unicode (a lone surrogate could not even be echoed back in an answer).
    """
    if not text_data or len(text_data.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES:
        return None
    try:
        data = json.loads(text_data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("action"), str):
        return None
    if not _plain(data):
        return None
    return data


def _plain(data: dict) -> bool:
    """No deeper than MAX_NESTING, and every string valid unicode (no lone surrogates)."""
    pending: list[tuple[object, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if not _encodable(value):
                return False
        elif isinstance(value, dict | list):
            if depth > MAX_NESTING:
                return False
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and not _encodable(key):
                    return False
                pending.append((item, depth + 1))
    return True


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def echoed_client_id(data: dict) -> str:
    """The message's ``client_id`` as the refusal carries it back (escaped by the template):
    text only, at most 64 characters; ``read_message`` already refused invalid unicode."""
    value = data.get("client_id")
    return value[:64] if isinstance(value, str) else ""


def form_data(form_class: type[django_forms.Form], data: dict) -> QueryDict:
    """The message as a posted form would carry it: strings, several only where a field
    takes several.

    Forms are written for posts, so a JSON ``true`` or a number reaches them as the text a
    post would carry, and a null as a field left out. A list or an object where the field
    takes one value is no value it can read: it gets an empty one, so a required field
    answers with its own message. Keys no field knows (htmx's ``HEADERS``) are ignored.
    """
    posted = QueryDict(mutable=True)
    for name, field in form_class.base_fields.items():
        if name not in data:
            continue
        value = data[name]
        several = isinstance(field.widget, django_forms.MultipleHiddenInput) or getattr(
            field.widget, "allow_multiple_selected", False
        )
        values = value if several and isinstance(value, list) else [value]
        strings = [_as_posted(item) for item in values if item is not None]
        posted.setlist(name, [item if item is not None else "" for item in strings])
    return posted


def _as_posted(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return None


def clean_message(form_class: type[django_forms.Form] | None, data: dict) -> dict:
    """Validate a socket message with a form; the first error becomes the person's message."""
    if form_class is None:
        return {}
    form = form_class(form_data(form_class, data))
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        raise ServiceError(first)
    return form.cleaned_data


def goto_activity(ctx: ActionContext, cleaned: dict) -> Outcome:
    services.goto_activity(ctx.workshop, ctx.user, cleaned["activity"])
    return Outcome([stage_update(ctx.workshop, ctx.base_url)])


def _step(offset: int, *, skip_steps: bool = False):
    def handler(ctx: ActionContext, cleaned: dict) -> Outcome:
        services.step_activity(ctx.workshop, ctx.user, offset, skip_steps=skip_steps)
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
    # Past the rest of an activity's own steps (slides, dimensions) to the next activity.
    "activity.skip": SocketAction(None, _step(+1, skip_steps=True), True),
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
        raise ServiceError(gettext(UNKNOWN_ACTION))
    workshop, participant, user = viewer.load()
    if action.facilitator_only and not viewer.is_presenter:
        # Refused before the message is read: a participant's malformed control message is
        # answered with the refusal, not a validation message. The services check again.
        raise ServiceError(gettext(services.FACILITATOR_ONLY))
    cleaned = clean_message(action.form, data)
    outcome = action.handler(ActionContext(workshop, participant, user, base_url), cleaned)
    for update in outcome.updates:
        update.localise()
    return outcome
