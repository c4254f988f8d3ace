"""The room's socket actions: one table, the core's own actions plus every kind's.

Every action goes through the same preamble (``run``): the sender's fresh rows, the
facilitator check for the facilitator's controls, the form that validates the message; then
its handler calls a service and says what every screen should show (an ``Outcome``). Handlers
run in a worker thread, called by the consumer through ``database_sync_to_async``.
"""

from __future__ import annotations

from django import forms as django_forms

from .. import forms, kinds, services
from ..kinds import ActionContext, SocketAction
from ..services import ServiceError
from .updates import Outcome, removal_update, stage_update, timer_update
from .viewers import Viewer

UNKNOWN_ACTION = "That did not work: the app sent something it cannot read."


def _is_valid_unicode(value: object) -> bool:
    """No lone UTF-16 surrogate (a JSON escape can carry one; no database stores it)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
    elif isinstance(value, list):
        return all(_is_valid_unicode(item) for item in value)
    elif isinstance(value, dict):
        return all(_is_valid_unicode(k) and _is_valid_unicode(v) for k, v in value.items())
    return True


def _as_posted(field: django_forms.Field, value: object) -> object:
    """A message field as a posted form carries it: text. A number or a boolean becomes its
    text (a date field cannot read a number); a list stays only where the field takes several
    values, and a list or an object anywhere else is no value the field can read (it answers
    with its own message)."""
    several = (django_forms.MultipleChoiceField, django_forms.ModelMultipleChoiceField)
    if isinstance(value, list) and isinstance(field, several):
        return [_as_posted(django_forms.Field(), item) for item in value]
    if isinstance(value, list | dict):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return value


def clean_message(form_class: type[django_forms.Form] | None, data: dict) -> dict:
    """Validate a socket message with a form; the first error becomes the person's message.

    Django's form fields expect what a browser posts; the message's fields are turned into
    that first, and text that is not valid unicode is refused before a field or the database
    trips over it.
    """
    if form_class is None:
        return {}
    fields = form_class.base_fields
    if not all(_is_valid_unicode(data.get(name)) for name in fields):
        raise ServiceError(UNKNOWN_ACTION)
    form = form_class(
        {name: _as_posted(field, data[name]) for name, field in fields.items() if name in data}
    )
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
