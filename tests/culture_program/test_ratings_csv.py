"""ratings.csv: one anonymous row per paradigm rating, safe in a spreadsheet, the owner's only."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.urls import reverse

from tests.conftest import make_participant, participant_cookie
from workshops import services
from workshops.models import Activity
from workshops.models.paradigm import Pillar


def _rated_workshop(workshop, facilitator):
    comparison = services.add_activity(
        workshop, facilitator, kind=services.PARADIGM_KIND, title="=Where we stand"
    )
    first, second = list(comparison.dimensions.all()[:2])
    first.name = '=HYPERLINK("http://x")'
    first.save()
    raters = [make_participant(workshop, name) for name in ("Ravi Secret", "Sam Hidden")]
    for rater, (today, target) in zip(raters, [(5, 7), (2, 6)], strict=True):
        for dimension in (first, second):
            services.set_rating(
                workshop,
                participant=rater,
                activity_id=comparison.pk,
                dimension_id=dimension.pk,
                today=today,
                target=target,
            )
    return comparison, first, second


def _rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_one_anonymous_row_per_rating(facilitator_client, workshop, facilitator):
    comparison, first, second = _rated_workshop(workshop, facilitator)
    response = facilitator_client.get(reverse("ratings_csv", args=[workshop.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "ratings.csv" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0] == ["activity", "dimension", "pillar", "today", "target"]
    assert len(rows) == 1 + 4
    pillar = Pillar(first.pillar).label if first.pillar else ""
    # Formula-safe cells; within a dimension sorted by value, never by who rated.
    assert rows[1] == ["'=Where we stand", '\'=HYPERLINK("http://x")', pillar, "2", "6"]
    assert rows[2] == ["'=Where we stand", '\'=HYPERLINK("http://x")', pillar, "5", "7"]
    assert [row[1] for row in rows[3:]] == [second.name, second.name]
    body = response.content.decode("utf-8")
    assert "Ravi" not in body and "Sam" not in body


def test_a_workshop_without_ratings_gives_the_header_only(facilitator_client, workshop):
    rows = _rows(facilitator_client.get(reverse("ratings_csv", args=[workshop.pk])))
    assert rows == [["activity", "dimension", "pillar", "today", "target"]]


def test_only_the_owner_gets_the_ratings(client, other_facilitator, participant, workshop):
    address = reverse("ratings_csv", args=[workshop.pk])
    assert client.get(address)["Location"].startswith(reverse("login"))
    client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(participant)
    assert client.get(address)["Location"].startswith(reverse("login"))
    client.force_login(other_facilitator)
    assert client.get(address).status_code == 404


def test_the_results_page_links_the_ratings(facilitator_client, workshop, facilitator):
    _rated_workshop(workshop, facilitator)
    assert Activity.objects.filter(workshop=workshop, kind=services.PARADIGM_KIND).exists()
    page = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))
    assert reverse("ratings_csv", args=[workshop.pk]).encode() in page.content
