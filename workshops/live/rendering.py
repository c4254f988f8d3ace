"""Rendering fragments for the socket: the partials, without their indentation."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

_INDENTATION = re.compile(r"\n\s+")


def render_fragment(template_name: str, context: dict) -> str:
    """A partial as sent to screens; the indentation of the template is dropped.

    A broadcast goes to hundreds of phones, so bytes count. A line break is kept where the
    indentation was, so inline text keeps its spaces.
    """
    return _INDENTATION.sub("\n", render_to_string(template_name, context))
