"""The finished demo workshop's results, put in through the services as a room would.

``manage.py seed_demo`` creates, beside the empty demo room, a workshop that has been run: the
people of ``DemoRoom`` joined, and each activity whose kind declares ``demo`` was filled by it
(ratings, notes, votes, ...). Kinds of other apps declare their own (rituals/demo.py), so the
core knows none of their activities.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from . import services
from .models import Activity, Participant, WorkshopDimension

# The leadership team of the demo client, as their phones named them.
PEOPLE = [
    "Maria (CEO)",
    "Tom (Claims)",
    "Aisha (Sales)",
    "Jonas (IT)",
    "Elena (HR)",
    "Pieter (Finance)",
    "Sofia (Customer service)",
    "Ravi (Product)",
]


@dataclass
class DemoRoom:
    """The facilitator running the demo workshop and the people in its room."""

    facilitator: AbstractBaseUser
    people: list[Participant]

    def client_id(self, activity: Activity, index: int) -> str:
        return f"demo-{activity.pk}-{index}"


def add_notes(activity: Activity, room: DemoRoom, notes: list[tuple[int, str]]) -> list:
    """``(column index, text)`` pairs, written by the people in turn."""
    columns = list(activity.columns.all())
    added = []
    for index, (column, text) in enumerate(notes):
        note, _created = services.add_note(
            activity.workshop,
            participant=room.people[index % len(room.people)],
            activity_id=activity.pk,
            column_id=columns[column].pk,
            text=text,
            client_id=room.client_id(activity, index),
        )
        added.append(note)
    return added


def vote_for(activity: Activity, room: DemoRoom, notes: list, ballots: list[list[int]]) -> None:
    """Reveal the board and let person *i* vote for the notes at ``ballots[i]``."""
    services.reveal_board(activity.workshop, room.facilitator, activity.pk)
    for person, picks in zip(room.people, ballots, strict=False):
        for pick in picks:
            services.vote(activity.workshop, participant=person, note_id=notes[pick].pk)


def paradigm(activity: Activity, room: DemoRoom) -> None:
    """Everyone rates every dimension: today mostly product-centred, the target customer-centred;
    the stories and listening dimensions lag most, so the gaps differ."""
    lag = {"stories": 1, "listening": 2, "responsibility": 0, "way-of-working": 1}
    for index, dimension in enumerate(activity.dimensions.all()):
        behind = lag.get(getattr(dimension, "pillar", ""), 0)
        for rater, person in enumerate(room.people):
            today = max(1, 4 - behind - index % 2 + (index + rater) % 3 - 1)
            target = max(today, min(7, 4 + index % 3 + (rater + index) % 2 + rater % 3 // 2))
            services.set_rating(
                activity.workshop,
                participant=person,
                activity_id=activity.pk,
                dimension_id=dimension.pk,
                today=today,
                target=target,
            )


MIXED_SIGNALS = [
    # (dimension name, what leaders say, what the system does instead)
    (
        "Rewards and incentives",
        "The customer comes first",
        "Bonuses pay for policies sold, not for customers kept",
    ),
    (
        "Metrics and KPIs",
        "We want happy customers",
        "The weekly dashboard shows cost per claim and nothing a customer feels",
    ),
    (
        "Decision making",
        "Everyone may do the right thing for a customer",
        "A refund over 200 euros needs two signatures",
    ),
    (
        "Budget planning",
        "Customer experience is a priority this year",
        "The budget is set per department before anyone looks at the customer journey",
    ),
]


def mixed_signals(activity: Activity, room: DemoRoom) -> None:
    """Pairs of what leaders say and what the system does, each on its paradigm dimension
    (only on a board that asks for the dimension: a plain board stays empty)."""
    if not activity.ask_dimension:
        return
    column = activity.columns.first()
    dimensions = {
        dimension.name: dimension
        for dimension in WorkshopDimension.objects.filter(activity__workshop=activity.workshop)
    }
    for index, (name, says, does) in enumerate(MIXED_SIGNALS):
        dimension = dimensions.get(name)
        services.add_note(
            activity.workshop,
            participant=room.people[index],
            activity_id=activity.pk,
            column_id=column.pk,
            text=says,
            system_does=does,
            dimension_id=dimension.pk if dimension else None,
            client_id=room.client_id(activity, index),
        )


VISION = [
    (0, "Customers see one named person who follows their claim to the end"),
    (0, "Customers see their claim's status on their phone, in plain words"),
    (1, "Customers feel that we were on their side when something went wrong"),
    (1, "Customers feel known: nobody asks them the same question twice"),
    (2, "Customers say: they called me back before I had to chase them"),
    (2, "Customers say: it was easier than I feared"),
    (3, "We do every day: a customer story opens every team meeting"),
    (3, "We do every day: front-line staff settle small claims on the spot"),
    (3, "We do every day: every change starts from the customer's goal"),
]


def vision_board(activity: Activity, room: DemoRoom) -> None:
    """Notes in every column of the vision board, and the room's votes."""
    notes = add_notes(activity, room, VISION)
    vote_for(activity, room, notes, [[0, 2, 7], [0, 4], [2, 7], [0, 6], [7], [2, 4], [0], [8]])
