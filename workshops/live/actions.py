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


def _is_text_or_number(value: object) -> bool:
    if isinstance(value, str):
        # A JSON string escape can carry half of a UTF-16 pair, which no database stores.
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    return value is None or isinstance(value, bool | int | float)


def _is_form_value(field: django_forms.Field, value: object) -> bool:
    """What a page's form can send for a field: text (valid unicode), a number, a boolean or
    nothing; a list of those only for a field that takes several values."""
    several = (django_forms.MultipleChoiceField, django_forms.ModelMultipleChoiceField)
    if isinstance(value, list) and isinstance(field, several):
        return all(_is_text_or_number(item) for item in value)
    return _is_text_or_number(value)


def _as_posted(value: object) -> object:
    """A JSON number or boolean as the text a posted form carries (a date field cannot read
    a number, a browser never sends one)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return [_as_posted(item) for item in value]
    return value


def clean_message(form_class: type[django_forms.Form] | None, data: dict) -> dict:
    """Validate a socket message with a form; the first error becomes the person's message.

    Django's form fields expect what a browser posts: a field holding an object, a nested list
    or broken unicode is refused here, before a field trips over it.
    """
    if form_class is None:
        return {}
    fields = form_class.base_fields
    if not all(_is_form_value(field, data.get(name)) for name, field in fields.items()):
        raise ServiceError(UNKNOWN_ACTION)
    form = form_class({name: _as_posted(data[name]) for name in fields if name in data})
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
