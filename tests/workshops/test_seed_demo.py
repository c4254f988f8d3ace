"""``manage.py seed_demo``: the empty demo room and a finished workshop carrying results."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from culture_program import services as program_services
from workshops.management.commands.seed_demo import DEMO_TITLE, FINISHED_TITLE
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--port", "8123", "--host", "127.0.0.1", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in ("workshops", "rituals", "culture_program", "auth")
        for model in apps.get_app_config(app).get_models()
    }


def test_seed_demo_prints_the_log_in_and_the_empty_rooms_join_link():
    lines = seed().splitlines()
    empty = Workshop.objects.get(title=DEMO_TITLE)
    assert lines[0] == (
        "Log in: http://127.0.0.1:8123/accounts/login/ as demo@culture-room.test / customer-first"
    )
    assert lines[1] == f"Join: http://127.0.0.1:8123/j/{empty.room_code}/"
    assert not empty.is_closed and not empty.participants.exists()


def test_running_seed_demo_twice_changes_nothing():
    first = seed()
    counts = row_counts()
    assert seed() == first
    assert row_counts() == counts


def test_the_finished_workshop_hands_the_program_every_kind_of_result():
    seed()
    finished = Workshop.objects.get(title=FINISHED_TITLE)
    assert finished.is_closed and finished.participants.count() == 8
    inputs = program_services.program_inputs(finished)
    assert len(inputs["gaps"]) >= 15
    assert len({gap["gap"] for gap in inputs["gaps"]}) > 3  # the gaps differ
    assert any(norm["from_to"] for norm in inputs["norms"])
    assert {norm["pillar"] for norm in inputs["norms"]} >= {"stories", "responsibility"}
    assert max(norm["votes"] for norm in inputs["norms"]) > 0
    assert any(item["kind"] == "statement" for item in inputs["vision"])
    assert len(inputs["rituals"]) == 4
    for ritual in inputs["rituals"]:
        assert ritual["cadence"] and ritual["owner"] and ritual["first_date"]
        assert ritual["success_signal"]
    [started] = inputs["started"]
    assert started["sponsor"] and len(started["commitments"]) == 6
    assert len(inputs["way_of_working"]) == 5
    mixed = finished.activities.get(kind="board").notes.all()
    assert mixed and all(note.system_does and note.dimension_id for note in mixed)
