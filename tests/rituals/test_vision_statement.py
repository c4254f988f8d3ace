"""The vision statement: groups draft from the vision board's notes, the room votes once each,
the facilitator finalises; who may do what; the templates run it after the vision board."""

from __future__ import annotations

import pytest

from rituals.kinds import vision as kind
from rituals.models import VisionDraft, VisionVote
from rituals.services import vision
from tests.conftest import make_participant, make_workshop
from workshops import services
from workshops.models import WorkshopTemplate
from workshops.services import NotAllowed, RoomClosed, ServiceError

pytestmark = pytest.mark.django_db

TITLE = "Our vision statement"


@pytest.fixture
def culture(facilitator):
    return make_workshop(facilitator, template_slug="understand-customer-culture")


@pytest.fixture
def statement(culture):
    return culture.activities.get(title=TITLE)


@pytest.fixture
def people(culture):
    return [make_participant(culture, name) for name in ("Amira", "Bea", "Chen", "Dara")]


@pytest.fixture
def drafts(statement, facilitator, people):
    """Two groups: Amira and Chen in the first, Bea and Dara in the second."""
    vision.split_into_groups(statement, facilitator, 2)
    return list(VisionDraft.objects.filter(activity=statement).order_by("group__position"))


def add_vision_note(workshop, text, by):
    board = workshop.activities.get(kind="vision")
    note, _ = services.add_note(
        workshop,
        participant=None,
        by=by,
        activity_id=board.pk,
        column_id=board.columns.first().pk,
        text=text,
        client_id=f"v-{text}",
    )
    return note


def test_the_template_runs_the_statement_right_after_the_vision_board():
    for slug in ("understand-customer-culture", "full-customer-culture-day"):
        agenda = WorkshopTemplate.objects.get(slug=slug).agenda
        titles = [item["title"] for item in agenda]
        at = titles.index("Vision: two years from now")
        assert agenda[at + 1]["kind"] == "vision_statement"
        assert agenda[at]["minutes"] == 15 and agenda[at + 1]["minutes"] == 15


def test_the_phones_see_the_boards_notes_most_voted_first_without_names(
    culture, statement, facilitator
):
    add_vision_note(culture, "Customers call us by name", facilitator)
    add_vision_note(culture, "We fix it the first time", facilitator)
    culture.activities.filter(kind="vision").first().notes.filter(
        text="We fix it the first time"
    ).update(vote_count=3)

    assert kind.board_notes(statement) == ["We fix it the first time", "Customers call us by name"]


def test_a_split_gives_each_group_an_empty_draft(drafts, people):
    assert [draft.text for draft in drafts] == ["", ""]
    assert list(drafts[0].group.members.values_list("participant__display_name", flat=True)) == [
        "Amira",
        "Chen",
    ]


def test_a_member_saves_the_groups_draft_and_the_last_save_wins(drafts, people):
    amira, _bea, chen, _dara = people

    vision.edit_draft(drafts[0], amira, "Customers feel known")
    saved = vision.edit_draft(drafts[0], chen, "  Every customer feels known by name  ")

    assert (saved.text, saved.version, saved.updated_by) == (
        "Every customer feels known by name",
        2,
        "Chen",
    )


def test_another_groups_draft_is_refused(drafts, people):
    bea = people[1]

    with pytest.raises(NotAllowed, match="Only the people in Group 1"):
        vision.edit_draft(drafts[0], bea, "Ours now")
    assert VisionDraft.objects.get(pk=drafts[0].pk).text == ""


def test_someone_from_another_room_is_refused(drafts, other_participant):
    with pytest.raises(NotAllowed, match="not in this room"):
        vision.edit_draft(drafts[0], other_participant, "Hello")


def test_a_removed_participant_is_refused(culture, drafts, people, facilitator):
    amira = people[0]
    services.remove_participant(culture, facilitator, amira.pk)

    with pytest.raises(NotAllowed, match="removed you"):
        vision.edit_draft(drafts[0], amira, "Still here")


def test_a_closed_room_changes_nothing(culture, statement, drafts, people, facilitator):
    services.close_room(culture, facilitator)

    with pytest.raises(RoomClosed):
        vision.edit_draft(drafts[0], people[0], "Too late")
    with pytest.raises(RoomClosed):
        vision.finalise(statement, facilitator, "Too late")
    assert VisionDraft.objects.get(pk=drafts[0].pk).text == ""


def test_an_empty_or_long_draft_is_refused(drafts, people):
    with pytest.raises(ServiceError, match="Write the statement first"):
        vision.edit_draft(drafts[0], people[0], "   ")
    with pytest.raises(ServiceError, match="under 600 characters"):
        vision.edit_draft(drafts[0], people[0], "x" * 601)


def test_voting_needs_a_draft_and_an_open_vote(statement, drafts, people, facilitator):
    with pytest.raises(ServiceError, match="nothing to vote on"):
        vision.set_voting(statement, facilitator, True)
    vision.edit_draft(drafts[0], people[0], "Customers feel known")
    with pytest.raises(ServiceError, match="Voting is not open"):
        vision.vote(drafts[0], people[1])

    vision.set_voting(statement, facilitator, True)

    with pytest.raises(ServiceError, match="Voting is open"):
        vision.edit_draft(drafts[0], people[0], "Changed during the vote")
    with pytest.raises(ServiceError, match="cannot take votes"):
        vision.vote(drafts[1], people[1])


def test_one_vote_per_person_and_it_can_move(statement, drafts, people, facilitator):
    vision.edit_draft(drafts[0], people[0], "Customers feel known")
    vision.edit_draft(drafts[1], people[1], "Customers never repeat themselves")
    vision.set_voting(statement, facilitator, True)

    vision.vote(drafts[0], people[1])
    vision.vote(drafts[0], people[1])
    vision.vote(drafts[1], people[1])
    vision.vote(drafts[1], people[2])

    totals = {d.pk: d.vote_total for d in vision.drafts_with_votes(statement)}
    assert totals == {drafts[0].pk: 0, drafts[1].pk: 2}
    assert VisionVote.objects.filter(activity=statement).count() == 2


def test_only_the_facilitator_splits_opens_and_finalises(
    statement, drafts, people, other_facilitator
):
    for attempt in (
        lambda: vision.split_into_groups(statement, other_facilitator, 2),
        lambda: vision.set_voting(statement, other_facilitator, True),
        lambda: vision.finalise(statement, other_facilitator, "Ours"),
        lambda: vision.finalise(statement, None, "Ours"),
    ):
        with pytest.raises(NotAllowed):
            attempt()
    assert not vision.statement_of(statement).is_final


def test_finalising_closes_the_vote_and_feeds_results_and_the_program(
    culture, statement, drafts, people, facilitator
):
    vision.edit_draft(drafts[1], people[1], "Customers never repeat themselves")
    vision.set_voting(statement, facilitator, True)
    vision.vote(drafts[1], people[0])
    vision.vote(drafts[1], people[2])

    final = vision.finalise(statement, facilitator, "Our customers never have to repeat themselves")

    assert final.is_final and not final.voting_open and final.finalised_by == facilitator
    with pytest.raises(ServiceError, match="final"):
        vision.vote(drafts[1], people[3])
    with pytest.raises(ServiceError, match="final"):
        vision.split_into_groups(statement, facilitator, 2)
    section = kind.results(culture, [statement])
    assert section.context["statements"][0]["statement"].text == final.text
    assert section.notes == [{"activity": TITLE, "text": final.text}]
    assert kind.program_inputs(culture, [statement]) == {
        "vision": [{"text": final.text, "picture_url": "", "votes": 2, "kind": "statement"}]
    }
