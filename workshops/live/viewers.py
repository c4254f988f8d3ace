"""Who is on a socket: the facilitator's presenter screen or a participant's phone."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib import auth
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

from ..identity import read_device_key
from ..models import Participant, Workshop
from ..services import ServiceError, find_participant, normalise_room_code
from ..services.errors import SignedOut

# In English (tests compare it); translated where sent.
SIGNED_OUT = gettext_noop(
    "You have logged out, or your password has changed: log in again to present."
)


def phones_group(workshop_id: int) -> str:
    return f"room-{workshop_id}-phones"


def presenters_group(workshop_id: int) -> str:
    return f"room-{workshop_id}-presenters"


@dataclass(frozen=True)
class Viewer:
    """A screen in a room: a participant's phone, or the facilitator's presenter view."""

    workshop_id: int
    participant_id: int | None = None
    user_id: int | None = None
    # The presenter's session: its facilitator powers last as long as it does.
    session_key: str | None = None
    # What the screen speaks: the phone's own language, the workshop's on the presenter.
    language: str = settings.LANGUAGE_CODE

    @property
    def is_presenter(self) -> bool:
        return self.user_id is not None

    @property
    def group(self) -> str:
        if self.is_presenter:
            return presenters_group(self.workshop_id)
        return phones_group(self.workshop_id)

    def load(self) -> tuple[Workshop, Participant | None, object | None]:
        """Fresh rows for one message: the room may have changed since the socket opened.

        The services check the rules again (closed room, removed participant); refusing
        here first gives the same message before anything else is read.
        """
        workshop = Workshop.objects.get(pk=self.workshop_id)
        if workshop.is_closed:
            raise ServiceError(gettext("This room is closed."))
        participant = user = None
        if self.participant_id is not None:
            participant = Participant.objects.filter(
                pk=self.participant_id, removed_at__isnull=True
            ).first()
            if participant is None:
                raise ServiceError(gettext("You are no longer in this room."))
        if self.user_id is not None:
            user = self.session_user()
        return workshop, participant, user

    def session_user(self):
        """The presenter's user, if the session the socket was opened with still logs them in.

        Django ends a session on log-out and refuses it once the password changes (its auth
        hash no longer matches); checked on every message, so a socket opened before either
        has no facilitator powers after it.
        """
        store = import_module(settings.SESSION_ENGINE).SessionStore(self.session_key)
        user = auth.get_user(SimpleNamespace(session=store))
        if not user.is_authenticated or user.pk != self.user_id:
            raise SignedOut(gettext(SIGNED_OUT))
        return user


def signed_out_group(session_key: str) -> str:
    """The presenter sockets opened with one session, closed when it logs out."""
    return f"session-{session_key}"


def identify_viewer(
    code: str, user, cookies: dict[str, str], language: str = settings.LANGUAGE_CODE
) -> Viewer | None:
    """The facilitator of this room's workshop, or a participant who joined it; else None.

    A screen that joined before the facilitator took a new room code still comes in with the
    code it knows. ``language``: the phone's (the presenter speaks the workshop's).
    """
    code = normalise_room_code(code)
    device_key = read_device_key(cookies)
    if user is None or not user.is_authenticated:
        return _phone_viewer(code, device_key, language)
    workshops = Workshop.objects.filter(
        Q(room_code=code) | Q(previous_room_code=code), is_closed=False
    )
    for workshop in sorted(workshops, key=lambda w: w.room_code != code):
        if workshop.facilitator_id == user.pk:
            session_key = cookies.get(settings.SESSION_COOKIE_NAME)
            return Viewer(
                workshop.pk, user_id=user.pk, session_key=session_key, language=workshop.language
            )
        participant = find_participant(workshop, device_key)
        if participant is not None:
            return Viewer(workshop.pk, participant_id=participant.pk, language=language)
    return None


def _phone_viewer(code: str, device_key: str | None, language: str) -> Viewer | None:
    """A phone's participant in the open room with this code (or the code before): one query,
    as nearly every socket is a phone's. The room's current code comes first."""
    if not device_key:
        return None
    found = Participant.objects.filter(
        Q(workshop__room_code=code) | Q(workshop__previous_room_code=code),
        workshop__is_closed=False,
        device_key=device_key,
        removed_at__isnull=True,
    ).values_list("pk", "workshop_id", "workshop__room_code")
    rows = sorted(found, key=lambda row: row[2] != code)
    if not rows:
        return None
    participant_id, workshop_id, _room_code = rows[0]
    return Viewer(workshop_id, participant_id=participant_id, language=language)


def close_presenters_on_logout(sender, request, user, **kwargs) -> None:
    """Log-out closes the presenter sockets opened with that session at once (other devices'
    sessions of the same facilitator stay); a password change is caught by the next message."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        async_to_sync(get_channel_layer().group_send)(
            signed_out_group(session_key), {"type": "room.signed_out"}
        )
