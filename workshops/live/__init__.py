"""The live layer: who is on a socket, what their screen shows, and how changes reach it.

Every fragment is rendered once per change from the same partials the pages use, and sent
unchanged to a Channels group: one group for the room's phones, one for its presenter
screens. Fragments carry stable ids and are swapped out-of-band, so applying one twice, or
after a snapshot, leaves the same page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import segno
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from ..identity import read_device_key
from ..models import Activity, Participant, Workshop
from ..services import ServiceError, find_participant, normalise_room_code
from . import boards, paradigm
from .rendering import render_fragment

PHONE_STAGE = "workshops/room.html#stage"
PRESENTER_STAGE = "workshops/present.html#stage"
PRESENTER_NAV = "workshops/present.html#agenda_nav"
PRESENTER_PEOPLE = "workshops/present.html#participants"
LIVE_MESSAGE = "workshops/room.html#live_message"
TIMER = "workshops/room.html#timer"


def phones_group(workshop_id: int) -> str:
    return f"room-{workshop_id}-phones"


def presenters_group(workshop_id: int) -> str:
    return f"room-{workshop_id}-presenters"


# Who is on the socket -----------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """A screen in a room: a participant's phone, or the facilitator's presenter view."""

    workshop_id: int
    participant_id: int | None = None
    user_id: int | None = None

    @property
    def is_presenter(self) -> bool:
        return self.user_id is not None

    @property
    def group(self) -> str:
        if self.is_presenter:
            return presenters_group(self.workshop_id)
        return phones_group(self.workshop_id)

    def load(self) -> tuple[Workshop, Participant | None, object | None]:
        """Fresh rows for one message: the room may have changed since the socket opened."""
        workshop = Workshop.objects.get(pk=self.workshop_id)
        if workshop.is_closed:
            raise ServiceError("This room is closed.")
        participant = user = None
        if self.participant_id is not None:
            participant = Participant.objects.filter(
                pk=self.participant_id, removed_at__isnull=True
            ).first()
            if participant is None:
                raise ServiceError("You are no longer in this room.")
        if self.user_id is not None:
            user = get_user_model().objects.get(pk=self.user_id)
        return workshop, participant, user


def identify_viewer(code: str, user, cookies: dict[str, str]) -> Viewer | None:
    """The facilitator of this room's workshop, or a participant who joined it; else None."""
    workshop = Workshop.objects.filter(room_code=normalise_room_code(code), is_closed=False).first()
    if workshop is None:
        return None
    if user is not None and user.is_authenticated and workshop.facilitator_id == user.pk:
        return Viewer(workshop.pk, user_id=user.pk)
    participant = find_participant(workshop, read_device_key(cookies))
    if participant is None:
        return None
    return Viewer(workshop.pk, participant_id=participant.pk)


# What the screens show ----------------------------------------------------------------------


def join_url(workshop: Workshop, base_url: str) -> str:
    base = settings.PUBLIC_URL or base_url.rstrip("/")
    return base + reverse("join_link", args=[workshop.room_code])


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#1d2433")


def stage_context(workshop: Workshop) -> dict:
    """What the stage shows on every screen: the current activity and its neighbours."""
    activities = list(workshop.activities.all())
    current = next((a for a in activities if a.pk == workshop.current_activity_id), None)
    index = activities.index(current) if current else -1
    context = {
        "workshop": workshop,
        "activities": activities,
        "activity": current,
        "previous_activity": activities[index - 1] if index > 0 else None,
        "next_activity": activities[index + 1] if 0 <= index < len(activities) - 1 else None,
        "timer_ends_at": workshop.timer_ends_at,
    }
    if current is not None and current.is_board:
        context.update(boards.board_context(current))
    elif current is not None and current.kind == Activity.Kind.PARADIGM:
        context.update(paradigm.slide_context(current))
    elif current is not None and current.kind == Activity.Kind.GAPS:
        context.update(paradigm.gaps_context(workshop))
    return context


def presenter_stage_context(workshop: Workshop, base_url: str) -> dict:
    """The stage as the projector shows it: with the join link, and the QR code in the lobby."""
    context = stage_context(workshop)
    url = join_url(workshop, base_url)
    activity = context["activity"]
    in_lobby = activity is None or activity.kind == Activity.Kind.LOBBY
    return {
        **context,
        "join_url": url,
        "join_host": url.split("://", 1)[-1].split("/", 1)[0],
        "qr_svg": qr_svg(url) if in_lobby else "",
    }


def room_context(workshop: Workshop, base_url: str = "") -> dict:
    """Everything the presenter page shows, who is in the room included."""
    return {**presenter_stage_context(workshop, base_url), **people_context(workshop)}


def people_context(workshop: Workshop) -> dict:
    return {
        "workshop": workshop,
        "participants": list(workshop.participants.filter(removed_at__isnull=True)),
    }


def live_message(text: str, level: str = "error", rejected_client_id: str = "") -> str:
    return render_fragment(
        LIVE_MESSAGE,
        {"live_message": text, "level": level, "rejected_client_id": rejected_client_id},
    )


def personal(workshop: Workshop, participant: Participant) -> str:
    """A phone's own state on the current board: its votes, and its notes while hidden."""
    activity = workshop.current_activity
    if activity is not None and activity.is_board:
        return boards.render_me(activity, participant) + boards.render_my_notes(
            activity, participant
        )
    mine = boards.render_me(None, participant)
    if activity is not None and activity.current_dimension_id:
        mine += paradigm.my_rating(activity.current_dimension, participant)
    return mine


def phone_snapshot(workshop: Workshop, participant: Participant) -> str:
    return (
        render_fragment(PHONE_STAGE, stage_context(workshop))
        + render_fragment(TIMER, {"timer_ends_at": workshop.timer_ends_at})
        + personal(workshop, participant)
        + live_message("", "clear")
    )


def presenter_snapshot(workshop: Workshop, base_url: str) -> str:
    context = room_context(workshop, base_url)
    return "".join(
        render_fragment(name, context)
        for name in (PRESENTER_STAGE, PRESENTER_NAV, PRESENTER_PEOPLE, TIMER)
    )


def snapshot(viewer: Viewer, base_url: str) -> str:
    workshop = Workshop.objects.select_related("current_activity").get(pk=viewer.workshop_id)
    if viewer.is_presenter:
        return presenter_snapshot(workshop, base_url)
    participant = Participant.objects.get(pk=viewer.participant_id)
    return phone_snapshot(workshop, participant)


def personal_for(viewer: Viewer) -> str:
    """The personal part of a phone's screen, re-sent after the shared stage changed."""
    if viewer.participant_id is None:
        return ""
    participant = Participant.objects.select_related("workshop__current_activity").get(
        pk=viewer.participant_id
    )
    return personal(participant.workshop, participant)


# How changes reach the screens --------------------------------------------------------------


@dataclass
class RoomUpdate:
    """What one change shows: a fragment for the phones, one for the presenter screens."""

    workshop_id: int
    phones: str = ""
    presenters: str = ""
    # The phones' stage changed under their personal parts: each phone asks for its own again.
    refresh_personal: bool = False
    extra_events: list[tuple[str, dict]] = field(default_factory=list)

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


def stage_update(workshop: Workshop, base_url: str) -> RoomUpdate:
    """Everyone moves to (or sees anew) the workshop's current activity."""
    context = presenter_stage_context(workshop, base_url)
    return RoomUpdate(
        workshop.pk,
        phones=render_fragment(PHONE_STAGE, context),
        presenters=render_fragment(PRESENTER_STAGE, context)
        + render_fragment(PRESENTER_NAV, context),
        refresh_personal=True,
    )


def timer_update(workshop: Workshop) -> RoomUpdate:
    html = render_fragment(TIMER, {"timer_ends_at": workshop.timer_ends_at})
    return RoomUpdate(workshop.pk, phones=html, presenters=html)


def presence_update(workshop: Workshop) -> RoomUpdate:
    """The presenter's list and count of people in the room."""
    return RoomUpdate(
        workshop.pk, presenters=render_fragment(PRESENTER_PEOPLE, people_context(workshop))
    )


def removal_update(workshop: Workshop, participant: Participant) -> RoomUpdate:
    update = presence_update(workshop)
    update.extra_events.append(
        (phones_group(workshop.pk), {"type": "room.removed", "participant": participant.pk})
    )
    return update


def closing_update(workshop: Workshop) -> RoomUpdate:
    return RoomUpdate(
        workshop.pk, extra_events=[(phones_group(workshop.pk), {"type": "room.closed"})]
    )


async def asend(update: RoomUpdate) -> None:
    layer = get_channel_layer()
    for group, event in update.events():
        await layer.group_send(group, event)


def send(update: RoomUpdate) -> None:
    """Broadcast from a view (sync code); call it after the change is committed."""
    async_to_sync(asend)(update)


def clean_message(form_class: type[forms.Form], data: dict) -> dict:
    """Validate a socket message with a form; the first error becomes the person's message."""
    form = form_class(data)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        raise ServiceError(first)
    return form.cleaned_data
