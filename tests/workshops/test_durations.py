"""Planned durations: each agenda item may carry its minutes; the editor adds them up and the
presenter shows them on the agenda's steps."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import make_workshop
from workshops import forms, kinds, services
from workshops.models import Activity, Workshop, WorkshopTemplate
from workshops.services import NotAllowed, ServiceError
from workshops.templatetags.durations import hours_and_minutes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def edit_data(activity: Activity, minutes) -> dict:
    prefix = f"activity-{activity.pk}"
    return {
        f"{prefix}-title": activity.title,
        f"{prefix}-prompt": activity.prompt,
        f"{prefix}-duration_minutes": minutes,
    }


@pytest.mark.parametrize(
    ("slug", "minutes"), [("understand-customer-culture", 180), ("customer-rituals", 180)]
)
def test_the_templates_timings_add_up_to_their_stated_length(slug, minutes):
    template = WorkshopTemplate.objects.get(slug=slug)

    assert "About 3 hours" in template.description
    assert all(item.get("minutes") for item in template.agenda), slug
    assert sum(item["minutes"] for item in template.agenda) == minutes


def test_every_item_of_every_template_is_timed():
    for template in WorkshopTemplate.objects.all():
        assert all(1 <= item.get("minutes", 0) <= 240 for item in template.agenda), template.slug


def installed_minutes(slug: str = "customer-rituals") -> int:
    """A template's planned minutes over the items whose kinds are installed (a workshop leaves
    out an item whose kind's app is missing)."""
    agenda = WorkshopTemplate.objects.get(slug=slug).agenda
    return sum(item["minutes"] for item in agenda if kinds.is_registered(item["kind"]))


def test_a_workshop_from_a_template_gets_its_planned_minutes(workshop):
    planned = list(workshop.activities.values_list("title", "duration_minutes"))

    assert ("Invent customer rituals", 20) in planned
    assert sum(minutes for _, minutes in planned) == installed_minutes()


@pytest.mark.parametrize("minutes", [0, 241, "ten", True, None])
def test_a_templates_mistyped_minutes_leave_the_item_unplanned(facilitator, minutes):
    template = WorkshopTemplate.objects.create(
        slug="odd", name="Odd", agenda=[{"kind": "prompt", "title": "Talk", "minutes": minutes}]
    )

    workshop = services.create_workshop(facilitator, title="Odd", template=template)

    assert workshop.activities.get().duration_minutes is None


def test_the_facilitator_plans_an_items_minutes(facilitator_client, workshop):
    activity = workshop.activities.first()

    facilitator_client.post(
        reverse("activity_edit", args=[workshop.pk, activity.pk]), edit_data(activity, "25")
    )

    activity.refresh_from_db()
    assert activity.duration_minutes == 25


def test_emptying_the_minutes_leaves_the_item_unplanned(facilitator_client, workshop):
    activity = workshop.activities.first()

    facilitator_client.post(
        reverse("activity_edit", args=[workshop.pk, activity.pk]), edit_data(activity, "")
    )

    activity.refresh_from_db()
    assert activity.duration_minutes is None


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("0", "Plan at least 1 minute, or leave it empty."),
        ("241", "Plan at most 240 minutes (4 hours) for one item."),
        ("soon", "Type the planned minutes as a whole number."),
    ],
)
def test_minutes_off_the_range_are_refused_and_change_nothing(
    facilitator_client, workshop, minutes, message
):
    activity = workshop.activities.first()
    before = activity.duration_minutes

    response = facilitator_client.post(
        reverse("activity_edit", args=[workshop.pk, activity.pk]), edit_data(activity, minutes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    activity.refresh_from_db()
    assert activity.duration_minutes == before


def test_another_facilitator_cannot_plan_the_minutes(client, other_facilitator, workshop):
    activity = workshop.activities.first()
    before = activity.duration_minutes
    client.force_login(other_facilitator)

    response = client.post(
        reverse("activity_edit", args=[workshop.pk, activity.pk]), edit_data(activity, "99")
    )

    assert response.status_code == 404
    activity.refresh_from_db()
    assert activity.duration_minutes == before


def test_the_service_refuses_minutes_off_the_range(workshop, facilitator, other_facilitator):
    activity = workshop.activities.first()

    with pytest.raises(ServiceError):
        services.update_activity(activity, facilitator, title="T", prompt="", duration_minutes=241)
    with pytest.raises(NotAllowed):
        services.update_activity(
            activity, other_facilitator, title="T", prompt="", duration_minutes=20
        )
    activity.refresh_from_db()
    assert activity.title != "T"


def test_the_activity_form_offers_the_minutes():
    assert "duration_minutes" in forms.ActivityForm().fields


def test_the_agenda_editor_shows_each_items_minutes_and_the_total(facilitator_client, workshop):
    page = text_of(
        facilitator_client.get(reverse("workshop_detail", args=[workshop.pk])).content.decode()
    )

    assert f"Planned: about {hours_and_minutes(installed_minutes())}" in page
    assert "Invent customer rituals Ritual ideas and vote 20 min" in page


def test_the_total_says_how_many_items_have_no_time(facilitator_client, workshop):
    workshop.activities.filter(title="Wrap-up").update(duration_minutes=None)
    workshop.activities.filter(title="Welcome").update(duration_minutes=15)
    total = installed_minutes() - 10 + 10  # no wrap-up (10), a longer welcome (+10)

    page = text_of(
        facilitator_client.get(reverse("workshop_detail", args=[workshop.pk])).content.decode()
    )

    assert f"Planned: about {hours_and_minutes(total)} (1 item without a time)" in page


def test_a_blank_agenda_shows_no_total(facilitator_client, facilitator):
    blank = make_workshop(facilitator, template_slug=None, title="Blank")

    page = facilitator_client.get(reverse("workshop_detail", args=[blank.pk])).content.decode()

    assert 'id="agenda-total"' not in page


def test_the_presenters_steps_show_the_planned_minutes(facilitator_client, workshop: Workshop):
    page = facilitator_client.get(reverse("present", args=[workshop.pk])).content.decode()

    assert '<span class="step__minutes">· 10 min</span>' in page


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(None, ""), (45, "45 min"), (60, "1 h"), (195, "3 h 15 min"), (240, "4 h")],
)
def test_durations_read_as_people_say_them(minutes, said):
    assert hours_and_minutes(minutes) == said
