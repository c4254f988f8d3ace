"""The ritual canvas: a group fills it in together, field by field, from their phones.

Two people typing in the same field must never silently lose each other's words. We chose a
**version per field** (optimistic concurrency) over a per-field lock or a character merge:

- Each canvas field has a version number. A phone sends its edit with the version it started
  from. If nobody saved that field since, the edit is saved and the version goes up by one.
- If someone else saved the field in the meantime, the edit is refused with a
  ``CanvasConflict`` carrying the field's current text, its version and who wrote it. The phone
  keeps the person's own text, shows the other text beside it ("Anna changed this while you were
  typing") and lets them merge and send again. Nothing is lost; nobody's words are overwritten
  without them seeing it.
- An edit that brings the text another person just saved is no conflict at all.

Why not a lock ("Anna is editing")? Phones sleep, lose the Wi-Fi and close tabs mid-sentence: a
lock then needs timeouts and release messages that go missing, and for the seconds it is stuck
the rest of the group cannot type at all. A character-level merge (as in shared editors) needs
client code far beyond this app's few lines of JavaScript and is hard to get right with
reconnecting phones. Versions need one integer per field, work the same over a form post and a
socket message, and conflicts are rare: in a group of four around one phone table, two people
rarely type into the same field within the same seconds.

Only members of the group that designs the ritual, and the workshop's facilitator, may edit.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from workshops.models import Participant
from workshops.services import NotAllowed, ServiceError

from ..models import Cadence, DesignedRitual, GroupMember, Pillar
from .access import check_actor

FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "pillar": gettext_lazy("Pillar"),
    "purpose": gettext_lazy("Purpose"),
    "trigger": gettext_lazy("Trigger"),
    "cadence": gettext_lazy("Cadence"),
    "participants": gettext_lazy("Who takes part"),
    "steps": gettext_lazy("Steps"),
    "owner": gettext_lazy("Owner"),
    "first_date": gettext_lazy("First date"),
    "success_signal": gettext_lazy("How we know it works"),
}
CANVAS_FIELDS = tuple(FIELD_LABELS)
TEXT_LIMIT = 1000
SHORT_LIMIT = 120
# Stored as the editor of a field, in English; screens show them with |translated.
THE_FACILITATOR = gettext_noop("The facilitator")
SOMEONE = gettext_noop("Someone")
NOT_YOUR_GROUP = gettext_noop("Only the group designing this ritual can change its canvas.")


class CanvasConflict(ServiceError):
    """Someone else saved this field since the edit began: merge with their text and retry."""

    def __init__(self, designed: DesignedRitual, field: str):
        self.field = field
        self.current_value = canvas_value(designed, field)
        self.version = designed.version_of(field)
        self.edited_by = designed.last_editor_of(field) or SOMEONE
        super().__init__(
            gettext(
                "%(name)s changed “%(field)s” while you were typing. "
                "Your text is still here: merge it with theirs and save again."
            )
            % {"name": gettext(self.edited_by), "field": FIELD_LABELS[field]}
        )


def canvas_value(designed: DesignedRitual, field: str) -> str:
    """A canvas field as the phone shows it in its input."""
    if field == "pillar":
        return designed.pillar.slug if designed.pillar_id else ""
    if field == "first_date":
        return designed.first_date.isoformat() if designed.first_date else ""
    return getattr(designed, field)


def clean_canvas_value(field: str, value: str):
    """The value to store for one canvas field, or a ServiceError saying what to fix."""
    if field not in FIELD_LABELS:
        raise ServiceError(gettext("That is not a field of the ritual canvas."))
    value = (value or "").strip()
    limit = SHORT_LIMIT if field in ("name", "owner") else TEXT_LIMIT
    if len(value) > limit:
        raise ServiceError(
            gettext("Keep “%(field)s” under %(limit)s characters (this has %(length)s).")
            % {"field": FIELD_LABELS[field], "limit": limit, "length": len(value)}
        )
    if field == "name" and not value:
        raise ServiceError(gettext("Give the ritual a name: a few words everyone will remember."))
    if field == "pillar":
        if not value:
            return None
        pillar = Pillar.objects.filter(slug=value).first()
        if pillar is None:
            raise ServiceError(gettext("Pick one of the four pillars."))
        return pillar
    if field == "cadence" and value and value not in Cadence.values:
        raise ServiceError(gettext("Pick how often it happens from the list."))
    if field == "first_date":
        return _first_date(value)
    return value


def _first_date(value: str) -> date | None:
    if not value:
        return None
    try:
        first = forms.DateField().clean(value)
    except forms.ValidationError:
        raise ServiceError(
            gettext(
                "“%(value)s” is not a date we can read. Pick the day from the calendar, "
                "for example 2025-09-15."
            )
            % {"value": value}
        ) from None
    if first < timezone.localdate():
        raise ServiceError(
            gettext("The first date has already passed: pick today or a day to come.")
        )
    return first


def is_canvas_editor(designed: DesignedRitual, participant: Participant) -> bool:
    return GroupMember.objects.filter(
        activity=designed.activity_id,
        participant=participant,
        group__designed_ritual=designed,
    ).exists()


@transaction.atomic
def edit_canvas_field(
    designed: DesignedRitual,
    *,
    participant: Participant | None = None,
    by: AbstractBaseUser | None = None,
    field: str,
    value: str,
    base_version: int,
) -> DesignedRitual:
    """Save one canvas field edited from ``base_version``; a newer save raises CanvasConflict."""
    workshop = designed.activity.workshop
    participant = check_actor(workshop, participant, by)
    if participant is not None and not is_canvas_editor(designed, participant):
        raise NotAllowed(gettext(NOT_YOUR_GROUP))
    cleaned = clean_canvas_value(field, value)
    designed = DesignedRitual.objects.select_for_update().get(pk=designed.pk)
    current = designed.version_of(field)
    if base_version != current:
        if _stored(cleaned) == _stored(getattr(designed, field)):
            return designed  # the same words already saved: nothing lost, nothing to do
        raise CanvasConflict(designed, field)
    setattr(designed, field, cleaned)
    designed.field_versions = {
        **designed.field_versions,
        field: {
            "version": current + 1,
            "by": participant.display_name if participant else THE_FACILITATOR,
        },
    }
    designed.save(update_fields=[field, "field_versions", "updated_at"])
    return designed


def _stored(value):
    return value.pk if isinstance(value, Pillar) else value
