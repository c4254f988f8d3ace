"""The ritual design kind off the socket: the agenda editor adds it and promotes the top ideas
into it, the phone's own rule, the results page and what goes to the culture program."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from culture_program.services import program_inputs
from rituals import services as rituals
from rituals.kinds import design
from rituals.models import DesignedRitual
from tests.conftest import make_participant
from workshops import kinds, services

from .conftest import add_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(workshop, facilitator):
    return services.add_activity(
        workshop, facilitator, kind=design.KEY, title="Design rituals in groups"
    )


@pytest.fixture
def ideas(workshop):
    """Four ideas on the ideas board, the first with the most votes."""
    notes = [add_idea(workshop, text) for text in ("Story hour", "Listening day", "Empty chair")]
    notes.append(add_idea(workshop, "Customer panel"))
    voter = make_participant(workshop, "Vera")
    services.vote(workshop, participant=voter, note_id=notes[3].pk)
    return notes


def settings_url(workshop, activity):
    return reverse("activity_settings", args=[workshop.pk, activity.pk])


def test_the_agenda_editor_offers_the_kind_and_adds_it(facilitator_client, workshop):
    page = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk]))
    assert '<option value="ritual_design">Design rituals in groups</option>' in (
        page.content.decode()
    )
    response = facilitator_client.post(
        reverse("activity_add", args=[workshop.pk]),
        {"kind": design.KEY, "title": "Design in groups", "prompt": ""},
    )
    assert response.status_code == 302
    added = workshop.activities.get(kind=design.KEY, title="Design in groups")
    page = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk])).content.decode()
    assert "No rituals promoted yet" in page
    assert f'action="{settings_url(workshop, added)}"' in page
    assert kinds.get(design.KEY).label == "Design rituals in groups"


def test_the_editor_promotes_the_top_ideas_of_the_ideas_board(
    facilitator_client, workshop, activity, ideas
):
    board = workshop.activities.get(title="Invent customer rituals")
    prefix = f"settings-{activity.pk}"
    response = facilitator_client.post(
        settings_url(workshop, activity), {f"{prefix}-board": board.pk, f"{prefix}-count": 3}
    )
    assert response.status_code == 302
    names = list(DesignedRitual.objects.filter(activity=activity).values_list("name", flat=True))
    assert names == ["Customer panel", "Story hour", "Listening day"]
    page = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk])).content.decode()
    assert "3 rituals to design: Customer panel, Story hour, Listening day" in page


@pytest.mark.parametrize(
    ("count", "message"), [("2", "Design at least 3 rituals."), ("", "Say how many ideas")]
)
def test_the_editor_refuses_a_bad_count_and_promotes_nothing(
    facilitator_client, workshop, activity, ideas, count, message
):
    board = workshop.activities.get(title="Invent customer rituals")
    prefix = f"settings-{activity.pk}"
    response = facilitator_client.post(
        settings_url(workshop, activity),
        {f"{prefix}-board": board.pk, f"{prefix}-count": count},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DesignedRitual.objects.filter(activity=activity).exists()


def test_the_editor_refuses_a_board_of_another_workshop(
    facilitator_client, workshop, activity, other_workshop, ideas
):
    elsewhere = other_workshop.activities.get(title="Invent customer rituals")
    prefix = f"settings-{activity.pk}"
    response = facilitator_client.post(
        settings_url(workshop, activity),
        {f"{prefix}-board": elsewhere.pk, f"{prefix}-count": 3},
        headers={"HX-Request": "true"},
    )
    assert "That board is no longer on the agenda." in response.content.decode()
    assert not DesignedRitual.objects.filter(activity=activity).exists()


def test_a_phone_asks_to_be_placed_only_after_the_split_and_only_without_a_group(
    workshop, facilitator, activity, ideas, participant
):
    rituals.promote_ideas(activity, facilitator, [note.pk for note in ideas[:3]])
    assert "design.place" not in design.personal(activity, participant)
    groups = rituals.split_into_groups(activity, facilitator, 1)
    mine = design.personal(activity, participant)
    assert f"#design-group-{groups[0].pk}" in mine and "design.place" not in mine
    late = make_participant(workshop, "Luca")
    assert '"action": "design.place"' in design.personal(activity, late)


def test_the_results_and_the_culture_program_get_the_designed_rituals(
    facilitator_client, workshop, facilitator, activity, ideas
):
    designed = rituals.promote_ideas(activity, facilitator, [note.pk for note in ideas[:3]])
    first = timezone.localdate() + timedelta(days=10)
    for field, value in {
        "purpose": "Every leader hears a customer first hand",
        "pillar": "stories",
        "cadence": "weekly",
        "steps": "Pick a story\nTell it in five minutes\nAsk what we change",
        "owner": "Head of Service",
        "first_date": first.isoformat(),
        "success_signal": "Net Promoter Score of the teams that tell stories",
    }.items():
        rituals.edit_canvas_field(
            designed[0], by=facilitator, field=field, value=value, base_version=0
        )

    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))
    html = page.content.decode()
    assert 'id="designed-rituals"' in html
    assert "Every leader hears a customer first hand" in html
    assert "<li>Tell it in five minutes</li>" in html
    assert first.strftime("%-d %B %Y") in html
    export = facilitator_client.get(reverse("notes_csv", args=[workshop.pk]))
    assert "Story hour: Every leader hears a customer first hand" in export.content.decode(
        "utf-8-sig"
    )

    rows = program_inputs(workshop)["rituals"]
    assert [row["name"] for row in rows] == ["Story hour", "Listening day", "Empty chair"]
    assert rows[0] == {
        "name": "Story hour",
        "pillar": "stories",
        "purpose": "Every leader hears a customer first hand",
        "cadence": "Weekly",
        "participants": "",
        "steps": "Pick a story\nTell it in five minutes\nAsk what we change",
        "owner": "Head of Service",
        "sponsor": "",
        "first_date": first,
        "success_signal": "Net Promoter Score of the teams that tell stories",
    }


def test_no_designed_rituals_add_no_section_to_the_results(facilitator_client, workshop, activity):
    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))
    assert 'id="designed-rituals"' not in page.content.decode()
