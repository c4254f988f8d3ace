"""What the finished demo workshop's rituals activities hold, put in through the services as the
room would (see workshops/demo.py): the vision statement, the norms, the ritual ideas and their
votes, the designed rituals, the ritual started in the room with its commitments, and the
first draft of the way of working."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from workshops.demo import DemoRoom, add_notes, vote_for
from workshops.models import Activity

from . import services
from .models import Pillar, Ritual
from .services import vision as vision_services


def program_day(offset: int) -> dt.date:
    """A day in the first month after the workshop, when the program starts."""
    today = timezone.localdate()
    return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1) + dt.timedelta(offset)


VISION_DRAFTS = [
    "Every customer of Acme knows one person who follows their case to the end, and every "
    "team can tell this week's customer story.",
    "We are the insurer customers recommend because we call back first, decide on the spot "
    "and never make them ask twice.",
]


def vision_statement(activity: Activity, room: DemoRoom) -> None:
    """Two groups draft, the room votes, the facilitator finalises the winner."""
    groups = vision_services.split_into_groups(activity, room.facilitator, 2)
    drafts = []
    for group, text in zip(groups, VISION_DRAFTS, strict=True):
        draft = group.vision_draft
        member = group.members.order_by("pk").first().participant
        drafts.append(vision_services.edit_draft(draft, member, text))
    vision_services.set_voting(activity, room.facilitator, True)
    for index, person in enumerate(room.people):
        vision_services.vote(drafts[0 if index % 3 else 1], person)
    vision_services.finalise(activity, room.facilitator, VISION_DRAFTS[0])


NORMS = [
    # (column: 0 helps customers, 1 gets in their way; text; pillar; belief; from → to)
    (0, "Claims handlers help each other out on busy days", "responsibility", "", ""),
    (0, "We tell each other about a customer who was surprised by us", "stories", "", ""),
    (
        1,
        "Meetings start with the numbers, never with a customer",
        "stories",
        "Numbers are the serious part of the job",
        "A customer story opens every meeting",
    ),
    (
        1,
        "A refund above 200 euros needs two signatures",
        "responsibility",
        "People cannot be trusted with money",
        "Front-line staff settle up to 1,000 euros on the spot",
    ),
    (
        1,
        "Complaints are handled by a separate team nobody talks to",
        "listening",
        "Complaints are noise",
        "Every team reads its complaints once a month",
    ),
    (
        1,
        "Projects start from the budget and the system",
        "way-of-working",
        "",
        "Projects start from the customer's goal and its metric",
    ),
]


def norms(activity: Activity, room: DemoRoom) -> None:
    """Norms in both columns, each with its pillar, the belief behind it and the shift wanted."""
    notes = add_notes(activity, room, [(column, text) for column, text, *_rest in NORMS])
    pillars = {pillar.slug: pillar for pillar in Pillar.objects.all()}
    for note, (_column, _text, pillar, belief, to_text) in zip(notes, NORMS, strict=True):
        services.add_norm_detail(note, by=room.facilitator, pillar=pillars[pillar], belief=belief)
        if to_text:
            services.make_norm_shift(activity, room.facilitator, "", to_text, note=note)
    vote_for(activity, room, notes, [[3, 2], [3], [2, 4], [3, 5], [2], [4, 3], [3], [5, 2]])


LIBRARY_IDEAS = [
    "customer-story-opens-the-meeting",
    "empty-chair-in-planning",
    "start-with-the-customers-goal",
    "executives-listen-in",
]
OWN_IDEAS = [
    "The close-the-loop call: the handler calls the customer when a claim is settled",
    "A customer's day in claims, acted out by the leadership team",
]


def ritual_ideas(activity: Activity, room: DemoRoom) -> None:
    """Library rituals and the room's own ideas on the board, then everyone's votes."""
    notes = []
    for index, slug in enumerate(LIBRARY_IDEAS):
        idea, _created = services.put_ritual_on_board(
            activity.workshop,
            participant=room.people[index],
            activity=activity,
            ritual=Ritual.objects.get(slug=slug),
        )
        notes.append(idea.note)
    notes += add_notes(activity, room, [(0, text) for text in OWN_IDEAS])
    ballots = [[0, 1, 4], [0, 2, 4], [1, 2, 0], [4, 0, 3], [2, 1], [0, 4, 5], [1, 2], [0, 4]]
    vote_for(activity, room, notes, ballots)


CANVASES = [
    # The four ideas with the most votes, in that order.
    {
        "cadence": "weekly",
        "owner": "Maria (CEO)",
        "first_date": 3,
        "success_signal": "Within three months every team meeting has opened with a story, "
        "and the stories name what the team changed.",
    },
    {
        "name": "The close-the-loop call",
        "pillar": "responsibility",
        "purpose": "Whoever settled a claim hears from the customer how it felt, and the team "
        "learns from it.",
        "cadence": "weekly",
        "participants": "Claims handlers, with their team lead once a month",
        "steps": "Call the customer within two days of settling\nAsk what we could have done "
        "better\nShare one answer in the Friday huddle",
        "owner": "Tom (Claims)",
        "first_date": 7,
        "success_signal": "Nine in ten settled claims get the call; repeat complaints halve.",
    },
    {
        "cadence": "weekly",
        "owner": "Jonas (IT)",
        "first_date": 10,
        "success_signal": "Decisions in the minutes say which customer they serve.",
    },
    {
        "cadence": "monthly",
        "owner": "Ravi (Product)",
        "first_date": 14,
        "success_signal": "Every plan of the quarter names the customer goal it serves.",
    },
]


def ritual_design(activity: Activity, room: DemoRoom) -> None:
    """The four best ideas go into design; the groups fill in their canvases."""
    ideas = activity.workshop.activities.get(kind="ritual_ideas")
    designed = services.promote_top_ideas(activity, room.facilitator, ideas, len(CANVASES))
    services.split_into_groups(activity, room.facilitator, len(designed))
    for ritual, canvas in zip(designed, CANVASES, strict=True):
        for field, value in canvas.items():
            if field == "first_date":
                value = program_day(value).isoformat()
            ritual = services.edit_canvas_field(
                ritual,
                by=room.facilitator,
                field=field,
                value=value,
                base_version=ritual.version_of(field),
            )


COMMITMENTS = [
    "I will open Monday's leadership meeting with a story from a claim I read",
    "I will bring one customer story to my team every week",
    "I will ask my sales team for their best customer story of the month",
    "I will collect stories from the support tickets and share two each week",
    "I will add a customer story to every new hire's first day",
    "I will tell the board one customer story before the numbers",
]


def start_ritual(activity: Activity, room: DemoRoom) -> None:
    """The room starts the ritual with the most votes and says what each one will do."""
    design = activity.workshop.activities.get(kind="ritual_design")
    chosen = design.designed_rituals.order_by("position").first()
    first = timezone.make_aware(dt.datetime.combine(program_day(3), dt.time(9, 0)))
    started = services.start_ritual(
        activity,
        room.facilitator,
        designed=chosen,
        first_occurrence=first,
        owner="Maria (CEO)",
        sponsor="The board",
    )
    for person, text in zip(room.people, COMMITMENTS, strict=False):
        services.commit_to_ritual(started, person, text)


WAY_OF_WORKING = [
    ("goals", "Every project names the customer goal it serves and the metric that shows it."),
    ("goals", "Customer effort and repeat contact sit beside cost on every dashboard."),
    ("insight", "Before we build, five customers try it; what they say decides what we change."),
    ("ownership", "Each customer journey has one owner in the leadership team."),
    ("rituals", "The weekly customer story and the close-the-loop call carry the year."),
]


def way_of_working(activity: Activity, room: DemoRoom) -> None:
    """The facilitator writes most lines; one suggestion from the room is accepted."""
    for section, text in WAY_OF_WORKING[:-1]:
        services.add_line(activity, room.facilitator, section, text)
    section, text = WAY_OF_WORKING[-1]
    suggestion = services.suggest_line(activity, room.people[6], section, text)
    services.accept_line(suggestion, room.facilitator)
