"""Seed the library with the "full package" of paradigm dimensions.

Each dimension shows what it looks like under the product-centred paradigm and
under the customer-centred paradigm, plus one question to open the conversation.
The product-centred side is meant to read as a reasonable, common way to run a
company, not a caricature.
"""

from django.db import migrations

DIMENSIONS = [
    {
        "slug": "purpose-and-strategy",
        "name": "Purpose and strategy",
        "product_centred": (
            "The strategy is about products, markets and market share. "
            "Customers appear as segments to win."
        ),
        "customer_centred": (
            "The strategy starts with what customers are trying to get done "
            "and which of their problems we will solve best."
        ),
        "question": "If a customer read our strategy, would they recognise themselves in it?",
    },
    {
        "slug": "structure",
        "name": "Structure",
        "product_centred": (
            "Teams are organised by product, channel or function. "
            "A customer with one question can end up dealing with three departments."
        ),
        "customer_centred": (
            "Teams are organised around customer journeys, so one team owns "
            "what the customer experiences from start to finish."
        ),
        "question": "When a customer's problem crosses two departments, who owns it?",
    },
    {
        "slug": "leadership-behaviour",
        "name": "Leadership behaviour",
        "product_centred": (
            "Leaders review product plans, costs and targets. "
            "Customer topics come up mainly when something has gone wrong."
        ),
        "customer_centred": (
            "Leaders open meetings with a customer story, meet customers "
            "regularly and ask what each choice means for them."
        ),
        "question": "When did each of us last speak to a customer directly, and what did we learn?",
    },
    {
        "slug": "decision-making",
        "name": "Decision making",
        "product_centred": (
            "Decisions are made on cost, margin and what is feasible internally. "
            "The effect on customers is estimated afterwards."
        ),
        "customer_centred": (
            "Every major decision states its effect on customers up front, "
            "and someone in the room speaks for them."
        ),
        "question": "Think of our last big decision: who in the room spoke for the customer?",
    },
    {
        "slug": "systems-and-data",
        "name": "Systems and data",
        "product_centred": (
            "Customer data sits in separate systems per product or channel. "
            "Nobody sees the whole customer in one place."
        ),
        "customer_centred": (
            "Anyone serving a customer sees their full history: what they "
            "bought, asked, complained about and were promised."
        ),
        "question": "How many screens does it take to see everything one customer has done with us?",
    },
    {
        "slug": "processes",
        "name": "Processes",
        "product_centred": (
            "Processes are designed for efficiency and control within each "
            "department. Customers follow the steps we need."
        ),
        "customer_centred": (
            "Processes are designed from the customer's side, cutting the steps "
            "and hand-offs that cost them time and effort."
        ),
        "question": "Which of our processes would we least like to go through as a customer?",
    },
    {
        "slug": "policies-and-procedures",
        "name": "Policies and procedures",
        "product_centred": (
            "Policies protect the company against risk and exceptions. "
            "Staff point to the rules when a customer asks for something unusual."
        ),
        "customer_centred": (
            "Policies set clear limits, and within them staff use their "
            "judgement to solve a customer's problem on the spot."
        ),
        "question": "What can a front-line employee decide for a customer without asking permission?",
    },
    {
        "slug": "rewards-and-incentives",
        "name": "Rewards and incentives",
        "product_centred": (
            "Bonuses follow sales volume and cost savings, whatever happened to the customer."
        ),
        "customer_centred": (
            "Bonuses follow customer outcomes: retention, effort saved, problems solved first time."
        ),
        "question": "What did the last person promoted here do for a customer?",
    },
    {
        "slug": "metrics-and-kpis",
        "name": "Metrics and KPIs",
        "product_centred": (
            "Dashboards show revenue, units, cost and productivity. "
            "Customer measures sit in a separate report, seldom discussed."
        ),
        "customer_centred": (
            "Customer measures such as retention, effort and complaints come "
            "first on every dashboard and in every review."
        ),
        "question": "Which customer figure do we look at every week, and what did it last make us change?",
    },
    {
        "slug": "hiring-and-onboarding",
        "name": "Hiring and onboarding",
        "product_centred": (
            "We hire for product knowledge and technical skill. "
            "New starters learn our products, systems and procedures."
        ),
        "customer_centred": (
            "We also hire for curiosity about customers. New starters spend "
            "their first weeks listening to and serving customers."
        ),
        "question": "What does a new manager learn about our customers in their first month?",
    },
    {
        "slug": "customer-feedback",
        "name": "Customer feedback",
        "product_centred": (
            "Complaints are handled case by case and closed. "
            "Survey results go into a yearly report."
        ),
        "customer_centred": (
            "Leaders read feedback every week, causes get fixed, and customers "
            "hear what changed because they spoke up."
        ),
        "question": "What is the last thing we changed because a customer told us to?",
    },
    {
        "slug": "product-and-service-development",
        "name": "Developing products and services",
        "product_centred": (
            "New products start from what we can make or sell. "
            "Customers see them at launch, or in a late test."
        ),
        "customer_centred": (
            "Development starts from a customer problem, and customers try "
            "rough early versions long before anything is final."
        ),
        "question": "In our last launch, when did a real customer first see it?",
    },
    {
        "slug": "celebrating-success",
        "name": "Celebrating success",
        "product_centred": (
            "We celebrate launches, record sales and projects delivered on time and on budget."
        ),
        "customer_centred": (
            "We celebrate people who solved a customer's problem, and tell what "
            "it meant for that customer."
        ),
        "question": "What was the last success we celebrated, and was a customer in the story?",
    },
    {
        "slug": "budget-planning",
        "name": "Budget planning",
        "product_centred": (
            "Budgets are set per department, starting from last year plus or minus a percentage."
        ),
        "customer_centred": (
            "Budgets follow the customer outcomes we want to improve, and money "
            "moves when customers' needs change."
        ),
        "question": "Which customer problem would we fund first next year, and from whose budget?",
    },
    {
        "slug": "customer-stories-and-language",
        "name": "Customer stories and language",
        "product_centred": (
            "We talk about customers as accounts, segments and volumes. "
            "Few people can tell a recent customer story."
        ),
        "customer_centred": (
            "We talk about customers by name and situation, and share their "
            "stories in meetings, in their own words."
        ),
        "question": "Who can tell a customer story from this week, and how did it end?",
    },
]


def add_dimensions(apps, schema_editor):
    ParadigmDimension = apps.get_model("workshops", "ParadigmDimension")
    for position, dimension in enumerate(DIMENSIONS):
        ParadigmDimension.objects.update_or_create(
            slug=dimension["slug"],
            defaults={
                "name": dimension["name"],
                "product_centred": dimension["product_centred"],
                "customer_centred": dimension["customer_centred"],
                "question": dimension["question"],
                "position": position,
            },
        )


def remove_dimensions(apps, schema_editor):
    ParadigmDimension = apps.get_model("workshops", "ParadigmDimension")
    ParadigmDimension.objects.filter(slug__in=[d["slug"] for d in DIMENSIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0003_paradigm_and_pictures"),
    ]

    operations = [
        migrations.RunPython(add_dimensions, remove_dimensions),
    ]
