"""The document of the form ``family-support-referral``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import FamilySupportReferral
from asendusdoc.forms._blocks import ProblemArea
from asendusdoc.render.document import Section
from asendusdoc.render.layouts._shared import Layout, goals_table, prepared_by

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["layout"]


def layout(form: FamilySupportReferral, c: Context) -> Layout:
    f = form
    return Layout(
        author=f.municipality.name,
        subtitle=f.service_type.title(c.lang),
        prepared_by=prepared_by(c, f.municipality.worker, f),
        parties=[
            c.municipality_party(f.municipality),
            c.family_party(f.family, c.title(f, "family")),
        ],
        sections=[
            Section(
                c.title(f, "family"),
                [c.fields(f, ("family_type",)), *c.family_blocks(f.family)],
                key="family",
            ),
            Section(
                c.title(f, "service_type"),
                [
                    c.fields(
                        f,
                        (
                            "service_type",
                            "placement_date",
                            "service_start",
                            "service_end",
                            "service_language",
                            "preferred_provider",
                        ),
                    )
                ],
                key="service_type",
            ),
            Section(
                c.title(f, "problem_areas"),
                [
                    c.table(
                        f.problem_areas,
                        ProblemArea,
                        ["area", "description"],
                        widths=(0.07, 0.28, 0.65),
                    )
                ],
                key="problem_areas",
            ),
            Section(c.title(f, "goals"), [goals_table(c, f.goals)], key="goals"),
            Section(
                c.title(f, "justification"),
                [
                    c.text_of(f, "justification"),
                    c.fields(f, ("previous_service", "previous_service_details")),
                ],
                key="justification",
            ),
        ],
    )
