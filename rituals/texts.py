"""Texts made once (at import) and shown later, in the language of the screen that shows them."""

from __future__ import annotations

from django.utils.functional import lazy


def _fill(message, values: dict) -> str:
    return str(message) % values


_lazy_fill = lazy(_fill, str)


def lazy_format(message, **values):
    """``lazy_format(gettext_lazy("Keep it under %(limit)s characters."), limit=280)``: a lazy
    text whose placeholders are filled when it is shown. (``gettext_lazy(...) % values`` would
    translate at once, at import, in the default language.)"""
    return _lazy_fill(message, values)
