"""Case files: the forms of one case checked together, their deadlines, the provider's view.

::

    from asendusdoc.case import check_case
    report = check_case([referral, agreement, report_1, closure], today=dt.date(2026, 11, 22))
    for finding in report.findings:
        print(finding.severity, finding.code, finding.message("et"))

A case is the forms sharing one case reference. :func:`check_case` takes form models (or
:class:`CaseForm` pairs of a name and a model); :func:`check_case_files` takes file names and
their bytes, so that an unreadable or invalid file is itself a finding. The codes, severities
and decisions are documented in ``docs/case-checks.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from asendusdoc.case.collection import CaseForm, CaseForms
from asendusdoc.case.consistency import (
    date_order_findings,
    goal_findings,
    identity_findings,
    report_gap_findings,
    support_plan_findings,
)
from asendusdoc.case.deadlines import (
    DUE_SOON_DAYS,
    Deadline,
    case_deadlines,
    deadline_findings,
    start_findings,
)
from asendusdoc.case.findings import FINDING_TEMPLATES, Finding, Severity
from asendusdoc.case.regions import provider_region_findings
from asendusdoc.errors import FormValidationError, InputError
from asendusdoc.forms import FormModel
from asendusdoc.i18n import LANGUAGES
from asendusdoc.read import budget
from asendusdoc.titles import Titles

__all__ = [
    "DUE_SOON_DAYS",
    "FINDING_TEMPLATES",
    "CaseForm",
    "CaseReport",
    "Deadline",
    "Finding",
    "Severity",
    "check_case",
    "check_case_files",
    "read_case_files",
]

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class CaseReport:
    """What the checks found in a case, and its deadlines still to come (for a calendar)."""

    reference: str | None
    today: dt.date
    findings: list[Finding] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        """True when a finding is an error (the command ``check`` exits with 1)."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def coming_deadlines(self) -> list[Deadline]:
        """The deadlines on or after ``today``."""
        return [d for d in self.deadlines if d.due >= self.today]


def _named(forms: Iterable[FormModel | CaseForm]) -> list[CaseForm]:
    named: list[CaseForm] = []
    seen: Counter[str] = Counter()
    for item in forms:
        if isinstance(item, CaseForm):
            named.append(item)
            continue
        seen[item.form_id] += 1
        count = seen[item.form_id]
        named.append(CaseForm(item.form_id if count == 1 else f"{item.form_id}[{count}]", item))
    return named


def check_case(
    forms: Iterable[FormModel | CaseForm],
    *,
    today: dt.date | None = None,
    findings: Iterable[Finding] = (),
) -> CaseReport:
    """Check the forms of one case against each other and against ``today`` (default: today).

    A form whose case reference differs from the one most forms share is reported and left out
    of the other checks. ``findings`` are earlier findings to keep (e.g. unreadable files).
    """
    day = today or dt.date.today()
    found = list(findings)
    everything = CaseForms(_named(forms))
    reference = everything.reference
    kept: list[CaseForm] = []
    for item in everything.forms:
        if item.form.case_reference != reference:
            found.append(Finding("case_reference_differs", (item.name,)))
        else:
            kept.append(item)
    case = CaseForms(kept)
    found += goal_findings(case)
    found += support_plan_findings(case, day)
    found += identity_findings(case)
    found += date_order_findings(case)
    found += report_gap_findings(case)
    found += start_findings(case)
    found += provider_region_findings(case)
    found += deadline_findings(case, day)
    found.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.forms, f.code))
    return CaseReport(reference, day, found, case_deadlines(case))


def read_case_files(
    files: Mapping[str, bytes | InputError],
) -> tuple[list[CaseForm], list[Finding]]:
    """The valid forms of a case given as file name → bytes (or the refusal its reading met:
    too large, unreadable), and a finding for each bad file.

    Each form is validated once; an unreadable file is ``form_unreadable``, an invalid one
    ``form_invalid`` (with the number of its problems and the first of them, each named by
    its field's label, or a filled Word blank's by its place there).
    """
    from asendusdoc.problems.messages import error_message
    from asendusdoc.read.loading import load_form

    forms: list[CaseForm] = []
    findings: list[Finding] = []
    held = 0  # every form of the case is held at once: bounded by the case's budget
    for name in sorted(files):
        try:
            raw = files[name]
            if isinstance(raw, InputError):
                raise raw
            if held > budget.MAX_CASE_BYTES:  # spent: the files after are not even opened
                raise budget.case_too_large()
            form_input, size = _read_counted(raw, name)
            held += size
            if held > budget.MAX_CASE_BYTES:
                raise budget.case_too_large()
            form = load_form(form_input)
        except InputError as exc:
            detail = Titles(*(error_message(exc, lang) for lang in LANGUAGES))
            findings.append(Finding("form_unreadable", (name,), {"detail": detail}))
            continue
        except FormValidationError as exc:
            params = {"count": len(exc.problems), "detail": _first_problems(exc)}
            findings.append(Finding("form_invalid", (name,), params))
            continue
        forms.append(CaseForm(name, form))
    return forms, findings


def _read_counted(raw: bytes, name: str) -> tuple[Any, int]:
    """The form input of a file and what it costs: its bytes, or what the forms its document
    carries unpack to (a 100 KB PDF may carry a 10 MiB form)."""
    from asendusdoc.read.dispatch import read_form_input

    with budget.reading(budget.Budget()) as spent:
        form_input = read_form_input(raw, name)
    return form_input, max(len(raw), budget.MAX_DOCUMENT_DATA_BYTES - spent.inflated_left)


SHOWN_PROBLEMS = 3
"""How many of an invalid form's problems ``check`` names (``validate`` lists every one)."""


def _first_problems(error: FormValidationError) -> Titles:
    """The first problems of an invalid form in each language, each by its field's label (a
    filled Word blank's by its place there: section, row, label)."""
    from asendusdoc.problems.messages import describe_problem

    def said(lang: str) -> str:
        shown = error.problems[:SHOWN_PROBLEMS]
        return "; ".join(describe_problem(p, error.form_id, lang) for p in shown)

    return Titles(*(said(lang) for lang in LANGUAGES))


def check_case_files(
    files: Mapping[str, bytes | InputError], *, today: dt.date | None = None
) -> CaseReport:
    """Check a case given as file name → file bytes; a bad file is itself an error finding."""
    forms, findings = read_case_files(files)
    return check_case(forms, today=today, findings=findings)
