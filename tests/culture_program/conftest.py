"""A test-only activity kind that hands fixed results to the program, until the core's and the
rituals module's kinds provide their own."""

from __future__ import annotations

import datetime

import pytest

from workshops import kinds
from workshops.models import Activity

SOURCE = "test_program_source"

INPUTS = {
    "gaps": [
        {
            "name": "Customer metrics",
            "pillar": "way-of-working",
            "today": 2.1,
            "target": 6.2,
            "gap": 4.1,
            "spread": 1.2,
            "n": 9,
        },
        {
            "name": "Rewards",
            "pillar": "responsibility",
            "today": 2.8,
            "target": 5.9,
            "gap": 3.1,
            "spread": 0.8,
            "n": 9,
        },
        {
            "name": "Hearing customers",
            "pillar": "listening",
            "today": 3.5,
            "target": 6.4,
            "gap": 2.9,
            "spread": 2.0,
            "n": 8,
        },
        {
            "name": "Product roadmap",
            "pillar": "way-of-working",
            "today": 4.0,
            "target": 3.5,
            "gap": -0.5,
            "spread": 1.1,
            "n": 9,
        },
    ],
    "norms": [
        {
            "text": "We fix complaints quietly",
            "pillar": "stories",
            "column": "Gets in the way",
            "belief": "Bad news hurts careers",
            "from_to": ["Hide complaints", "Share one complaint every week"],
            "votes": 7,
        },
        {
            "text": "Sales owns the customer",
            "pillar": "responsibility",
            "column": "Gets in the way",
            "belief": "",
            "from_to": "",
            "votes": 5,
        },
        {
            "text": "We visit a customer every quarter",
            "pillar": "listening",
            "column": "Helps",
            "belief": "",
            "from_to": "",
            "votes": 2,
        },
    ],
    "vision": [
        {"text": "Customers co-design our products", "picture_url": "", "votes": 6, "kind": "note"},
        {
            "text": "Every meeting starts with a customer story",
            "picture_url": "",
            "votes": 4,
            "kind": "note",
        },
    ],
    "rituals": [
        {
            "name": "Customer story minute",
            "pillar": "stories",
            "purpose": "Start each leadership meeting with one real customer's story.",
            "cadence": "weekly",
            "participants": "The leadership team",
            "steps": ["Tell", "Ask"],
            "owner": "Head of Service",
            "sponsor": "CEO",
            "first_date": datetime.date(2027, 1, 12),
            "success_signal": "Stories come from every department",
        },
        {
            "name": "Listening lab",
            "pillar": "listening",
            "purpose": "Listen to recorded calls together.",
            "cadence": "Monthly on a Tuesday",
            "participants": "",
            "steps": "",
            "owner": "COO",
            "sponsor": "CEO",
            "first_date": "2027-01-12",
            "success_signal": "Three changes a quarter come from it",
        },
        {
            "name": "Customer review",
            "pillar": "responsibility",
            "purpose": "",
            "cadence": "quarterly",
            "participants": "",
            "steps": "",
            "owner": "",
            "sponsor": "",
            "first_date": None,
            "success_signal": "",
        },
    ],
    "started": [
        {
            "name": "Customer story minute",
            "owner": "Head of Service",
            "sponsor": "CEO",
            "first_date": datetime.date(2027, 1, 12),
            "commitments": [{"text": "I bring the first story", "name": "Dana"}],
        },
    ],
    "way_of_working": [
        {
            "section": "Start with the customer goal",
            "text": "Every project brief names the customer and the goal.",
        },
    ],
}


def fixed_inputs(workshop, activities) -> dict:
    return INPUTS


@pytest.fixture
def source_kind():
    kind = kinds.register(
        kinds.ActivityKind(key=SOURCE, label="Test results", program_inputs=fixed_inputs)
    )
    yield kind
    kinds.unregister(SOURCE)


@pytest.fixture
def results_workshop(workshop, source_kind):
    """The standard workshop, with an activity whose kind hands over the results above."""
    workshop.date = datetime.date(2026, 12, 3)
    workshop.client_organisation = "Acme Insurance"
    workshop.save()
    Activity.objects.create(workshop=workshop, kind=SOURCE, title="Results", position=99)
    return workshop
