"""`make run`'s demo data: a facilitator whose password is this installation's own."""

from __future__ import annotations

import re
import stat
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from workshops.management.commands.seed_demo import DEMO_EMAIL, FORMER_DEMO_PASSWORD

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
