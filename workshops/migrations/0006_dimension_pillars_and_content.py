"""Pillars, planned durations and mixed signals as pairs; the dimension library rewritten.

Schema: a pillar on every dimension, a planned duration on every agenda item, and the second
half of a mixed-signals note ("what the system does instead").

Content: each side of a dimension is one claim a person can rate. The product-centred side is
written as the coherent, sensible system it is (it is how most successful companies were built),
so a leadership team recognises itself rather than feeling judged. Library rows are updated by
slug; workshops keep their own copies of the texts, and only gain the pillar of their source.
"""

import django.core.validators
from django.db import migrations, models
from django.utils.translation import gettext_noop

PILLAR_CHOICES = [
    ("stories", gettext_noop("Sharing customer stories")),
    ("listening", gettext_noop("Listening to customers")),
    ("responsibility", gettext_noop("Shared responsibility")),
    ("way-of-working", gettext_noop("Way of working")),
]

# In deck order. Slugs of dimensions that existed before stay as they were: templates name them.
DIMENSIONS = [
    {
        "slug": "purpose-and-strategy",
        "name": gettext_noop("Purpose and strategy"),
        "pillar": "way-of-working",
        "product_centred": gettext_noop(
            "Our strategy sets out which products we will grow and which markets we will win, "
            "because that is where the revenue comes from."
        ),
        "customer_centred": gettext_noop(
            "Our strategy starts from the customer problems we choose to solve better than "
            "anyone else."
        ),
        "question": gettext_noop(
            "If a customer read our strategy, would they recognise themselves in it?"
        ),
    },
    {
        "slug": "structure",
        "name": gettext_noop("Structure"),
        "pillar": "responsibility",
        "product_centred": gettext_noop(
            "Teams are organised by product, channel or function, which builds deep expertise "
            "in each."
        ),
        "customer_centred": gettext_noop(
            "Teams are organised around customer journeys, so one team owns each journey from "
            "start to finish."
        ),
        "question": gettext_noop("When a customer's problem crosses two departments, who owns it?"),
    },
    {
        "slug": "leadership-behaviour",
        "name": gettext_noop("Leadership behaviour"),
        "pillar": "stories",
        "product_centred": gettext_noop(
            "Leaders spend their time on plans, budgets and targets, and trust the front line "
            "with customer contact."
        ),
        "customer_centred": gettext_noop(
            "Leaders meet customers regularly and retell what they heard in their own meetings."
        ),
        "question": gettext_noop(
            "When did each of us last speak to a customer directly, and who did we tell?"
        ),
    },
    {
        "slug": "decision-making",
        "name": gettext_noop("Decision making"),
        "pillar": "responsibility",
        "product_centred": gettext_noop(
            "Big decisions are weighed on cost, margin and feasibility, the figures the "
            "business can rely on."
        ),
        "customer_centred": gettext_noop(
            "Every big decision states up front what it will change for customers."
        ),
        "question": gettext_noop(
            "Think of our last big decision: who in the room spoke for the customer?"
        ),
    },
    {
        "slug": "c-level-ownership",
        "name": gettext_noop("Ownership of the customer at the top"),
        "pillar": "responsibility",
        "product_centred": gettext_noop(
            "Each division head answers for the customers of their own products or channels."
        ),
        "customer_centred": gettext_noop(
            "One member of the executive team answers for the whole customer experience, "
            "across every department."
        ),
        "question": gettext_noop(
            "If a customer's problem involved three of our departments, which executive would "
            "it end up with?"
        ),
    },
    {
        "slug": "customer-stories-and-language",
        "name": gettext_noop("Customer stories and language"),
        "pillar": "stories",
        "product_centred": gettext_noop(
            "We describe customers in numbers (accounts, segments, volumes), which makes a "
            "large business manageable."
        ),
        "customer_centred": gettext_noop(
            "We talk about customers as people, by name and situation."
        ),
        "question": gettext_noop(
            "Who can tell a customer story from this week, and how did it end?"
        ),
    },
    {
        "slug": "customer-feedback",
        "name": gettext_noop("Customer feedback"),
        "pillar": "listening",
        "product_centred": gettext_noop(
            "Each complaint is resolved and closed case by case, so no customer is left waiting."
        ),
        "customer_centred": gettext_noop(
            "Feedback is used to find and remove the causes, so the same complaint does not "
            "come back."
        ),
        "question": gettext_noop(
            "What is the last thing we changed because a customer told us to?"
        ),
    },
    {
        "slug": "systems-and-data",
        "name": gettext_noop("Systems and data"),
        "pillar": "listening",
        "product_centred": gettext_noop(
            "Customer data is held in each product's or channel's own system, built for the job "
            "that department does."
        ),
        "customer_centred": gettext_noop(
            "Anyone serving a customer can see that customer's whole history with us in one place."
        ),
        "question": gettext_noop(
            "How many screens does it take to see everything one customer has done with us?"
        ),
    },
    {
        "slug": "product-and-service-development",
        "name": gettext_noop("Developing products and services"),
        "pillar": "listening",
        "product_centred": gettext_noop(
            "Customers see a new product when it is nearly finished, so they test something "
            "that works."
        ),
        "customer_centred": gettext_noop(
            "Customers try rough early versions of a new product long before anything is final."
        ),
        "question": gettext_noop("In our last launch, when did a real customer first see it?"),
    },
    {
        "slug": "processes",
        "name": gettext_noop("Processes"),
        "pillar": "way-of-working",
        "product_centred": gettext_noop(
            "Processes are designed for efficiency and control within each department."
        ),
        "customer_centred": gettext_noop(
            "Processes are designed from the customer's side, to save them time and effort."
        ),
        "question": gettext_noop(
            "Which of our processes would we least like to go through as a customer?"
        ),
    },
    {
        "slug": "policies-and-procedures",
        "name": gettext_noop("Policies and procedures"),
        "pillar": "responsibility",
        "product_centred": gettext_noop(
            "Policies spell out what staff may do, so every customer is treated the same and "
            "risks stay under control."
        ),
        "customer_centred": gettext_noop(
            "Policies set clear limits, within which staff use their own judgement to solve a "
            "customer's problem on the spot."
        ),
        "question": gettext_noop(
            "What can a front-line employee decide for a customer without asking permission?"
        ),
    },
    {
        "slug": "metrics-and-kpis",
        "name": gettext_noop("Metrics and KPIs"),
        "pillar": "way-of-working",
        "product_centred": gettext_noop(
            "Dashboards lead with revenue, volume, cost and productivity, the figures that show "
            "the business is healthy."
        ),
        "customer_centred": gettext_noop(
            "Dashboards lead with customer measures such as loyalty, effort and complaints."
        ),
        "question": gettext_noop(
            "Which customer figure do we look at every week, and what did it last make us change?"
        ),
    },
    {
        "slug": "budget-planning",
        "name": gettext_noop("Budget planning"),
        "pillar": "way-of-working",
        "product_centred": gettext_noop(
            "Budgets are set per department from last year's figures, which keeps planning "
            "predictable."
        ),
        "customer_centred": gettext_noop(
            "Budgets are set by the customer outcomes we want to improve next year."
        ),
        "question": gettext_noop(
            "Which customer problem would we fund first next year, and from whose budget?"
        ),
    },
    {
        "slug": "acquiring-and-keeping-customers",
        "name": gettext_noop("Winning and keeping customers"),
        "pillar": "way-of-working",
        "product_centred": gettext_noop(
            "Growth comes mainly from winning new customers, so most effort and money go into "
            "sales and marketing."
        ),
        "customer_centred": gettext_noop(
            "Growth starts with keeping the customers we have, so serving them well gets as much "
            "effort as winning new ones."
        ),
        "question": gettext_noop(
            "Do new customers get better offers than loyal ones, and how would a loyal one feel "
            "about that?"
        ),
    },
    {
        "slug": "rewards-and-incentives",
        "name": gettext_noop("Rewards and incentives"),
        "pillar": "responsibility",
        "product_centred": gettext_noop(
            "Bonuses reward sales and cost savings, the results that can be measured cleanly "
            "each quarter."
        ),
        "customer_centred": gettext_noop(
            "Bonuses reward customer outcomes, such as customers who stay and problems solved "
            "first time."
        ),
        "question": gettext_noop(
            "What did the last person who earned a large bonus do for a customer?"
        ),
    },
    {
        "slug": "performance-appraisal",
        "name": gettext_noop("Performance appraisal"),
        "pillar": "responsibility",
        "product_centred": gettext_noop(
            "Appraisals judge each person on their own targets: output delivered, budgets kept, "
            "deadlines met."
        ),
        "customer_centred": gettext_noop(
            "Appraisals ask each person what they did to make things better for customers."
        ),
        "question": gettext_noop("In your last appraisal, did anyone ask you about a customer?"),
    },
    {
        "slug": "hiring-and-onboarding",
        "name": gettext_noop("Hiring and onboarding"),
        "pillar": "listening",
        "product_centred": gettext_noop(
            "We hire for product knowledge and technical skill, so new people are productive "
            "quickly."
        ),
        "customer_centred": gettext_noop(
            "We hire for curiosity about customers as much as for technical skill."
        ),
        "question": gettext_noop(
            "What does a new manager learn about our customers in their first month?"
        ),
    },
    {
        "slug": "training-and-development",
        "name": gettext_noop("Training and development"),
        "pillar": "way-of-working",
        "product_centred": gettext_noop(
            "Training builds expertise in our products, systems and procedures."
        ),
        "customer_centred": gettext_noop(
            "Training builds the skills to understand customers and design around their goals."
        ),
        "question": gettext_noop(
            "Which course in our catalogue teaches people to see a problem through a "
            "customer's eyes?"
        ),
    },
    {
        "slug": "internal-communication",
        "name": gettext_noop("Internal communication"),
        "pillar": "stories",
        "product_centred": gettext_noop(
            "Internal news reports results, launches and changes in the organisation."
        ),
        "customer_centred": gettext_noop(
            "Internal news leads with what customers experienced and what we learnt from them."
        ),
        "question": gettext_noop(
            "In our last all-staff update, how many customers were mentioned by name or situation?"
        ),
    },
    {
        "slug": "celebrating-success",
        "name": gettext_noop("Celebrating success"),
        "pillar": "stories",
        "product_centred": gettext_noop(
            "We celebrate launches, record sales and projects delivered on time and on budget."
        ),
        "customer_centred": gettext_noop(
            "We celebrate the moments when someone made a real difference to a customer."
        ),
        "question": gettext_noop(
            "What was the last success we celebrated, and was a customer in the story?"
        ),
    },
]
NEW_SLUGS = [
    "c-level-ownership",
    "acquiring-and-keeping-customers",
    "performance-appraisal",
    "training-and-development",
    "internal-communication",
]

# Planned minutes per agenda item of the ready-made templates, found by kind and title.
# "Understand customer culture" and "Customer rituals" each add up to their stated 3 hours.
TEMPLATE_MINUTES = {
    ("lobby", "Welcome"): 10,
    ("prompt", "Why customer culture?"): 15,
    ("paradigm", "Two paradigms, dimension by dimension"): 60,
    ("gaps", "Where the gaps are"): 20,
    ("board", "Mixed signals"): 35,
    ("board", "Vision: two years from now"): 30,
    ("board", "Our norms today"): 30,
    ("board", "Invent customer rituals"): 45,
    ("prompt", "Design the best rituals"): 60,
    ("prompt", "Commit to one ritual"): 25,
    ("prompt", "Wrap-up"): 10,
}


def rewrite_library(apps, schema_editor):
    ParadigmDimension = apps.get_model("workshops", "ParadigmDimension")
    WorkshopDimension = apps.get_model("workshops", "WorkshopDimension")
    for position, dimension in enumerate(DIMENSIONS):
        ParadigmDimension.objects.update_or_create(
            slug=dimension["slug"],
            defaults={**{k: v for k, v in dimension.items() if k != "slug"}, "position": position},
        )
    # Existing workshops keep their own wording; they only learn which pillar each copy is on.
    for dimension in DIMENSIONS:
        WorkshopDimension.objects.filter(source__slug=dimension["slug"], pillar="").update(
            pillar=dimension["pillar"]
        )


# A mixed signal is now one note holding both halves, so the board needs one column, not two.
PAIR_COLUMNS = [["Leaders say", "blue"], ["But the system says", "orange"]]
MIXED_SIGNALS_COLUMNS = [[gettext_noop("Mixed signals"), "orange"]]


def add_template_minutes(apps, schema_editor):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    for template in WorkshopTemplate.objects.all():
        agenda = []
        for item in template.agenda:
            minutes = TEMPLATE_MINUTES.get((item.get("kind"), item.get("title")))
            if minutes and "minutes" not in item:
                item = {**item, "minutes": minutes}
            if item.get("columns") == PAIR_COLUMNS:
                item = {**item, "columns": MIXED_SIGNALS_COLUMNS}
            agenda.append(item)
        if agenda != template.agenda:
            template.agenda = agenda
            template.save(update_fields=["agenda"])


def forget_new_dimensions(apps, schema_editor):
    # The old texts come back only from a fresh database; going back drops what this added.
    ParadigmDimension = apps.get_model("workshops", "ParadigmDimension")
    ParadigmDimension.objects.filter(slug__in=NEW_SLUGS).delete()


def drop_template_minutes(apps, schema_editor):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    for template in WorkshopTemplate.objects.all():
        template.agenda = [
            {
                **{k: v for k, v in item.items() if k != "minutes"},
                **(
                    {"columns": PAIR_COLUMNS}
                    if item.get("columns") == MIXED_SIGNALS_COLUMNS
                    else {}
                ),
            }
            for item in template.agenda
        ]
        template.save(update_fields=["agenda"])


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0005_activity_kinds_and_previous_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="duration_minutes",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="How long this item is planned to take, from 1 to 240 minutes.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(240),
                ],
                verbose_name="Planned minutes",
            ),
        ),
        migrations.AddField(
            model_name="note",
            name="system_does",
            field=models.TextField(blank=True, verbose_name="What the system does instead"),
        ),
        migrations.AddField(
            model_name="paradigmdimension",
            name="pillar",
            field=models.CharField(blank=True, choices=PILLAR_CHOICES, max_length=20),
        ),
        migrations.AddField(
            model_name="workshopdimension",
            name="pillar",
            field=models.CharField(blank=True, choices=PILLAR_CHOICES, max_length=20),
        ),
        migrations.RunPython(rewrite_library, forget_new_dimensions),
        migrations.RunPython(add_template_minutes, drop_template_minutes),
    ]
