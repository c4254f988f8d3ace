"""The norms inventory: each norm names its pillar (and maybe its belief); the facilitator turns
norms into from → to pairs."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext

from workshops.models import Activity, Note, Participant
from workshops.services import NotAllowed, ServiceError

from ..models import NormDetail, NormShift, Pillar
from .access import check_actor, check_running_facilitator, check_text

BELIEF_LIMIT = 500
SHIFT_LIMIT = 280


@transaction.atomic
def add_norm_detail(
    note: Note,
    *,
    participant: Participant | None = None,
    by: AbstractBaseUser | None = None,
    pillar: Pillar,
    belief: str = "",
) -> NormDetail:
    """Name the pillar of a norm (and the belief behind it); again to change them.

    The note's author does it on their phone; the facilitator may do it for any note.
    """
    workshop = note.activity.workshop
    participant = check_actor(workshop, participant, by)
    if participant is not None and note.participant_id != participant.pk:
        raise NotAllowed(gettext("You can only describe your own norms."))
    belief = (belief or "").strip()
    if len(belief) > BELIEF_LIMIT:
        raise ServiceError(
            gettext("Keep the belief under %(limit)s characters (this one has %(length)s).")
            % {"limit": BELIEF_LIMIT, "length": len(belief)}
        )
    detail, _ = NormDetail.objects.update_or_create(
        note=note, defaults={"pillar": pillar, "belief": belief}
    )
    return detail


def _shift_texts(from_text: str, to_text: str) -> tuple[str, str]:
    from_text = check_text(
        from_text,
        empty=gettext("Write the norm as it is today (the “from”)."),
        limit=SHIFT_LIMIT,
        what=gettext("the “from”"),
    )
    to_text = check_text(
        to_text,
        empty=gettext("Write what the norm should become (the “to”)."),
        limit=SHIFT_LIMIT,
        what=gettext("the “to”"),
    )
    return from_text, to_text


@transaction.atomic
def make_norm_shift(
    activity: Activity,
    by: AbstractBaseUser | None,
    from_text: str,
    to_text: str,
    note: Note | None = None,
) -> NormShift:
    """Turn a norm into a from → to pair; with a note and no "from", the note's text is it."""
    workshop = activity.workshop
    check_running_facilitator(workshop, by)
    if note is not None and note.activity_id != activity.pk:
        raise ServiceError(gettext("That norm is not on this board."))
    if note is not None and not (from_text or "").strip():
        from_text = note.text
    from_text, to_text = _shift_texts(from_text, to_text)
    return NormShift.objects.create(
        activity=activity, note=note, from_text=from_text, to_text=to_text
    )


@transaction.atomic
def edit_norm_shift(
    shift: NormShift, by: AbstractBaseUser | None, from_text: str, to_text: str
) -> NormShift:
    check_running_facilitator(shift.activity.workshop, by)
    shift.from_text, shift.to_text = _shift_texts(from_text, to_text)
    shift.save(update_fields=["from_text", "to_text"])
    return shift


@transaction.atomic
def remove_norm_shift(shift: NormShift, by: AbstractBaseUser | None) -> None:
    check_running_facilitator(shift.activity.workshop, by)
    shift.delete()


def norm_shift_in(activity: Activity, shift_id: int) -> NormShift:
    """One of the board's from → to pairs, or a message that it is gone."""
    shift = NormShift.objects.filter(pk=shift_id, activity=activity).first()
    if shift is None:
        raise ServiceError(gettext("That from → to pair is no longer there."))
    return shift


def norm_note_in(activity: Activity, note_id: int) -> Note:
    note = Note.objects.filter(pk=note_id, activity=activity).first()
    if note is None:
        raise ServiceError(gettext("That norm is no longer on the board."))
    return note
