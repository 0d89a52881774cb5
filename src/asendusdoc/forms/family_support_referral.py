"""Peretoe teenusele suunamise vorm: the KOV's referral of a family to the family support service.

Seed 000: both service types (adaptation, needs-based), the target group, the earlier service and
the justification in the case plan (what SKA checks), the optional preferred provider.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import FormModel, RuleViolation, add_months, no_items
from asendusdoc.forms._blocks import (
    PROBLEM_AREAS_TO_DESCRIBE,
    Family,
    FamilyType,
    Goal,
    MunicipalityParty,
    ProblemArea,
    Service,
)
from asendusdoc.forms._rules import dates_in_order, provider_fits, provider_speaks
from asendusdoc.forms._types import Date, LongText, OptionalLongText
from asendusdoc.forms._words import withheld_value
from asendusdoc.reference import Language, ProviderName
from asendusdoc.titles import TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = ["JUSTIFICATION_WITHHELD", "FamilySupportReferral", "FamilySupportServiceType"]

JUSTIFICATION_WITHHELD = withheld_value("justification")
"""What the provider's referral says in place of the justification (in et and ru); see
:mod:`asendusdoc.case.redact`."""


class FamilySupportServiceType(TitledEnum):
    """Peretoe teenuse liik (seed 000)."""

    ADAPTATION = (
        "adaptation",
        Titles("kohanemiseks mõeldud teenus", "адаптационная услуга", "adaptation service"),
    )
    NEEDS_BASED = (
        "needs-based",
        Titles("vajaduspõhine teenus", "услуга по потребностям семьи", "needs-based service"),
    )


class FamilySupportReferral(FormModel):
    """Peretoe teenusele suunamise vorm (seed 000, step 1)."""

    form_id: ClassVar[str] = "family-support-referral"
    titles: ClassVar[Titles] = Titles(
        "Peretoe teenusele suunamise vorm",
        "Форма направления на услугу поддержки семьи",
        "Family support service referral",
    )
    titles_in_sentence: ClassVar[Titles] = Titles(
        "peretoe teenusele suunamise vorm",
        "форма направления на услугу поддержки семьи",
        "family support referral",
    )

    form: Literal["family-support-referral"]
    municipality: MunicipalityParty = titled(
        "Suunav kohalik omavalitsus",
        "Направляющее местное самоуправление",
        "Referring municipality",
    )
    family_type: FamilyType = titled("Sihtgrupp", "Целевая группа", "Target group")
    family: Family = titled("Pere", "Семья", "Family")
    service_type: FamilySupportServiceType = titled("Teenuse liik", "Вид услуги", "Service type")
    placement_date: Date | None = titled(
        "Lapse perre paigutamise kuupäev",
        "Дата помещения ребёнка в семью",
        "Placement date",
        "Required for the adaptation service: the service runs in the first year after it.",
        default=None,
    )
    service_start: Date = titled(
        "Teenuse soovitud algus", "Желаемое начало услуги", "Requested service start"
    )
    service_end: Date | None = titled(
        "Teenuse kavandatud lõpp",
        "Планируемое окончание услуги",
        "Planned service end",
        default=None,
    )
    problem_areas: list[ProblemArea] = titled(
        "Teemad ja probleemkohad",
        "Темы и проблемные области",
        "Topics and problem areas",
        "Required for the needs-based service.",
        default_factory=no_items,
        max_length=limits.PROBLEM_AREAS,
    )
    goals: list[Goal] = titled(
        "Teenuse eesmärgid",
        "Цели услуги",
        "Goals of the service",
        "Required for the needs-based service.",
        default_factory=no_items,
        max_length=limits.GOALS,
    )
    previous_service: bool = titled(
        "Pere on varem peretoe teenust saanud",
        "Семья ранее получала услугу поддержки семьи",
        "The family has had the service before",
    )
    previous_service_details: OptionalLongText = titled(
        "Varasema teenuse andmed",
        "Сведения о предыдущей услуге",
        "Details of the earlier service",
        "When and from which provider; required when the family has had the service.",
        default=None,
    )
    justification: LongText = titled(
        "Teenuse vajaduse põhjendus juhtumiplaanis",
        "Обоснование потребности в услуге в плане работы со случаем",
        "Justification of the need in the case plan",
    )
    preferred_provider: ProviderName | None = titled(
        "Soovitud teenuseosutaja",
        "Желаемый поставщик услуги",
        "Preferred provider",
        default=None,
    )
    service_language: Language = titled(
        "Teenuse keel", "Язык услуги", "Language of the service", default=Language.ESTONIAN
    )

    def rule_violations(self) -> list[RuleViolation]:
        """Seed 000: the rules of both service types, dates in order, provider fits."""
        found = dates_in_order(self.service_start, self.service_end, ("service_end",))
        found += [
            RuleViolation(
                ("problem_areas", index, "description"),
                "problem_area_description_missing",
                "describe the problem area: its kind ({area}) does not say what it is",
                {"area": area.area.value},
            )
            for index, area in enumerate(self.problem_areas)
            if area.area in PROBLEM_AREAS_TO_DESCRIBE and area.description is None
        ]
        if self.service_type is FamilySupportServiceType.NEEDS_BASED:
            if not self.problem_areas:
                found.append(
                    RuleViolation(
                        ("problem_areas",),
                        "needs_based_problem_areas_missing",
                        "the needs-based service needs the topics and problem areas",
                    )
                )
            if not self.goals:
                found.append(
                    RuleViolation(
                        ("goals",),
                        "needs_based_goals_missing",
                        "the needs-based service needs the goals to reach",
                    )
                )
        else:
            found.extend(self._adaptation_violations())
        if self.previous_service and self.previous_service_details is None:
            found.append(
                RuleViolation(
                    ("previous_service_details",),
                    "previous_service_details_missing",
                    "say when and from which provider the family had the service",
                )
            )
        name, place = self.preferred_provider, ("preferred_provider",)
        service, language = Service.FAMILY_SUPPORT, self.service_language
        wrong = provider_fits(name, service, place, language)
        return found + (wrong or provider_speaks(name, service, language, place))

    def _adaptation_violations(self) -> list[RuleViolation]:
        if self.placement_date is None:
            return [
                RuleViolation(
                    ("placement_date",),
                    "adaptation_placement_date_missing",
                    "the adaptation service needs the date the child was placed in the family",
                )
            ]
        found: list[RuleViolation] = []
        earliest = add_months(self.placement_date, -1)
        latest = add_months(self.placement_date, 12)
        if self.service_start < earliest:
            found.append(
                RuleViolation(
                    ("service_start",),
                    "adaptation_start_too_early",
                    "the adaptation service may start at most 1 month before the placement "
                    "(not before {earliest})",
                    {"earliest": earliest.isoformat()},
                )
            )
        if self.service_start >= latest:
            found.append(
                RuleViolation(
                    ("service_start",),
                    "adaptation_start_too_late",
                    "the adaptation service is for the first year after the placement "
                    "(start before {latest})",
                    {"latest": latest.isoformat()},
                )
            )
        if self.service_end is not None and self.service_end > latest:
            found.append(
                RuleViolation(
                    ("service_end",),
                    "adaptation_end_too_late",
                    "the adaptation service runs at most one year after the placement "
                    "(until {latest})",
                    {"latest": latest.isoformat()},
                )
            )
        return found
