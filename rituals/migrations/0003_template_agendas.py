"""The "Customer rituals" afternoon runs on the rituals module's activity kinds, and the full
day keeps its morning and then runs the same afternoon.

An item whose kind is not installed (the group design, if its module is missing) is skipped by
the core when a workshop is created from the template.
"""

from django.db import migrations
from django.utils.translation import gettext_noop

from rituals.content import FOUR_PILLARS, WHAT_CULTURE_IS

RITUALS, FULL_DAY = "customer-rituals", "full-customer-culture-day"
MORNING_ENDS_WITH = "Vision: two years from now"

DESCRIPTION = gettext_noop(
    "Take stock of today's norms pillar by pillar, pick rituals from the library or invent "
    "your own, vote, design the best ones in groups, start one before the room empties and "
    "draft a customer-centred way of working. About 3 hours."
)
OLD_DESCRIPTION = (
    "Take stock of today's norms, invent and vote on customer rituals, design the best ones "
    "and commit to one that starts tomorrow. About 3 hours."
)

WELCOME = {
    "kind": "lobby",
    "title": gettext_noop("Welcome"),
    "prompt": gettext_noop("Scan the code or type it on your phone. No account, no app."),
    "minutes": 5,
}

AFTERNOON = [
    {
        "kind": "explainer",
        "title": gettext_noop("What culture is"),
        "minutes": 10,
        "slides": WHAT_CULTURE_IS["slides"],
    },
    {
        "kind": "explainer",
        "title": gettext_noop("The four pillars"),
        "minutes": 10,
        "slides": FOUR_PILLARS["slides"],
    },
    {
        "kind": "norms",
        "title": gettext_noop("Our norms today"),
        "prompt": gettext_noop(
            "“The way we do things around here”: which habits help our customers, and "
            "which get in their way? Name the pillar each one touches, and the belief behind it "
            "if you can."
        ),
        "columns": [
            [gettext_noop("Helps customers"), "green"],
            [gettext_noop("Gets in their way"), "orange"],
        ],
        "settings": {"votes_per_person": 3, "hide_until_reveal": True},
        "minutes": 25,
    },
    {
        "kind": "ritual_library",
        "title": gettext_noop("The ritual library"),
        "prompt": gettext_noop(
            "Rituals other organisations keep, pillar by pillar. Put the ones worth "
            "trying here on the ideas board."
        ),
        "minutes": 10,
    },
    {
        "kind": "ritual_ideas",
        "title": gettext_noop("Invent customer rituals"),
        "prompt": gettext_noop(
            "A ritual is a small, repeated habit that keeps the customer in the room: a "
            "story at the start of every meeting, a call with a customer every week. Which rituals "
            "would change our norms? Add your own, then vote for the ones to design."
        ),
        "columns": [[gettext_noop("Ritual ideas"), "yellow"]],
        "settings": {"votes_per_person": 5, "multiple_votes_per_note": True},
        "minutes": 20,
    },
    {
        "kind": "ritual_design",
        "title": gettext_noop("Design the best rituals"),
        "prompt": gettext_noop(
            "In groups, one ritual each: its purpose, when it happens and how often, who "
            "takes part, the steps, its owner, its first date and how we know it works."
        ),
        "minutes": 40,
    },
    {
        "kind": "start_ritual",
        "title": gettext_noop("Start one ritual now"),
        "prompt": gettext_noop(
            "Which ritual do we start before we leave this room? Its first time is best "
            "right here, now: the first customer story, the first call."
        ),
        "minutes": 25,
    },
    {
        "kind": "way_of_working",
        "title": gettext_noop("Way of working, first draft"),
        "prompt": gettext_noop(
            "Which customer goals and metrics does every piece of work start from and "
            "end with? Suggest lines for the draft from your phone."
        ),
        "minutes": 25,
    },
    {
        "kind": "prompt",
        "title": gettext_noop("Wrap-up"),
        "prompt": gettext_noop("One sentence each: what will you do differently next week?"),
        "minutes": 10,
    },
]

OLD_AFTERNOON = [
    {
        "kind": "board",
        "title": "Our norms today",
        "prompt": "“The way we do things around here”: which habits help customers, and which "
        "get in their way?",
        "columns": [["Helps customers", "green"], ["Gets in their way", "orange"]],
        "settings": {"votes_per_person": 3, "hide_until_reveal": True},
        "minutes": 30,
    },
    {
        "kind": "board",
        "title": "Invent customer rituals",
        "prompt": "A ritual is a small, repeated habit that keeps the customer in the room: a "
        "story at the start of every meeting, a call with a customer every week. Which rituals "
        "would change our norms?",
        "columns": [["Ritual ideas", "yellow"]],
        "settings": {"votes_per_person": 5, "multiple_votes_per_note": True},
        "minutes": 45,
    },
    {
        "kind": "prompt",
        "title": "Design the best rituals",
        "prompt": "For each chosen ritual: who does it, when, how often, and how do we know it "
        "works?",
        "minutes": 60,
    },
    {
        "kind": "prompt",
        "title": "Commit to one ritual",
        "prompt": "Which ritual do we start tomorrow morning, and who makes sure it happens?",
        "minutes": 25,
    },
    {
        "kind": "prompt",
        "title": "Wrap-up",
        "prompt": "One sentence each: what will you do differently next week?",
        "minutes": 10,
    },
]


def _morning(agenda: list[dict]) -> list[dict]:
    """The full day's items up to and including the vision board."""
    titles = [item.get("title") for item in agenda]
    if MORNING_ENDS_WITH not in titles:
        return agenda
    return agenda[: titles.index(MORNING_ENDS_WITH) + 1]


def _set(apps, rituals_agenda, afternoon, description):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    rituals = WorkshopTemplate.objects.filter(slug=RITUALS).first()
    if rituals is not None:
        rituals.agenda = rituals_agenda
        rituals.description = description
        rituals.save(update_fields=["agenda", "description"])
    day = WorkshopTemplate.objects.filter(slug=FULL_DAY).first()
    if day is not None:
        day.agenda = _morning(day.agenda) + afternoon
        day.save(update_fields=["agenda"])


def run_the_afternoon(apps, schema_editor):
    _set(apps, [WELCOME, *AFTERNOON], AFTERNOON, DESCRIPTION)


def back_to_prompts(apps, schema_editor):
    welcome = {**WELCOME, "minutes": 10}
    _set(apps, [welcome, *OLD_AFTERNOON], OLD_AFTERNOON, OLD_DESCRIPTION)


class Migration(migrations.Migration):
    dependencies = [
        ("rituals", "0002_pillars_and_library"),
        ("workshops", "0008_explainer_and_package_in_templates"),
    ]

    operations = [migrations.RunPython(run_the_afternoon, back_to_prompts)]
