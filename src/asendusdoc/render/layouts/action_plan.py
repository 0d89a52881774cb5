"""The document of the form ``action-plan``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import ActionPlan
from asendusdoc.forms._blocks import MunicipalityParty
from asendusdoc.render.document import Party, Section, Signature
from asendusdoc.render.layouts._shared import (
    Layout,
    activities_table,
    caregiver_signatures,
    goals_table,
)

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["layout"]


def layout(form: ActionPlan, c: Context) -> Layout:
    f = form
    signatures = caregiver_signatures(c, f.family)
    signatures += [
        Signature(c.title(f, "support_person"), f.support_person.name),
        Signature(c.title(MunicipalityParty, "worker"), f.municipality.worker.name),
    ]
    return Layout(
        author=f.municipality.name,
        parties=[
            c.municipality_party(f.municipality),
            Party(
                c.title(f, "support_person"),
                c.worker_lines(f.support_person),
                path="support_person",
            ),
            c.family_party(f.family, c.title(f, "family")),
        ],
        sections=[
            Section(
                c.title(f, "family"),
                [
                    c.fields(f, ("service_start", "service_end", "parents_consent")),
                    *c.family_blocks(f.family),
                ],
                key="family",
            ),
            Section(c.title(f, "difficulties"), [c.items(f.difficulties)], key="difficulties"),
            Section(c.title(f, "situation"), [c.text_of(f, "situation")], key="situation"),
            Section(c.title(f, "goals"), [goals_table(c, f.goals)], key="goals"),
            Section(c.title(f, "tasks"), [activities_table(c, f.tasks)], key="tasks"),
        ],
        signatures=signatures,
    )
