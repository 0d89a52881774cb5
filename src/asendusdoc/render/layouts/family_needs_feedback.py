"""The document of the family needs feedback (seed 002): who answered, the needs, the services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms.family_needs_feedback import FamilyNeedsFeedback, NeedAnswer, ServiceUse
from asendusdoc.render.document import FieldRow, FieldsBlock, Section

if TYPE_CHECKING:
    from asendusdoc.render.context import Context
    from asendusdoc.render.layouts._shared import Layout

__all__ = ["layout"]


def layout(form: FamilyNeedsFeedback, c: Context) -> Layout:
    """Perede vajaduste tagasiside: the family's answers in the document's language."""
    from asendusdoc.render.layouts._shared import Layout

    f = form
    place = FieldsBlock(
        [
            FieldRow(c.title(f, "municipality"), f.municipality, "municipality"),
            FieldRow(c.labels.get("county", "county"), f.county.title(c.lang), key="county"),
            FieldRow(c.labels.get("region", "region"), f.region.title(c.lang), key="region"),
        ]
    )
    return Layout(
        author=f.municipality,
        subtitle=f.family_type.title(c.lang),
        parties=[],
        sections=[
            Section(
                c.labels.get("family_and_period", ""),
                [
                    c.fields(
                        f,
                        ("filled_by", "family_type", "life_stage", "period_start", "period_end"),
                    ),
                    place,
                ],
                key="family_and_period",
            ),
            Section(
                c.title(f, "needs"),
                [
                    c.table(
                        f.needs,
                        NeedAnswer,
                        [
                            (
                                c.title(NeedAnswer, "area"),
                                lambda a: (
                                    a.area.title(c.lang)
                                    + ("" if a.description is None else f": {a.description}")
                                ),
                                "area_text",
                            ),
                            "level",
                            "comment",
                        ],
                        widths=(0.06, 0.36, 0.2, 0.38),
                    )
                ],
                key="needs",
            ),
            Section(
                c.title(f, "services_used"),
                [
                    c.table(
                        f.services_used,
                        ServiceUse,
                        ["service", "usefulness"],
                        widths=(0.06, 0.64, 0.3),
                    )
                ],
                key="services_used",
            ),
            Section(
                c.title(f, "contact_openness"),
                [
                    c.fields(f, ("contact_openness",)),
                    c.text_of(f, "expectations", c.title(f, "expectations")),
                ],
                key="contact_openness",
            ),
            Section(
                c.title(f, "statistics_consent"),
                [c.fields(f, ("statistics_consent",))],
                key="statistics_consent",
            ),
        ],
    )
