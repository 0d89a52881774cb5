"""Services that fit the needs a form states, from the one need → service table.

A feedback form states needs by area and level (some, great); a referral states them through its
problem areas (family support, seed 000), its grounds (family group conference, seed 004) or its
very purpose (support person for a young person leaving care, seed 001). Each stated need gets
the rows of :data:`asendusdoc.reference.needs.NEED_SERVICES` for its area: the service, the seed
that links it to the need, and the service's conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asendusdoc.errors import InputError
from asendusdoc.forms import (
    FamilyConferenceReferral,
    FamilyNeedsFeedback,
    FamilySupportReferral,
    FormModel,
    SupportPersonReferral,
)
from asendusdoc.forms.family_needs_feedback import NeedLevel
from asendusdoc.reference.needs import (
    CONFERENCE_GROUND_NEEDS,
    LEAVING_CARE_NEEDS,
    PROBLEM_AREA_NEEDS,
    SEED_SOURCES,
    NeedArea,
    NeedServiceRow,
    SupportService,
    rows_for,
)

__all__ = ["Suggestion", "suggest_services", "suggestions_as_json"]


@dataclass(frozen=True)
class Suggestion:
    """One stated need and the services that fit it."""

    area: NeedArea
    level: NeedLevel | None
    """The level the family gave; ``None`` for a need stated in a referral."""
    rows: tuple[NeedServiceRow, ...]
    used: frozenset[SupportService] = frozenset()
    """Services the family already used in the period (feedback form only)."""


def _stated_areas(form: FormModel) -> list[tuple[NeedArea, NeedLevel | None]]:
    if isinstance(form, FamilyNeedsFeedback):
        order = {NeedLevel.GREAT: 0, NeedLevel.SOME: 1}
        stated = [a for a in form.needs if a.level in order]
        stated.sort(key=lambda a: (order[a.level], list(NeedArea).index(a.area)))
        return [(a.area, a.level) for a in stated]
    if isinstance(form, FamilySupportReferral):
        areas = [PROBLEM_AREA_NEEDS[p.area.value] for p in form.problem_areas]
    elif isinstance(form, FamilyConferenceReferral):
        areas = [
            CONFERENCE_GROUND_NEEDS[g.value]
            for g in form.grounds
            if g.value in CONFERENCE_GROUND_NEEDS
        ]
    elif isinstance(form, SupportPersonReferral):
        areas = list(LEAVING_CARE_NEEDS)
    else:
        raise InputError(
            "services are suggested for a family needs feedback or a referral, not for '{form}'",
            code="suggest_form_unsupported",
            form=form.form_id,
        )
    unique = list(dict.fromkeys(areas))
    return [(area, None) for area in unique]


def suggest_services(form: FormModel) -> list[Suggestion]:
    """The stated needs of ``form``, each with the services of the table that fit it.

    Feedback: the areas rated great need first, then some need, in the table's order.
    Raises :class:`InputError` for a form that states no needs (an agreement, a diary, ...).
    """
    used: frozenset[SupportService] = frozenset()
    if isinstance(form, FamilyNeedsFeedback):
        used = frozenset(use.service for use in form.services_used)
    return [Suggestion(area, level, rows_for(area), used) for area, level in _stated_areas(form)]


def suggestions_as_json(
    form: FormModel, suggestions: list[Suggestion], lang: str
) -> dict[str, Any]:
    """The JSON shape of ``suggest --json``: codes and the texts in ``lang``."""
    return {
        "form": form.form_id,
        "lang": lang,
        "needs": [
            {
                "area": s.area.value,
                "area_title": s.area.title(lang),
                "level": None if s.level is None else s.level.value,
                "services": [
                    {
                        "service": row.service.value,
                        "title": row.service.title(lang),
                        "seed": row.seed,
                        "source": SEED_SOURCES[row.seed].get(lang),
                        "used_in_period": row.service in s.used,
                        "conditions": [
                            {"text": c.text.get(lang), "seed": c.seed} for c in row.offer.conditions
                        ],
                    }
                    for row in s.rows
                ],
            }
            for s in suggestions
        ],
    }
