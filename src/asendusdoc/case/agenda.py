"""The caseload agenda: what is due across many cases, soonest first (``asendusdoc agenda``).

A caseworker has 20 to 40 families. :func:`case_agenda` checks one case (its files as name →
bytes, exactly as ``check`` reads them) and returns its agenda items: every finding of ``check``
that has a due date (overdue, due soon, a late closure summary), and the open deadlines that fall
within the look-ahead of ``days`` even where ``check`` does not announce them yet (a deadline
that ``check`` announces only from a day on, the closure summary after the service end, waits for
that day here too).
:func:`sort_agenda` puts the items of all cases in one order: by due date, then case reference,
case folder and code. :func:`agenda_calendar` writes them as one iCalendar file.

An item carries only what ``check`` shows: the case reference, the family's municipality, the
form kind, the finding's code and message. Messages never hold a name or a personal code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from asendusdoc.case import CaseReport, check_case, read_case_files
from asendusdoc.case.calendar import EVENT_SUMMARIES, event_uid
from asendusdoc.case.collection import CaseForm, CaseForms
from asendusdoc.case.deadlines import DUE_SOON_DAYS
from asendusdoc.case.findings import Finding, Severity, form_name
from asendusdoc.errors import InputError
from asendusdoc.forms import (
    ActionPlan,
    CooperationAgreement,
    FamilyConferenceReferral,
    FamilySupportReferral,
    FormModel,
    SupportPersonReferral,
)
from asendusdoc.forms._blocks import Family, MunicipalityParty, Service
from asendusdoc.forms._words import LABELS
from asendusdoc.i18n import N_, translations

__all__ = [
    "DEADLINE_KIND_NAMES",
    "AgendaItem",
    "CaseAgenda",
    "agenda_calendar",
    "case_agenda",
    "family_municipality",
    "sort_agenda",
]

DEADLINE_KIND_NAMES: dict[str, str] = {
    "progress-report": N_("progress report"),
    "adaptation-year": N_("end of the adaptation service's year"),
    "reassessment": N_("assessment after one year of cooperation"),
    "closure-summary": N_("client-work summary or closure agreement"),
}
"""What is due, by deadline kind, as the agenda names it."""

_KIND_OF_CODE = {"closure_late": "closure-summary"}
"""Dated findings that come from no open deadline, and the deadline kind they concern."""


@dataclass(frozen=True)
class AgendaItem:
    """One deadline of one case, as the agenda lists it."""

    case_dir: str
    """The case folder, as given to the command (a label in the API)."""
    case_reference: str
    municipality: str | None
    """The family's municipality (see :func:`family_municipality`); None if no form says it."""
    kind: str
    """The deadline kind (``progress-report``, ``closure-summary``, ...): the calendar UID."""
    form_kind: str
    """The form that is due (a form id)."""
    finding: Finding
    today: dt.date

    @property
    def due(self) -> dt.date:
        """The day it is (or was) due."""
        assert self.finding.due is not None
        return self.finding.due

    @property
    def code(self) -> str:
        """The finding's code, as ``check`` shows it."""
        return self.finding.code

    @property
    def severity(self) -> Severity:
        """The finding's severity."""
        return self.finding.severity

    @property
    def overdue_days(self) -> int:
        """Days since the due date (0 on the day itself, negative before)."""
        return (self.today - self.due).days

    def what(self, lang: str) -> str:
        """What is due, in ``lang``."""
        if self.kind in DEADLINE_KIND_NAMES:
            return translations(lang).gettext(DEADLINE_KIND_NAMES[self.kind])
        return form_name(self.form_kind, lang)

    def as_dict(self, lang: str) -> dict[str, object]:
        """The JSON shape of ``agenda --json``."""
        return {
            "case_reference": self.case_reference,
            "case_dir": self.case_dir,
            "municipality": self.municipality,
            "code": self.code,
            "severity": self.severity.value,
            "due": self.due.isoformat(),
            "overdue_days": max(self.overdue_days, 0),
            "kind": self.kind,
            "form_kind": self.form_kind,
            "what": self.what(lang),
            "forms": list(self.finding.forms),
            "message": self.finding.message(lang),
        }


@dataclass(frozen=True)
class CaseAgenda:
    """The agenda items of one case folder, and how many of its files were bad."""

    case_dir: str
    report: CaseReport
    items: list[AgendaItem]
    bad_files: int
    """Files that are no form or an invalid one (``form_unreadable``, ``form_invalid``)."""


def family_municipality(forms: Sequence[CaseForm]) -> str | None:
    """The municipality the family (or the young person) lives in, from the case's forms.

    The family's home municipality of the referral, action plan or another form naming the
    family; for the support-person service, the young person's home after leaving care; else
    the child's home municipality of a family conference referral, else the municipality
    named by any form.
    """
    ordered = sorted(forms, key=lambda item: _municipality_rank(item.form))
    for item in ordered:
        form = item.form
        if isinstance(form, SupportPersonReferral):
            return form.residence_municipality
        if isinstance(form, FamilyConferenceReferral):
            return form.municipality
        if isinstance(form, CooperationAgreement) and form.service is Service.SUPPORT_PERSON:
            continue  # its family is the young person's former foster family
        family = getattr(form, "family", None)
        if isinstance(family, Family):
            return family.municipality
    for item in ordered:
        municipality = getattr(item.form, "municipality", None)
        if isinstance(municipality, MunicipalityParty):
            return municipality.name
        if isinstance(municipality, str):
            return municipality
    return None


def _municipality_rank(form: FormModel) -> int:
    if isinstance(form, FamilySupportReferral | ActionPlan | SupportPersonReferral):
        return 0
    if isinstance(form, FamilyConferenceReferral):
        return 1
    return 2


def case_agenda(
    case_dir: str,
    files: Mapping[str, bytes | InputError],
    *,
    today: dt.date,
    days: int = DUE_SOON_DAYS,
) -> CaseAgenda:
    """The agenda items of one case: what ``check`` dates, and what falls due within ``days``."""
    forms, bad = read_case_files(files)
    report = check_case(forms, today=today, findings=bad)
    reference = report.reference or "?"
    kept = [item for item in CaseForms(forms).forms if item.form.case_reference == reference]
    municipality = family_municipality(kept)
    horizon = today + dt.timedelta(days=days)
    items: list[AgendaItem] = []
    matched: set[tuple[str, dt.date]] = set()
    for deadline in report.deadlines:
        finding = deadline.finding(today)
        announced = deadline.announced_from is None or today >= deadline.announced_from
        if finding is None and deadline.due <= horizon and announced:
            params = {"due": deadline.due, **dict(deadline.params)}
            finding = Finding(deadline.soon, deadline.forms, params, due=deadline.due)
        if finding is None or (finding.due is not None and _beyond(finding, today, horizon)):
            continue
        matched.add((finding.code, deadline.due))
        items.append(
            AgendaItem(case_dir, reference, municipality, deadline.kind, deadline.form_kind,
                       finding, today)
        )  # fmt: skip
    for finding in report.findings:
        if finding.due is None or (finding.code, finding.due) in matched:
            continue
        if _beyond(finding, today, horizon):
            continue
        kind = _KIND_OF_CODE.get(finding.code, finding.code)
        form_kind = "closure" if kind == "closure-summary" else kind
        items.append(AgendaItem(case_dir, reference, municipality, kind, form_kind, finding, today))
    bad_files = sum(1 for f in bad if f.code in ("form_unreadable", "form_invalid"))
    return CaseAgenda(case_dir, report, sort_agenda(items), bad_files)


def _beyond(finding: Finding, today: dt.date, horizon: dt.date) -> bool:
    """A not yet overdue finding due after the look-ahead (``--days`` shorter than 14)."""
    assert finding.due is not None
    return finding.due > horizon and finding.due >= today


def sort_agenda(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """Soonest (most overdue) first; then by case reference, case folder, severity and code."""
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(
        items,
        key=lambda i: (i.due, i.case_reference, i.case_dir, order[i.severity], i.code, i.kind),
    )


_MUNICIPALITY_LABEL = N_("Municipality")


def agenda_calendar(items: Sequence[AgendaItem], lang: str, *, stamp: dt.date) -> bytes:
    """The agenda as iCalendar bytes: one all-day event per item, on its due date.

    The UID is the case's deadline UID of :mod:`asendusdoc.case.calendar` (case reference and
    deadline kind), so the agenda's events and a case's own ``check --ics`` events are the same
    events; where two folders hold the same case reference, the folder is part of the UID too.
    Summary and description hold the case reference, the municipality, the form kind and the
    finding's message: no name, no personal code.
    """
    from icalendar import Calendar, Event

    _ = translations(lang).gettext
    case_label = LABELS["case_reference"].get(lang)
    calendar = Calendar()
    calendar.add("prodid", "-//asendusdoc//caseload agenda//EN")
    calendar.add("version", "2.0")
    stamped = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC)
    folders: dict[str, set[str]] = {}
    for item in items:
        folders.setdefault(item.case_reference, set()).add(item.case_dir)
    seen: set[str] = set()
    for item in items:
        reference = item.case_reference
        if len(folders[reference]) > 1:  # two folders, one reference: keep their events apart
            reference = f"{reference}\x00{item.case_dir}"
        uid = event_uid(reference, item.kind)
        if uid in seen:
            continue  # one event per deadline (a late closure and its deadline share one)
        seen.add(uid)
        title = EVENT_SUMMARIES.get(item.kind)
        summary = _(title) if title else item.what(lang)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamped)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", f"{item.case_reference}: {summary}")
        lines = [f"{case_label}: {item.case_reference}"]
        if item.municipality:
            lines.append(f"{_(_MUNICIPALITY_LABEL)}: {item.municipality}")
        lines.append(item.finding.message(lang))
        event.add("description", "\n".join(lines))
        event.add("categories", [item.severity.value])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
