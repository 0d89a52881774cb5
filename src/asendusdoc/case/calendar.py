"""The coming deadlines of a case as an iCalendar file (RFC 5545), for the caseworker's calendar.

Events are all-day, one per deadline. The UID is made of the case reference and the deadline's
kind, so a later export updates the event (a moved due date) instead of adding a second one.
Events carry only the case reference and the form kind: never a name or a personal code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from asendusdoc.case.deadlines import Deadline
from asendusdoc.case.findings import form_name
from asendusdoc.forms._words import LABELS
from asendusdoc.i18n import N_, translations

__all__ = ["EVENT_SUMMARIES", "deadlines_calendar", "event_uid"]

EVENT_SUMMARIES: dict[str, str] = {
    "progress-report": N_("Due: progress report"),
    "adaptation-year": N_("Adaptation service year ends"),
    "reassessment": N_("One year of cooperation: assess the situation"),
    "closure-summary": N_("Due: closure summary"),
}
"""Deadline kind → the event's summary (the gettext msgid)."""


def event_uid(case_reference: str, kind: str) -> str:
    """The stable UID of a case's deadline of one kind (no personal data: a hash)."""
    digest = hashlib.sha256(f"{case_reference}\x00{kind}".encode()).hexdigest()[:24]
    return f"{digest}-{kind}@asendusdoc"


def deadlines_calendar(
    case_reference: str, deadlines: Sequence[Deadline], lang: str, *, stamp: dt.date
) -> bytes:
    """The iCalendar bytes of ``deadlines``; ``stamp`` (the check day) is the DTSTAMP."""
    from icalendar import Calendar, Event

    _ = translations(lang).gettext
    case_label, form_label = LABELS["case_reference"].get(lang), LABELS["form"].get(lang)
    calendar = Calendar()
    calendar.add("prodid", "-//asendusdoc//case deadlines//EN")
    calendar.add("version", "2.0")
    stamped = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC)
    for deadline in deadlines:
        event = Event()
        event.add("uid", event_uid(case_reference, deadline.kind))
        event.add("dtstamp", stamped)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
        event.add("summary", f"{case_reference}: {_(EVENT_SUMMARIES[deadline.kind])}")
        kind = form_name(deadline.form_kind, lang)
        event.add("description", f"{case_label}: {case_reference}\n{form_label}: {kind}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
