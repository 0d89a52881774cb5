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
    client_sections: list[Section] = []
    if f.young_person is not None:
        y = f.young_person
        parties.append(Party(c.title(f, "young_person"), [y.full_name], path="young_person"))
        signatures.insert(0, Signature(c.title(f, "young_person"), y.full_name))
        client_sections.append(
            Section(
                c.title(f, "young_person"),
                [
                    c.fields(
                        y,
                        (
                            "given_name",
                            "family_name",
                            "personal_code",
                            "birth_date",
                            "phone",
                            "email",
                        ),
                    )
                ],
                key="young_person",
            )
        )
    if f.family is not None:
        parties.append(c.family_party(f.family, c.title(f, "family")))
        signatures[:0] = caregiver_signatures(c, f.family)
        client_sections.append(
            Section(c.title(f, "family"), c.family_blocks(f.family), key="family")
        )
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
        *client_sections,
        Section(c.title(f, "goals"), [goals_table(c, f.goals)], key="goals"),
        *(
            [
                Section(
                    c.title(f, "dropped_goals"),
                    [
                        c.table(
                            f.dropped_goals,
                            DroppedGoal,
                            ["key", "goal", "reason"],
                            widths=(0.07, 0.16, 0.37, 0.4),
                        )
                    ],
                    key="dropped_goals",
                )
            ]
            if f.dropped_goals
            else []
        ),
    ]
    if f.service is Service.FAMILY_SUPPORT or f.family_activities or f.worker_activities:
        sections.append(
            Section(
                c.title(f, "family_activities"),
                [activities_table(c, f.family_activities)],
                key="family_activities",
            )
        )
        sections.append(
            Section(
                c.title(f, "worker_activities"),
                [activities_table(c, f.worker_activities)],
                key="worker_activities",
            )
        )
    if f.service is Service.SUPPORT_PERSON or f.communication_principles or f.confidentiality:
        sections.append(
            Section(
                c.title(f, "communication_principles"),
                [
                    c.text_of(f, "communication_principles"),
                    c.text_of(f, "confidentiality", heading=c.title(f, "confidentiality")),
                ],
                key="communication_principles",
            )
        )
    return Layout(
        author=f.provider.name,
        subtitle=f.service.title(c.lang),
        parties=parties,
        sections=sections,
        signatures=signatures,
        agreement=True,
    )
