"""Consistency of the forms of one case: goals, people, dates and report coverage.

Each check takes the case's valid forms (:class:`CaseForms`) and returns findings; none looks at
today's date except :func:`support_plan_findings` (a plan is missing only once the service
started).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from asendusdoc.case.collection import CaseForms
from asendusdoc.case.findings import Finding
from asendusdoc.forms import (
    ActionPlan,
    Closure,
    CooperationAgreement,
    FamilySupportReferral,
    FormModel,
    ProgressReport,
    SupportPersonReferral,
    SupportPlan,
)
from asendusdoc.forms._base import add_months
from asendusdoc.forms._blocks import Caregiver, Child, Family, Goal, Service, YoungPerson
from asendusdoc.forms.closure import GoalOutcome
from asendusdoc.forms.family_support_referral import FamilySupportServiceType
from asendusdoc.forms.progress_report import REPORT_PERIOD_MONTHS

__all__ = [
    "date_order_findings",
    "goal_findings",
    "identity_findings",
    "normalised_text",
    "report_gap_findings",
    "support_plan_findings",
]

_ONE_DAY = dt.timedelta(days=1)


def normalised_text(text: str) -> str:
    """Text compared loosely: case, runs of white space and final punctuation do not count."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".!;:").casefold()


# A key named in a finding: a short letter prefix and numbers (E1, E2.1, G12, 3). Anything else
# a person typed as a key (a word, a name, a long number that could be a personal code) is never
# echoed; the goal is then named by its position.
_NAMEABLE_GOAL_KEY = re.compile(r"[A-Za-z]{0,3}[0-9]{1,4}(?:[._-][0-9]{1,4}){0,3}")


def _goal_label(goal: Goal, index: int) -> str:
    """The goal by its key (E4), as the forms name it; by its position (#3) when it has none or
    when the key is not of the numbered shape above (issue 23: nothing typed is echoed)."""
    if goal.key is not None and _NAMEABLE_GOAL_KEY.fullmatch(goal.key):
        return goal.key
    return f"#{index + 1}"


def _goal_matches(goal: Goal, keys: set[str], texts: set[str]) -> bool:
    if goal.key is not None and goal.key in keys:
        return True
    return normalised_text(goal.description) in texts


def goal_findings(case: CaseForms) -> list[Finding]:
    """Referral goals taken up in the agreement; every agreed goal has a closure outcome."""
    found: list[Finding] = []
    referral: tuple[str, FamilySupportReferral | SupportPersonReferral] | None = None
    agreement = case.latest(CooperationAgreement)  # a renewed agreement replaces the first
    if agreement is not None:
        day = agreement[1].document_date
        referral = case.governing(FamilySupportReferral, day) or case.governing(
            SupportPersonReferral, day
        )
    if referral is not None and agreement is not None:
        # a goal is taken up when agreed, or consciously dropped with a reason
        taken = [(g.key, g.description) for g in agreement[1].goals]
        taken += [(d.key, d.goal) for d in agreement[1].dropped_goals]
        keys = {key for key, _ in taken if key is not None}
        texts = {normalised_text(text) for _, text in taken}
        for index, goal in enumerate(referral[1].goals):
            if not _goal_matches(goal, keys, texts):
                found.append(
                    Finding(
                        "goal_not_in_agreement",
                        (referral[0], agreement[0]),
                        {"goal": _goal_label(goal, index)},
                    )
                )
    planned: tuple[str, CooperationAgreement | ActionPlan] | None = None
    closure = case.first(Closure)
    if closure is not None:
        day = closure[1].document_date
        planned = case.governing(CooperationAgreement, day) or case.governing(ActionPlan, day)
    if planned is not None and closure is not None:
        outcomes: list[GoalOutcome] = closure[1].goal_outcomes
        keys = {o.goal_key for o in outcomes if o.goal_key is not None}
        texts = {normalised_text(o.goal) for o in outcomes}
        for index, goal in enumerate(planned[1].goals):
            if not _goal_matches(goal, keys, texts):
                found.append(
                    Finding(
                        "goal_outcome_missing",
                        (planned[0], closure[0]),
                        {"goal": _goal_label(goal, index)},
                    )
                )
    return found


def support_plan_findings(case: CaseForms, today: dt.date) -> list[Finding]:
    """The needs-based family support service has a family support plan once it started."""
    referral = case.first(FamilySupportReferral)
    if referral is None or referral[1].service_type is not FamilySupportServiceType.NEEDS_BASED:
        return []
    start = case.service_start()
    if start is None or today < start or case.first(SupportPlan) is not None:
        return []
    agreement = case.agreement()
    names = (referral[0],) if agreement is None else (referral[0], agreement[0])
    return [Finding("support_plan_missing", names, {"start": start})]


# --- the same people in every form ------------------------------------------------------------


def _name(person: Caregiver | Child | YoungPerson) -> str:
    return normalised_text(f"{person.given_name} {person.family_name}")


def _children_differ(first: Sequence[Child], other: Sequence[Child]) -> bool:
    if {(_name(c), c.born) for c in first} != {(_name(c), c.born) for c in other}:
        return True
    codes = {_name(c): c.personal_code for c in first if c.personal_code}
    return any(
        c.personal_code and codes.get(_name(c), c.personal_code) != c.personal_code for c in other
    )


def _caregivers_differ(first: Sequence[Caregiver], other: Sequence[Caregiver]) -> bool:
    if {_name(c) for c in first} != {_name(c) for c in other}:
        return True
    codes = {_name(c): c.personal_code for c in first if c.personal_code}
    return any(
        c.personal_code and codes.get(_name(c), c.personal_code) != c.personal_code for c in other
    )


def _young_person_differs(first: YoungPerson, other: YoungPerson) -> bool:
    if _name(first) != _name(other) or first.born != other.born:
        return True
    return bool(first.personal_code and other.personal_code) and (
        first.personal_code != other.personal_code
    )


def _families(case: CaseForms) -> list[tuple[str, FormModel, Family]]:
    found: list[tuple[str, FormModel, Family]] = []
    for item in case.forms:
        form = item.form
        if isinstance(form, CooperationAgreement) and form.service is Service.SUPPORT_PERSON:
            continue  # the young person's former foster family, not the family served
        family = getattr(form, "family", None)
        if isinstance(family, Family):
            found.append((item.name, form, family))
    # the referral or action plan (the municipality's own data) is the reference
    found.sort(key=lambda entry: not isinstance(entry[1], FamilySupportReferral | ActionPlan))
    return found


def identity_findings(case: CaseForms) -> list[Finding]:
    """The same children, carers and young person in every form of the case."""
    found: list[Finding] = []
    families = _families(case)
    if families:
        ref_name, ref_form, reference = families[0]
        for name, _, family in families[1:]:
            pair = (name, ref_name)
            if _children_differ(reference.children, family.children):
                found.append(Finding("children_differ", pair, {"reference": ref_form.form_id}))
            if _caregivers_differ(reference.caregivers, family.caregivers):
                found.append(Finding("caregivers_differ", pair, {"reference": ref_form.form_id}))
    young: list[tuple[str, FormModel, YoungPerson]] = []
    for item in case.forms:
        person = getattr(item.form, "young_person", None)
        if isinstance(person, YoungPerson):
            young.append((item.name, item.form, person))
    young.sort(key=lambda entry: not isinstance(entry[1], SupportPersonReferral))
    if young:
        ref_name, ref_form, person = young[0]
        for name, _, other in young[1:]:
            if _young_person_differs(person, other):
                found.append(
                    Finding(
                        "young_person_differs", (name, ref_name), {"reference": ref_form.form_id}
                    )
                )
    return found


# --- dates in order ---------------------------------------------------------------------------

_STAGES: tuple[tuple[type[FormModel], ...], ...] = (
    (FamilySupportReferral, SupportPersonReferral),
    (CooperationAgreement, ActionPlan),
    (ProgressReport,),
    (Closure,),
)
"""Referral ≤ agreement (or action plan) ≤ progress reports ≤ closure, by document date."""


def date_order_findings(case: CaseForms) -> list[Finding]:
    """Each form is dated on or after the latest form of every earlier stage, within the era of
    its referral: a renewed referral starts the order anew, so the forms before it are not
    "dated before" it."""
    return [finding for era in case.eras() for finding in _date_order(era)]


def _date_order(case: CaseForms) -> list[Finding]:
    found: list[Finding] = []
    latest: tuple[str, FormModel] | None = None
    for stage in _STAGES:
        members = [(i.name, i.form) for i in case.forms if isinstance(i.form, stage)]
        if latest is not None:
            other_name, other = latest
            for name, form in members:
                if form.document_date < other.document_date:
                    found.append(
                        Finding(
                            "dates_out_of_order",
                            (name, other_name),
                            {
                                "date": form.document_date,
                                "other": other.form_id,
                                "other_date": other.document_date,
                            },
                        )
                    )
        candidates = [*([latest] if latest else []), *members]
        if candidates:
            latest = max(candidates, key=lambda pair: pair[1].document_date)
    return found


# --- report coverage --------------------------------------------------------------------------


def report_gap_findings(case: CaseForms) -> list[Finding]:
    """The reports follow each other from the service start without an uncovered day.

    After a closure, the last stretch (last report to service end) is summarised by the closure,
    but may not be longer than one report period.
    """
    service = case.service()
    start = case.service_start()
    reports = case.reports()
    if service is None or start is None or not reports:
        return []
    found: list[Finding] = []
    cursor = start  # the first day no report covers yet
    for name, report in reports:
        if report.period_start > cursor:
            found.append(_gap(name, cursor, report.period_start - _ONE_DAY))
        cursor = max(cursor, report.period_end + _ONE_DAY)
    closure = case.first(Closure)
    if closure is not None:
        end = closure[1].service_end
        if end >= add_months(cursor, REPORT_PERIOD_MONTHS[service]):
            found.append(_gap(closure[0], cursor, end))
    return found


def _gap(name: str, first: dt.date, last: dt.date) -> Finding:
    days = (last - first).days + 1
    return Finding("report_gap", (name,), {"start": first, "end": last, "days": days})
