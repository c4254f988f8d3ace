"""A participant's identity: a random device key in a signed cookie, and nothing else.

The page views and the room socket both read it here, so a phone is the same person on both.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpResponse

_signer = signing.TimestampSigner(salt="culture-room.participant")


def read_device_key(cookies: dict[str, str]) -> str | None:
    raw = cookies.get(settings.PARTICIPANT_COOKIE)
    if not raw:
        return None
    try:
        return _signer.unsign(raw, max_age=settings.PARTICIPANT_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None


def signed_device_key(device_key: str) -> str:
    return _signer.sign(device_key)


def remember_device(response: HttpResponse, device_key: str) -> None:
    """Set (or refresh) the cookie that keeps this phone the same participant for a month."""
    response.set_cookie(
        settings.PARTICIPANT_COOKIE,
        signed_device_key(device_key),
        max_age=settings.PARTICIPANT_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.HTTPS,
    )
