"""Planned durations as people say them: "45 min", "2 h", "3 h 15 min"."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def hours_and_minutes(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
