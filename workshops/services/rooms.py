"""Rooms: facilitators, workshops and their agenda, room codes, participants."""

from __future__ import annotations

import secrets
import unicodedata
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from .. import kinds, languages
from ..models import (
    ROOM_CODE_ALPHABET,
    ROOM_CODE_LENGTH,
    Activity,
    Participant,
    Workshop,
    WorkshopTemplate,
)
from .access import check_facilitator, swap_with_neighbour
from .errors import NotAllowed, RoomClosed, RoomNotFound, ServiceError

# Room codes ---------------------------------------------------------------------------------


def normalise_room_code(raw: str) -> str:
    """Codes are typed on phones: ignore case, spaces and dashes."""
    return "".join(raw.split()).replace("-", "").upper()


def _random_room_code() -> str:
    return "".join(secrets.choice(ROOM_CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))


def _unused_room_code() -> str:
    for _ in range(50):
        code = _random_room_code()
        if not Workshop.objects.filter(room_code=code, is_closed=False).exists():
            return code
    raise ServiceError(gettext("Could not find a free room code. Please try again."))


def unused_room_code() -> str:
    """A code no open room has now (a restored workshop whose code is taken gets one)."""
    return _unused_room_code()


def _save_with_new_code(workshop: Workshop, **save_kwargs) -> None:
    """Save with a fresh code, retrying if another open room took it in the meantime."""
    for _ in range(5):
        workshop.room_code = _unused_room_code()
        try:
            with transaction.atomic():
                workshop.save(**save_kwargs)
            return
        except IntegrityError:
            continue
    raise ServiceError(gettext("Could not find a free room code. Please try again."))


# A join storm looks the room up twice per phone (the name page, the name post): the open room
# is kept in the cache for a few seconds, and forgotten as soon as it is saved or deleted
# (workshops/signals.py), so a closed room or a new code shows at once. An update that bypasses
# ``save()`` shows within OPEN_ROOM_CACHE_SECONDS.
OPEN_ROOM_CACHE_SECONDS = 5


def _open_room_key(code: str) -> str:
    return f"rooms:open:{code}"


def find_open_workshop(code: str) -> Workshop:
    code = normalise_room_code(code)
    workshop = None
    if len(code) == ROOM_CODE_LENGTH:
        workshop = cache.get(_open_room_key(code))
        if workshop is not None:
            return workshop
        workshop = (
            Workshop.objects.filter(room_code=code).order_by("is_closed", "-created_at").first()
        )
    if workshop is None:
        raise RoomNotFound(
            gettext("There is no room with this code. Check the code on the screen.")
        )
    if workshop.is_closed:
        raise RoomClosed(gettext("This room is closed. Ask the facilitator for the new code."))
    cache.set(_open_room_key(code), workshop, OPEN_ROOM_CACHE_SECONDS)
    return workshop


def forget_open_room(workshop: Workshop) -> None:
    """The workshop changed: the next look-up of its codes reads the database."""
    codes = {workshop.room_code, workshop.previous_room_code} - {"", None}
    cache.delete_many([_open_room_key(code) for code in codes])


def find_closed_workshop(code: str) -> Workshop | None:
    """The most recent closed workshop that had this code, if any."""
    code = normalise_room_code(code)
    return Workshop.objects.filter(room_code=code, is_closed=True).order_by("-created_at").first()


# Facilitators -------------------------------------------------------------------------------


def create_facilitator(*, name: str, email: str, password: str) -> AbstractBaseUser:
    """A facilitator account; the email is the username they log in with."""
    return get_user_model().objects.create_user(
        username=email, email=email, password=password, first_name=name
    )


# Workshops ----------------------------------------------------------------------------------


@transaction.atomic
def create_workshop(
    facilitator: AbstractBaseUser,
    *,
    title: str,
    client_organisation: str = "",
    date: date | None = None,
    template: WorkshopTemplate | None = None,
    language: str = "",
) -> Workshop:
    """A new workshop with an open room; its agenda is copied from the template, if any.

    ``language`` is that of its presenter screen, report and built-in content (the site's
    default language when not given).
    """
    workshop = Workshop(
        facilitator=facilitator, title=title, client_organisation=client_organisation, date=date
    )
    if language:
        workshop.language = check_language(language)
    _save_with_new_code(workshop)
    agenda = template.agenda if template else _blank_agenda()
    for position, item in enumerate(agenda):
        if kinds.is_registered(item.get("kind", "")):
            _add_agenda_item(workshop, position, item)
    workshop.current_activity = workshop.activities.first()
    workshop.save(update_fields=["current_activity"])
    return workshop


def _blank_agenda() -> list[dict]:
    """A workshop from scratch opens with a slide that shows people how to join."""
    welcome = kinds.welcome_kind()
    # Stored in English like all built-in content, and shown translated (``|translated``).
    return [{"kind": welcome.key, "title": gettext_noop("Welcome")}] if welcome else []


MINUTES_MIN, MINUTES_MAX = 1, 240


def _is_minutes(value) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MINUTES_MIN <= value <= MINUTES_MAX
    )


def _template_minutes(value) -> int | None:
    """A template's planned minutes; a value an admin mistyped is left unplanned."""
    return value if _is_minutes(value) else None


def _planned_minutes(value: int | None) -> int | None:
    """The facilitator's planned minutes: empty, or 1 to 240."""
    if value is None or _is_minutes(value):
        return value
    raise ServiceError(gettext("Plan from 1 to 240 minutes for one item, or leave it empty."))


def _add_agenda_item(workshop: Workshop, position: int, item: dict) -> Activity:
    """One activity from an agenda entry (kind, title, prompt, minutes); its kind creates
    whatever else it needs."""
    if not kinds.is_registered(item.get("kind", "")):
        raise ServiceError(gettext("Pick a type of activity from the list."))
    kind = kinds.get(item["kind"])
    settings = {
        name: value
        for name, value in item.get("settings", {}).items()
        if name in kind.template_settings
    }
    activity = Activity.objects.create(
        workshop=workshop,
        position=position,
        kind=kind.key,
        title=item.get("title", ""),
        prompt=item.get("prompt", ""),
        duration_minutes=_template_minutes(item.get("minutes")),
        **settings,
    )
    if kind.setup is not None:
        kind.setup(activity, item)
    return activity


def check_language(language: str) -> str:
    if language not in languages.LANGUAGE_CODES:
        raise ServiceError(gettext("Pick one of the languages in the list."))
    return language


def update_workshop(workshop: Workshop, by: AbstractBaseUser, **fields) -> Workshop:
    check_facilitator(workshop, by)
    if "language" in fields:
        check_language(fields["language"])
    for name, value in fields.items():
        setattr(workshop, name, value)
    workshop.save(update_fields=[*fields, "updated_at"])
    return workshop


def delete_workshop(workshop: Workshop, by: AbstractBaseUser) -> int:
    """Delete the workshop and everything in it; returns its id, for telling the room."""
    check_facilitator(workshop, by)
    workshop_id = workshop.pk
    workshop.delete()
    return workshop_id


def regenerate_room_code(workshop: Workshop, by: AbstractBaseUser) -> Workshop:
    """A new code for new joiners; screens already in the room keep using the old one."""
    check_facilitator(workshop, by)
    workshop.previous_room_code = workshop.room_code
    _save_with_new_code(workshop, update_fields=["room_code", "previous_room_code", "updated_at"])
    return workshop


def close_room(workshop: Workshop, by: AbstractBaseUser) -> Workshop:
    check_facilitator(workshop, by)
    workshop.is_closed = True
    workshop.save(update_fields=["is_closed", "updated_at"])
    return workshop


def reopen_room(workshop: Workshop, by: AbstractBaseUser) -> Workshop:
    """Open the room again, with a new code if another open room has taken the old one."""
    check_facilitator(workshop, by)
    workshop.is_closed = False
    try:
        with transaction.atomic():
            workshop.save(update_fields=["is_closed", "updated_at"])
    except IntegrityError:
        _save_with_new_code(workshop, update_fields=["is_closed", "room_code", "updated_at"])
    return workshop


# Agenda -------------------------------------------------------------------------------------


@transaction.atomic
def add_activity(
    workshop: Workshop, by: AbstractBaseUser, *, kind: str, title: str, prompt: str = ""
) -> Activity:
    check_facilitator(workshop, by)
    last = workshop.activities.aggregate(last=Max("position"))["last"]
    activity = _add_agenda_item(
        workshop,
        0 if last is None else last + 1,
        {"kind": kind, "title": title, "prompt": prompt},
    )
    if workshop.current_activity_id is None:
        workshop.current_activity = activity
        workshop.save(update_fields=["current_activity"])
    return activity


def update_activity(
    activity: Activity,
    by: AbstractBaseUser,
    *,
    title: str,
    prompt: str,
    duration_minutes: int | None = None,
) -> None:
    check_facilitator(activity.workshop, by)
    activity.title = title
    activity.prompt = prompt
    activity.duration_minutes = _planned_minutes(duration_minutes)
    activity.save(update_fields=["title", "prompt", "duration_minutes"])


@transaction.atomic
def remove_activity(activity: Activity, by: AbstractBaseUser) -> None:
    workshop = activity.workshop
    check_facilitator(workshop, by)
    try:
        with transaction.atomic():
            activity.delete()
    except (ProtectedError, RestrictedError):
        # A module's rows elsewhere on the agenda build on this one (a started ritual on its
        # design): the module's foreign key says so, the core only tells the facilitator.
        raise ServiceError(
            gettext("“%(title)s” cannot be removed: a later activity builds on what it holds.")
            % {"title": activity.title}
        ) from None
    workshop.refresh_from_db(fields=["current_activity"])
    if workshop.current_activity_id is None:
        workshop.current_activity = workshop.activities.first()
        workshop.save(update_fields=["current_activity"])


@transaction.atomic
def move_activity(activity: Activity, by: AbstractBaseUser, *, offset: int) -> None:
    """Swap the activity with its neighbour ``offset`` places away (-1 up, +1 down)."""
    check_facilitator(activity.workshop, by)
    swap_with_neighbour(activity.workshop.activities.all(), activity, offset)


def goto_activity(workshop: Workshop, by: AbstractBaseUser | None, activity_id: int) -> Activity:
    """Move every screen in the room to one activity of the agenda."""
    check_facilitator(workshop, by)
    activity = workshop.activities.filter(pk=activity_id).first()
    if activity is None:
        raise ServiceError(gettext("That activity is not on this workshop's agenda."))
    workshop.current_activity = activity
    workshop.save(update_fields=["current_activity", "updated_at"])
    return activity


def step_activity(
    workshop: Workshop, by: AbstractBaseUser | None, offset: int, *, skip_steps: bool = False
) -> Activity:
    """Move to the next (+1) or previous (-1) activity from the one on screen now.

    Relative to the server's state, so two quick presses of a clicker move two steps. With
    ``skip_steps`` the agenda moves on even from the middle of an activity's own steps (the
    fifteen dimensions of a comparison).
    """
    check_facilitator(workshop, by)
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        current = workshop.current_activity
        # An activity with steps of its own (a deck of slides) steps through them first.
        step = kinds.get(current.kind).step if current and not skip_steps else None
        if step is not None and step(current, offset):
            return current
        ids = list(workshop.activities.values_list("pk", flat=True))
        if not ids:
            raise ServiceError(gettext("The agenda is empty."))
        index = (
            ids.index(workshop.current_activity_id) if workshop.current_activity_id in ids else 0
        )
        target = min(max(index + offset, 0), len(ids) - 1)
        return goto_activity(workshop, by, ids[target])


# Participants -------------------------------------------------------------------------------


def new_device_key() -> str:
    return secrets.token_urlsafe(24)


# Names a participant may not take: the others would read them as the person running the room.
RESERVED_NAMES = frozenset(
    {
        "facilitator",
        "presenter",
        "host",
        "moderator",
        "organiser",
        "organizer",
        "admin",
        "administrator",
        "cultureroom",
    }
)


def check_display_name(name: str) -> None:
    """Refuse a name that passes for the facilitator's, in any case, spacing or punctuation
    ("FACILITATOR", "Facili tator", "facilitator!"), also with a number after it."""
    letters = "".join(c for c in unicodedata.normalize("NFKC", name).casefold() if c.isalpha())
    if letters in RESERVED_NAMES:
        raise NotAllowed(
            gettext("“%(name)s” is kept for the person running the workshop. Choose another name.")
            % {"name": name}
        )


def _unique_display_name(workshop: Workshop, wanted: str, *, me: int | None = None) -> str:
    """Two people called Anna become "Anna" and "Anna (2)"; ``me`` keeps their own number."""
    others = workshop.participants.filter(display_name__istartswith=wanted).exclude(pk=me)
    taken = {name.casefold() for name in others.values_list("display_name", flat=True)}
    if wanted.casefold() not in taken:
        return wanted
    number = 2
    while f"{wanted} ({number})".casefold() in taken:
        number += 1
    return f"{wanted} ({number})"


def find_participant(workshop: Workshop, device_key: str | None) -> Participant | None:
    if not device_key:
        return None
    return workshop.participants.filter(device_key=device_key, removed_at__isnull=True).first()


def find_me_in_open_room(code: str, device_key: str | None) -> Participant | None:
    """This device's participant in the open room with this code (its workshop loaded with
    it, in one query), or None: not joined, removed, or no such open room."""
    if not device_key:
        return None
    return (
        Participant.objects.select_related("workshop")
        .filter(
            workshop__room_code=normalise_room_code(code),
            workshop__is_closed=False,
            device_key=device_key,
            removed_at__isnull=True,
        )
        .first()
    )


def join_room(code: str, display_name: str, device_key: str | None) -> Participant:
    """Enter the room with a name; the same device coming back keeps its identity."""
    return join_workshop(find_open_workshop(code), display_name, device_key)


@transaction.atomic
def join_workshop(workshop: Workshop, display_name: str, device_key: str | None) -> Participant:
    """``join_room`` for a workshop already found open (the name form's view found it).

    ``device_key`` None: a phone that has none yet, the first visit of nearly every phone; it
    gets a new key (``participant.device_key``) without looking for one it cannot have.
    """
    check_display_name(display_name)
    existing = None
    if device_key is None:
        device_key = new_device_key()
    else:
        existing = workshop.participants.filter(device_key=device_key).first()
    if existing is not None:
        if existing.removed_at is not None:
            raise NotAllowed(gettext("The facilitator has removed you from this room."))
        name = _unique_display_name(workshop, display_name, me=existing.pk)
        if existing.display_name != name:
            existing.display_name = name
            existing.save(update_fields=["display_name"])
        return existing
    return Participant.objects.create(
        workshop=workshop,
        device_key=device_key,
        display_name=_unique_display_name(workshop, display_name),
    )


def remove_participant(
    workshop: Workshop, by: AbstractBaseUser | None, participant_id: int
) -> Participant:
    check_facilitator(workshop, by)
    participant = workshop.participants.filter(pk=participant_id).first()
    if participant is None:
        raise ServiceError(gettext("That participant is not in this room."))
    participant.removed_at = timezone.now()
    participant.save(update_fields=["removed_at"])
    return participant
