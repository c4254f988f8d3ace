"""The three workshop templates a facilitator starts from (edit them in the admin)."""

from django.db import migrations
from django.utils.translation import gettext_noop

WELCOME = {
    "kind": "lobby",
    "title": gettext_noop("Welcome"),
    "prompt": gettext_noop("Scan the code or type it on your phone. No account, no app."),
}
WHY = {
    "kind": "prompt",
    "title": "Why customer culture?",
    "prompt": "Think of a company whose customers love it. What do its people do every day "
    "that others don't?",
}
PARADIGMS = {
    "kind": "paradigm",
    "title": gettext_noop("Two paradigms, dimension by dimension"),
    "prompt": gettext_noop(
        "Product-centred: we make great things and find buyers for them. "
        "Customer-centred: we start from the customer's goals and build what serves them. "
        "On each dimension: where are we today, and where do we want to be?"
    ),
    "dimensions": "all",
}
GAPS = {
    "kind": "gaps",
    "title": gettext_noop("Where the gaps are"),
    "prompt": gettext_noop(
        "The biggest gaps and the places where we disagree most are where the "
        "conversation should go."
    ),
}
MIXED = {
    "kind": "board",
    "title": gettext_noop("Mixed signals"),
    "prompt": gettext_noop(
        "Where do leaders say “customer first” while a system, process or reward "
        "says something else?"
    ),
    "columns": [
        [gettext_noop("Leaders say"), "blue"],
        [gettext_noop("But the system says"), "orange"],
    ],
    "settings": {"votes_per_person": 3, "ask_dimension": True},
}
VISION = {
    "kind": "board",
    "title": gettext_noop("Vision: two years from now"),
    "prompt": gettext_noop(
        "It is two years from now and we are truly customer-centric. What do customers "
        "see, feel and say? What do we do every day?"
    ),
    "columns": [
        [gettext_noop("Customers see"), "yellow"],
        [gettext_noop("Customers feel"), "pink"],
        [gettext_noop("Customers say"), "blue"],
        [gettext_noop("We do every day"), "green"],
    ],
    "settings": {"votes_per_person": 3, "allow_pictures": True},
}
NORMS = {
    "kind": "board",
    "title": "Our norms today",
    "prompt": "“The way we do things around here”: which habits help customers, and which "
    "get in their way?",
    "columns": [["Helps customers", "green"], ["Gets in their way", "orange"]],
    "settings": {"votes_per_person": 3, "hide_until_reveal": True},
}
RITUALS = {
    "kind": "board",
    "title": "Invent customer rituals",
    "prompt": "A ritual is a small, repeated habit that keeps the customer in the room: "
    "a story at the start of every meeting, a call with a customer every week. "
    "Which rituals would change our norms?",
    "columns": [["Ritual ideas", "yellow"]],
    "settings": {"votes_per_person": 5, "multiple_votes_per_note": True},
}
DESIGN = {
    "kind": "prompt",
    "title": "Design the best rituals",
    "prompt": "For each chosen ritual: who does it, when, how often, and how do we know it works?",
}
COMMIT = {
    "kind": "prompt",
    "title": "Commit to one ritual",
    "prompt": "Which ritual do we start tomorrow morning, and who makes sure it happens?",
}
WRAP_UP = {
    "kind": "prompt",
    "title": gettext_noop("Wrap-up"),
    "prompt": gettext_noop("One sentence each: what will you do differently next week?"),
}

TEMPLATES = [
    {
        "slug": "understand-customer-culture",
        "name": gettext_noop("Understand customer culture"),
        "description": gettext_noop(
            "Compare the product-centred and the customer-centred paradigm, rate "
            "where you stand, and build a vision of a customer-centric organisation. About 3 hours."
        ),
        "agenda": [WELCOME, WHY, PARADIGMS, GAPS, MIXED, VISION, WRAP_UP],
    },
    {
        "slug": "customer-rituals",
        "name": gettext_noop("Customer rituals"),
        "description": gettext_noop(
            "Take stock of today's norms, invent and vote on customer rituals, "
            "design the best ones and commit to one that starts tomorrow. About 3 hours."
        ),
        "agenda": [WELCOME, NORMS, RITUALS, DESIGN, COMMIT, WRAP_UP],
    },
    {
        "slug": "full-customer-culture-day",
        "name": gettext_noop("Full customer-culture day"),
        "description": gettext_noop(
            "Both halves in one day: understand customer culture in the morning, "
            "build the ritual program in the afternoon."
        ),
        "agenda": [
            WELCOME,
            WHY,
            PARADIGMS,
            GAPS,
            MIXED,
            VISION,
            NORMS,
            RITUALS,
            DESIGN,
            COMMIT,
            WRAP_UP,
        ],
    },
]


def add_templates(apps, schema_editor):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    for position, template in enumerate(TEMPLATES):
        WorkshopTemplate.objects.update_or_create(
            slug=template["slug"], defaults={**template, "position": position}
        )


def remove_templates(apps, schema_editor):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    WorkshopTemplate.objects.filter(slug__in=[t["slug"] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_initial")]

    operations = [migrations.RunPython(add_templates, remove_templates)]
