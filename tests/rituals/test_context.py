"""The context functions the rituals activity kinds will hand to their partials."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rituals import context
from rituals import services as rituals
from rituals.models import Ritual, WayOfWorkingLine

from .conftest import designed_rituals

pytestmark = pytest.mark.django_db


def test_the_library_context_marks_rituals_already_on_the_board(workshop, ideas_board, participant):
    panel = Ritual.objects.get(slug="quarterly-customer-panel")
    rituals.put_ritual_on_board(
        workshop, participant=participant, activity=ideas_board, ritual=panel
    )
    data = context.library_context(ideas_board)
    assert len(data["pillars"]) == 4
    assert len(data["rituals"]) == Ritual.objects.count()
    assert data["on_board"] == {panel.pk}


def test_the_design_context_lists_canvases_and_groups(workshop, design, room):
    designed = designed_rituals(workshop, 3)
    rituals.split_into_groups(design, workshop.facilitator, 3)
    data = context.design_context(design)
    assert data["designed"] == designed
    assert [group.designed_ritual for group in data["groups"]] == designed


def test_the_commitments_context_shows_the_wall(workshop, commit_activity, participant):
    designed = designed_rituals(workshop, 3)
    assert context.commitments_context(commit_activity)["started"] is None
    started = rituals.start_ritual(
        commit_activity,
        workshop.facilitator,
        designed=designed[0],
        first_occurrence=timezone.now(),
        owner="COO",
        sponsor="CEO",
    )
    rituals.commit_to_ritual(started, participant, "I will tell the first story")
    data = context.commitments_context(commit_activity)
    assert data["started"] == started
    assert [c.text for c in data["commitments"]] == ["I will tell the first story"]
    assert data["show_names"] is False


def test_the_way_of_working_context_splits_accepted_and_suggested(way_activity, participant):
    line = rituals.suggest_line(way_activity, participant, "goals", "Every brief names a goal")
    data = context.way_of_working_context(way_activity)
    assert [s["key"] for s in data["sections"]] == list(WayOfWorkingLine.Section.values)
    assert data["sections"][0]["suggested"] == [line]
    assert data["sections"][0]["accepted"] == []
