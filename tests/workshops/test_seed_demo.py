"""``manage.py seed_demo``: a facilitator whose password is this installation's own, the
empty demo room and a finished workshop carrying results."""

from __future__ import annotations

import re
import stat
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from culture_program import services as program_services
from workshops.management.commands.seed_demo import (
    DEMO_EMAIL,
    DEMO_TITLE,
    FINISHED_TITLE,
    FORMER_DEMO_PASSWORD,
)
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def seed() -> tuple[str, str]:
    out = StringIO()
    call_command("seed_demo", "--host", "127.0.0.1", stdout=out)
    login = re.search(r"Log in: \S+ as (\S+) / (.+)$", out.getvalue(), re.MULTILINE)
    assert login, out.getvalue()
    return login.group(1), login.group(2)


def demo_user():
    return get_user_model().objects.get(username=DEMO_EMAIL)


def test_the_demo_password_is_random_kept_private_in_var_and_printed(own_var_dir):
    email, password = seed()

    assert email == DEMO_EMAIL
    assert password != FORMER_DEMO_PASSWORD
    assert len(password) >= 16
    assert demo_user().check_password(password)
    path = own_var_dir / "demo_password"
    assert path.read_text().strip() == password
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Running it again prints the same password and creates no second account.
    assert seed() == (email, password)
    assert get_user_model().objects.filter(username=DEMO_EMAIL).count() == 1


def test_each_installation_gets_its_own_demo_password(settings, tmp_path):
    _email, first = seed()
    Workshop.objects.filter(facilitator__username=DEMO_EMAIL).delete()
    get_user_model().objects.filter(username=DEMO_EMAIL).delete()
    settings.VAR_DIR = tmp_path / "another-installation"

    _email, second = seed()

    assert first != second
    assert demo_user().check_password(second)


def test_the_former_shared_demo_password_is_replaced():
    seed()
    user = demo_user()
    user.set_password(FORMER_DEMO_PASSWORD)
    user.save()

    _email, password = seed()

    user = demo_user()
    assert not user.check_password(FORMER_DEMO_PASSWORD)
    assert user.check_password(password)


def test_a_password_the_facilitator_chose_is_kept_and_not_printed():
    seed()
    user = demo_user()
    user.set_password("my-own-long-passphrase")
    user.save()

    _email, printed = seed()

    assert printed == "(the password you chose)"
    assert demo_user().check_password("my-own-long-passphrase")


def seed_output() -> str:
    out = StringIO()
    call_command("seed_demo", "--port", "8123", "--host", "127.0.0.1", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in ("workshops", "rituals", "culture_program", "auth")
        for model in apps.get_app_config(app).get_models()
    }


def test_seed_demo_prints_the_log_in_and_the_empty_rooms_join_link():
    lines = seed_output().splitlines()
    empty = Workshop.objects.get(title=DEMO_TITLE)
    assert re.fullmatch(
        r"Log in: http://127\.0\.0\.1:8123/accounts/login/ as demo@culture-room\.test / \S{16,}",
        lines[0],
    )
    assert lines[1] == f"Join: http://127.0.0.1:8123/j/{empty.room_code}/"
    assert not empty.is_closed and not empty.participants.exists()


def test_running_seed_demo_twice_changes_nothing():
    first = seed_output()
    counts = row_counts()
    assert seed_output() == first
    assert row_counts() == counts


def test_the_finished_workshop_hands_the_program_every_kind_of_result():
    seed_output()
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
