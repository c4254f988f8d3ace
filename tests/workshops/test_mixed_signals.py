"""Mixed signals as pairs: each note on the mixed-signals board holds what leaders say and what
a system does instead, names its dimension, and keeps all three on the results page and in the
notes export."""

from __future__ import annotations

import csv
import io
import itertools
import re

import pytest
from django.urls import reverse

from culture_program.results import CSV_HEADER
from tests.conftest import make_participant, make_workshop
from workshops import forms, services
from workshops.live import actions, screens
from workshops.models import Activity, Note, Workshop, WorkshopDimension
from workshops.services import NotAllowed, ServiceError

pytestmark = pytest.mark.django_db

SAYS = "Take all the time a customer needs."
DOES = "Call handlers are measured on calls per hour."
OTHER_HALF = (
    "Add the other half: what does the system (a process, policy, reward or metric) do instead?"
)
_client_ids = itertools.count(1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def workshop(facilitator) -> Workshop:
    return make_workshop(
        facilitator, template_slug="understand-customer-culture", title="Customer culture at Acme"
    )


@pytest.fixture
def mixed(workshop, facilitator) -> Activity:
    board = workshop.activities.get(title="Mixed signals")
    services.goto_activity(workshop, facilitator, board.pk)
    workshop.refresh_from_db()
    return board


@pytest.fixture
def vision(workshop) -> Activity:
    return workshop.activities.get(title="Vision: two years from now")


@pytest.fixture
def rewards(workshop) -> WorkshopDimension:
    return WorkshopDimension.objects.get(
        activity__workshop=workshop, source__slug="rewards-and-incentives"
    )


def add_pair(workshop, participant, board, *, says=SAYS, does=DOES, dimension=None, by=None):
    return services.add_note(
        workshop,
        participant=participant,
        by=by,
        activity_id=board.pk,
        column_id=board.columns.first().pk,
        text=says,
        client_id=f"pair-{next(_client_ids):06d}",
        dimension_id=dimension.pk if dimension else None,
        system_does=does,
    )[0]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_template_gives_mixed_signals_one_column_for_pairs(mixed):
    assert list(mixed.columns.values_list("title", flat=True)) == ["Mixed signals"]
    assert mixed.ask_dimension


def test_a_participant_adds_a_mixed_signal_as_a_pair(workshop, participant, mixed, rewards):
    note = add_pair(workshop, participant, mixed, dimension=rewards)

    stored = Note.objects.get(pk=note.pk)
    assert (stored.text, stored.system_does, stored.dimension) == (SAYS, DOES, rewards)


def test_the_facilitator_adds_a_pair_too(workshop, facilitator, mixed, rewards):
    note = add_pair(workshop, None, mixed, dimension=rewards, by=facilitator)

    assert (note.system_does, note.participant) == (DOES, None)


@pytest.mark.parametrize("does", ["", "   "])
def test_a_mixed_signal_without_the_systems_half_is_refused(
    workshop, participant, mixed, rewards, does
):
    with pytest.raises(ServiceError) as refused:
        add_pair(workshop, participant, mixed, dimension=rewards, does=does)

    assert str(refused.value) == OTHER_HALF
    assert not Note.objects.exists()


def test_the_systems_half_is_held_to_the_boards_length_limit(workshop, participant, mixed, rewards):
    too_long = "x" * (mixed.max_note_length + 1)

    with pytest.raises(ServiceError) as refused:
        add_pair(workshop, participant, mixed, dimension=rewards, does=too_long)

    assert str(refused.value).startswith(f"Keep notes under {mixed.max_note_length} characters")
    assert not Note.objects.exists()


def test_a_mixed_signal_still_names_its_dimension(workshop, participant, mixed):
    with pytest.raises(ServiceError):
        add_pair(workshop, participant, mixed)

    assert not Note.objects.exists()


def test_another_board_keeps_no_systems_half(workshop, participant, vision):
    note = add_pair(workshop, participant, vision, says="Customers call us by name")

    assert Note.objects.get(pk=note.pk).system_does == ""


def test_a_participant_edits_both_halves_of_their_pair(workshop, participant, mixed, rewards):
    note = add_pair(workshop, participant, mixed, dimension=rewards)

    services.edit_note(
        workshop,
        participant=participant,
        note_id=note.pk,
        text="Customers come first.",
        system_does="Bonuses follow quarterly sales.",
    )

    note.refresh_from_db()
    assert (note.text, note.system_does) == (
        "Customers come first.",
        "Bonuses follow quarterly sales.",
    )


def test_an_edit_that_drops_the_systems_half_is_refused(workshop, participant, mixed, rewards):
    note = add_pair(workshop, participant, mixed, dimension=rewards)

    with pytest.raises(ServiceError) as refused:
        services.edit_note(workshop, participant=participant, note_id=note.pk, text="New words")

    assert str(refused.value) == OTHER_HALF
    note.refresh_from_db()
    assert (note.text, note.system_does) == (SAYS, DOES)


def test_a_participant_cannot_edit_someone_elses_pair(workshop, participant, mixed, rewards):
    note = add_pair(workshop, participant, mixed, dimension=rewards)
    someone = make_participant(workshop, "Ben")

    with pytest.raises(NotAllowed):
        services.edit_note(
            workshop, participant=someone, note_id=note.pk, text="Mine", system_does="Now"
        )

    note.refresh_from_db()
    assert (note.text, note.system_does) == (SAYS, DOES)


# The socket messages' forms --------------------------------------------------------------------


def test_the_note_messages_take_an_optional_systems_half():
    base = {"activity": "3", "column": "7", "text": "Says", "client_id": "abcdEFGH_-12"}

    assert actions.clean_message(forms.NoteAddMessage, base)["system_does"] == ""
    with_half = actions.clean_message(forms.NoteAddMessage, {**base, "system_does": " Does\x07 "})
    assert with_half["system_does"] == "Does"
    edit = actions.clean_message(
        forms.NoteEditMessage, {"note": "4", "text": "A", "system_does": "B"}
    )
    assert edit["system_does"] == "B"


@pytest.mark.parametrize(
    ("value", "message"),
    [(["a", "list"], "Write your note as plain text."), ("x" * 2001, "That note is far too long.")],
)
def test_a_malformed_systems_half_is_refused_by_the_form(value, message):
    form = forms.NoteAddMessage(
        {"activity": "3", "column": "7", "text": "Says", "client_id": "abcdEFGH_-12"}
        | {"system_does": value}
    )

    assert not form.is_valid()
    assert form.errors["system_does"] == [message]


# What screens show -----------------------------------------------------------------------------


def test_the_phone_asks_for_both_halves_with_clear_labels(workshop, participant, mixed):
    html = screens.phone_snapshot(workshop, participant)

    assert "Leaders say…" in html
    assert "…but the system does" in html
    assert 'name="system_does"' in html
    assert "(a process, policy, reward or metric)" in html


def test_another_boards_composer_asks_for_one_note(workshop, participant, facilitator, vision):
    services.goto_activity(workshop, facilitator, vision.pk)
    workshop.refresh_from_db()

    assert 'name="system_does"' not in screens.phone_snapshot(workshop, participant)


def test_the_note_shows_both_halves_and_its_dimension(workshop, participant, mixed, rewards):
    add_pair(workshop, participant, mixed, dimension=rewards)

    for html in (
        screens.phone_snapshot(workshop, participant),
        screens.presenter_snapshot(workshop, "http://testserver/"),
    ):
        read = text_of(html)
        assert f"Rewards and incentives Leaders say {SAYS} The system does {DOES}" in read


def test_the_results_page_keeps_the_dimension_and_both_halves(
    facilitator_client, workshop, participant, mixed, rewards
):
    add_pair(workshop, participant, mixed, dimension=rewards)

    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))

    assert f"Rewards and incentives Leaders say {SAYS} The system does {DOES}" in text_of(
        page.content.decode()
    )


def test_the_notes_export_ends_with_the_dimension_and_the_systems_half(
    facilitator_client, workshop, participant, mixed, vision, rewards
):
    add_pair(workshop, participant, mixed, dimension=rewards, does="=SUM(A1)")
    add_pair(workshop, participant, vision, says="Customers call us by name")

    response = facilitator_client.get(reverse("notes_csv", args=[workshop.pk]))
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))

    assert header == CSV_HEADER
    assert header[-2:] == ["dimension", "system_does"]
    by_text = {row[3]: row for row in rows}
    assert by_text[SAYS][-2:] == ["Rewards and incentives", "'=SUM(A1)"]
    assert by_text["Customers call us by name"][-2:] == ["", ""]


def test_another_facilitator_cannot_export_the_pairs(client, other_facilitator, workshop):
    client.force_login(other_facilitator)

    assert client.get(reverse("notes_csv", args=[workshop.pk])).status_code == 404
