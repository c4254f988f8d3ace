"""The first draft of a way of working: phones suggest lines, the facilitator accepts and edits."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from workshops.models import Activity, Participant
from workshops.services import ServiceError

from ..models import WayOfWorkingLine
from .access import check_actor, check_running_facilitator, check_text

LINE_LIMIT = 280
SUGGESTIONS_PER_PERSON = 20


def _section(section: str) -> str:
    if section not in WayOfWorkingLine.Section.values:
        raise ServiceError(gettext("Pick the part of the way of working your line belongs to."))
    return section


def _text(text: str) -> str:
    return check_text(
        text,
        empty=gettext("Write the line first."),
        limit=LINE_LIMIT,
        what=gettext("a line of the draft"),
    )


def _next_position(activity: Activity, section: str) -> int:
    last = WayOfWorkingLine.objects.filter(activity=activity, section=section).aggregate(
        last=Max("position")
    )["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def suggest_line(
    activity: Activity, participant: Participant, section: str, text: str
) -> WayOfWorkingLine:
    """A participant suggests a line; it joins the draft when the facilitator accepts it."""
    participant = check_actor(activity.workshop, participant, None)
    section, text = _section(section), _text(text)
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    mine = WayOfWorkingLine.objects.filter(activity=activity, suggested_by=participant).count()
    if mine >= SUGGESTIONS_PER_PERSON:
        raise ServiceError(
            gettext("You have made %(count)s suggestions: give the others a turn.")
            % {"count": SUGGESTIONS_PER_PERSON}
        )
    return WayOfWorkingLine.objects.create(
        activity=activity,
        section=section,
        text=text,
        suggested_by=participant,
        position=_next_position(activity, section),
    )


@transaction.atomic
def add_line(
    activity: Activity, by: AbstractBaseUser | None, section: str, text: str
) -> WayOfWorkingLine:
    """The facilitator writes a line straight into the draft."""
    check_running_facilitator(activity.workshop, by)
    section, text = _section(section), _text(text)
    return WayOfWorkingLine.objects.create(
        activity=activity,
        section=section,
        text=text,
        accepted=True,
        position=_next_position(activity, section),
    )


@transaction.atomic
def accept_line(line: WayOfWorkingLine, by: AbstractBaseUser | None) -> WayOfWorkingLine:
    check_running_facilitator(line.activity.workshop, by)
    line.accepted = True
    line.save(update_fields=["accepted"])
    return line


@transaction.atomic
def edit_line(
    line: WayOfWorkingLine, by: AbstractBaseUser | None, section: str, text: str
) -> WayOfWorkingLine:
    """The facilitator rewords a line (or moves it to another section); editing accepts it."""
    check_running_facilitator(line.activity.workshop, by)
    section, text = _section(section), _text(text)
    if section != line.section:
        line.position = _next_position(line.activity, section)
    line.section, line.text, line.accepted = section, text, True
    line.save(update_fields=["section", "text", "accepted", "position"])
    return line


@transaction.atomic
def remove_line(line: WayOfWorkingLine, by: AbstractBaseUser | None) -> None:
    check_running_facilitator(line.activity.workshop, by)
    line.delete()


def line_in(activity: Activity, line_id: int) -> WayOfWorkingLine:
    line = WayOfWorkingLine.objects.filter(pk=line_id, activity=activity).first()
    if line is None:
        raise ServiceError(gettext("That line is no longer in the draft."))
    return line
