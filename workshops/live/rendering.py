"""Rendering fragments for the socket: the partials, without their indentation.

A fragment is rendered in the active language (the screen's, for what one screen receives).
It remembers how it was made (``Fragment``), so a broadcast can render itself again in every
language the room's screens may speak: ``in_every_language`` gives {language: html}, and each
screen takes its own (``workshops/languages.py`` says who speaks what).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from ..languages import LANGUAGE_CODES

_INDENTATION = re.compile(r"\n\s+")


def _render(template_name: str, context: dict) -> str:
    return _INDENTATION.sub("\n", render_to_string(template_name, context))


class Fragment(str):
    """Rendered HTML that can render itself again in another language.

    ``parts`` are the (template, context) pairs and plain texts it was joined from, in order;
    joining fragments with ``+`` keeps them. (Text joined another way, with ``"".join`` or an
    f-string, is a plain ``str`` and goes to every screen as it is.)
    """

    parts: tuple
    # The language it is rendered in; None once fragments of two languages are joined.
    language: str | None

    def __new__(cls, text: str, parts: tuple, language: str | None) -> Fragment:
        fragment = super().__new__(cls, text)
        fragment.parts = parts
        fragment.language = language
        return fragment

    def __add__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return Fragment(
            str.__add__(self, other), self.parts + _parts(other), _language(self, other)
        )

    def __radd__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return Fragment(
            str.__add__(other, self), _parts(other) + self.parts, _language(self, other)
        )

    def __reduce__(self):
        # Stored (a cache) or sent through a layer as the text it is: no templates inside.
        return (str, (str.__str__(self),))

    def in_language(self, language: str) -> str:
        with translation.override(language):
            return "".join(part if isinstance(part, str) else _render(*part) for part in self.parts)


def _language(fragment: Fragment, other: str) -> str | None:
    if isinstance(other, Fragment) and other.language != fragment.language:
        return None
    return fragment.language


def _parts(text: str) -> tuple:
    if isinstance(text, Fragment):
        return text.parts
    return (str.__str__(text),) if text else ()


def render_fragment(template_name: str, context: dict) -> Fragment:
    """A partial as sent to screens, in the active language; the template's indentation is
    dropped.

    A broadcast goes to hundreds of phones, so bytes count. A line break is kept where the
    indentation was, so inline text keeps its spaces.
    """
    return Fragment(
        _render(template_name, context),
        ((template_name, context),),
        translation.get_language(),
    )


def in_every_language(html: str) -> str | dict[str, str]:
    """What a broadcast carries: {language: html} for a fragment, plain text as it is.

    Rendered here, in sync code, before the update leaves for the channel layer.
    """
    if not html or not isinstance(html, Fragment) or len(LANGUAGE_CODES) < 2:
        return str.__str__(html)
    return {
        code: str.__str__(html) if code == html.language else html.in_language(code)
        for code in LANGUAGE_CODES
    }


def for_language(html: str | dict[str, str], language: str) -> str:
    """One screen's share of a broadcast."""
    if isinstance(html, dict):
        return html.get(language) or html.get(settings.LANGUAGE_CODE, "")
    return html


def joined(first: str | dict[str, str], second: str | dict[str, str]) -> str | dict[str, str]:
    """Two broadcasts' HTML as one, language by language."""
    if isinstance(first, str) and isinstance(second, str):
        return first + second
    return {code: for_language(first, code) + for_language(second, code) for code in LANGUAGE_CODES}
