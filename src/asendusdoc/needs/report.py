"""The needs report: figures over many feedback forms (seed 002), small counts suppressed.

:class:`NeedsTally` reads the forms one by one (bytes in, nothing kept but counters and the names
of the files left out), so memory stays flat however many forms there are. :func:`build_report`
turns the counters into :class:`Table` s and applies :func:`~asendusdoc.needs.suppression.suppress`
to each. The report holds no free text, no case reference and no file name: only counts of
enumerated answers. :class:`CaseTally` adds figures from case folders (``--cases``).

Words are English msgids here, translated by :mod:`asendusdoc.needs.output`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from asendusdoc.errors import InputError
from asendusdoc.forms import (
    Closure,
    FamilyConferenceReferral,
    FamilyNeedsFeedback,
    FamilySupportReferral,
    FormModel,
    SupportPersonReferral,
)
from asendusdoc.forms._blocks import FamilyType, ProblemAreaKind
from asendusdoc.forms.closure import Outcome
from asendusdoc.forms.family_needs_feedback import ContactOpenness, LifeStage, NeedLevel
from asendusdoc.forms.family_support_referral import FamilySupportServiceType
from asendusdoc.forms.support_person_referral import SupportPersonType
from asendusdoc.i18n import N_
from asendusdoc.needs.suppression import THRESHOLD, Hidden, Relation, suppress
from asendusdoc.read.budget import MAX_INPUT_BYTES
from asendusdoc.read.parse import parse_form_json
from asendusdoc.reference import County, Region, region_of
from asendusdoc.reference.needs import NeedArea, rows_for
from asendusdoc.titles import TitledEnum

__all__ = [
    "GROUPINGS",
    "PERIODS",
    "CaseTally",
    "LeftOut",
    "NeedsReport",
    "NeedsTally",
    "Share",
    "Table",
    "build_report",
    "period_of",
]

TOTAL = "total"
"""The row (or column) key of the sum of all groups."""

GROUPINGS: dict[str, tuple[type[TitledEnum], Callable[[FamilyNeedsFeedback], TitledEnum]]] = {
    "county": (County, lambda form: form.county),
    "region": (Region, lambda form: form.region),
    "family-type": (FamilyType, lambda form: form.family_type),
    "life-stage": (LifeStage, lambda form: form.life_stage),
}
"""``--by`` value → (the enumeration of its groups, the group of a form)."""

PERIODS = ("quarter", "year")

Label = TitledEnum | str
"""A row or column heading: an enumeration member (its titles) or an English msgid."""

_COUNTED = (NeedLevel.NONE, NeedLevel.SOME, NeedLevel.GREAT)
_ANSWERED = "answered"


def period_of(form: FamilyNeedsFeedback, kind: str) -> str:
    """The report period of a form: that of its answer period's end (``2026``, ``2026-Q3``)."""
    end = form.period_end
    return str(end.year) if kind == "year" else f"{end.year}-Q{(end.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class LeftOut:
    """A file the report could not use, and why (``reason`` is a stable code)."""

    name: str
    reason: str
    """``not_a_form``, ``not_feedback``, ``invalid``, ``no_consent`` or ``unreadable``."""


@dataclass(frozen=True)
class Share:
    """A published share: ``numerator`` columns (with signs) over the ``denominator`` column."""

    key: str
    title: str
    numerator: tuple[tuple[str, int], ...]
    denominator: str


@dataclass
class Table:
    """One table of the report: rows × count columns, with its sums and hidden cells."""

    key: str
    title: str
    """English msgid; may hold ``{area}``."""
    period: str | None
    rows: list[tuple[str, Label]]
    columns: list[tuple[str, Label]]
    counts: dict[tuple[str, str], int]
    relations: list[Relation] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    area: NeedArea | None = None
    hidden: dict[Hashable, Hidden] = field(default_factory=dict)

    def suppress(self) -> Table:
        """Hide the small counts and what would give them away (in place; returns self)."""
        self.hidden = suppress(self.counts, self.relations)
        return self

    def shown(self, row: str, column: str) -> int | str:
        """The count as published: the number, ``"< 5"`` or ``"x"`` (hidden to protect one)."""
        cell = (row, column)
        kind = self.hidden.get(cell)
        if kind == "primary":
            return "< 5"
        if kind == "secondary":
            return "x"
        return self.counts[cell]

    def share(self, row: str, share: Share) -> float | None:
        """The share (0–1) when every count it comes from is shown; else None."""
        cells = [(row, column) for column, _sign in share.numerator] + [(row, share.denominator)]
        if any(cell in self.hidden for cell in cells):
            return None
        denominator = self.counts[(row, share.denominator)]
        if denominator == 0:
            return None
        return sum(sign * self.counts[(row, c)] for c, sign in share.numerator) / denominator


@dataclass
class NeedsReport:
    """Every table of the report and what was read."""

    by: str | None
    period_kind: str
    periods: list[str]
    tables: list[Table]
    files_read: int
    files_used: int
    left_out: list[LeftOut]
    cases_read: int = 0
    cases_left_out: list[LeftOut] = field(default_factory=list)

    def forms_in(self, period: str) -> int:
        """The forms counted in ``period``."""
        families = next(t for t in self.tables if t.key == "families" and t.period == period)
        return families.counts[(TOTAL, "families")]

    @property
    def shown_periods(self) -> list[str]:
        """The periods with enough forms to show a figure (at least :data:`THRESHOLD`)."""
        return [p for p in self.periods if self.forms_in(p) >= THRESHOLD]

    @property
    def sparse_periods(self) -> list[str]:
        """The periods with too few forms: every figure of theirs would be hidden."""
        return [p for p in self.periods if self.forms_in(p) < THRESHOLD]

    def left_out_counts(self) -> Counter[str]:
        """How many files were left out, by reason."""
        return Counter(item.reason for item in self.left_out)


def _read(name: str, data: bytes, left_out: list[LeftOut]) -> dict[str, Any] | None:
    try:
        return parse_form_json(data)
    except InputError:
        left_out.append(LeftOut(name, "not_a_form"))
    except (RecursionError, ValueError, MemoryError):
        left_out.append(LeftOut(name, "unreadable"))
    return None


class NeedsTally:
    """Counters of the feedback forms read so far, for one grouping and period kind."""

    def __init__(self, by: str | None = None, period: str = "year") -> None:
        if by is not None and by not in GROUPINGS:
            raise ValueError(f"unknown grouping {by!r}; known: {', '.join(GROUPINGS)}")
        if period not in PERIODS:
            raise ValueError(f"unknown period {period!r}; known: {', '.join(PERIODS)}")
        self.by = by
        self.period = period
        self.files_read = 0
        self.left_out: list[LeftOut] = []
        self.families: Counter[tuple[str, str]] = Counter()
        self.levels: Counter[tuple[str, str, NeedArea, NeedLevel]] = Counter()
        self.unmet: Counter[tuple[str, str, NeedArea]] = Counter()
        self.contact: Counter[tuple[str, str, ContactOpenness]] = Counter()

    def add(self, name: str, data: bytes) -> None:
        """Count one file; a file that is not a valid, consenting feedback form is left out."""
        self.files_read += 1
        if len(data) <= MAX_INPUT_BYTES:  # the common case first: a valid feedback form
            try:
                valid = FamilyNeedsFeedback.model_validate_json(data)
            except (ValidationError, ValueError, RecursionError):
                pass  # told apart below: not a form, another form, invalid
            else:
                self._count(name, valid)
                return
        parsed = _read(name, data, self.left_out)
        if parsed is None:
            return
        if parsed["form"] != FamilyNeedsFeedback.form_id:
            self.left_out.append(LeftOut(name, "not_feedback"))
            return
        try:
            form = FamilyNeedsFeedback.model_validate(parsed)
        except ValidationError:
            self.left_out.append(LeftOut(name, "invalid"))
            return
        except (RecursionError, ValueError, TypeError):
            self.left_out.append(LeftOut(name, "unreadable"))
            return
        self._count(name, form)

    def _count(self, name: str, form: FamilyNeedsFeedback) -> None:
        if not form.statistics_consent:
            self.left_out.append(LeftOut(name, "no_consent"))
            return
        self.add_form(form)

    def add_form(self, form: FamilyNeedsFeedback) -> None:
        """Count one valid form given with consent."""
        period = period_of(form, self.period)
        group = TOTAL if self.by is None else GROUPINGS[self.by][1](form).value
        used = {use.service for use in form.services_used}
        self.families[(period, group)] += 1
        for answer in form.needs:
            self.levels[(period, group, answer.area, answer.level)] += 1
            if answer.level is NeedLevel.GREAT and not any(
                row.service in used for row in rows_for(answer.area)
            ):
                self.unmet[(period, group, answer.area)] += 1
        self.contact[(period, group, form.contact_openness)] += 1

    @property
    def files_used(self) -> int:
        """The forms counted."""
        return sum(self.families.values())


def _group_rows(by: str | None) -> list[tuple[str, Label]]:
    if by is None:
        return [(TOTAL, N_("All families"))]
    enum = GROUPINGS[by][0]
    return [(member.value, member) for member in enum] + [(TOTAL, N_("All families"))]


def _column_sums(rows: list[tuple[str, Label]], columns: list[str]) -> list[Relation]:
    groups = tuple(key for key, _ in rows if key != TOTAL)
    if not groups:
        return []
    return [Relation((TOTAL, c), tuple((g, c) for g in groups)) for c in columns]


def _count(
    counter: Counter[Any], rows: list[tuple[str, Label]], period: str, *rest: Any
) -> dict[str, int]:
    """Per row: ``counter[(period, group, *rest)]``; the total row is the sum of the groups."""
    values = {row: counter[(period, row, *rest)] for row, _ in rows if row != TOTAL}
    values[TOTAL] = sum(values.values()) if values else counter[(period, TOTAL, *rest)]
    return values


def _period_tables(tally: NeedsTally, period: str) -> list[Table]:
    rows = _group_rows(tally.by)
    tables: list[Table] = []

    families = _count(tally.families, rows, period)
    tables.append(
        Table(
            "families",
            N_("Families who answered"),
            period,
            rows,
            [("families", N_("Families"))],
            {(r, "families"): families[r] for r, _ in rows},
            _column_sums(rows, ["families"]),
        )
    )
    for area in NeedArea:
        counts: dict[tuple[str, str], int] = {}
        for level in _COUNTED:
            per_row = _count(tally.levels, rows, period, area, level)
            counts |= {(r, level.value): per_row[r] for r, _ in rows}
        for r, _ in rows:
            counts[(r, _ANSWERED)] = sum(counts[(r, lv.value)] for lv in _COUNTED)
        columns: list[tuple[str, Label]] = [(lv.value, lv) for lv in _COUNTED]
        columns.append((_ANSWERED, N_("Answered")))
        relations = [
            Relation((r, _ANSWERED), tuple((r, lv.value) for lv in _COUNTED)) for r, _ in rows
        ]
        relations += _column_sums(rows, [key for key, _ in columns])
        shares = [
            Share(
                "some_or_great",
                N_("Some or great need"),
                ((_ANSWERED, 1), (NeedLevel.NONE.value, -1)),
                _ANSWERED,
            ),
            Share("great", N_("Great need"), ((NeedLevel.GREAT.value, 1),), _ANSWERED),
        ]
        tables.append(
            Table(
                "needs", N_("Need: {area}"), period, rows, columns, counts, relations, shares, area
            )
        )

    unmet_counts: dict[tuple[str, str], int] = {}
    for area in NeedArea:
        per_row = _count(tally.unmet, rows, period, area)
        unmet_counts |= {(r, area.value): per_row[r] for r, _ in rows}
    tables.append(
        Table(
            "unmet",
            N_("Unmet needs: great need and no service for it used in the period"),
            period,
            rows,
            [(area.value, area) for area in NeedArea],
            unmet_counts,
            _column_sums(rows, [area.value for area in NeedArea]),
        )
    )

    open_ = _count(tally.contact, rows, period, ContactOpenness.OPEN)
    had_contact = dict.fromkeys(open_, 0)
    for kind in ContactOpenness:
        if kind is not ContactOpenness.NO_CONTACT:
            per_row = _count(tally.contact, rows, period, kind)
            for r in had_contact:
                had_contact[r] += per_row[r]
    contact_counts: dict[tuple[str, str], int] = {}
    for r, _ in rows:
        contact_counts[(r, "answered")] = had_contact[r]
        contact_counts[(r, "open")] = open_[r]
    tables.append(
        Table(
            "contact",
            N_("Contact with the specialist"),
            period,
            rows,
            [("open", ContactOpenness.OPEN), ("answered", N_("Had contact"))],
            contact_counts,
            _column_sums(rows, ["open", "answered"]),
            [Share("open", N_("Found the contact open"), (("open", 1),), "answered")],
        )
    )
    return [table.suppress() for table in tables]


def build_report(tally: NeedsTally, cases: CaseTally | None = None) -> NeedsReport:
    """Every table of the report, suppressed, in the order the outputs show them."""
    periods = sorted({period for period, _group in tally.families})
    tables = [table for period in periods for table in _period_tables(tally, period)]
    report = NeedsReport(
        by=tally.by,
        period_kind=tally.period,
        periods=periods,
        tables=tables,
        files_read=tally.files_read,
        files_used=tally.files_used,
        left_out=list(tally.left_out),
    )
    if cases is not None:
        report.tables += cases.tables()
        report.cases_read = cases.files_read
        report.cases_left_out = list(cases.left_out)
    return report


# --------------------------------------------------------------------------- case folders

_REFERRAL_KINDS: tuple[tuple[str, Label], ...] = (
    ("family-support-adaptation", FamilySupportServiceType.ADAPTATION),
    ("family-support-needs-based", FamilySupportServiceType.NEEDS_BASED),
    ("support-person-trusted", SupportPersonType.TRUSTED),
    ("support-person-professional", SupportPersonType.PROFESSIONAL),
    ("family-conference", N_("Family group conference")),
)


class CaseTally:
    """Counters of the case files read so far: referrals, problem areas, goal outcomes."""

    def __init__(self) -> None:
        self.files_read = 0
        self.left_out: list[LeftOut] = []
        self.referrals: Counter[tuple[str, str]] = Counter()
        self.problem_areas: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()

    def add(self, name: str, data: bytes) -> None:
        """Count one case file; an unreadable or invalid one is left out (named)."""
        from asendusdoc.forms import form_adapter

        self.files_read += 1
        parsed = _read(name, data, self.left_out)
        if parsed is None:
            return
        try:
            form: FormModel = form_adapter().validate_python(parsed)
        except ValidationError:
            self.left_out.append(LeftOut(name, "invalid"))
            return
        except (RecursionError, ValueError, TypeError):
            self.left_out.append(LeftOut(name, "unreadable"))
            return
        self.add_form(form)

    def add_form(self, form: FormModel) -> None:
        """Count one valid case form (other forms than referrals and closures add nothing)."""
        if isinstance(form, FamilySupportReferral):
            kind = f"family-support-{form.service_type.value}"
            self.referrals[(region_of(form.family.municipality).value, kind)] += 1
            for area in {p.area for p in form.problem_areas}:
                self.problem_areas[area.value] += 1
        elif isinstance(form, SupportPersonReferral):
            kind = f"support-person-{form.support_person_type.value}"
            self.referrals[(form.provider_region.value, kind)] += 1
        elif isinstance(form, FamilyConferenceReferral):
            self.referrals[(region_of(form.municipality).value, "family-conference")] += 1
        elif isinstance(form, Closure):
            for goal in form.goal_outcomes:
                self.outcomes[goal.outcome.value] += 1

    def tables(self) -> list[Table]:
        """The case tables, suppressed."""
        rows: list[tuple[str, Label]] = [(r.value, r) for r in Region]
        rows.append((TOTAL, N_("All regions")))
        columns: list[tuple[str, Label]] = [*_REFERRAL_KINDS, (TOTAL, N_("All services"))]
        counts: dict[tuple[str, str], int] = {}
        for kind, _ in _REFERRAL_KINDS:
            for region in Region:
                counts[(region.value, kind)] = self.referrals[(region.value, kind)]
            counts[(TOTAL, kind)] = sum(counts[(r.value, kind)] for r in Region)
        for row, _ in rows:
            counts[(row, TOTAL)] = sum(counts[(row, kind)] for kind, _ in _REFERRAL_KINDS)
        relations = [
            Relation((row, TOTAL), tuple((row, kind) for kind, _ in _REFERRAL_KINDS))
            for row, _ in rows
        ]
        relations += _column_sums(rows, [key for key, _ in columns])
        referrals = Table(
            "referrals",
            N_("Referrals by service and region"),
            None,
            rows,
            columns,
            counts,
            relations,
        )
        ranked = sorted(ProblemAreaKind, key=lambda k: -self.problem_areas[k.value])
        problem_rows: list[tuple[str, Label]] = [(k.value, k) for k in ranked]
        problems = Table(
            "problem-areas",
            N_("Problem areas named in family support referrals, most common first"),
            None,
            problem_rows,
            [("referrals", N_("Referrals"))],
            {(k.value, "referrals"): self.problem_areas[k.value] for k in ranked},
        )
        outcome_rows: list[tuple[str, Label]] = [(o.value, o) for o in Outcome]
        outcome_rows.append((TOTAL, N_("All goals")))
        outcome_counts = {(o.value, "goals"): self.outcomes[o.value] for o in Outcome}
        outcome_counts[(TOTAL, "goals")] = sum(self.outcomes.values())
        outcomes = Table(
            "goal-outcomes",
            N_("Goal outcomes at closure"),
            None,
            outcome_rows,
            [("goals", N_("Goals"))],
            outcome_counts,
            [Relation((TOTAL, "goals"), tuple((o.value, "goals") for o in Outcome))],
        )
        tables = [t.suppress() for t in (referrals, problems, outcomes)]
        # most common first among the shown counts; the hidden ones after them in the order
        # of their enumeration, so that the order tells nothing about them
        order = [k.value for k in ProblemAreaKind]
        problems.rows.sort(
            key=lambda row: (
                (row[0], "referrals") in problems.hidden,
                order.index(row[0])
                if (row[0], "referrals") in problems.hidden
                else -self.problem_areas[row[0]],
            )
        )
        return tables
