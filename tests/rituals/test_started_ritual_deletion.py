"""A started ritual keeps its design, yet never stops its workshop from being deleted."""

from __future__ import annotations

import pytest

from rituals.models import DesignedRitual, StartedRitual
from tests.filled import fill_workshop
from workshops.models import Activity, Workshop

pytestmark = pytest.mark.django_db


def test_a_workshop_with_a_started_ritual_can_be_deleted(facilitator_client, facilitator):
    workshop = fill_workshop(facilitator).workshop
    assert StartedRitual.objects.filter(activity__workshop=workshop).exists()

    response = facilitator_client.post(f"/workshops/{workshop.pk}/delete/")

    assert response.status_code == 302
    assert not Workshop.objects.filter(pk=workshop.pk).exists()
    assert not StartedRitual.objects.exists() and not DesignedRitual.objects.exists()


def test_removing_the_design_a_started_ritual_builds_on_is_refused_with_a_message(
    facilitator_client, facilitator
):
    workshop = fill_workshop(facilitator).workshop
    design = workshop.activities.get(kind="ritual_design")

    response = facilitator_client.post(
        f"/workshops/{workshop.pk}/activities/{design.pk}/remove/", follow=True
    )

    assert response.status_code == 200
    assert "cannot be removed: a later activity builds on what it holds" in (
        response.content.decode()
    )
    assert Activity.objects.filter(pk=design.pk).exists()
    assert DesignedRitual.objects.filter(activity=design).count() == 3
