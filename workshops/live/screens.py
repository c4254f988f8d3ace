"""What the screens show: the stage of the current activity, snapshots, personal fragments.

The stage is whatever the current activity's kind declares (``workshops.kinds``): its
partials for the phone and the presenter, and the context they need.
"""

from __future__ import annotations

import secrets
import time

import segno
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from .. import kinds, services
from ..models import Activity, Participant, Workshop
from .rendering import render_fragment
from .viewers import Viewer

PHONE_STAGE = "workshops/room.html#stage"
PRESENTER_STAGE = "workshops/present.html#stage"
PRESENTER_NAV = "workshops/present.html#agenda_nav"
PRESENTER_PEOPLE = "workshops/present.html#participants"
PRESENTER_JOIN = "workshops/present.html#join_info"
LIVE_MESSAGE = "workshops/room.html#live_message"
TIMER = "workshops/room.html#timer"
NO_PERSONAL = "workshops/room.html#me"


def join_url(workshop: Workshop, base_url: str) -> str:
    base = settings.PUBLIC_URL or base_url.rstrip("/")
    return base + reverse("join_link", args=[workshop.room_code])


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#1d2433")


def _empty_agenda_kind() -> kinds.ActivityKind:
    """An empty agenda: phones wait, the projector shows how to join (if a kind can)."""
    welcome = kinds.welcome_kind()
    return kinds.ActivityKind(
        key="",
        label="",
        phone_partial="workshops/stage.html#phone_waiting",
        presenter_partial=welcome.presenter_partial if welcome else kinds.DEFAULT_PRESENTER,
        shows_join_code=True,
    )


def stage_context(workshop: Workshop) -> dict:
    """What the stage shows on every screen: the current activity and its neighbours."""
    activities = list(workshop.activities.all())
    current = next((a for a in activities if a.pk == workshop.current_activity_id), None)
    index = activities.index(current) if current else -1
    kind = current.kind_spec if current else _empty_agenda_kind()
    context = {
        "workshop": workshop,
        "activities": activities,
        "activity": current,
        "kind": kind,
        # Steps of its own (slides, dimensions): the presenter offers to skip past them.
        "has_steps": kind.step is not None,
        "previous_activity": activities[index - 1] if index > 0 else None,
        "next_activity": activities[index + 1] if 0 <= index < len(activities) - 1 else None,
        "timer_ends_at": workshop.timer_ends_at,
    }
    if current is not None and kind.context is not None:
        context.update(kind.context(current))
    return context


def join_context(workshop: Workshop, base_url: str) -> dict:
    url = join_url(workshop, base_url)
    return {
        "workshop": workshop,
        "join_url": url,
        "join_host": url.split("://", 1)[-1].split("/", 1)[0],
    }


def presenter_stage_context(workshop: Workshop, base_url: str) -> dict:
    """The stage as the projector shows it: with the join link, and the QR code if asked."""
    context = {**stage_context(workshop), **join_context(workshop, base_url)}
    context["qr_svg"] = qr_svg(context["join_url"]) if context["kind"].shows_join_code else ""
    return context


def room_context(workshop: Workshop, base_url: str = "") -> dict:
    """Everything the presenter page shows, who is in the room included."""
    return {**presenter_stage_context(workshop, base_url), **people_context(workshop)}


def people_context(workshop: Workshop) -> dict:
    return {
        "workshop": workshop,
        "participants": list(
            services.with_presence(workshop.participants.filter(removed_at__isnull=True))
        ),
    }


def live_message(
    text: str, level: str = "error", rejected_client_id: str = "", unsaved_client_id: str = ""
) -> str:
    """The sender's message. ``rejected_client_id``: that outbox entry was refused and goes
    back to the composer; ``unsaved_client_id``: it was not saved yet and is sent again."""
    return render_fragment(
        LIVE_MESSAGE,
        {
            "live_message": text,
            "level": level,
            "rejected_client_id": rejected_client_id,
            "unsaved_client_id": unsaved_client_id,
        },
    )


def personal(activity: Activity | None, participant: Participant) -> str:
    """A phone's own part of the current activity (its votes, its notes, its rating).

    An activity without a personal part empties the phone's ``#me`` slot, so nothing of the
    previous activity lingers.
    """
    kind = activity.kind_spec if activity is not None else None
    emptied = render_fragment(NO_PERSONAL, {})
    if kind is None or kind.personal is None:
        return emptied
    # Emptied first: a kind whose personal part lives elsewhere (a rating inside the stage)
    # would otherwise leave the previous board's votes on the phone; a kind that fills #me
    # swaps it again right after.
    return emptied + kind.personal(activity, participant)


# The phones' stage is the same for every phone: a reconnect wave renders it once per room and
# change, not once per phone. The key holds a version bumped after every change a phone sees
# (``stage_changed``, called by ``live.send``/``asend`` before the broadcast), in the default
# cache: per process with the in-memory layer, shared through Redis when scaled out.
STAGE_CACHE_SECONDS = 600
# The room page takes the stored stage only this young: hundreds of phones loading it within
# seconds (a join storm) share one render, and a reload a while later renders it afresh.
PAGE_STAGE_SECONDS = 5


PHONES, PRESENTERS = "phones", "presenters"


def _version_key(workshop_id: int, audience: str = PHONES) -> str:
    if audience == PHONES:
        return f"live:stage-version:{workshop_id}"
    return f"live:{audience}-version:{workshop_id}"


def stage_version(workshop_id: int, audience: str = PHONES) -> int:
    """The room's current version for an audience (what its phones see, or what its presenter
    screens see). A lost or evicted version starts again at a random number, so no stage
    cached under an older one is ever read again."""
    key = _version_key(workshop_id, audience)
    version = cache.get(key)
    if version is None:
        cache.add(key, secrets.randbelow(2**48), timeout=None)
        version = cache.get(key)
    return version


def stage_changed(workshop_id: int, audience: str = PHONES) -> None:
    """What an audience sees of the room changed (committed already): cached stages and pages
    rendered before are stale."""
    key = _version_key(workshop_id, audience)
    try:
        cache.incr(key)
    except ValueError:  # no version yet (or evicted): a fresh one
        cache.add(key, secrets.randbelow(2**48), timeout=None)


def phone_stage(workshop: Workshop, fresher_than: float | None = None) -> str:
    """The phones' stage, rendered once per room and change.

    The version is read before the render: a change committed after that read bumps it, so a
    stage rendered from older rows is stored under a version nobody asks for any more.
    ``fresher_than`` (seconds): render again if the stored one is older, so that a change
    that reached no screen by broadcast (an edit in the admin) still shows on a reload.
    """
    # The room code too: a workshop made after another was deleted may get its id back.
    # One per language the phones speak.
    key = (
        f"live:phone-stage:{workshop.pk}:{workshop.room_code}:{translation.get_language()}:"
        f"{stage_version(workshop.pk)}"
    )
    stored = cache.get(key)
    if stored is not None and (fresher_than is None or time.time() - stored[0] <= fresher_than):
        return stored[1]
    html = render_fragment(PHONE_STAGE, stage_context(workshop))
    cache.set(key, (time.time(), html), STAGE_CACHE_SECONDS)
    return html


def phone_snapshot(
    workshop: Workshop, participant: Participant, page_version: int | None = None
) -> str:
    """The shared stage (from the cache), then what is this phone's own.

    ``page_version``: the stage version of the room page the phone has just loaded (its socket
    URL carries it). While it is still the room's version, nothing a phone sees has changed
    since that page was rendered, so its stage stands and only the phone's own parts go: a join
    sends the stage once, not twice (a board of thousands of notes is megabytes). Any change
    bumps the version before its broadcast, so a page older than a change gets the stage.
    """
    current = page_version is not None and page_version == stage_version(workshop.pk)
    return (
        ("" if current else phone_stage(workshop))
        + render_fragment(TIMER, {"timer_ends_at": workshop.timer_ends_at})
        + personal(workshop.current_activity, participant)
        + live_message("", "clear")
    )


def presenter_snapshot(workshop: Workshop, base_url: str, page_version: int | None = None) -> str:
    """Everything the presenter shows; only the timer (it carries the server's time) when the
    presenter page that opened the socket is still current (as for phones)."""
    timer = render_fragment(TIMER, {"timer_ends_at": workshop.timer_ends_at})
    if page_version is not None and page_version == stage_version(workshop.pk, PRESENTERS):
        return timer
    context = room_context(workshop, base_url)
    return (
        "".join(
            render_fragment(name, context)
            for name in (PRESENTER_STAGE, PRESENTER_NAV, PRESENTER_PEOPLE, PRESENTER_JOIN)
        )
        + timer
    )


def snapshot(viewer: Viewer, base_url: str, page_version: int | None = None) -> str:
    if viewer.is_presenter:
        workshop = Workshop.objects.select_related("current_activity").get(pk=viewer.workshop_id)
        return presenter_snapshot(workshop, base_url, page_version)
    participant = Participant.objects.select_related("workshop__current_activity").get(
        pk=viewer.participant_id
    )
    return phone_snapshot(participant.workshop, participant, page_version)


def personal_for(viewer: Viewer) -> str:
    """The personal part of a phone's screen, re-sent after the shared stage changed."""
    if viewer.participant_id is None:
        return ""
    participant = Participant.objects.select_related("workshop__current_activity").get(
        pk=viewer.participant_id
    )
    return personal(participant.workshop.current_activity, participant)
