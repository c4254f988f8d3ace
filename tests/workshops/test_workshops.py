"""A facilitator's workshops: create from a template, edit the details and the agenda, delete."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.conftest import make_workshop
from workshops import kinds
from workshops.models import Activity, Participant, Workshop, WorkshopTemplate

pytestmark = pytest.mark.django_db

TEMPLATE_SLUGS = ["understand-customer-culture", "customer-rituals", "full-customer-culture-day"]
HTMX = {"HTTP_HX_REQUEST": "true"}


def agenda(workshop: Workshop) -> list[tuple[str, str, str]]:
    return [(a.kind, a.title, a.prompt) for a in Activity.objects.filter(workshop=workshop)]


def titles(workshop: Workshop) -> list[str]:
    return [title for _kind, title, _prompt in agenda(workshop)]


# Creating ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", TEMPLATE_SLUGS)
def test_creating_from_a_template_copies_its_agenda_in_order(facilitator_client, facilitator, slug):
    template = WorkshopTemplate.objects.get(slug=slug)
    response = facilitator_client.post(
        reverse("workshop_new"),
        {
            "title": "Culture day at Acme",
            "client_organisation": "Acme Insurance",
            "date": "2030-03-14",
            "template": template.pk,
        },
    )

    workshop = Workshop.objects.get(facilitator=facilitator)
    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_detail", args=[workshop.pk])
    assert workshop.title == "Culture day at Acme"
    assert workshop.client_organisation == "Acme Insurance"
    assert workshop.date == datetime.date(2030, 3, 14)
    # An item whose kind's app is not installed is left out.
    expected = [
        (item["kind"], item["title"], item.get("prompt", ""))
        for item in template.agenda
        if kinds.is_registered(item["kind"])
    ]
    assert len(expected) > 1
    assert agenda(workshop) == expected
    activities = list(workshop.activities.all())
    assert [a.position for a in activities] == sorted(a.position for a in activities)
    assert workshop.current_activity == activities[0]


def test_the_three_templates_exist_in_order():
    assert list(WorkshopTemplate.objects.values_list("slug", flat=True)) == TEMPLATE_SLUGS


def test_a_blank_workshop_gets_one_welcome_slide(facilitator_client, facilitator):
    response = facilitator_client.post(
        reverse("workshop_new"), {"title": "From scratch", "template": ""}
    )
    assert response.status_code == 302
    workshop = Workshop.objects.get(facilitator=facilitator)
    activity = workshop.activities.get()
    assert activity.kind == "lobby"
    assert workshop.current_activity == activity


def test_a_workshop_needs_a_title(facilitator_client, facilitator):
    response = facilitator_client.post(reverse("workshop_new"), {"title": "", "template": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Workshop.objects.filter(facilitator=facilitator).exists()


def test_the_new_workshop_page_offers_the_three_templates_and_a_blank_workshop(facilitator_client):
    html = facilitator_client.get(reverse("workshop_new")).content.decode()
    for template in WorkshopTemplate.objects.all():
        assert template.name in html
    assert "Blank workshop" in html


# Details -----------------------------------------------------------------------------------


def test_the_facilitator_edits_title_client_and_date(facilitator_client, workshop):
    url = reverse("workshop_detail", args=[workshop.pk])
    response = facilitator_client.post(
        url, {"title": "Rituals, day two", "client_organisation": "Globex", "date": "2031-01-02"}
    )
    assert response.status_code == 302
    assert response["Location"] == url
    workshop.refresh_from_db()
    assert workshop.title == "Rituals, day two"
    assert workshop.client_organisation == "Globex"
    assert workshop.date == datetime.date(2031, 1, 2)
    assert "Saved." in facilitator_client.get(url).content.decode()


def test_an_invalid_date_is_refused_and_nothing_changes(facilitator_client, workshop):
    url = reverse("workshop_detail", args=[workshop.pk])
    response = facilitator_client.post(url, {"title": "New title", "date": "the 32nd"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.title == "Customer rituals at Acme"


def test_the_facilitator_deletes_a_workshop(facilitator_client, workshop, participant):
    response = facilitator_client.post(reverse("workshop_delete", args=[workshop.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_list")
    assert not Workshop.objects.filter(pk=workshop.pk).exists()
    assert not Activity.objects.filter(workshop_id=workshop.pk).exists()
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_the_workshop_list_shows_only_the_facilitators_own_workshops(
    facilitator_client, facilitator, workshop, other_workshop
):
    second = make_workshop(facilitator, title="Second own workshop", template_slug=None)
    response = facilitator_client.get(reverse("workshop_list"))
    assert response.status_code == 200
    assert set(response.context["workshops"]) == {workshop, second}
    html = response.content.decode()
    assert workshop.title in html
    assert second.title in html
    assert other_workshop.title not in html
    assert other_workshop.room_code not in html


# Agenda ------------------------------------------------------------------------------------


def test_adding_an_activity_appends_it_to_the_agenda(facilitator_client, workshop):
    before = titles(workshop)
    response = facilitator_client.post(
        reverse("activity_add", args=[workshop.pk]),
        {"kind": "prompt", "title": "Customer stories", "prompt": "Tell one."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_detail", args=[workshop.pk])
    assert titles(workshop) == [*before, "Customer stories"]
    added = workshop.activities.last()
    assert added.prompt == "Tell one."
    assert added.position > workshop.activities.order_by("position")[0].position


def test_adding_with_htmx_returns_only_the_agenda_fragment(facilitator_client, workshop):
    response = facilitator_client.post(
        reverse("activity_add", args=[workshop.pk]),
        {"kind": "prompt", "title": "Customer stories"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="agenda"')
    assert "Customer stories" in html
    assert "<html" not in html
    assert "Delete workshop" not in html
    assert "Customer stories" in titles(workshop)


def test_adding_an_activity_without_a_title_is_refused(facilitator_client, workshop):
    before = agenda(workshop)
    response = facilitator_client.post(
        reverse("activity_add", args=[workshop.pk]), {"kind": "prompt", "title": ""}, **HTMX
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert agenda(workshop) == before


def test_editing_an_activity_changes_its_title_and_prompt(facilitator_client, workshop):
    activity = workshop.activities.all()[1]
    response = facilitator_client.post(
        reverse("activity_edit", args=[workshop.pk, activity.pk]),
        {
            f"activity-{activity.pk}-title": "Norms, honestly",
            f"activity-{activity.pk}-prompt": "Which habits get in the way?",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Norms, honestly"
    assert activity.prompt == "Which habits get in the way?"


def test_editing_with_htmx_returns_the_agenda_with_the_new_title(facilitator_client, workshop):
    activity = workshop.activities.all()[1]
    response = facilitator_client.post(
        reverse("activity_edit", args=[workshop.pk, activity.pk]),
        {f"activity-{activity.pk}-title": "Norms, honestly", f"activity-{activity.pk}-prompt": ""},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="agenda"' in html
    assert "Norms, honestly" in html
    assert "<html" not in html


def test_an_empty_activity_title_is_refused_and_nothing_changes(facilitator_client, workshop):
    activity = workshop.activities.all()[1]
    before = agenda(workshop)
    response = facilitator_client.post(
        reverse("activity_edit", args=[workshop.pk, activity.pk]),
        {f"activity-{activity.pk}-title": "", f"activity-{activity.pk}-prompt": "Changed"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert f'id="activity-{activity.pk}"' in html
    assert agenda(workshop) == before


def test_removing_the_current_activity_moves_the_room_to_the_first_remaining(
    facilitator_client, workshop
):
    first, second, *_rest = workshop.activities.all()
    workshop.current_activity = second
    workshop.save()

    response = facilitator_client.post(reverse("activity_remove", args=[workshop.pk, second.pk]))

    assert response.status_code == 302
    assert not Activity.objects.filter(pk=second.pk).exists()
    workshop.refresh_from_db()
    assert workshop.current_activity == first


def test_removing_the_first_and_current_activity_moves_to_the_next(facilitator_client, workshop):
    first, second, *_rest = workshop.activities.all()
    assert workshop.current_activity == first
    facilitator_client.post(reverse("activity_remove", args=[workshop.pk, first.pk]))
    workshop.refresh_from_db()
    assert workshop.current_activity == second


def test_removing_another_activity_leaves_the_current_one(facilitator_client, workshop):
    first, _second, third, *_rest = workshop.activities.all()
    before = titles(workshop)
    facilitator_client.post(reverse("activity_remove", args=[workshop.pk, third.pk]))
    workshop.refresh_from_db()
    assert workshop.current_activity == first
    assert titles(workshop) == [title for title in before if title != third.title]


def test_removing_with_htmx_returns_the_agenda_without_the_activity(facilitator_client, workshop):
    activity = workshop.activities.all()[2]
    response = facilitator_client.post(
        reverse("activity_remove", args=[workshop.pk, activity.pk]), **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="agenda"' in html
    assert f'id="activity-{activity.pk}"' not in html


def move(client, workshop: Workshop, activity: Activity, direction: str, **extra):
    return client.post(
        reverse("activity_move", args=[workshop.pk, activity.pk]),
        {"direction": direction},
        **extra,
    )


def test_moving_an_activity_down_swaps_it_with_the_next(facilitator_client, workshop):
    first, second, *rest = workshop.activities.all()
    response = move(facilitator_client, workshop, first, "down")
    assert response.status_code == 302
    assert list(workshop.activities.all()) == [second, first, *rest]


def test_moving_an_activity_up_swaps_it_with_the_previous(facilitator_client, workshop):
    first, second, third, *rest = workshop.activities.all()
    move(facilitator_client, workshop, third, "up")
    assert list(workshop.activities.all()) == [first, third, second, *rest]


def test_moving_the_first_activity_up_does_nothing(facilitator_client, workshop):
    before = list(workshop.activities.values_list("pk", "position"))
    response = move(facilitator_client, workshop, workshop.activities.first(), "up")
    assert response.status_code == 302
    assert list(workshop.activities.values_list("pk", "position")) == before


def test_moving_the_last_activity_down_does_nothing(facilitator_client, workshop):
    before = list(workshop.activities.values_list("pk", "position"))
    move(facilitator_client, workshop, workshop.activities.last(), "down")
    assert list(workshop.activities.values_list("pk", "position")) == before


def test_moving_in_an_unknown_direction_does_nothing(facilitator_client, workshop):
    before = list(workshop.activities.values_list("pk", "position"))
    move(facilitator_client, workshop, workshop.activities.all()[1], "sideways")
    assert list(workshop.activities.values_list("pk", "position")) == before


def test_moving_with_htmx_returns_the_agenda_in_the_new_order(facilitator_client, workshop):
    first, second, *_rest = workshop.activities.all()
    response = move(facilitator_client, workshop, first, "down", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(f'id="activity-{second.pk}"') < html.index(f'id="activity-{first.pk}"')


def test_the_workshop_page_links_to_the_pages_module_apps_register(facilitator_client, workshop):
    page = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk])).content.decode()

    assert f'href="{reverse("workshop_results", args=[workshop.pk])}">Results</a>' in page
    assert f'href="{reverse("program_builder", args=[workshop.pk])}">Culture program</a>' in page
    assert f'href="{reverse("ritual_list")}">Ritual library</a>' in page


def test_a_crafted_settings_post_for_an_activity_without_settings_changes_nothing(
    facilitator_client, workshop
):
    lobby = workshop.activities.get(kind="lobby")
    before = list(workshop.activities.values())

    response = facilitator_client.post(
        reverse("activity_settings", args=[workshop.pk, lobby.pk]),
        {f"settings-{lobby.pk}-votes_per_person": "9"},
        follow=True,
    )

    assert response.status_code == 200
    assert "has no settings to change" in response.content.decode()
    assert list(workshop.activities.values()) == before
