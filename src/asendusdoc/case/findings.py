"""Findings: what the case checks report, with a stable code and a message in et, ru and en.

Each code has one severity and one English message template, the msgid of its sentence in the
gettext catalogs: the message is found by its code, then translated and filled. Params fill
``{name}`` fields; dates are shown as ``22.11.2026``. No param ever holds what was typed into a
form (it may be a personal code or a person's name): goals are named by their position (``#2``),
not by their typed key, and case references are not quoted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from asendusdoc.i18n import N_, format_day, translations
from asendusdoc.titles import Titles

__all__ = ["FINDING_TEMPLATES", "Finding", "Severity", "form_name"]


class Severity(StrEnum):
    """How bad a finding is: an error fails ``check`` (exit code 1), the others do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

FINDING_TEMPLATES: dict[str, tuple[Severity, str]] = {
    "form_unreadable": (_E, N_("The file cannot be read as a form: {detail}")),
    "form_invalid": (
        _E,
        N_(
            "The form is invalid ({count} problem(s)): {detail}. The command validate lists "
            "them all."
        ),
    ),
    "case_reference_differs": (
        _E,
        N_("The form's case reference differs from the one the other forms share."),
    ),
    # --- consistency -----------------------------------------------------------------------------
    "goal_not_in_agreement": (
        _W,
        N_(
            "The referral's goal {goal} is not in the cooperation agreement; if it was "
            "dropped on purpose, write the reason into the agreement."
        ),
    ),
    "support_plan_missing": (
        _W,
        N_(
            "The needs-based family support service started on {start} but there is no family"
            " support plan."
        ),
    ),
    "goal_outcome_missing": (
        _E,
        N_("The agreed goal {goal} has no outcome in the closure agreement."),
    ),
    "children_differ": (
        _E,
        N_("The children (names, personal codes or birth dates) differ from the {reference}."),
    ),
    "caregivers_differ": (
        _E,
        N_("The parents and carers (names or personal codes) differ from the {reference}."),
    ),
    "young_person_differs": (
        _E,
        N_("The young person (name, personal code or birth date) differs from the {reference}."),
    ),
    "dates_out_of_order": (_E, N_("The form is dated {date}, before the {other} ({other_date}).")),
    "report_gap": (
        _E,
        N_(
            "The progress reports leave the service time from {start} to {end} uncovered "
            "({days} days)."
        ),
    ),
    "provider_region_mismatch": (
        _E,
        N_(
            "The provider {provider} serves the {region}, but after leaving care the young "
            "person lives in {municipality} ({expected}). The support-person service is "
            "arranged by the provider of the region where the young person lives: name that "
            "region's provider."
        ),
    ),
    # --- deadlines -------------------------------------------------------------------------------
    "report_overdue": (_E, N_("The progress report from {start} was due on {due}.")),
    "report_due_soon": (_I, N_("The progress report from {start} is due by {due}.")),
    "adaptation_year_over": (
        _E,
        N_(
            "The adaptation service's year ended on {due} (placement {placement}); end the "
            "service or refer the family to the needs-based service."
        ),
    ),
    "adaptation_year_ending": (_I, N_("The adaptation service's year ends on {due}.")),
    "reassessment_overdue": (
        _W,
        N_(
            "After one year of cooperation ({due}) the young person's situation is to be "
            "assessed; there is no progress report since that day."
        ),
    ),
    "reassessment_due_soon": (
        _I,
        N_(
            "One year of cooperation is reached on {due}: assess the young person's situation"
            " and decide whether the service continues."
        ),
    ),
    "closure_late": (
        _W,
        N_(
            "The closure summary is dated {date}; it was due within a week of the service end"
            " ({due})."
        ),
    ),
    "closure_overdue": (
        _E,
        N_("The service ended on {end}; the {closure} was due on {due}. Submit it now."),
    ),
    "closure_due": (
        _W,
        N_("The service ended on {end}; submit the {closure} by {due}."),
    ),
    "professional_start_too_early": (
        _E,
        N_(
            "The professional support person starts on {start}, more than 6 months before "
            "leaving care ({leaving}); the earliest start is {earliest}."
        ),
    ),
    "trusted_start_before_leaving": (
        _E,
        N_(
            "The trusted support person starts on {start}, before the young person leaves "
            "care ({leaving})."
        ),
    ),
}
"""Finding code → its severity and its English message template (the gettext msgid)."""


def form_name(form_id: str, lang: str) -> str:
    """The form's name as a sentence uses it ("koostöölepe"); the id for an unknown form."""
    from asendusdoc.forms import FORM_MODELS

    model = FORM_MODELS.get(form_id)
    return model.titles_in_sentence.get(lang) if model is not None else form_id


@dataclass(frozen=True)
class Finding:
    """One finding about a case.

    ``forms`` names the forms it concerns (file names, or form ids in the API). ``due`` is the
    deadline a deadline finding is about. ``params`` fill the message; form-kind params
    (``reference``, ``other``) hold a form id and are shown as the form's name.
    """

    code: str
    forms: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    due: dt.date | None = None

    @property
    def severity(self) -> Severity:
        """The severity of the code."""
        return FINDING_TEMPLATES[self.code][0]

    def message(self, lang: str) -> str:
        """The message in ``lang`` (et, ru or en)."""
        template = translations(lang).gettext(FINDING_TEMPLATES[self.code][1])
        return template.format(**_shown_params(self.params, lang))

    def as_dict(self, lang: str) -> dict[str, Any]:
        """The JSON shape: severity, code, forms, due date, message."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "forms": list(self.forms),
            "due": self.due.isoformat() if self.due else None,
            "message": self.message(lang),
        }


def _shown_params(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, dt.date):
            shown[name] = format_day(value)
        elif isinstance(value, Titles):
            shown[name] = value.get(lang)  # a text already given in et, ru and en
        elif name in ("reference", "other"):
            shown[name] = form_name(str(value), lang)
        else:
            shown[name] = value
    return shown
