"""The rituals module in Dutch: its pages, fragments, forms and refusals follow the active
language, and the built-in library shows through the catalogue (issue 16)."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from rituals import services as rituals
from rituals.forms import CommitMessage, RitualForm
from rituals.services.commitments import COMMITMENT_LIMIT
from workshops.services import ServiceError

from .conftest import designed_rituals

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(workshop, commit_activity):
    designed = designed_rituals(workshop, 3)
    return rituals.start_ritual(
        commit_activity,
        workshop.facilitator,
        designed=designed[0],
        first_occurrence=timezone.now(),
        owner="Head of customer service",
        sponsor="Chief executive",
    )


def test_the_library_page_speaks_dutch_to_a_dutch_browser(facilitator_client):
    page = facilitator_client.get(
        reverse("ritual_list"), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()

    assert "<h1>Rituelenbibliotheek</h1>" in page
    assert "Ritueel toevoegen" in page
    assert "Alle pijlers" in page
    assert "Het signaal dat het werkt" in page
    assert "Ritual library" not in page


def test_the_library_page_stays_english_for_an_english_browser(facilitator_client):
    page = facilitator_client.get(
        reverse("ritual_list"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "<h1>Ritual library</h1>" in page
    assert "Rituelenbibliotheek" not in page


def test_the_commitments_count_is_dutch_with_its_plural(commit_activity):
    with translation.override("nl"):
        one = render_to_string(
            "rituals/start.html#count", {"activity": commit_activity, "commitments": [1]}
        )
        two = render_to_string(
            "rituals/start.html#count", {"activity": commit_activity, "commitments": [1, 2]}
        )

    assert "<strong>1</strong> toezegging op de muur" in one
    assert "<strong>2</strong> toezeggingen op de muur" in two


def test_the_phones_commitment_form_opens_with_the_dutch_words(commit_activity, started):
    with translation.override("nl"):
        html = render_to_string(
            "rituals/start.html#mine",
            {"activity": commit_activity, "started": started, "mine": None},
        )

    assert "Wat ga jij doen voor dit ritueel?" in html
    assert ">Ik ga </textarea>" in html


@pytest.mark.parametrize("text", ["", "Ik ga", "Ik ga …", "I will"])
def test_an_unfinished_commitment_is_refused_in_dutch(started, participant, text):
    with translation.override("nl"), pytest.raises(ServiceError) as refused:
        rituals.commit_to_ritual(started, participant, text)
        pytest.fail("an unfinished commitment was accepted")
    with translation.override("nl"):
        assert str(refused.value) == "Maak de zin “Ik ga …” af met wat je gaat doen."


def test_a_form_text_made_at_import_reads_in_the_language_of_the_moment(started):
    """The limit's error text is made once, at import, and filled in when it is shown."""
    too_long = {"activity": started.activity_id, "text": "x" * (COMMITMENT_LIMIT + 1)}
    with translation.override("nl"):
        dutch = [str(error) for error in CommitMessage(too_long).errors["text"]]
    with translation.override("en"):
        english = [str(error) for error in CommitMessage(too_long).errors["text"]]

    assert dutch == [f"Houd je toezegging onder de {COMMITMENT_LIMIT} tekens."]
    assert english == [f"Keep your commitment under {COMMITMENT_LIMIT} characters."]


def test_the_ritual_form_labels_and_errors_are_dutch():
    with translation.override("nl"):
        form = RitualForm({})
        assert not form.is_valid()
        assert form.errors["name"] == ["Geef het ritueel een naam."]
        assert str(form["duration"].label) == "Duur (minuten)"
        assert "Wekelijks" in str(form["cadence"])
