"""Every facilitator page is the owner's alone: 404 for another facilitator, log-in for nobody."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import participant_cookie
from workshops import services
from workshops.models import Activity, Participant, Workshop

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    """One facilitator view: how to call it, and what its owner gets back."""

    url_name: str
    method: str
    owner_status: int
    needs_activity: bool = False
    data: tuple[tuple[str, str], ...] = ()

    def url(self, workshop: Workshop) -> str:
        args = [workshop.pk]
        if self.needs_activity:
            args.append(workshop.activities.order_by("position")[1].pk)
        return reverse(self.url_name, args=args)

    def post_data(self, workshop: Workshop) -> dict[str, str]:
        data = dict(self.data)
        if self.url_name == "activity_edit":
            activity = workshop.activities.order_by("position")[1]
            data = {
                f"activity-{activity.pk}-title": "Changed title",
                f"activity-{activity.pk}-prompt": "Changed prompt",
            }
        return data

    def request(self, client, workshop: Workshop):
        if self.method == "get":
            return client.get(self.url(workshop))
        return client.post(self.url(workshop), self.post_data(workshop))


CASES = [
    Case("workshop_detail", "get", 200),
    Case(
        "workshop_detail",
        "post",
        302,
        data=(("title", "Renamed"), ("client_organisation", "Nobody"), ("date", "2030-01-01")),
    ),
    Case("workshop_delete", "post", 302),
    Case("room_code_regenerate", "post", 302),
    Case("room_close", "post", 302),
    Case("room_reopen", "post", 302),
    Case("activity_add", "post", 302, data=(("kind", "prompt"), ("title", "Sneaky extra"))),
    Case("activity_edit", "post", 302, needs_activity=True),
    Case("activity_remove", "post", 302, needs_activity=True),
    Case("activity_move", "post", 302, needs_activity=True, data=(("direction", "up"),)),
    Case("present", "get", 200),
]
IDS = [f"{case.url_name}-{case.method}" for case in CASES]


def state(workshop: Workshop) -> dict:
    """Everything a facilitator view could change about a workshop, to compare before/after."""
    row = Workshop.objects.filter(pk=workshop.pk).values().first()
    if row is not None:
        row.pop("updated_at")
    return {
        "workshop": row,
        "activities": list(
            Activity.objects.filter(workshop_id=workshop.pk)
            .order_by("pk")
            .values("pk", "position", "kind", "title", "prompt")
        ),
        "participants": list(
            Participant.objects.filter(workshop_id=workshop.pk)
            .order_by("pk")
            .values("pk", "display_name", "removed_at")
        ),
    }


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_another_facilitator_gets_404_and_changes_nothing(
    case, facilitator_client, other_workshop, other_participant
):
    before = state(other_workshop)
    response = case.request(facilitator_client, other_workshop)
    assert response.status_code == 404
    assert state(other_workshop) == before


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_anonymous_visitor_is_sent_to_log_in_and_changes_nothing(case, client, workshop):
    before = state(workshop)
    url = case.url(workshop)
    response = case.request(client, workshop)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    assert state(workshop) == before


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_participant_of_the_room_is_sent_to_log_in_and_changes_nothing(
    case, client, workshop, participant
):
    client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(participant)
    before = state(workshop)
    response = case.request(client, workshop)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert state(workshop) == before


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_owner_gets_the_page_or_a_redirect(case, facilitator_client, workshop, facilitator):
    if case.url_name == "room_reopen":
        services.close_room(workshop, facilitator)
    response = case.request(facilitator_client, workshop)
    assert response.status_code == case.owner_status


@pytest.mark.parametrize(
    "url_name", ["activity_edit", "activity_remove", "activity_move"], ids=lambda name: name
)
def test_an_activity_of_another_workshop_is_404_under_the_owners_own_workshop(
    url_name, facilitator_client, workshop, other_workshop
):
    foreign = other_workshop.activities.first()
    before = state(other_workshop)
    response = facilitator_client.post(
        reverse(url_name, args=[workshop.pk, foreign.pk]),
        {
            f"activity-{foreign.pk}-title": "Hijacked",
            f"activity-{foreign.pk}-prompt": "",
            "direction": "down",
        },
    )
    assert response.status_code == 404
    assert state(other_workshop) == before


POST_ONLY = [case for case in CASES if case.method == "post" and case.url_name != "workshop_detail"]


@pytest.mark.parametrize("case", POST_ONLY, ids=lambda case: case.url_name)
def test_state_changing_views_refuse_get(case, facilitator_client, workshop):
    before = state(workshop)
    response = facilitator_client.get(case.url(workshop))
    assert response.status_code == 405
    assert state(workshop) == before
