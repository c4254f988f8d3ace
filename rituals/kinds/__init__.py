"""The rituals module's activity kinds, registered with the core's registry from
``RitualsConfig.ready()`` (see workshops/kinds and docs/architecture.md).

Each kind lives in a module of its own: its partials are in templates/rituals/<kind>.html, its
socket messages are validated by rituals/forms.py and its handlers call rituals/services.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from workshops.live.rendering import render_fragment
from workshops.live.screens import live_message
from workshops.live.updates import RoomUpdate
from workshops.models import Activity, Workshop
from workshops.services import ServiceError

GONE = gettext_noop("That activity is no longer on the agenda. Reload the page.")


def activity_of(workshop: Workshop, activity_id: int, key: str) -> Activity:
    """The workshop's activity of kind ``key`` a message names, or a message that it is gone."""
    activity = Activity.objects.filter(pk=activity_id, workshop=workshop, kind=key).first()
    if activity is None:
        raise ServiceError(gettext(GONE))
    return activity


def render(name: str, **context) -> str:
    return render_fragment(name, context)


def everyone(workshop_id: int, html: str) -> RoomUpdate:
    """The same fragment for the phones and the projector."""
    return RoomUpdate(workshop_id, phones=html, presenters=html)


def saved(text: str) -> str:
    """A short confirmation on the sender's screen."""
    return live_message(text, "info")
