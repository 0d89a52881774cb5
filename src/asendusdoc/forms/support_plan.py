"""Peretoe plaan: the family support plan of the needs-based service (seed 000)."""

from __future__ import annotations

from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import FormModel, RuleViolation
from asendusdoc.forms._blocks import (
    Activity,
    Family,
    Goal,
    MunicipalityParty,
    ProviderParty,
    Service,
)
from asendusdoc.forms._rules import dates_in_order, provider_fits
from asendusdoc.forms._types import Date, OptionalLongText
from asendusdoc.titles import Titles
from asendusdoc.titles import field as titled

__all__ = ["PlanGoal", "SupportPlan"]


class PlanGoal(Goal):
    """A goal of the plan with the activities to reach it."""

    activities: list[Activity] = titled(
        "Tegevused eesmärgi saavutamiseks",
        "Действия для достижения цели",
        "Activities to reach it",
        min_length=1,
        max_length=limits.ACTIVITIES_PER_GOAL,
    )


class SupportPlan(FormModel):
    """Peretoe plaan: required for the needs-based service; goals and activities (seed 000)."""

    form_id: ClassVar[str] = "support-plan"
    titles: ClassVar[Titles] = Titles(
        "Peretoe plaan", "План поддержки семьи", "Family support plan"
    )
    titles_in_sentence: ClassVar[Titles] = Titles(
        "peretoe plaan", "план поддержки семьи", "family support plan"
    )

    form: Literal["support-plan"]
    municipality: MunicipalityParty = titled(
        "Kohalik omavalitsus", "Местное самоуправление (KOV)", "Municipality"
    )
    provider: ProviderParty = titled("Teenuseosutaja", "Поставщик услуги", "Provider")
    family: Family = titled("Pere", "Семья", "Family")
    period_start: Date = titled("Plaani algus", "Начало плана", "Plan start")
    period_end: Date = titled("Plaani lõpp", "Окончание плана", "Plan end")
    family_strengths: OptionalLongText = titled(
        "Pere tugevused", "Сильные стороны семьи", "The family's strengths", default=None
    )
    goals: list[PlanGoal] = titled(
        "Eesmärgid ja tegevused",
        "Цели и действия",
        "Goals",
        min_length=1,
        max_length=limits.GOALS,
    )

    def rule_violations(self) -> list[RuleViolation]:
        """Dates in order; the provider provides family support."""
        found = dates_in_order(self.period_start, self.period_end, ("period_end",))
        found += provider_fits(self.provider.name, Service.FAMILY_SUPPORT, ("provider", "name"))
        return found
