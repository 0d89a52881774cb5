"""The document of the form ``support-plan``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import SupportPlan
from asendusdoc.forms._blocks import Goal
from asendusdoc.render.document import Party, Section
from asendusdoc.render.layouts._shared import Layout, activities_table, prepared_by

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["layout"]


def layout(form: SupportPlan, c: Context) -> Layout:
    f = form
    goal_sections = []
    for number, goal in enumerate(f.goals, start=1):
        label = f"{c.title(Goal, 'description')} {goal.key or number}"
        goal_sections.append(
            Section(
                label,
                [
                    c.fields(goal, ("description", "indicator")),
                    activities_table(c, goal.activities, heading=c.title(type(goal), "activities")),
                ],
                key=f"goals.{number - 1}",
            )
        )
    return Layout(
        author=f.provider.name,
        prepared_by=prepared_by(c, f.provider.worker, f),
        parties=[
            c.municipality_party(f.municipality),
            Party(
                c.title(f, "provider"),
                [f.provider.name, *c.worker_lines(f.provider.worker)],
                path="provider",
            ),
            c.family_party(f.family, c.title(f, "family")),
        ],
        sections=[
            Section(
                c.title(f, "family"),
                [c.fields(f, ("period_start", "period_end")), *c.family_blocks(f.family)],
                key="family",
            ),
            Section(
                c.title(f, "family_strengths"),
                [c.text_of(f, "family_strengths")],
                key="family_strengths",
            ),
            Section(c.title(f, "goals"), [], key="goals"),
            *goal_sections,
        ],
    )
