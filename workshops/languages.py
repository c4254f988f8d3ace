"""Which language a screen speaks.

- Pages follow the browser's language, or the one picked with the switch (Django's
  ``LocaleMiddleware`` and ``set_language``): the landing and join pages, the phone's room,
  the facilitator's own pages.
- The presenter screen, its socket and the report speak the workshop's language
  (``Workshop.language``), whatever the laptop's browser says: the room reads the projector.
- Built-in content (dimensions, explainers, the ritual library, prompts, templates) is stored
  in English and translated where it is shown (``|translated``); text a facilitator wrote, or
  built-in text without a Dutch translation yet, shows as it is.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def for_workshop(workshop):
    """``with languages.for_workshop(workshop):`` renders in the workshop's language."""
    return translation.override(workshop.language or settings.LANGUAGE_CODE)


def from_scope(scope: dict) -> str:
    """A socket's language: the switch's cookie, else the browser's Accept-Language."""
    headers = dict(scope.get("headers") or [])
    request = SimpleNamespace(
        COOKIES=scope.get("cookies") or {},
        META={"HTTP_ACCEPT_LANGUAGE": headers.get(b"accept-language", b"").decode("latin-1")},
        path_info="/",
    )
    return translation.get_language_from_request(request)
