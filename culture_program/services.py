"""Every change of a culture program goes through one of these functions.

Each checks that the person is the workshop's facilitator, runs in one transaction and raises a
``ServiceError`` with a message for the person. The program starts from what the workshop's
activity kinds hand over (``program_inputs``), read again for the report so both stay in step.
"""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from workshops import kinds, languages
from workshops.services import ServiceError, check_facilitator

from . import cadence
from .models import CultureProgram, Milestone, Pillar, ProgramMetric, ProgramRitual, ShareLink

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from workshops.models import Workshop

# The reviews every program starts with; each keeps its distance from the start. Their names
# are stored in the workshop's language when the program is made.
DEFAULT_REVIEWS = (
    (30, gettext_noop("30-day review")),
    (90, gettext_noop("90-day review")),
    (180, gettext_noop("180-day review")),
    (365, gettext_noop("One-year review")),
)


# Reading the workshop -----------------------------------------------------------------------


def program_inputs(workshop: Workshop) -> dict[str, list[dict]]:
    """What the workshop's activity kinds hand to the program, merged: one list per key."""
    merged: dict[str, list[dict]] = {key: [] for key in kinds.PROGRAM_INPUTS}
    activities = list(workshop.activities.all())
    for kind in kinds.all_kinds():
        if kind.program_inputs is None:
            continue
        own = [activity for activity in activities if activity.kind == kind.key]
        if not own:
            continue
        for key, items in (kind.program_inputs(workshop, own) or {}).items():
            if key in merged:
                merged[key].extend(items)
    return merged


def in_every_language(text) -> list[str]:
    """A translatable text as it reads in each of the site's languages, lower case."""
    found = []
    for code in languages.LANGUAGE_CODES:
        with translation.override(code):
            found.append(str(text).lower())
    return found


def pillar_slug(value: Any) -> str:
    """A pillar's slug from what a kind handed over ("Way of working" → "way-of-working"),
    in English or in Dutch ("Manier van werken")."""
    text = str(value or "").strip().lower().replace("_", "-").replace(" ", "-")
    if text in Pillar.values:
        return text
    for pillar in Pillar:
        names = [name.replace(" ", "-") for name in in_every_language(pillar.label)]
        if text and any(text in name for name in names):
            return pillar.value
    return ""


def _any_in(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def cadence_from_text(value: Any) -> str:
    """The nearest cadence to a designer's words, English or Dutch ("every other week",
    "om de week" → fortnightly)."""
    text = str(value or "").strip().lower()
    if text in cadence.CADENCES:
        return text
    weekday_named = any(_any_in(text, tuple(in_every_language(day))) for day in WEEKDAYS.values())
    if _any_in(text, ("fortnight", "tweewek", "twee weken", "om de week")) or (
        "week" in text and _any_in(text, ("two", "other", "bi"))
    ):
        return cadence.FORTNIGHTLY
    if _any_in(text, ("quarter", "kwartaal")):
        return cadence.QUARTERLY
    if _any_in(text, ("year", "annual", "jaar")):
        return cadence.YEARLY
    if _any_in(text.replace("maandag", ""), ("month", "maand")):
        return cadence.MONTHLY_WEEKDAY if weekday_named else cadence.MONTHLY_DAY
    if _any_in(text, ("week", "wekelijks")) or weekday_named:
        return cadence.WEEKLY
    if _any_in(text, ("day", "daily", "dag")):
        return cadence.DAILY
    return cadence.MONTHLY_DAY


def as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def as_number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def default_start(workshop: Workshop) -> datetime.date:
    """The first of the month after the workshop: the program's months are calendar months."""
    day = workshop.date or timezone.localdate()
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def biggest_gaps(gaps: list[dict], count: int = 3) -> list[dict]:
    rated = [gap for gap in gaps if as_number(gap.get("gap")) is not None]
    return sorted(rated, key=lambda gap: -as_number(gap["gap"]))[:count]


def lower_first(text: str) -> str:
    """ "Every Friday" inside a sentence: "every Friday", not "every friday"."""
    return text[:1].lower() + text[1:]


def strongest_norms(norms: list[dict], count: int = 3) -> list[dict]:
    """The norms the room backed most (by votes where the kind counts them), else the first."""
    return sorted(norms, key=lambda norm: -(as_number(norm.get("votes")) or 0))[:count]


def draft_summary(
    workshop: Workshop, inputs: dict[str, list[dict]], rituals: list[ProgramRitual]
) -> str:
    """A plain first draft of the executive summary, built from the workshop's results, in the
    active language (``create_program`` makes it in the workshop's)."""
    values = {
        "title": workshop.title,
        "organisation": workshop.client_organisation or _("the organisation"),
    }
    if workshop.date:
        opening = _(
            "In the workshop “%(title)s” on %(date)s, the leadership team of %(organisation)s "
            "compared where its culture stands today with the customer culture it wants, and "
            "chose the customer rituals that will carry the change over the next twelve months."
        ) % {**values, "date": date_format(workshop.date, "j F Y")}
    else:
        opening = (
            _(
                "In the workshop “%(title)s”, the leadership team of %(organisation)s compared "
                "where its culture stands today with the customer culture it wants, and chose "
                "the customer rituals that will carry the change over the next twelve months."
            )
            % values
        )
    paragraphs = [opening]
    gaps = biggest_gaps(inputs.get("gaps", []))
    if gaps:
        listed = "; ".join(
            _("%(name)s (today %(today)s, target %(target)s)")
            % {
                # Dimension names are built-in content: stored in English, shown translated.
                "name": _(gap["name"]) if gap.get("name") else _("a dimension"),
                "today": number_format(as_number(gap.get("today")) or 0, 1),
                "target": number_format(as_number(gap.get("target")) or 0, 1),
            }
            for gap in gaps
        )
        paragraphs.append(
            _("The biggest gaps between today and where the team wants to be: %(gaps)s.")
            % {"gaps": listed}
        )
    norms = strongest_norms(inputs.get("norms", []))
    if norms:
        listed = ", ".join(f"“{norm.get('text', '')}”" for norm in norms)
        paragraphs.append(
            _("The norms the room recognised most strongly: %(norms)s.") % {"norms": listed}
        )
    if rituals:
        listed = "; ".join(
            f"{_(ritual.name)} ({lower_first(ritual.cadence_text)})" for ritual in rituals
        )
        paragraphs.append(
            ngettext(
                "The program rests on %(count)s customer ritual: %(rituals)s.",
                "The program rests on %(count)s customer rituals: %(rituals)s.",
                len(rituals),
            )
            % {"count": len(rituals), "rituals": listed}
        )
    started = [ritual for ritual in rituals if ritual.is_started]
    if started:
        paragraphs.append(started_sentence(started[0]))
    paragraphs.append(
        _(
            "Progress is reviewed after 30, 90 and 180 days and at the end of the year: are the "
            "rituals held, and what did they change for customers?"
        )
    )
    return "\n\n".join(paragraphs)


def started_sentence(ritual: ProgramRitual) -> str:
    values = {"name": _(ritual.name), "owner": ritual.owner}
    if ritual.first_date:
        values["date"] = date_format(ritual.first_date, "j F Y")
    if ritual.first_date and ritual.owner:
        text = _(
            "One ritual started in the room: %(name)s, first on %(date)s and owned by %(owner)s."
        )
    elif ritual.first_date:
        text = _("One ritual started in the room: %(name)s, first on %(date)s.")
    elif ritual.owner:
        text = _("One ritual started in the room: %(name)s and owned by %(owner)s.")
    else:
        text = _("One ritual started in the room: %(name)s.")
    return text % values


# Creating the program ------------------------------------------------------------------------


def _ritual_fields(item: dict) -> dict:
    return {
        "name": str(item.get("name") or gettext_noop("A customer ritual"))[:200],
        "pillar": pillar_slug(item.get("pillar")),
        "purpose": str(item.get("purpose") or ""),
        "cadence": cadence_from_text(item.get("cadence")),
        "first_date": as_date(item.get("first_date")),
        "owner": str(item.get("owner") or "")[:200],
        "sponsor": str(item.get("sponsor") or "")[:200],
        "success_signal": str(item.get("success_signal") or ""),
        "participants": _text(item.get("participants")),
        "steps": _text(item.get("steps")),
    }


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    return str(value or "")


@transaction.atomic
def create_program(workshop: Workshop, by: AbstractBaseUser) -> CultureProgram:
    """The workshop's program, built from its results: rituals, reviews and a draft summary.

    A workshop has one program: asking again returns the one there is.
    """
    check_facilitator(workshop, by)
    existing = CultureProgram.objects.filter(workshop=workshop).first()
    if existing is not None:
        return existing
    inputs = program_inputs(workshop)
    try:
        with transaction.atomic():
            program = CultureProgram.objects.create(
                workshop=workshop, start_date=default_start(workshop)
            )
    except IntegrityError:  # created by a second tab a moment ago
        return CultureProgram.objects.get(workshop=workshop)
    rituals = [
        ProgramRitual(program=program, position=position, **_ritual_fields(item))
        for position, item in enumerate(inputs["rituals"])
    ]
    for started in inputs["started"]:
        name = str(started.get("name") or "").strip().casefold()
        match = next((r for r in rituals if r.name.strip().casefold() == name), None)
        if match is None:
            match = ProgramRitual(program=program, position=len(rituals), **_ritual_fields(started))
            rituals.append(match)
        match.is_started = True
        match.first_date = match.first_date or as_date(started.get("first_date"))
        match.owner = match.owner or str(started.get("owner") or "")[:200]
        match.sponsor = match.sponsor or str(started.get("sponsor") or "")[:200]
    ProgramRitual.objects.bulk_create(rituals)
    with languages.for_workshop(workshop):
        Milestone.objects.bulk_create(
            Milestone(
                program=program,
                name=_(name),
                date=cadence.day_after_start(program.start_date, days),
                days_after_start=days,
            )
            for days, name in DEFAULT_REVIEWS
        )
        program.executive_summary = draft_summary(workshop, inputs, rituals)
    program.save(update_fields=["executive_summary"])
    return program


def get_or_create_program(workshop: Workshop, by: AbstractBaseUser) -> CultureProgram:
    check_facilitator(workshop, by)
    program = CultureProgram.objects.filter(workshop=workshop).first()
    return program or create_program(workshop, by)


# Editing it -------------------------------------------------------------------------------


def _check(program: CultureProgram, by: AbstractBaseUser) -> None:
    check_facilitator(program.workshop, by)


def _check_dates(program: CultureProgram, fields: dict) -> None:
    """A ritual's cadence must produce dates inside the program (the form says so first)."""
    if fields.get("first_date") is None:
        raise ServiceError(_("Give the ritual a first date: a cadence needs a day to start from."))
    try:
        cadence.validate(
            fields["cadence"],
            fields["first_date"],
            program.end_date,
            weekday=fields.get("weekday"),
            week_of_month=fields.get("week_of_month"),
            day_of_month=fields.get("day_of_month"),
        )
    except cadence.CadenceError as error:
        raise ServiceError(str(error)) from None


@transaction.atomic
def update_program(program: CultureProgram, by: AbstractBaseUser, **fields) -> CultureProgram:
    """Save the program's details; the default reviews move with the start."""
    _check(program, by)
    # A ModelForm has already set the new values on the instance: ask the database.
    old_start = CultureProgram.objects.values_list("start_date", flat=True).get(pk=program.pk)
    for name, value in fields.items():
        setattr(program, name, value)
    program.save()
    if program.start_date != old_start:
        for milestone in program.milestones.exclude(days_after_start=None):
            milestone.date = cadence.day_after_start(program.start_date, milestone.days_after_start)
            milestone.save(update_fields=["date"])
    return program


@transaction.atomic
def add_ritual(program: CultureProgram, by: AbstractBaseUser, **fields) -> ProgramRitual:
    _check(program, by)
    _check_dates(program, fields)
    position = program.rituals.count()
    return ProgramRitual.objects.create(program=program, position=position, **fields)


@transaction.atomic
def update_ritual(ritual: ProgramRitual, by: AbstractBaseUser, **fields) -> ProgramRitual:
    _check(ritual.program, by)
    _check_dates(ritual.program, fields)
    for name, value in fields.items():
        setattr(ritual, name, value)
    ritual.save()
    return ritual


@transaction.atomic
def remove_ritual(ritual: ProgramRitual, by: AbstractBaseUser) -> None:
    _check(ritual.program, by)
    ritual.delete()


@transaction.atomic
def add_milestone(program: CultureProgram, by: AbstractBaseUser, **fields) -> Milestone:
    _check(program, by)
    return Milestone.objects.create(program=program, **fields)


@transaction.atomic
def update_milestone(milestone: Milestone, by: AbstractBaseUser, **fields) -> Milestone:
    """Save a milestone; a review given a date of its own no longer follows the start."""
    _check(milestone.program, by)
    saved = Milestone.objects.values_list("date", flat=True).get(pk=milestone.pk)
    if fields.get("date", saved) != saved:
        milestone.days_after_start = None
    for name, value in fields.items():
        setattr(milestone, name, value)
    milestone.save()
    return milestone


@transaction.atomic
def remove_milestone(milestone: Milestone, by: AbstractBaseUser) -> None:
    _check(milestone.program, by)
    milestone.delete()


@transaction.atomic
def add_metric(program: CultureProgram, by: AbstractBaseUser, **fields) -> ProgramMetric:
    _check(program, by)
    return ProgramMetric.objects.create(program=program, **fields)


@transaction.atomic
def update_metric(metric: ProgramMetric, by: AbstractBaseUser, **fields) -> ProgramMetric:
    _check(metric.program, by)
    for name, value in fields.items():
        setattr(metric, name, value)
    metric.save()
    return metric


@transaction.atomic
def remove_metric(metric: ProgramMetric, by: AbstractBaseUser) -> None:
    _check(metric.program, by)
    metric.delete()


# Sharing ----------------------------------------------------------------------------------


@transaction.atomic
def create_share_link(program: CultureProgram, by: AbstractBaseUser) -> ShareLink:
    """A new read-only link for the client; 32 random bytes make it unguessable."""
    _check(program, by)
    return ShareLink.objects.create(program=program, token=secrets.token_urlsafe(32))


@transaction.atomic
def revoke_share_link(link: ShareLink, by: AbstractBaseUser) -> ShareLink:
    _check(link.program, by)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def find_shared_program(token: str) -> CultureProgram | None:
    """The program behind a share link that has not been revoked, or None."""
    link = (
        ShareLink.objects.select_related("program__workshop")
        .filter(token=token, revoked_at=None)
        .first()
    )
    return link.program if link else None
