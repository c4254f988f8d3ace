"""Slides without input: the welcome slide (how to join) and a discussion prompt."""

from __future__ import annotations

from . import ActivityKind, register

LOBBY = register(
    ActivityKind(
        key="lobby",
        label="Welcome slide",
        position=10,
        phone_partial="workshops/lobby.html#phone",
        presenter_partial="workshops/lobby.html#presenter",
        shows_join_code=True,
    )
)

PROMPT = register(ActivityKind(key="prompt", label="Discussion prompt", position=20))
