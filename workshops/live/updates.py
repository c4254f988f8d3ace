"""How changes reach the screens: updates rendered once per audience, sent to the groups."""

from __future__ import annotations

from dataclasses import dataclass, field

from asgiref.sync import async_to_sync, sync_to_async
from channels.db import database_sync_to_async
from django.utils import translation

from ..models import Participant, Workshop
from . import ticks
from .rendering import in_every_language, render_fragment
from .screens import (
    PHONE_STAGE,
    PRESENTER_JOIN,
    PRESENTER_NAV,
    PRESENTER_PEOPLE,
    PRESENTER_STAGE,
    PRESENTERS,
    TIMER,
    join_context,
    people_context,
    presenter_stage_context,
    stage_changed,
)
from .viewers import phones_group, presenters_group


@dataclass
class RoomUpdate:
    """What one change shows: a fragment for the phones, one for the presenter screens."""

    workshop_id: int
    # HTML; after ``localise``, {language: HTML} where it was rendered from templates.
    phones: str | dict[str, str] = ""
    presenters: str | dict[str, str] = ""
    # The phones' stage changed under their personal parts: each phone asks for its own again.
    refresh_personal: bool = False
    extra_events: list[tuple[str, dict]] = field(default_factory=list)

    # Set by ``localise``: the fragments in every language, ready for the channel layer.
    localised: bool = False

    def localise(self) -> None:
        """Render the fragments in every language the screens may speak (sync code: a
        fragment's context may still read the database). ``send`` and the socket's action
        runner call it; it does nothing the second time."""
        if not self.localised:
            self.phones = in_every_language(self.phones)
            self.presenters = in_every_language(self.presenters)
            self.localised = True

    def versions_changed(self) -> None:
        """Bump the versions of the audiences this update reaches (before it is sent): a page
        or cached stage rendered before it is stale (``screens.stage_version``)."""
        if self.phones_see_it:
            stage_changed(self.workshop_id)
        if self.presenters:
            stage_changed(self.workshop_id, PRESENTERS)

    @property
    def phones_see_it(self) -> bool:
        """The phones' stage may have changed: a snapshot cached before is stale."""
        return bool(self.phones or self.refresh_personal)

    def events(self) -> list[tuple[str, dict]]:
        events = list(self.extra_events)
        if self.phones:
            event = {"type": "room.html", "html": self.phones}
            if self.refresh_personal:
                event["refresh"] = True
            events.append((phones_group(self.workshop_id), event))
        if self.presenters:
            events.append(
                (presenters_group(self.workshop_id), {"type": "room.html", "html": self.presenters})
            )
        return events


@dataclass
class Outcome:
    """What an action leads to: updates for the room, and a reply for the sender alone."""

    updates: list[RoomUpdate]
    reply: str = ""


def stage_update(workshop: Workshop, base_url: str, *, personal: bool = True) -> RoomUpdate:
    """Everyone moves to (or sees anew) the workshop's current activity.

    ``personal=False`` when only the shared look changed (a sort, names shown): the phones
    then keep their personal fragments and nobody renders them again.
    """
    context = presenter_stage_context(workshop, base_url)
    return RoomUpdate(
        workshop.pk,
        phones=render_fragment(PHONE_STAGE, context),
        presenters=render_fragment(PRESENTER_STAGE, context)
        + render_fragment(PRESENTER_NAV, context),
        refresh_personal=personal,
    )


def room_code_update(workshop: Workshop, base_url: str) -> RoomUpdate:
    """A new room code: the projector shows it at once (phones in the room stay in)."""
    update = stage_update(workshop, base_url, personal=False)
    update.presenters += render_fragment(PRESENTER_JOIN, join_context(workshop, base_url))
    return update


def timer_update(workshop: Workshop) -> RoomUpdate:
    html = render_fragment(TIMER, {"timer_ends_at": workshop.timer_ends_at})
    return RoomUpdate(workshop.pk, phones=html, presenters=html)


def presence_update(workshop: Workshop) -> RoomUpdate:
    """The presenter's list and count of people in the room.

    Rendered once, in the workshop's language: only presenter screens get it, and they speak
    that language (a list of 500 names is the largest fragment a join storm renders, again
    and again as people come in).
    """
    with translation.override(workshop.language):
        html = render_fragment(PRESENTER_PEOPLE, people_context(workshop))
    return RoomUpdate(workshop.pk, presenters=str.__str__(html))


def removal_update(workshop: Workshop, participant: Participant) -> RoomUpdate:
    update = presence_update(workshop)
    update.extra_events.append(
        (phones_group(workshop.pk), {"type": "room.removed", "participant": participant.pk})
    )
    return update


def closing_update(workshop_id: int) -> RoomUpdate:
    """The room is closed or gone: every phone is told, and its socket is closed."""
    return RoomUpdate(
        workshop_id, extra_events=[(phones_group(workshop_id), {"type": "room.closed"})]
    )


async def asend(update: RoomUpdate) -> None:
    """Broadcast from async code (the room socket), after the change is committed.

    Changes coming fast are joined per tick and audience (``live/ticks.py``).
    """
    if not update.localised:
        await database_sync_to_async(update.localise)()
    if update.phones_see_it or update.presenters:
        await sync_to_async(update.versions_changed, thread_sensitive=False)()
    ticker = ticks.ticker()
    for group, event in update.events():
        await ticker.send(group, event)


async def _send_now(update: RoomUpdate) -> None:
    ticker = ticks.ticker()
    for group, event in update.events():
        await ticker.send(group, event)
    for group in {group for group, _event in update.events()}:
        await ticker.flush_now(group)


def send(update: RoomUpdate) -> None:
    """Broadcast from a view (sync code); call it after the change is committed.

    Sent at once, with whatever the room's groups had queued before it, in order.
    """
    update.localise()
    update.versions_changed()
    async_to_sync(_send_now)(update)
