"""A kind that exists only in the tests: a show of hands, yes or no.

It is the worked example of "How to add an activity kind" (docs/architecture.md): it
registers itself like a module app would, and touches nothing in ``workshops/``. Its tally
lives in a dict rather than a table of its own, since a test package has no models; a real
kind writes to its app's models through a service before anything is broadcast.
"""

from __future__ import annotations

from collections import Counter

from django import forms
from django.template import engines

from workshops import kinds, services
from workshops.kinds import ActionContext, ActivityKind, ResultsSection, SocketAction
from workshops.live.updates import Outcome, RoomUpdate
from workshops.models import Activity, Participant, Workshop

KEY = "show_of_hands"
TALLY: dict[int, Counter] = {}
ANSWERS: dict[tuple[int, int], str] = {}
SET_UP: list[tuple[int, dict]] = []


def _template(source: str):
    return engines["django"].from_string(source)


PHONE = _template(
    '<h1>{{ activity.title }}</h1><form ws-send><input type="hidden" name="action" '
    'value="hands.raise"><button name="answer" value="yes">Yes</button>'
    '<button name="answer" value="no">No</button></form>'
)
PRESENTER = _template('<h1 class="hands">{{ activity.title }}</h1>{% include tally_template %}')
TALLY_FRAGMENT = _template(
    '<p id="hands-tally">yes {{ tally.yes|default:0 }} · no {{ tally.no|default:0 }}</p>'
)
MINE = _template(
    '<div id="me" class="me"><p id="my-hand">{{ answer|default:"no answer" }}</p></div>'
)
RESULTS = _template('<section class="card" id="hands-results">Hands: {{ results.tally }}</section>')


class RaiseHandMessage(forms.Form):
    answer = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"invalid_choice": "Answer yes or no.", "required": "Answer yes or no."},
    )


def setup(activity: Activity, item: dict) -> None:
    SET_UP.append((activity.pk, item))


def context(activity: Activity) -> dict:
    return {"tally": TALLY.get(activity.pk, Counter()), "tally_template": TALLY_FRAGMENT}


def personal(activity: Activity, participant: Participant) -> str:
    return MINE.render({"answer": ANSWERS.get((activity.pk, participant.pk))})


def raise_hand(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = ctx.workshop.current_activity
    if activity is None or activity.kind != KEY:
        raise services.ServiceError("There is no show of hands on screen.")
    if ctx.participant is None:
        raise services.ServiceError("Hands are for participants.")
    previous = ANSWERS.get((activity.pk, ctx.participant.pk))
    tally = TALLY.setdefault(activity.pk, Counter())
    if previous:
        tally[previous] -= 1
    tally[cleaned["answer"]] += 1
    ANSWERS[(activity.pk, ctx.participant.pk)] = cleaned["answer"]
    html = TALLY_FRAGMENT.render({"tally": tally})
    return Outcome(
        [RoomUpdate(ctx.workshop.pk, presenters=html)], reply=personal(activity, ctx.participant)
    )


def clear_hands(ctx: ActionContext, cleaned: dict) -> Outcome:
    activity = ctx.workshop.current_activity
    TALLY.pop(activity.pk, None)
    return Outcome([RoomUpdate(ctx.workshop.pk, presenters=TALLY_FRAGMENT.render({}))])


def results(workshop: Workshop, activities: list[Activity]) -> ResultsSection:
    tally = sum((TALLY.get(activity.pk, Counter()) for activity in activities), Counter())
    return ResultsSection(
        RESULTS,
        {"tally": dict(sorted(tally.items()))},
        notes=[{"activity": activities[0].title, "text": f"{k}: {v}"} for k, v in tally.items()],
    )


SHOW_OF_HANDS = ActivityKind(
    key=KEY,
    label="Show of hands",
    position=90,
    setup=setup,
    phone_partial=PHONE,
    presenter_partial=PRESENTER,
    context=context,
    personal=personal,
    results=results,
    actions={
        "hands.raise": SocketAction(RaiseHandMessage, raise_hand),
        "hands.clear": SocketAction(None, clear_hands, facilitator_only=True),
    },
)


def register() -> None:
    kinds.register(SHOW_OF_HANDS)


def unregister() -> None:
    kinds.unregister(KEY)
    TALLY.clear()
    ANSWERS.clear()
    SET_UP.clear()
