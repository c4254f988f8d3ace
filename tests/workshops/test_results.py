"""After the workshop: the results page and the notes export, for the workshop's owner only."""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.conftest import make_participant
from workshops import services
from workshops.models import Activity, Note, Workshop

pytestmark = pytest.mark.django_db

CSV_HEADER = [
    "activity",
    "column",
    "cluster",
    "text",
    "votes",
    "author",
    "time",
    "dimension",
    "system_does",
]

_client_ids = itertools.count(1)


def add(workshop: Workshop, participant, board: Activity, text: str, column_index: int = 0):
    column = board.columns.order_by("position")[column_index]
    return services.add_note(
        workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=column.pk,
        text=text,
        client_id=f"results-{next(_client_ids):04d}",
    )[0]


def vote(workshop: Workshop, participant, note: Note, times: int = 1) -> None:
    for _ in range(times):
        services.vote(workshop, participant=participant, note_id=note.pk)


@pytest.fixture
def boards(workshop, facilitator, participant):
    """Both boards of the customer-rituals agenda with notes, a cluster and votes."""
    norms = workshop.activities.get(title="Our norms today")
    rituals = workshop.activities.get(title="Invent customer rituals")
    services.reveal_board(workshop, facilitator, norms.pk)
    for board in (norms, rituals):
        services.show_names(workshop, facilitator, board.pk, show=True)
    bruno = make_participant(workshop, "Bruno")
    notes = {
        "callback": add(workshop, participant, norms, "We call customers back the same day"),
        "sla": add(workshop, bruno, norms, "Answer within the SLA", column_index=0),
        "handoffs": add(workshop, bruno, norms, "Five handoffs per complaint", column_index=1),
        "story": add(workshop, participant, rituals, "A customer story opens every meeting"),
        "call": add(workshop, bruno, rituals, "Everyone calls a customer each month"),
    }
    services.group_note(workshop, facilitator, note_id=notes["callback"].pk, group="Speed")
    services.group_note(workshop, facilitator, note_id=notes["sla"].pk, group="Speed")
    vote(workshop, participant, notes["handoffs"])
    vote(workshop, bruno, notes["story"], times=3)
    vote(workshop, participant, notes["call"])
    for note in notes.values():
        note.refresh_from_db()
    return {"norms": norms, "rituals": rituals, **notes}


# Results page ------------------------------------------------------------------------------


def test_the_results_show_every_board_its_clusters_notes_and_votes(
    facilitator_client, workshop, boards
):
    response = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    for board in (boards["norms"], boards["rituals"]):
        assert escape(board.title) in page
        for column in board.columns.all():
            assert escape(column.title) in page
    assert '<h4 class="cluster__name">Speed</h4>' in page
    for name in ("callback", "sla", "handoffs", "story", "call"):
        note = boards[name]
        votes = f'<span class="results-note__votes" title="votes">{note.vote_count}</span>'
        assert f"{votes} <span>{escape(note.text)}</span>" in page
        assert escape(note.author_name) in page
    assert boards["story"].vote_count == 3


def test_the_results_list_the_most_voted_note_first(facilitator_client, workshop, boards):
    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk])).content.decode()

    assert page.index(boards["story"].text) < page.index(boards["call"].text)


def test_the_results_of_a_board_without_notes_say_so(facilitator_client, workshop):
    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk])).content.decode()

    assert "Our norms today" in page
    assert "Invent customer rituals" in page
    assert "No notes." in page


def test_another_facilitator_gets_404_for_the_results(client, other_facilitator, workshop, boards):
    client.force_login(other_facilitator)

    response = client.get(reverse("workshop_results", args=[workshop.pk]))

    assert response.status_code == 404
    assert boards["story"].text not in response.content.decode()


def test_nobody_logged_in_is_sent_to_log_in_for_the_results(client, workshop, boards):
    url = reverse("workshop_results", args=[workshop.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


# Notes export ------------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_notes_export_is_a_csv_with_one_row_per_note(facilitator_client, workshop, boards):
    response = facilitator_client.get(reverse("notes_csv", args=[workshop.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="customer-rituals-at-acme-notes.csv"'
    )
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    header, *rows = csv_rows(response)
    assert header == CSV_HEADER
    assert len(rows) == Note.objects.filter(activity__workshop=workshop).count() == 5
    assert sorted(row[3] for row in rows) == sorted(
        boards[name].text for name in ("callback", "sla", "handoffs", "story", "call")
    )


def test_a_notes_row_has_its_board_column_cluster_votes_author_and_time(
    facilitator_client, workshop, boards
):
    rows = csv_rows(facilitator_client.get(reverse("notes_csv", args=[workshop.pk])))[1:]

    callback = boards["callback"]
    row = next(row for row in rows if row[3] == callback.text)
    assert row == [
        "Our norms today",
        "Helps customers",
        "Speed",
        callback.text,
        "0",
        "Amira",
        timezone.localtime(callback.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        "",
        "",
    ]
    story = next(row for row in rows if row[3] == boards["story"].text)
    assert story[:3] == ["Invent customer rituals", "Ritual ideas", ""]
    assert story[4:6] == ["3", "Amira"]


def test_the_notes_export_follows_the_agenda_and_then_the_votes(
    facilitator_client, workshop, boards
):
    rows = csv_rows(facilitator_client.get(reverse("notes_csv", args=[workshop.pk])))[1:]

    assert [(row[0], row[1], row[3]) for row in rows] == [
        ("Our norms today", "Helps customers", boards["callback"].text),
        ("Our norms today", "Helps customers", boards["sla"].text),
        ("Our norms today", "Gets in their way", boards["handoffs"].text),
        ("Invent customer rituals", "Ritual ideas", boards["story"].text),
        ("Invent customer rituals", "Ritual ideas", boards["call"].text),
    ]


def test_a_note_with_several_lines_stays_one_row(facilitator_client, workshop, participant):
    rituals = workshop.activities.get(title="Invent customer rituals")
    add(workshop, participant, rituals, "First line\nsecond line, with a comma")

    rows = csv_rows(facilitator_client.get(reverse("notes_csv", args=[workshop.pk])))[1:]

    assert [row[3] for row in rows] == ["First line\nsecond line, with a comma"]


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example","Click")', "+1+2", "-2+3", "@SUM(A1:A2)"],
    ids=["equals", "plus", "minus", "at"],
)
def test_a_note_that_looks_like_a_formula_is_exported_as_text(
    facilitator_client, workshop, participant, text
):
    rituals = workshop.activities.get(title="Invent customer rituals")
    add(workshop, participant, rituals, text)

    rows = csv_rows(facilitator_client.get(reverse("notes_csv", args=[workshop.pk])))[1:]

    assert [row[3] for row in rows] == ["'" + text]


def test_an_author_or_cluster_that_looks_like_a_formula_is_exported_as_text(
    facilitator_client, workshop, facilitator
):
    rituals = workshop.activities.get(title="Invent customer rituals")
    services.show_names(workshop, facilitator, rituals.pk, show=True)
    sneaky = make_participant(workshop, "=cmd|'/C calc'!A0")
    note = add(workshop, sneaky, rituals, "Harmless text")
    services.group_note(workshop, facilitator, note_id=note.pk, group="@cluster")

    rows = csv_rows(facilitator_client.get(reverse("notes_csv", args=[workshop.pk])))[1:]

    assert len(rows) == 1
    assert rows[0][2] == "'@cluster"
    assert rows[0][3] == "Harmless text"
    assert rows[0][5] == "'=cmd|'/C calc'!A0"


def test_another_facilitator_gets_404_for_the_notes_export(
    client, other_facilitator, workshop, boards
):
    client.force_login(other_facilitator)

    response = client.get(reverse("notes_csv", args=[workshop.pk]))

    assert response.status_code == 404
    assert boards["story"].text not in response.content.decode()


def test_nobody_logged_in_is_sent_to_log_in_for_the_notes_export(client, workshop, boards):
    url = reverse("notes_csv", args=[workshop.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_an_anonymous_boards_authors_appear_neither_on_the_page_nor_in_the_export(
    facilitator_client, workshop, participant
):
    rituals = workshop.activities.get(title="Invent customer rituals")
    assert not rituals.show_names
    add(workshop, participant, rituals, "A customer story opens every meeting")

    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))
    rows = csv_rows(facilitator_client.get(reverse("notes_csv", args=[workshop.pk])))[1:]

    assert "A customer story opens every meeting" in page.content.decode()
    assert participant.display_name not in page.content.decode()
    assert rows[0][3] == "A customer story opens every meeting"
    assert rows[0][5] == ""
