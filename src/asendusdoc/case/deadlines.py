"""Deadlines of a case, and the findings they give relative to a day ("today").

A deadline is a day something must be done by. :func:`case_deadlines` lists the ones still
open in a case; :func:`deadline_findings` turns them into findings for a given day: nothing
before the warning window, ``*_due_soon`` (info) from :data:`DUE_SOON_DAYS` days before the
deadline up to and including it, the overdue finding from the day after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from asendusdoc.case.collection import CaseForms
from asendusdoc.case.findings import Finding
from asendusdoc.forms import (
    ActionPlan,
    Closure,
    CooperationAgreement,
    FamilySupportReferral,
    ProgressReport,
    SupportPersonReferral,
)
from asendusdoc.forms._base import add_months
from asendusdoc.forms._blocks import Service
from asendusdoc.forms.closure import CLOSURE_NAMES
from asendusdoc.forms.family_support_referral import FamilySupportServiceType
from asendusdoc.forms.progress_report import REPORT_PERIOD_MONTHS
from asendusdoc.forms.support_person_referral import (
    SupportPersonType,
    professional_earliest_start,
)

__all__ = [
    "CLOSURE_SUMMARY_DAYS",
    "DUE_SOON_DAYS",
    "Deadline",
    "case_deadlines",
    "deadline_findings",
    "start_findings",
]

DUE_SOON_DAYS = 14
"""A deadline is announced (info) this many days ahead, and on the day itself."""
CLOSURE_SUMMARY_DAYS = 7
"""Viimsi (seed 003): the written summary is due within one week of the service end."""
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Deadline:
    """An open deadline: its kind, the day, the form kind it concerns, and the finding codes.

    ``kind`` is stable (it makes the calendar event's UID); ``soon`` and ``overdue`` are the
    codes of the findings before and after ``due``.
    """

    kind: str
    due: dt.date
    form_kind: str
    forms: tuple[str, ...]
    soon: str
    overdue: str
    params: tuple[tuple[str, object], ...] = ()
    announced_from: dt.date | None = None
    """No "due soon" before this day (the closure summary: not while the service runs)."""
    soon_days: int = DUE_SOON_DAYS
    """The "due soon" finding from this many days before ``due`` (the closure: from the end)."""

    def finding(self, today: dt.date) -> Finding | None:
        """The finding on ``today``: none yet, due soon, or overdue."""
        params = {"due": self.due, **dict(self.params)}
        if today > self.due:
            return Finding(self.overdue, self.forms, params, due=self.due)
        window = self.due - dt.timedelta(days=self.soon_days)
        if self.announced_from is not None:
            window = max(window, self.announced_from)
        if today >= window:
            return Finding(self.soon, self.forms, params, due=self.due)
        return None


def _report_deadline(case: CaseForms) -> Deadline | None:
    service, start = case.service(), case.service_start()
    if service is None or start is None or case.first(Closure) is not None:
        return None
    reports = case.reports()
    cursor = max([start, *(r.period_end + _ONE_DAY for _, r in reports)])
    due = add_months(cursor, REPORT_PERIOD_MONTHS[service])
    end = case.service_end()
    if end is not None and due > end:
        return None  # the closure reports the last stretch
    anchor = reports[-1][0] if reports else _start_form(case)
    return Deadline(
        "progress-report", due, ProgressReport.form_id, (anchor,) if anchor else (),
        "report_due_soon", "report_overdue", (("start", cursor),),
    )  # fmt: skip


def _start_form(case: CaseForms) -> str | None:
    for model in (CooperationAgreement, ActionPlan, FamilySupportReferral, SupportPersonReferral):
        found = case.first(model)
        if found is not None:
            return found[0]
    return None


def _adaptation_deadline(case: CaseForms) -> Deadline | None:
    referral = case.first(FamilySupportReferral)
    if referral is None or case.first(Closure) is not None:
        return None
    form = referral[1]
    if form.service_type is not FamilySupportServiceType.ADAPTATION or not form.placement_date:
        return None
    last_day = add_months(form.placement_date, 12)
    return Deadline(
        "adaptation-year", last_day, form.form_id, (referral[0],),
        "adaptation_year_ending", "adaptation_year_over", (("placement", form.placement_date),),
    )  # fmt: skip


def _reassessment_deadline(case: CaseForms) -> Deadline | None:
    if case.service() is not Service.SUPPORT_PERSON:
        return None
    start = case.service_start()
    if start is None:
        return None
    due = add_months(start, 12)
    end = case.service_end()  # a recorded end, else the agreement's planned end
    if end is not None and end < due:
        return None
    if any(report.document_date >= due for _, report in case.reports()):
        return None  # a report written after the year is the assessment (see docs)
    anchor = _start_form(case)
    return Deadline(
        "reassessment", due, "cooperation-agreement", (anchor,) if anchor else (),
        "reassessment_due_soon", "reassessment_overdue",
    )  # fmt: skip


def _closure_deadline(case: CaseForms) -> Deadline | None:
    """The closure is due after the end: recorded in a report or diary, else the planned end.

    Viimsi (seed 003): the written summary within one week of the end. Family support (seed
    000 sets no time limit): the closure is the last written overview, due when the next
    quarterly overview would be, if the service ended before then. The support-person service
    has no closure form: its end only stops the other deadlines.
    """
    service = case.service()
    if case.first(Closure) is not None or service is None:
        return None
    recorded = case.recorded_end()
    anchor: str | None
    if recorded is not None:
        anchor, end = recorded[0], recorded[1].date
    else:
        planned = _planned_end(case, service)
        if planned is None:
            return None
        anchor, end = planned
    if service is Service.FAMILY_SUPPORT_PERSON:
        due = end + dt.timedelta(days=CLOSURE_SUMMARY_DAYS)
    elif service is Service.FAMILY_SUPPORT:
        start = case.service_start()
        if start is None:
            return None
        cursor = max([start, *(r.period_end + _ONE_DAY for _, r in case.reports())])
        due = add_months(cursor, REPORT_PERIOD_MONTHS[service])
        if due <= end:
            return None  # a progress report is due first
    else:
        return None
    return Deadline(
        "closure-summary", due, Closure.form_id, (anchor,),
        "closure_due", "closure_overdue", (("end", end), ("closure", CLOSURE_NAMES[service])),
        end + _ONE_DAY, (due - end - _ONE_DAY).days,
    )  # fmt: skip


def _planned_end(case: CaseForms, service: Service) -> tuple[str, dt.date] | None:
    """The planned end of the action plan (Viimsi) or of the cooperation agreement."""
    if service is Service.FAMILY_SUPPORT_PERSON:
        plan = case.first(ActionPlan)
        return (plan[0], plan[1].service_end) if plan is not None else None
    agreement = case.agreement(service)
    if agreement is None or agreement[1].service_end is None:
        return None
    return agreement[0], agreement[1].service_end


def case_deadlines(case: CaseForms) -> list[Deadline]:
    """Every open deadline of the case, earliest first."""
    makers = (_report_deadline, _adaptation_deadline, _reassessment_deadline, _closure_deadline)
    found = [d for d in (make(case) for make in makers) if d is not None]
    return sorted(found, key=lambda d: (d.due, d.kind))


def deadline_findings(case: CaseForms, today: dt.date) -> list[Finding]:
    """The findings of the open deadlines on ``today``, and of a late closure summary."""
    found: list[Finding] = []
    for deadline in case_deadlines(case):
        finding = deadline.finding(today)
        if finding is not None:
            found.append(finding)
    found.extend(_closure_late(case))
    return found


def _closure_late(case: CaseForms) -> list[Finding]:
    closure = case.first(Closure)
    if closure is None or closure[1].service is not Service.FAMILY_SUPPORT_PERSON:
        return []
    form = closure[1]
    due = form.service_end + dt.timedelta(days=CLOSURE_SUMMARY_DAYS)
    if form.document_date <= due:
        return []
    return [Finding("closure_late", (closure[0],), {"date": form.document_date, "due": due}, due)]


def start_findings(case: CaseForms) -> list[Finding]:
    """The support person starts (agreement) no earlier than seed 001 allows for the type."""
    referral = case.first(SupportPersonReferral)
    agreement = case.agreement(Service.SUPPORT_PERSON)
    if referral is None or agreement is None:
        return []
    leaving, start = referral[1].leaving_care_date, agreement[1].service_start
    if leaving is None:
        return []  # a young mother still in care: see professional_earliest_start
    names = (agreement[0], referral[0])
    if referral[1].support_person_type is SupportPersonType.PROFESSIONAL:
        earliest = professional_earliest_start(leaving)
        if earliest is not None and start < earliest:
            params = {"start": start, "leaving": leaving, "earliest": earliest}
            return [Finding("professional_start_too_early", names, params)]
    elif start < leaving:
        return [
            Finding("trusted_start_before_leaving", names, {"start": start, "leaving": leaving})
        ]
    return []
