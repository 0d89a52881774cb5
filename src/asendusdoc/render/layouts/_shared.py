"""What the layouts of several forms share: the :class:`Layout` itself and common blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asendusdoc.forms import FormModel
from asendusdoc.forms._blocks import Activity, Family, Goal, Worker
from asendusdoc.forms.closure import ServiceEnd
from asendusdoc.render.document import Block, FieldsBlock, Party, PreparedBy, Section, Signature

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = [
    "Layout",
    "activities_table",
    "capitalized",
    "caregiver_signatures",
    "goals_table",
    "prepared_by",
    "service_end_rows",
]


@dataclass
class Layout:
    """The parts of a document that differ from form to form."""

    author: str
    parties: list[Party]
    sections: list[Section]
    subtitle: str = ""
    signatures: list[Signature] = field(default_factory=list)
    prepared_by: PreparedBy | None = None
    """The "Koostas" block, for documents that are not signed by their parties."""
    agreement: bool = False
    """An agreement heads its people "Pooled" (parties), any other document "Osalised"."""
    title: str = ""
    """The document's title when it is not the form's own (the Viimsi client-work summary)."""
    intro: str | None = None
    """The sentence under the title when it is not the form's own."""


def goals_table(c: Context, goals: list[Goal], heading: str = "") -> Block:
    if any(goal.key for goal in goals):
        return c.table(
            goals,
            Goal,
            ["key", "description", "indicator"],
            widths=(0.06, 0.18, 0.44, 0.32),
            heading=heading,
        )
    return c.table(
        goals, Goal, ["description", "indicator"], widths=(0.07, 0.53, 0.4), heading=heading
    )


def activities_table(c: Context, activities: list[Activity], heading: str = "") -> Block:
    return c.table(
        activities,
        Activity,
        ["description", "responsible", "goal_key", "due"],
        widths=(0.06, 0.38, 0.2, 0.18, 0.18),
        heading=heading,
    )


def caregiver_signatures(c: Context, family: Family) -> list[Signature]:
    """One signature per adult of the family, under their role ("Hooldusvanem")."""
    return [Signature(capitalized(g.role.title(c.lang)), g.full_name) for g in family.caregivers]


def prepared_by(c: Context, worker: Worker, form: FormModel) -> PreparedBy:
    """The "Koostas" block: the worker who wrote the document, on the document's date."""
    return PreparedBy(worker.name, worker.position or "", c.date(form.document_date))


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def service_end_rows(c: Context, end: ServiceEnd | None, heading: str) -> list[FieldsBlock]:
    """The recorded early end (report or diary entry): its date and reason; nothing if none."""
    return [] if end is None else [c.fields(end, ("date", "reason"), heading=heading)]
