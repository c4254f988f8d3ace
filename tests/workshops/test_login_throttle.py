"""Log-in: failed attempts are limited per client address and per account."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.conftest import make_facilitator

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase"  # the cast's password (tests/conftest.py)
THROTTLED = "Too many failed log-ins from this network or for this account."


@pytest.fixture(autouse=True)
def small_limits(settings):
    """The counts live in the cache; no test may inherit another's failures."""
    cache.clear()
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    yield
    cache.clear()


def log_in(client, email: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("workshop_list")


def test_an_account_with_too_many_failed_log_ins_waits_even_with_the_right_password(client):
    fran = make_facilitator("Fran")
    for attempt in range(3):
        response = log_in(client, fran.email, "wrong", address=f"198.51.100.{attempt}")
        assert "do not match an account" in response.content.decode()

    response = log_in(client, fran.email, PASSWORD, address="198.51.100.99")

    assert response.status_code == 200
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected.
    olga = make_facilitator("Olga")
    assert logged_in(log_in(client, olga.email, PASSWORD, address="198.51.100.99"))


def test_an_address_with_too_many_failed_log_ins_waits_whatever_the_account(client):
    accounts = [make_facilitator(f"Person{n}") for n in range(6)]
    for account in accounts[:5]:
        log_in(client, account.email, "wrong")

    response = log_in(client, accounts[5].email, PASSWORD)

    assert response.status_code == 200
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The same account from another address logs in.
    assert logged_in(log_in(client, accounts[5].email, PASSWORD, address="192.0.2.1"))


def test_successful_log_ins_do_not_count(client):
    fran = make_facilitator("Fran")
    for _ in range(6):
        assert logged_in(log_in(client, fran.email, PASSWORD))
        client.post(reverse("logout"))
    log_in(client, fran.email, "wrong")
    assert logged_in(log_in(client, fran.email, PASSWORD))


def test_the_account_is_counted_by_its_email_in_any_case(client):
    fran = make_facilitator("Fran")
    for spelling in (fran.email.upper(), fran.email, fran.email.title()):
        log_in(client, spelling, "wrong", address="192.0.2.50")
    response = log_in(client, fran.email, PASSWORD, address="192.0.2.51")
    assert THROTTLED in response.content.decode()
