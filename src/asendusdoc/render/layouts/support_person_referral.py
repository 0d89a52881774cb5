"""The document of the form ``support-person-referral``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import SupportPersonReferral
from asendusdoc.render.document import Party, Section
from asendusdoc.render.layouts._shared import Layout, goals_table, prepared_by

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["layout"]


def layout(form: SupportPersonReferral, c: Context) -> Layout:
    f = form
    y = f.young_person
    return Layout(
        author=f.municipality.name,
        subtitle=f.support_person_type.title(c.lang),
        prepared_by=prepared_by(c, f.municipality.worker, f),
        parties=[
            c.municipality_party(f.municipality),
            Party(
                c.title(f, "young_person"),
                [y.full_name, *(v for v in (y.phone, y.email) if v)],
                path="young_person",
            ),
        ],
        sections=[
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
                    ),
                    c.fields(
                        f,
                        (
                            "reason",
                            "care_setting",
                            "leaving_care_date",
                            "aftercare",
                            "residence_municipality",
                        ),
                    ),
                    *(
                        [c.children_table(f.children, heading=c.title(f, "children"))]
                        if f.children
                        else []
                    ),
                ],
                key="young_person",
            ),
            Section(
                c.title(f, "support_person_type"),
                [
                    c.fields(f, ("support_person_type", "service_start", "provider_region")),
                    *(
                        [
                            c.fields(
                                f.trusted_support_person,
                                ("name", "relationship", "phone"),
                                heading=c.title(f, "trusted_support_person"),
                            )
                        ]
                        if f.trusted_support_person
                        else []
                    ),
                ],
                key="support_person_type",
            ),
            Section(
                c.title(f, "needs_assessment"),
                [c.text_of(f, "needs_assessment")],
                key="needs_assessment",
            ),
            Section(c.title(f, "goals"), [goals_table(c, f.goals)], key="goals"),
            Section(c.title(f, "notes"), [c.text_of(f, "notes")], key="notes"),
        ],
    )
