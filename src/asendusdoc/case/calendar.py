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
from asendusdoc.case.findings import FORM_KIND_TITLES

__all__ = ["EVENT_TITLES", "deadlines_calendar", "event_uid"]

EVENT_TITLES: dict[str, tuple[str, str, str]] = {
    "progress-report": (
        "Tähtaeg: ülevaade teenuse kulgemisest",
        "Срок: отчёт о ходе оказания услуги",
        "Due: progress report",
    ),
    "adaptation-year": (
        "Kohanemiseks mõeldud teenuse aasta lõpeb",
        "Заканчивается год услуги для адаптации",
        "Adaptation service year ends",
    ),
    "reassessment": (
        "Aasta koostööd: noore olukorra hindamine",
        "Год сотрудничества: оценка ситуации молодого человека",
        "One year of cooperation: assess the situation",
    ),
    "closure-summary": (
        "Tähtaeg: klienditöö kokkuvõte",
        "Срок: итоговый отчёт по работе с клиентом",
        "Due: closure summary",
    ),
}
"""Deadline kind → the event's summary in et, ru, en."""

_LANG_INDEX = {"et": 0, "ru": 1, "en": 2}
_FORM_LABEL = ("Vorm", "Форма", "Form")
_CASE_LABEL = ("Juhtumi viide", "Номер дела", "Case reference")


def event_uid(case_reference: str, kind: str) -> str:
    """The stable UID of a case's deadline of one kind (no personal data: a hash)."""
    digest = hashlib.sha256(f"{case_reference}\x00{kind}".encode()).hexdigest()[:24]
    return f"{digest}-{kind}@asendusdoc"


def deadlines_calendar(
    case_reference: str, deadlines: Sequence[Deadline], lang: str, *, stamp: dt.date
) -> bytes:
    """The iCalendar bytes of ``deadlines``; ``stamp`` (the check day) is the DTSTAMP."""
    from icalendar import Calendar, Event

    index = _LANG_INDEX.get(lang, 0)
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
        event.add("summary", f"{case_reference}: {EVENT_TITLES[deadline.kind][index]}")
        kind = FORM_KIND_TITLES.get(deadline.form_kind, (deadline.form_kind,) * 3)[index]
        event.add(
            "description",
            f"{_CASE_LABEL[index]}: {case_reference}\n{_FORM_LABEL[index]}: {kind}",
        )
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
