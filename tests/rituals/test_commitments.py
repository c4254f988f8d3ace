"""Start one ritual now: recorded with owner, sponsor and first occurrence; one editable
commitment per participant."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rituals import services as rituals
from rituals.forms import CommitmentForm, StartRitualForm
from rituals.models import Commitment, StartedRitual
from workshops.services import NotAllowed, RoomClosed, ServiceError

from .conftest import close, designed_rituals

pytestmark = pytest.mark.django_db


def start(activity, by, designed, **changes):
    details = {
        "first_occurrence": timezone.now(),
        "owner": "Head of customer service",
        "sponsor": "Chief executive",
        **changes,
    }
    return rituals.start_ritual(activity, by, designed=designed, **details)


@pytest.fixture
def started(workshop, commit_activity):
    designed = designed_rituals(workshop, 3)
    return start(commit_activity, workshop.facilitator, designed[1])


def test_the_facilitator_starts_a_ritual_now(workshop, commit_activity, facilitator):
    designed = designed_rituals(workshop, 3)
    now = timezone.now()
    started = start(commit_activity, facilitator, designed[0], first_occurrence=now)
    stored = StartedRitual.objects.get(pk=started.pk)
    assert stored.designed_ritual == designed[0]
    assert (stored.owner, stored.sponsor) == ("Head of customer service", "Chief executive")
    assert stored.first_occurrence == now
    assert stored.started_by == facilitator
    assert stored.started_at is not None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"owner": " "}, "Name the owner"),
        ({"sponsor": ""}, "Name the C-level sponsor"),
        ({"first_occurrence": None}, "Set when the ritual first happens"),
        ({"first_occurrence": timezone.now() - timedelta(days=3)}, "already passed"),
    ],
)
def test_a_start_needs_owner_sponsor_and_a_first_occurrence(
    workshop, commit_activity, changes, message
):
    designed = designed_rituals(workshop, 3)
    with pytest.raises(ServiceError, match=message):
        start(commit_activity, workshop.facilitator, designed[0], **changes)
    assert not StartedRitual.objects.exists()


def test_one_ritual_is_started_per_activity(workshop, commit_activity, started):
    other = started.designed_ritual.activity.designed_rituals.exclude(pk=started.designed_ritual_id)
    with pytest.raises(ServiceError, match="already been started"):
        start(commit_activity, workshop.facilitator, other.first())
    assert StartedRitual.objects.count() == 1


def test_the_facilitator_changes_the_started_rituals_details(workshop, started):
    later = timezone.now() + timedelta(days=1)
    rituals.update_started_ritual(
        started, workshop.facilitator, first_occurrence=later, owner="COO", sponsor="CEO"
    )
    started.refresh_from_db()
    assert (started.owner, started.sponsor, started.first_occurrence) == ("COO", "CEO", later)


def test_only_the_facilitator_of_an_open_room_starts_a_ritual(
    workshop, other_workshop, commit_activity, other_facilitator
):
    designed = designed_rituals(workshop, 3)
    with pytest.raises(NotAllowed):
        start(commit_activity, other_facilitator, designed[0])
    with pytest.raises(NotAllowed):
        start(commit_activity, None, designed[0])
    theirs = designed_rituals(other_workshop, 3)
    with pytest.raises(ServiceError, match="not designed in this workshop"):
        start(commit_activity, workshop.facilitator, theirs[0])
    close(workshop)
    with pytest.raises(RoomClosed):
        start(commit_activity, workshop.facilitator, designed[0])
    assert not StartedRitual.objects.exists()


def test_a_participant_commits_and_edits_their_commitment(started, participant):
    commitment, created = rituals.commit_to_ritual(started, participant, "I will tell a story")
    assert created
    again, created = rituals.commit_to_ritual(
        started, participant, "I will tell the first story on Monday"
    )
    assert not created
    assert again.pk == commitment.pk
    assert Commitment.objects.get().text == "I will tell the first story on Monday"


def test_everyone_has_their_own_commitment(workshop, started, room):
    for person in room:
        rituals.commit_to_ritual(started, person, f"I will help, says {person.display_name}")
    assert Commitment.objects.filter(started_ritual=started).count() == len(room)


@pytest.mark.parametrize("text", ["", "   ", "I will", "I will …", "i will."])
def test_an_unfinished_commitment_is_refused(started, participant, text):
    with pytest.raises(ServiceError, match="Finish the sentence"):
        rituals.commit_to_ritual(started, participant, text)
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("who", ["other_participant", "removed_participant"])
def test_strangers_and_removed_people_cannot_commit(request, started, who):
    with pytest.raises(NotAllowed):
        rituals.commit_to_ritual(started, request.getfixturevalue(who), "I will sneak in")
    assert not Commitment.objects.exists()


def test_nobody_commits_in_a_closed_room(workshop, started, participant):
    close(workshop)
    with pytest.raises(RoomClosed):
        rituals.commit_to_ritual(started, participant, "I will be late")


def test_a_participant_withdraws_only_their_own_commitment(workshop, started, room):
    anna, bea = room[0], room[1]
    rituals.commit_to_ritual(started, anna, "I will do it")
    rituals.commit_to_ritual(started, bea, "I will do it too")
    rituals.withdraw_commitment(started, anna)
    assert list(Commitment.objects.values_list("participant", flat=True)) == [bea.pk]


def test_a_started_ritual_cannot_leave_the_design(workshop, started):
    with pytest.raises(ServiceError, match="has been started"):
        rituals.remove_designed_ritual(started.designed_ritual, workshop.facilitator)


def test_the_start_form_offers_only_this_workshops_rituals(workshop, other_workshop):
    mine = designed_rituals(workshop, 3)
    theirs = designed_rituals(other_workshop, 3)
    data = {"owner": "COO", "sponsor": "CEO", "first_occurrence": "2030-05-01T09:30"}
    assert StartRitualForm({**data, "designed": mine[0].pk}, workshop=workshop).is_valid()
    form = StartRitualForm({**data, "designed": theirs[0].pk}, workshop=workshop)
    assert form.errors["designed"] == ["That ritual is no longer in the design."]
    form = StartRitualForm(
        {**data, "designed": mine[0].pk, "first_occurrence": "soon"}, workshop=workshop
    )
    assert form.errors["first_occurrence"] == ["Pick the day and time from the calendar."]


def test_the_commitment_form_asks_to_finish_the_sentence():
    assert CommitmentForm({"text": ""}).errors["text"] == [
        "Finish the sentence “I will …” with what you will do."
    ]
