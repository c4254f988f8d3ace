"""Slides without input: the welcome slide (how to join) and a discussion prompt."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from . import ActivityKind, register

LOBBY = register(
    ActivityKind(
        key="lobby",
        label=_("Welcome slide"),
        position=10,
        phone_partial="workshops/lobby.html#phone",
        presenter_partial="workshops/lobby.html#presenter",
        shows_join_code=True,
    )
)

PROMPT = register(ActivityKind(key="prompt", label=_("Discussion prompt"), position=20))
