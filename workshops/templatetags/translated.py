"""``{{ text|translated }}``: built-in content in the active language.

Dimensions, explainer slides, the ritual library, prompts and templates are stored in English;
their texts are in the translation catalogue (marked with ``gettext_noop`` where they are
written), so the same row reads in Dutch on a Dutch screen. Text without a translation (a
facilitator's own, or built-in text not translated yet) shows as it is.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def translated(text):
    if not text:
        return text
    return gettext(str(text))
