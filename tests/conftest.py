"""The standard cast: a facilitator with a workshop, a participant in it, another facilitator
with a room of their own and a participant there."""

from __future__ import annotations

import asyncio
import itertools
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import translation

from workshops import services
from workshops.identity import signed_device_key
from workshops.models import Participant, Workshop, WorkshopTemplate

_emails = itertools.count(1)


def make_facilitator(name: str = "Fran"):
    return services.create_facilitator(
        name=name, email=f"{name.lower()}{next(_emails)}@example.com", password="a-long-passphrase"
    )


def make_workshop(
    facilitator, *, template_slug: str | None = "customer-rituals", **fields
) -> Workshop:
    template = WorkshopTemplate.objects.get(slug=template_slug) if template_slug else None
    fields.setdefault("title", "Customer rituals at Acme")
    return services.create_workshop(facilitator, template=template, **fields)


def make_participant(workshop: Workshop, name: str = "Amira") -> Participant:
    return services.join_room(workshop.room_code, name, services.new_device_key())


def participant_cookie(participant: Participant) -> str:
    """The signed cookie value the join view sets for this participant's device."""
    return signed_device_key(participant.device_key)


@pytest.fixture
def facilitator(db):
    return make_facilitator("Fran")


@pytest.fixture
def other_facilitator(db):
    return make_facilitator("Olga")


@pytest.fixture
def workshop(facilitator):
    return make_workshop(facilitator)


@pytest.fixture
def other_workshop(other_facilitator):
    return make_workshop(other_facilitator, title="Someone else's workshop")


@pytest.fixture
def participant(workshop):
    return make_participant(workshop, "Amira")


@pytest.fixture
def other_participant(other_workshop):
    return make_participant(other_workshop, "Omar")


@pytest.fixture
def facilitator_client(client, facilitator):
    client.force_login(facilitator)
    return client


@pytest.fixture(autouse=True)
def fresh_limits():
    """The abuse limits count in the local cache; no test inherits another's counts."""
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@pytest.fixture(autouse=True)
def english_to_begin_with():
    """Every test starts in the default language: a page asked for in Dutch leaves Dutch
    active in the test's thread (LocaleMiddleware activates it for the request)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The cast's accounts are made for every test: skip the deliberately slow hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def unlimited_send_budget(settings):
    """For tests that send far faster than a phone may: without it the per-socket budget
    (tests/live/test_socket_limits.py) would answer most of their messages "slow down"."""
    settings.SOCKET_MESSAGE_BURST = 1_000_000


def run_in_own_loop(coroutine):
    """``asyncio.run`` in a thread of its own: after a browser journey, Playwright's event loop
    is still running in the test's thread, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()
