"""The rituals kinds on the pages: the presenter and phone pages, the results page, the notes
export and the culture program's inputs; authors of an anonymous norms board stay unnamed."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from culture_program.services import program_inputs
from rituals import services as rituals
from rituals.kinds.library import design_activity_for
from rituals.kinds.norms import tally
from rituals.models import Pillar, Ritual, WayOfWorkingLine
from tests.conftest import make_participant, participant_cookie
from workshops import services
from workshops.live import boards as board_live

from .conftest import add_idea

pytestmark = pytest.mark.django_db

AUTHOR = "Zebedee Quill"


def add_norm(workshop, participant, text: str, pillar: str, belief: str = ""):
    board = workshop.activities.get(kind="norms")
    note, _ = services.add_note(
        workshop,
        participant=participant,
        activity_id=board.pk,
        column_id=board.columns.first().pk,
        text=text,
        client_id=f"norm-{abs(hash(text))}",
    )
    rituals.add_norm_detail(
        note, participant=participant, pillar=Pillar.objects.get(slug=pillar), belief=belief
    )
    return note


@pytest.fixture
def filled(workshop, facilitator):
    """A run through the afternoon: a norm with a pair, a started ritual with a commitment and
    an accepted line of the way of working, all written by one participant."""
    author = make_participant(workshop, AUTHOR)
    note = add_norm(
        workshop,
        author,
        "Every project starts with the budget",
        "way-of-working",
        "Costs keep us safe",
    )
    board = note.activity
    services.reveal_board(workshop, facilitator, board.pk)
    rituals.make_norm_shift(board, facilitator, "", "We start with the customer's goal", note)
    ideas = workshop.activities.get(kind="ritual_ideas")
    designed = rituals.promote_ideas(
        design_activity_for(ideas),
        facilitator,
        [add_idea(workshop, f"Ritual {number}").pk for number in range(1, 4)],
    )[0]
    start = workshop.activities.get(kind="start_ritual")
    started = rituals.start_ritual(
        start,
        facilitator,
        designed=designed,
        first_occurrence=timezone.now() + datetime.timedelta(minutes=5),
        owner="Head of service",
        sponsor="Chief Customer Officer",
    )
    rituals.commit_to_ritual(started, author, "I will open Monday's meeting with a story")
    way = workshop.activities.get(kind="way_of_working")
    line = rituals.suggest_line(way, author, "goals", "Every brief names its customer goal")
    rituals.accept_line(line, facilitator)
    return author


def test_an_anonymous_norms_authors_name_is_in_no_page_fragment_or_export(
    filled, facilitator_client, workshop
):
    board = workshop.activities.get(kind="norms")
    note = board.notes.get()
    results = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))
    export = facilitator_client.get(reverse("notes_csv", args=[workshop.pk]))
    services.goto_activity(workshop, workshop.facilitator, board.pk)
    phone = Client()
    phone.cookies["culture_room_participant"] = participant_cookie(filled)
    room = phone.get(reverse("room", args=[workshop.room_code]))
    fragments = "".join(board_live.note_fragments(note)) + tally(board)

    page = results.content.decode()
    assert "Every project starts with the budget" in page
    assert "Costs keep us safe" in page
    assert "We start with the customer&#x27;s goal" in page
    assert "Every project starts with the budget" in export.content.decode("utf-8-sig")
    assert "Every project starts with the budget" in room.content.decode()
    for shown in (page, export.content.decode("utf-8-sig"), fragments):
        assert AUTHOR not in shown


def test_names_appear_where_the_facilitator_shows_them(filled, facilitator_client, workshop):
    workshop.activities.filter(kind__in=["norms", "start_ritual"]).update(show_names=True)

    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk])).content.decode()

    assert page.count(AUTHOR) >= 2  # the norm and the commitment


def test_the_results_page_has_every_kinds_section(filled, facilitator_client, workshop):
    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk])).content.decode()

    assert "Norms by pillar" in page
    assert "Promoted into design" in page
    assert "Started in the room" in page and "Chief Customer Officer" in page
    assert "I will open Monday&#x27;s meeting with a story" in page
    assert "Every brief names its customer goal" in page


def test_the_culture_program_gets_norms_the_started_ritual_and_the_way_of_working(filled, workshop):
    inputs = program_inputs(workshop)

    assert {
        "text": "Every project starts with the budget",
        "pillar": "way-of-working",
        "column": "Helps customers",
        "belief": "Costs keep us safe",
        "from_to": "Every project starts with the budget → We start with the customer's goal",
        "votes": 0,
    } in inputs["norms"]
    [started] = inputs["started"]
    assert (started["name"], started["owner"], started["sponsor"]) == (
        "Ritual 1",
        "Head of service",
        "Chief Customer Officer",
    )
    assert started["commitments"] == ["I will open Monday's meeting with a story"]
    assert inputs["way_of_working"] == [
        {
            "section": WayOfWorkingLine.Section.GOALS.label,
            "text": "Every brief names its customer goal",
        }
    ]
    assert [ritual["name"] for ritual in inputs["rituals"]] == ["Ritual 1", "Ritual 2", "Ritual 3"]


@pytest.mark.parametrize(
    ("kind", "shown"),
    [
        ("norms", 'data-note-action="norm.add"'),
        ("ritual_library", 'class="ritual-card"'),
        ("ritual_ideas", 'value="library.put"'),
        ("start_ritual", "The room is choosing the ritual to start."),
        ("way_of_working", 'value="wow.suggest"'),
    ],
)
def test_every_kind_is_on_the_phone_and_the_projector(
    kind, shown, facilitator_client, workshop, participant
):
    activity = workshop.activities.get(kind=kind)
    services.goto_activity(workshop, workshop.facilitator, activity.pk)
    phone = Client()
    phone.cookies["culture_room_participant"] = participant_cookie(participant)

    room = phone.get(reverse("room", args=[workshop.room_code])).content.decode()
    present = facilitator_client.get(reverse("present", args=[workshop.pk])).content.decode()

    assert shown in room
    assert activity.title in present
    assert "rituals/rituals.css" in present


def test_the_library_on_the_projector_shows_every_ritual_as_a_card_with_its_pillar(
    facilitator_client, workshop
):
    library = workshop.activities.get(kind="ritual_library")
    services.goto_activity(workshop, workshop.facilitator, library.pk)

    page = facilitator_client.get(reverse("present", args=[workshop.pk])).content.decode()

    assert page.count('class="ritual-card" id="library-ritual-') == Ritual.objects.count() >= 24
    for pillar in ("stories", "listening", "responsibility", "way-of-working"):
        assert Ritual.objects.filter(pillar__slug=pillar).count() >= 6
        assert page.count(f'data-pillar="{pillar}"') >= 6
