"""The document of the form ``cooperation-agreement``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import CooperationAgreement
from asendusdoc.forms._blocks import Service
from asendusdoc.forms.cooperation_agreement import DroppedGoal
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


def layout(form: CooperationAgreement, c: Context) -> Layout:
    f = form
    parties = [
        c.municipality_party(f.municipality),
        Party(
            c.title(f, "provider"),
            [f.provider.name, *c.worker_lines(f.provider.worker)],
            path="provider",
        ),
    ]
    signatures = [Signature(c.title(f, "provider"), f.provider.worker.name)]
    if f.young_person is not None:
        y = f.young_person
        parties.append(Party(c.title(f, "young_person"), [y.full_name], path="young_person"))
        signatures.insert(0, Signature(c.title(f, "young_person"), y.full_name))
    if f.family is not None:
        parties.append(c.family_party(f.family, c.title(f, "family")))
        signatures[:0] = caregiver_signatures(c, f.family)
    activities = f.service is Service.FAMILY_SUPPORT or f.family_activities or f.worker_activities
    principles = (
        f.service is Service.SUPPORT_PERSON or f.communication_principles or f.confidentiality
    )
    # Every section is listed, one that does not apply with no blocks: it is left out of the
    # document but keeps its number (the blank holds them all).
    sections = [
        Section(
            c.title(f, "service"),
            [
                c.fields(
                    f,
                    (
                        "service",
                        "service_start",
                        "service_end",
                        "meeting_frequency",
                        "communication_language",
                    ),
                )
            ],
            key="service",
        ),
        Section(
            c.title(f, "young_person"),
            []
            if f.young_person is None
            else [
                c.fields(
                    f.young_person,
                    ("given_name", "family_name", "personal_code", "birth_date", "phone", "email"),
                )
            ],
            key="young_person",
        ),
        Section(
            c.title(f, "family"),
            [] if f.family is None else c.family_blocks(f.family),
            key="family",
        ),
        Section(c.title(f, "goals"), [goals_table(c, f.goals)], key="goals"),
        Section(
            c.title(f, "dropped_goals"),
            [
                c.table(
                    f.dropped_goals,
                    DroppedGoal,
                    ["key", "goal", "reason"],
                    widths=(0.07, 0.16, 0.37, 0.4),
                )
            ]
            if f.dropped_goals
            else [],
            key="dropped_goals",
        ),
        Section(
            c.title(f, "family_activities"),
            [activities_table(c, f.family_activities)] if activities else [],
            key="family_activities",
        ),
        Section(
            c.title(f, "worker_activities"),
            [activities_table(c, f.worker_activities)] if activities else [],
            key="worker_activities",
        ),
        Section(
            c.title(f, "communication_principles"),
            [
                c.text_of(f, "communication_principles"),
                c.text_of(f, "confidentiality", heading=c.title(f, "confidentiality")),
            ]
            if principles
            else [],
            key="communication_principles",
        ),
    ]
    return Layout(
        author=f.provider.name,
        subtitle=f.service.title(c.lang),
        parties=parties,
        sections=sections,
        signatures=signatures,
        agreement=True,
    )
