"""The forms of one case: each valid form with its name, and the facts several checks share."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from asendusdoc.forms import (
    ActionPlan,
    ClientDiary,
    Closure,
    CooperationAgreement,
    FamilySupportReferral,
    FormModel,
    ProgressReport,
    SupportPersonReferral,
)
from asendusdoc.forms._blocks import Service
from asendusdoc.forms.closure import ServiceEnd

__all__ = ["CaseForm", "CaseForms"]

_STARTS: tuple[type[FormModel], ...] = (
    CooperationAgreement,
    ActionPlan,
    FamilySupportReferral,
    SupportPersonReferral,
)
_ENDS: tuple[type[FormModel], ...] = (
    ActionPlan,
    CooperationAgreement,
    FamilySupportReferral,
)

FormT = TypeVar("FormT", bound=FormModel)


@dataclass(frozen=True)
class CaseForm:
    """One valid form of the case and its name (the file name, or the form id in the API)."""

    name: str
    form: FormModel


class CaseForms:
    """The valid forms of one case, in the order of their document dates."""

    def __init__(self, forms: Sequence[CaseForm]) -> None:
        self.forms = sorted(forms, key=lambda item: (item.form.document_date, item.name))

    @property
    def reference(self) -> str | None:
        """The case reference most forms share (a referral's on a tie); None for no forms."""
        if not self.forms:
            return None
        counts = Counter(item.form.case_reference for item in self.forms)
        best = max(counts.values())
        tied = [ref for ref, count in counts.items() if count == best]
        for item in self.forms:
            if item.form.form_id.endswith("-referral") and item.form.case_reference in tied:
                return item.form.case_reference
        return tied[0]

    def of(self, model: type[FormT]) -> list[tuple[str, FormT]]:
        """Every form of one kind with its name, oldest first."""
        return [(item.name, item.form) for item in self.forms if isinstance(item.form, model)]

    def first(self, model: type[FormT]) -> tuple[str, FormT] | None:
        """The oldest form of one kind, or None."""
        found = self.of(model)
        return found[0] if found else None

    def governing(self, model: type[FormT], day: dt.date) -> tuple[str, FormT] | None:
        """The form of ``model`` that governs on ``day``: the latest one dated on or before it
        (a renewed referral governs the forms dated from it on), else the oldest one."""
        found = self.of(model)
        earlier = [pair for pair in found if pair[1].document_date <= day]
        if earlier:
            return earlier[-1]
        return found[0] if found else None

    def latest(self, model: type[FormT]) -> tuple[str, FormT] | None:
        """The newest form of one kind (the one in force now), or None."""
        found = self.of(model)
        return found[-1] if found else None

    def eras(self) -> list[CaseForms]:
        """The case split at each renewed referral: the forms dated before the second referral
        of its kind, then those dated from it until the next one, and so on. One era when the
        case has at most one referral of each kind."""
        renewals = sorted(
            {
                form.document_date
                for kind in (FamilySupportReferral, SupportPersonReferral)
                for _name, form in self.of(kind)[1:]
            }
        )
        if not renewals:
            return [self]
        bounds = [None, *renewals, None]
        return [
            CaseForms(
                [
                    item
                    for item in self.forms
                    if (start is None or item.form.document_date >= start)
                    and (end is None or item.form.document_date < end)
                ]
            )
            for start, end in pairwise(bounds)
        ]

    def agreement(self, service: Service | None = None) -> tuple[str, CooperationAgreement] | None:
        """The (first) cooperation agreement, of ``service`` when given."""
        for name, form in self.of(CooperationAgreement):
            if service is None or form.service is service:
                return name, form
        return None

    def service(self) -> Service | None:
        """The service of the case, from the first form that says it."""
        for item in self.forms:
            form = item.form
            if isinstance(form, FamilySupportReferral):
                return Service.FAMILY_SUPPORT
            if isinstance(form, SupportPersonReferral):
                return Service.SUPPORT_PERSON
            if isinstance(form, ActionPlan):
                return Service.FAMILY_SUPPORT_PERSON
            service = getattr(form, "service", None)
            if isinstance(service, Service):
                return service
        return None

    def service_start(self) -> dt.date | None:
        """When the service started: the agreement's or action plan's start, else the referral's."""
        for item in self._by_kind(_STARTS):
            start = getattr(item.form, "service_start", None)
            if isinstance(start, dt.date):
                return start
        return None

    def service_end(self) -> dt.date | None:
        """When the service ended (closure, else a recorded end) or is planned to end.

        None when open-ended.
        """
        closure = self.first(Closure)
        if closure is not None:
            return closure[1].service_end
        recorded = self.recorded_end()
        if recorded is not None:
            return recorded[1].date
        for item in self._by_kind(_ENDS):
            end = getattr(item.form, "service_end", None)
            if isinstance(end, dt.date):
                return end
        return None

    def recorded_end(self) -> tuple[str, ServiceEnd] | None:
        """The earliest service end a progress report or a diary entry records, with its form."""
        found: list[tuple[dt.date, str, ServiceEnd]] = []
        for name, report in self.of(ProgressReport):
            if report.service_end is not None:
                found.append((report.service_end.date, name, report.service_end))
        for name, diary in self.of(ClientDiary):
            for entry in diary.entries:
                if entry.service_end is not None:
                    found.append((entry.service_end.date, name, entry.service_end))
        if not found:
            return None
        _, name, end = min(found, key=lambda entry: (entry[0], entry[1]))
        return name, end

    def _by_kind(self, kinds: tuple[type[FormModel], ...]) -> list[CaseForm]:
        """The forms of ``kinds``, in the order of ``kinds`` (then of their dates)."""
        return [item for kind in kinds for item in self.forms if isinstance(item.form, kind)]

    def reports(self) -> list[tuple[str, ProgressReport]]:
        """The progress reports in the order of their periods."""
        return sorted(self.of(ProgressReport), key=lambda pair: pair[1].period_start)
