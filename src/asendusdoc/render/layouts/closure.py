"""The document of the form ``closure``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import Closure
from asendusdoc.forms._blocks import Service
from asendusdoc.forms._words import INTROS
from asendusdoc.forms.closure import GoalOutcome
from asendusdoc.render.document import Party, Section, Signature
from asendusdoc.render.layouts._shared import Layout, caregiver_signatures, prepared_by

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["layout"]


def layout(form: Closure, c: Context) -> Layout:
    f = form
    author = f.provider or f.municipality.name
    # Viimsi's family support person writes a client-work summary to the municipality's social
    # and health department (seed 003); the other services close with an agreement the family
    # signs (seed 000, step 7).
    summary = f.service is Service.FAMILY_SUPPORT_PERSON
    signatures = [] if summary else caregiver_signatures(c, f.family)
    if not summary:
        signatures.append(Signature(c.title(f, "worker"), f.worker.name))
    return Layout(
        author=author,
        subtitle=f.service.title(c.lang),
        title=Closure.summary_titles.get(c.lang) if summary else "",
        intro=INTROS["closure-client-work-summary"].get(c.lang) if summary else None,
        agreement=not summary,
        prepared_by=prepared_by(c, f.worker, f) if summary else None,
        parties=[
            c.municipality_party(f.municipality),
            Party(
                c.title(f, "worker"),
                [*(p for p in (f.provider,) if p), *c.worker_lines(f.worker)],
                path="worker",
            ),
            c.family_party(f.family, c.title(f, "family")),
        ],
        sections=[
            Section(
                c.title(f, "service"),
                [
                    c.fields(
                        f, ("service", "service_start", "service_end", "reason", "refusal_form")
                    )
                ],
                key="service",
            ),
            Section(c.title(f, "family"), c.family_blocks(f.family), key="family"),
            Section(c.title(f, "activities"), [c.items(f.activities)], key="activities"),
            Section(
                c.title(f, "goal_outcomes"),
                [
                    c.table(
                        f.goal_outcomes,
                        GoalOutcome,
                        ["goal_key", "goal", "outcome", "comment"],
                        widths=(0.06, 0.18, 0.34, 0.16, 0.26),
                    )
                ],
                key="goal_outcomes",
            ),
            Section(
                c.title(f, "further_needs"), [c.text_of(f, "further_needs")], key="further_needs"
            ),
            Section(
                c.title(f, "recommendations"),
                [c.text_of(f, "recommendations")],
                key="recommendations",
            ),
        ],
        signatures=signatures,
    )
