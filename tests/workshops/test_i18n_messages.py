"""The core's own texts in Dutch: refusals, form errors and labels follow the active language,
and a facilitator picks the language of a workshop."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.conftest import make_workshop
from workshops import forms, kinds, pictures, services
from workshops.live import actions, budget, viewers
from workshops.models import Activity, Pillar, Workshop
from workshops.services import NotAllowed, RoomClosed, ServiceError
from workshops.templatetags.durations import hours_and_minutes
from workshops.views import access, participants

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_language_left_behind():
    """A request in Dutch leaves Dutch active in the test's thread: later tests read English."""
    yield
    translation.deactivate()


def client_id(n: int = 1) -> str:
    return f"client-i18n-{n:04d}"


# Service refusals -----------------------------------------------------------------------------


def test_joining_a_closed_room_is_refused_in_dutch(workshop, facilitator):
    services.close_room(workshop, facilitator)

    with translation.override("nl"), pytest.raises(RoomClosed) as refused:
        services.join_room(workshop.room_code, "Amira", services.new_device_key())

    assert str(refused.value) == "Deze ruimte is gesloten. Vraag de facilitator om de nieuwe code."


def test_the_same_refusal_stays_english_in_english(workshop, facilitator):
    services.close_room(workshop, facilitator)

    with translation.override("en"), pytest.raises(RoomClosed) as refused:
        services.join_room(workshop.room_code, "Amira", services.new_device_key())

    assert str(refused.value) == "This room is closed. Ask the facilitator for the new code."


def test_a_too_long_note_is_refused_in_dutch_with_its_numbers(workshop, participant):
    board = workshop.activities.get(title="Invent customer rituals")
    board.max_note_length = 20
    board.save()
    column = board.columns.first()

    with translation.override("nl"), pytest.raises(ServiceError) as refused:
        services.add_note(
            workshop,
            participant=participant,
            activity_id=board.pk,
            column_id=column.pk,
            text="x" * 25,
            client_id=client_id(),
        )

    assert str(refused.value) == "Houd notities korter dan 20 tekens (deze heeft er 25)."


def test_a_participant_trying_a_facilitator_control_is_refused_in_dutch(workshop, participant):
    with translation.override("nl"), pytest.raises(NotAllowed) as refused:
        services.lock_board(workshop, None, None)

    assert str(refused.value) == "Alleen de facilitator van deze workshop kan dat doen."


def test_counted_refusals_say_one_or_several_in_dutch(workshop, participant):
    board = workshop.activities.get(title="Invent customer rituals")
    board.notes_per_person = 1
    board.save()
    column = board.columns.first()
    services.add_note(
        workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=column.pk,
        text="Fix-it Friday",
        client_id=client_id(1),
    )

    with translation.override("nl"), pytest.raises(ServiceError) as refused:
        services.add_note(
            workshop,
            participant=participant,
            activity_id=board.pk,
            column_id=column.pk,
            text="Customer call Monday",
            client_id=client_id(2),
        )

    assert str(refused.value).startswith("Dit bord neemt 1 notitie per persoon.")


# Texts the socket and the pages send: each constant stays English, and has its Dutch -----------

REFUSALS = [
    services.FACILITATOR_ONLY,
    budget.SLOW_DOWN,
    viewers.SIGNED_OUT,
    actions.UNKNOWN_ACTION,
    actions.FAILED,
    actions.NOT_SAVED_YET,
    actions.NOT_DONE_YET,
    pictures.UNREADABLE,
    pictures.HEIC,
    pictures.BUSY,
    access.NOT_IN_ROOM,
    participants.WRONG_CODES,
    participants.TOO_MANY_JOINS,
]


@pytest.mark.parametrize("english", REFUSALS)
def test_every_fixed_refusal_is_english_text_with_a_dutch_translation(english):
    assert isinstance(english, str)
    with translation.override("nl"):
        dutch = gettext(english)
    assert dutch and dutch != english


def test_not_saved_yet_is_told_in_the_language_of_the_moment():
    with translation.override("nl"):
        error = actions.NotSavedYet(client_id())
    assert str(error).startswith("Nog niet opgeslagen")


# Form errors ------------------------------------------------------------------------------------


def test_a_form_error_comes_out_in_dutch():
    with translation.override("nl"):
        form = forms.DisplayNameForm({"name": "   "})
        assert not form.is_valid()
        assert form.errors["name"] == ["Typ de naam die de anderen zien."]

        code = forms.JoinCodeForm({"code": "K7P"})
        assert not code.is_valid()
        assert code.errors["code"] == ["Een roomcode heeft 6 letters en cijfers, zoals K7PM3Q."]


def test_a_socket_message_error_comes_out_in_dutch():
    with translation.override("nl"), pytest.raises(ServiceError) as refused:
        actions.clean_message(forms.TimerStartMessage, {"seconds": 0})
    assert str(refused.value) == "Een timer loopt van 1 seconde tot 60 minuten."


def test_a_form_error_with_a_limit_keeps_its_number_in_dutch():
    with translation.override("nl"):
        form = forms.DisplayNameForm({"name": "A" * (forms.DISPLAY_NAME_MAX_LENGTH + 1)})
        assert not form.is_valid()
        assert form.errors["name"] == ["Houd je naam op 40 tekens of minder."]


# Labels ----------------------------------------------------------------------------------------


def test_kind_labels_and_pillars_follow_the_active_language():
    with translation.override("nl"):
        labels = dict(kinds.choices())
        assert labels["board"] == "Notitiebord"
        assert labels["paradigm"] == "Paradigmavergelijking"
        assert Pillar.STORIES.label == "Klantverhalen delen"
    with translation.override("en"):
        assert dict(kinds.choices())["board"] == "Sticky-note board"
        assert Pillar.STORIES.label == "Sharing customer stories"


def test_board_settings_are_labelled_in_dutch(workshop):
    board = workshop.activities.get(title="Invent customer rituals")
    with translation.override("nl"):
        form = forms.BoardSettingsForm(instance=board)
        assert form["hide_until_reveal"].label == "Notities verbergen tot ik ze onthul"
        assert form["column_0_title"].label == "Kolom 1"


def test_planned_durations_read_in_dutch():
    with translation.override("nl"):
        assert hours_and_minutes(135) == "2 u 15 min"
        assert hours_and_minutes(45) == "45 min"
    with translation.override("en"):
        assert hours_and_minutes(135) == "2 h 15 min"


def test_a_blank_workshop_opens_with_a_welcome_slide_stored_in_english(facilitator):
    workshop = make_workshop(facilitator, template_slug=None, language="nl")
    assert list(workshop.activities.values_list("title", flat=True)) == ["Welcome"]
    with translation.override("nl"):
        assert gettext("Welcome") == "Welkom"


# The workshop's language -------------------------------------------------------------------


def test_a_new_workshop_saves_its_language(facilitator_client, facilitator):
    response = facilitator_client.post(
        reverse("workshop_new"),
        {"title": "Klantcultuur bij Acme", "template": "", "language": "nl"},
    )

    workshop = Workshop.objects.get(facilitator=facilitator)
    assert response.status_code == 302
    assert workshop.language == "nl"


def test_the_details_form_changes_the_language(facilitator_client, workshop):
    url = reverse("workshop_detail", args=[workshop.pk])
    response = facilitator_client.post(url, {"title": workshop.title, "language": "nl"})

    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.language == "nl"


def test_an_unknown_language_is_refused_with_a_clear_message(facilitator_client, workshop):
    url = reverse("workshop_detail", args=[workshop.pk])
    response = facilitator_client.post(url, {"title": "Renamed", "language": "xx"})

    assert response.status_code == 200
    assert "Pick one of the languages in the list." in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.title == "Customer rituals at Acme"
    assert workshop.language == settings.LANGUAGE_CODE


def test_a_post_without_a_language_keeps_the_workshops_language(facilitator_client, workshop):
    workshop.language = "nl"
    workshop.save()
    url = reverse("workshop_detail", args=[workshop.pk])
    facilitator_client.post(url, {"title": "Renamed"})

    workshop.refresh_from_db()
    assert workshop.title == "Renamed"
    assert workshop.language == "nl"


def test_the_language_form_field_is_on_both_workshop_pages(facilitator_client, workshop):
    for url in (reverse("workshop_new"), reverse("workshop_detail", args=[workshop.pk])):
        html = facilitator_client.get(url).content.decode()
        assert 'name="language"' in html
        assert "Nederlands" in html


def test_a_new_workshop_starts_in_the_facilitators_language(facilitator_client):
    facilitator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    html = facilitator_client.get(reverse("workshop_new")).content.decode()
    assert '<option value="nl" selected>' in html


def test_the_service_refuses_an_unknown_language(facilitator, workshop):
    with pytest.raises(ServiceError, match="Pick one of the languages in the list."):
        services.create_workshop(facilitator, title="Odd", language="xx")
    with pytest.raises(ServiceError, match="Pick one of the languages in the list."):
        services.update_workshop(workshop, facilitator, language="xx")
    assert not Activity.objects.filter(workshop__title="Odd").exists()
