"""Explainer slides and the full package: the story told on the projector, speaker notes for
the facilitator only, slides edited in the agenda editor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_workshop
from workshops import services
from workshops.explainers import PARADIGM_EXPLAINER
from workshops.live import screens
from workshops.models import Activity, Slide


@pytest.fixture
def morning(facilitator):
    return make_workshop(facilitator, template_slug="understand-customer-culture")


def explainer_of(workshop) -> Activity:
    return workshop.activities.get(kind="explainer")


def on_screen(workshop, activity) -> None:
    services.goto_activity(workshop, workshop.facilitator, activity.pk)
    workshop.refresh_from_db()


def test_the_morning_template_opens_with_the_paradigm_explainer_and_shows_the_package(morning):
    kinds = list(morning.activities.values_list("kind", flat=True))
    assert kinds[:4] == ["lobby", "explainer", "paradigm", "package"]
    slides = list(explainer_of(morning).slides.values_list("heading", "speaker_notes"))
    assert [heading for heading, _ in slides] == [s["heading"] for s in PARADIGM_EXPLAINER]
    assert all(notes for _, notes in slides)


def test_next_steps_through_the_slides_before_the_agenda_moves_on(morning, facilitator):
    explainer = explainer_of(morning)
    on_screen(morning, explainer)
    for number in range(2, len(PARADIGM_EXPLAINER) + 1):
        assert services.step_activity(morning, facilitator, +1) == explainer
        assert screens.stage_context(morning)["slide_number"] == number
    moved_to = services.step_activity(morning, facilitator, +1)
    assert moved_to.kind == "paradigm"
    # And back: previous returns to the explainer, which stays on its last slide.
    assert services.step_activity(morning, facilitator, -1) == explainer


def test_speaker_notes_reach_the_presenter_and_never_a_phone(morning, participant_of_morning):
    explainer = explainer_of(morning)
    on_screen(morning, explainer)
    notes = explainer.slides.first().speaker_notes

    phone = screens.phone_snapshot(morning, participant_of_morning)
    presenter = screens.presenter_snapshot(morning, "http://testserver/")

    assert PARADIGM_EXPLAINER[0]["heading"] in phone
    assert notes[:40] not in phone
    assert "Speaker notes" in presenter and notes[:40] in presenter


@pytest.fixture
def participant_of_morning(morning):
    return services.join_room(morning.room_code, "Amira", services.new_device_key())


def test_the_package_shows_both_paradigms_of_every_dimension(morning):
    on_screen(morning, morning.activities.get(kind="package"))
    presenter = screens.presenter_snapshot(morning, "http://testserver/")
    for dimension in morning.activities.get(kind="paradigm").dimensions.all():
        assert dimension.product_centred[:30] in presenter.replace("&#x27;", "'")


def test_the_facilitator_edits_adds_moves_and_removes_slides(facilitator_client, morning):
    explainer = explainer_of(morning)
    first, second = explainer.slides.all()[:2]

    response = facilitator_client.post(
        reverse("slide_edit", args=[morning.pk, first.pk]),
        {
            f"slide-{first.pk}-heading": "What a culture is",
            f"slide-{first.pk}-body": "Norms and values.",
            f"slide-{first.pk}-speaker_notes": "Ask for one unwritten rule.",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.heading, first.speaker_notes) == (
        "What a culture is",
        "Ask for one unwritten rule.",
    )

    facilitator_client.post(
        reverse("slide_move", args=[morning.pk, second.pk]), {"direction": "up"}
    )
    assert list(explainer.slides.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]

    facilitator_client.post(
        reverse("slide_add", args=[morning.pk, explainer.pk]), {"heading": "Q&A"}
    )
    assert explainer.slides.last().heading == "Q&A"

    facilitator_client.post(reverse("slide_remove", args=[morning.pk, first.pk]))
    assert not Slide.objects.filter(pk=first.pk).exists()


def test_a_slide_without_a_heading_is_refused_in_place(facilitator_client, morning):
    slide = explainer_of(morning).slides.first()
    response = facilitator_client.post(
        reverse("slide_edit", args=[morning.pk, slide.pk]),
        {
            f"slide-{slide.pk}-heading": "",
            f"slide-{slide.pk}-body": "",
            f"slide-{slide.pk}-speaker_notes": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    slide.refresh_from_db()
    assert slide.heading == PARADIGM_EXPLAINER[0]["heading"]


def test_a_slide_cannot_be_added_to_another_kind_of_activity(facilitator_client, morning):
    board = morning.activities.get(kind="board", title="Mixed signals")
    response = facilitator_client.post(
        reverse("slide_add", args=[morning.pk, board.pk]), {"heading": "Sneaky"}, follow=True
    )
    assert "Only explainer activities have slides." in response.content.decode()
    assert not Slide.objects.filter(activity=board).exists()


def test_another_facilitator_cannot_touch_the_slides(client, other_facilitator, morning):
    slide = explainer_of(morning).slides.first()
    client.force_login(other_facilitator)
    for name in ("slide_edit", "slide_move", "slide_remove"):
        assert client.post(reverse(name, args=[morning.pk, slide.pk])).status_code == 404
    add = reverse("slide_add", args=[morning.pk, slide.activity_id])
    assert client.post(add, {"heading": "Mine"}).status_code == 404
    assert Slide.objects.filter(pk=slide.pk, heading=PARADIGM_EXPLAINER[0]["heading"]).exists()


def test_an_explainer_added_in_the_editor_starts_with_one_slide(facilitator_client, workshop):
    facilitator_client.post(
        reverse("activity_add", args=[workshop.pk]),
        {"kind": "explainer", "title": "Our promise", "prompt": "What we stand for"},
    )
    explainer = workshop.activities.get(kind="explainer", title="Our promise")
    assert list(explainer.slides.values_list("heading", "body")) == [
        ("Our promise", "What we stand for")
    ]
