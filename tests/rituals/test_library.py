"""The ritual library: seeded data, browsing by pillar at /rituals/, adding and editing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rituals.content import EXPLAINERS
from rituals.models import Pillar, Ritual

pytestmark = pytest.mark.django_db

PILLARS = ["stories", "listening", "responsibility", "way-of-working"]


def card_pillars(html: str) -> list[str]:
    return re.findall(r'class="card ritual-card"[^>]*data-pillar="([^"]+)"', html)


def valid_data(**changes) -> dict[str, str]:
    data = {
        "name": "Customer minute in the stand-up",
        "pillar": str(Pillar.objects.get(slug="stories").pk),
        "purpose": "Keep one customer in mind every morning.",
        "cadence": "daily",
        "duration": "2",
        "participants": "The team at its stand-up.",
        "steps": "Someone names one customer.\n\nThey say what that customer needs today.",
        "needs": "",
        "success_signal": "The minute happens every day for a month.",
    }
    return {**data, **changes}


def test_the_four_pillars_are_loaded_in_order():
    assert list(Pillar.objects.values_list("slug", flat=True)) == PILLARS
    assert all(pillar.description for pillar in Pillar.objects.all())


def test_the_library_holds_at_least_24_complete_rituals():
    rituals = list(Ritual.objects.all())
    assert len(rituals) >= 24
    for ritual in rituals:
        assert ritual.purpose and ritual.participants and ritual.success_signal and ritual.needs
        assert len(ritual.step_list) >= 3, ritual.name
        assert ritual.duration > 0


@pytest.mark.parametrize("slug", PILLARS)
def test_every_pillar_has_at_least_six_rituals(slug):
    assert Ritual.objects.filter(pillar__slug=slug).count() >= 6


def test_the_explainer_decks_have_three_to_five_slides_with_speaker_notes():
    assert [deck["title"] for deck in EXPLAINERS] == [
        "What culture is",
        "The four pillars of a customer culture",
    ]
    for deck in EXPLAINERS:
        assert 3 <= len(deck["slides"]) <= 5
        for slide in deck["slides"]:
            assert set(slide) == {"heading", "body", "speaker_notes"}
            assert all(slide.values())


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("ritual_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_visitors_cannot_edit_a_ritual(client):
    ritual = Ritual.objects.first()
    response = client.post(reverse("ritual_edit", args=[ritual.slug]), valid_data())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Ritual.objects.get(pk=ritual.pk).name == ritual.name


def test_the_library_shows_every_ritual_as_a_card_with_its_pillar(facilitator_client):
    response = facilitator_client.get(reverse("ritual_list"))
    assert response.status_code == 200
    pillars = card_pillars(response.content.decode())
    assert len(pillars) == Ritual.objects.count()
    assert set(pillars) == set(PILLARS)


def test_filtering_by_pillar_shows_only_that_pillars_rituals(facilitator_client):
    response = facilitator_client.get(reverse("ritual_list"), {"pillar": "listening"})
    pillars = card_pillars(response.content.decode())
    assert pillars == ["listening"] * Ritual.objects.filter(pillar__slug="listening").count()


def test_the_filter_answers_htmx_with_the_library_fragment_only(facilitator_client):
    response = facilitator_client.get(
        reverse("ritual_list"), {"pillar": "stories"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="library"')
    assert "<html" not in html
    assert set(card_pillars(html)) == {"stories"}


def test_an_unknown_pillar_shows_every_ritual_with_a_message(facilitator_client):
    response = facilitator_client.get(reverse("ritual_list"), {"pillar": "nonsense"})
    assert response.status_code == 200
    assert "There is no such pillar" in response.content.decode()
    assert len(card_pillars(response.content.decode())) == Ritual.objects.count()


def test_a_facilitator_edits_a_ritual(facilitator_client):
    ritual = Ritual.objects.get(slug="empty-chair-in-planning")
    response = facilitator_client.post(
        reverse("ritual_edit", args=[ritual.slug]), valid_data(name="The customer's chair")
    )
    assert response.status_code == 302
    ritual.refresh_from_db()
    assert ritual.name == "The customer's chair"
    assert ritual.slug == "empty-chair-in-planning"
    assert ritual.pillar.slug == "stories"
    assert ritual.step_list == [
        "Someone names one customer.",
        "They say what that customer needs today.",
    ]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": ""}, "Give the ritual a name."),
        ({"name": "A new name", "duration": "481"}, "Keep a ritual under 480 minutes"),
        ({"duration": "ten"}, "Write the duration as a whole number of minutes."),
        ({"duration": "0"}, "A ritual takes at least one minute."),
        ({"cadence": "hourly"}, "Pick how often the ritual happens from the list."),
        ({"steps": "  \n \n"}, "Write the steps, one per line."),
        ({"pillar": "999999"}, "Pick one of the four pillars."),
    ],
)
def test_an_invalid_edit_shows_a_clear_error_and_changes_nothing(
    facilitator_client, changes, message
):
    ritual = Ritual.objects.get(slug="quarterly-customer-panel")
    before = Ritual.objects.filter(pk=ritual.pk).values().get()
    response = facilitator_client.post(
        reverse("ritual_edit", args=[ritual.slug]), valid_data(**changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert f"Edit “{ritual.name}”" in response.content.decode()
    assert Ritual.objects.filter(pk=ritual.pk).values().get() == before


def test_a_facilitator_adds_a_ritual_to_the_library(facilitator_client):
    response = facilitator_client.post(reverse("ritual_new"), valid_data())
    ritual = Ritual.objects.get(slug="customer-minute-in-the-stand-up")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#ritual-{ritual.slug}")
    assert ritual.pillar.slug == "stories"
    assert (
        ritual.position
        > Ritual.objects.filter(pillar__slug="stories")
        .exclude(pk=ritual.pk)
        .order_by("position")
        .first()
        .position
    )


def test_two_rituals_with_the_same_name_get_different_addresses(facilitator_client):
    facilitator_client.post(reverse("ritual_new"), valid_data())
    facilitator_client.post(reverse("ritual_new"), valid_data())
    slugs = set(
        Ritual.objects.filter(name="Customer minute in the stand-up").values_list("slug", flat=True)
    )
    assert slugs == {"customer-minute-in-the-stand-up", "customer-minute-in-the-stand-up-2"}


def test_editing_an_unknown_ritual_is_not_found(facilitator_client):
    assert (
        facilitator_client.get(reverse("ritual_edit", args=["no-such-ritual"])).status_code == 404
    )
