"""The program as a calendar file: one recurring all-day event per ritual, plus the milestones.

Each ritual's DTSTART is its first date inside the program and its RRULE ends (UNTIL) on the
program's last day, so Outlook, Google Calendar and Apple Calendar show exactly the dates of the
builder's calendar. UIDs stay the same from one download to the next, so importing the file again
updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from workshops import languages
from workshops.templatetags.translated import translated

from . import cadence
from .models import CultureProgram

UID_DOMAIN = "culture-room"


def _event(uid: str, summary: str, day: datetime.date, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event


def program_calendar(program: CultureProgram) -> bytes:
    """The calendar file, in the workshop's language whatever the browser asking for it says."""
    with languages.for_workshop(program.workshop):
        return _calendar(program).to_ical()


def _calendar(program: CultureProgram) -> Calendar:
    workshop = program.workshop
    calendar = Calendar()
    calendar.add("prodid", "-//Culture Room//Culture program//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname",
        _("Culture program · %(client)s")
        % {"client": workshop.client_organisation or workshop.title},
    )
    stamp = program.updated_at or timezone.now()
    start, end = program.start_date, program.end_date
    for ritual in program.rituals.all():
        rule = ritual.rule
        dates = cadence.occurrences(rule, start, end) if rule else []
        if not dates:
            continue
        # Names and texts from the ritual library are stored in English: shown translated.
        event = _event(
            f"program-{program.pk}-ritual-{ritual.pk}", translated(ritual.name), dates[0], stamp
        )
        event.add("rrule", vRecur({**cadence.rrule_parts(rule), "UNTIL": end}))
        details = [ritual.cadence_text]
        for label, value in (
            (_("Purpose: %(text)s"), translated(ritual.purpose)),
            (_("Owner: %(text)s"), ritual.owner),
            (_("Sponsor: %(text)s"), ritual.sponsor),
            (_("We know it works when: %(text)s"), translated(ritual.success_signal)),
        ):
            if value:
                details.append(label % {"text": value})
        event.add("description", "\n".join(details))
        event.add("categories", [ritual.get_pillar_display() or _("Customer ritual")])
        calendar.add_component(event)
    for milestone in program.milestones.all():
        calendar.add_component(
            _event(
                f"program-{program.pk}-milestone-{milestone.pk}",
                translated(milestone.name),
                milestone.date,
                stamp,
            )
        )
    return calendar
