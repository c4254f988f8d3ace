"""Facilitator accounts: sign up, log in with an email, log out, reset a forgotten password."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.conftest import make_facilitator

pytestmark = pytest.mark.django_db

PASSWORD = "customer-first-always"


def logged_in_user(client):
    """Who the next request is made as (an AnonymousUser if nobody)."""
    return client.get(reverse("landing")).wsgi_request.user


def test_signing_up_creates_a_facilitator_named_by_their_lowercased_email(client):
    response = client.post(
        reverse("signup"),
        {"name": "Fran Facilitator", "email": "Fran.Facilitator@Example.COM", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_list")
    user = get_user_model().objects.get()
    assert user.username == "fran.facilitator@example.com"
    assert user.email == "fran.facilitator@example.com"
    assert user.first_name == "Fran Facilitator"
    assert user.check_password(PASSWORD)
    assert logged_in_user(client) == user
    assert client.get(reverse("workshop_list")).status_code == 200


def test_signing_up_with_an_email_that_has_an_account_is_refused(client):
    make_facilitator("Fran")
    existing = get_user_model().objects.get()
    response = client.post(
        reverse("signup"),
        {"name": "Fran again", "email": existing.email.upper(), "password": PASSWORD},
    )
    assert response.status_code == 200
    assert "There is already an account with this email." in response.content.decode()
    assert get_user_model().objects.count() == 1
    assert not logged_in_user(client).is_authenticated


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short."),
        ("password123", "This password is too common."),
        ("4815162342", "This password is entirely numeric."),
    ],
    ids=["short", "common", "numeric"],
)
def test_signing_up_with_a_weak_password_is_refused(client, password, message):
    response = client.post(
        reverse("signup"), {"name": "Wes", "email": "wes@example.com", "password": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.exists()
    assert not logged_in_user(client).is_authenticated


def test_a_password_like_the_email_is_refused(client):
    response = client.post(
        reverse("signup"),
        {"name": "Wes", "email": "wesley.weakling@example.com", "password": "wesley.weakling"},
    )
    assert response.status_code == 200
    assert "The password is too similar to the" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_a_signed_in_facilitator_visiting_sign_up_goes_to_their_workshops(facilitator_client):
    response = facilitator_client.get(reverse("signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_list")


def test_logging_in_with_the_email(client):
    client.post(
        reverse("signup"), {"name": "Fran", "email": "fran@example.com", "password": PASSWORD}
    )
    client.post(reverse("logout"))

    response = client.post(reverse("login"), {"username": "Fran@Example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_list")
    assert logged_in_user(client).username == "fran@example.com"


def test_logging_in_with_a_wrong_password_is_refused(client, facilitator):
    response = client.post(
        reverse("login"), {"username": facilitator.email, "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert "That email and password do not match an account" in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_logging_out_is_a_post(facilitator_client):
    assert facilitator_client.get(reverse("logout")).status_code == 405
    assert logged_in_user(facilitator_client).is_authenticated

    response = facilitator_client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("landing")
    assert not logged_in_user(facilitator_client).is_authenticated
    assert facilitator_client.get(reverse("workshop_list")).status_code == 302


@pytest.fixture
def public_url(settings):
    settings.PUBLIC_URL = "https://room.example.com"
    return settings.PUBLIC_URL


def test_password_reset_sends_an_email_with_a_link_that_works(client, facilitator, public_url):
    response = client.post(reverse("password_reset"), {"email": facilitator.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your Culture Room password"
    assert message.to == [facilitator.email]
    assert "Culture Room" in message.body
    link = re.search(r"https://room\.example\.com(/accounts/reset/[^/\s]+/[^/\s]+/)", message.body)
    assert link, message.body

    # The link leads to the form for a new password, and the new password works.
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    facilitator.refresh_from_db()
    assert facilitator.check_password("a-brand-new-passphrase")


def test_password_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(
    client, db, public_url
):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_reset_link_goes_to_the_public_url_whatever_host_the_request_names(
    client, facilitator, public_url
):
    response = client.post(
        reverse("password_reset"),
        {"email": facilitator.email},
        headers={"host": "attacker.example", "x-forwarded-host": "attacker.example"},
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert "attacker.example" not in message.body
    assert re.search(r"https://room\.example\.com/accounts/reset/\S+/\S+/", message.body)


def test_without_a_public_url_password_reset_is_refused_with_a_clear_message(
    client, facilitator, settings
):
    settings.PUBLIC_URL = ""

    page = client.get(reverse("password_reset"))
    response = client.post(
        reverse("password_reset"), {"email": facilitator.email}, headers={"host": "evil.example"}
    )

    for answer in (page, response):
        assert answer.status_code == 200
        text = answer.content.decode()
        assert "Password reset is not set up here" in text
        assert "PUBLIC_URL" in text
        assert 'name="email"' not in text
    assert mail.outbox == []
