"""The program as a calendar file: one recurring all-day event per ritual, plus the milestones.

Each ritual's DTSTART is its first date inside the program and its RRULE ends (UNTIL) on the
program's last day, so Outlook, Google Calendar and Apple Calendar show exactly the dates of the
builder's calendar. UIDs stay the same from one download to the next, so importing the file again
updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

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
    workshop = program.workshop
    calendar = Calendar()
    calendar.add("prodid", "-//Culture Room//Culture program//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Culture program · {workshop.client_organisation or workshop}")
    stamp = program.updated_at or timezone.now()
    start, end = program.start_date, program.end_date
    for ritual in program.rituals.all():
        rule = ritual.rule
        dates = cadence.occurrences(rule, start, end) if rule else []
        if not dates:
            continue
        event = _event(f"program-{program.pk}-ritual-{ritual.pk}", ritual.name, dates[0], stamp)
        event.add("rrule", vRecur({**cadence.rrule_parts(rule), "UNTIL": end}))
        details = [ritual.cadence_text]
        details += [f"Purpose: {ritual.purpose}"] if ritual.purpose else []
        details += [f"Owner: {ritual.owner}"] if ritual.owner else []
        details += [f"Sponsor: {ritual.sponsor}"] if ritual.sponsor else []
        details += (
            [f"We know it works when: {ritual.success_signal}"] if ritual.success_signal else []
        )
        event.add("description", "\n".join(details))
        event.add("categories", [ritual.get_pillar_display() or "Customer ritual"])
        calendar.add_component(event)
    for milestone in program.milestones.all():
        calendar.add_component(
            _event(
                f"program-{program.pk}-milestone-{milestone.pk}",
                milestone.name,
                milestone.date,
                stamp,
            )
        )
    return calendar.to_ical()
