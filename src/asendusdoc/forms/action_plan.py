"""Tegevuskava: the municipal family support-person service's action plan (seed 003, Viimsi)."""

from __future__ import annotations

from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import FormModel, RuleViolation
from asendusdoc.forms._blocks import (
    Activity,
    Family,
    Goal,
    MunicipalityParty,
    ProblemAreaKind,
    Worker,
)
from asendusdoc.forms._rules import activity_goal_keys, dates_in_order
from asendusdoc.forms._types import Date, LongText
from asendusdoc.titles import TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = ["ActionPlan", "FamilyDifficulty"]


class FamilyDifficulty(TitledEnum):
    """The parents' difficulties that make a family the service's target group (seed 003).

    The same words as the problem areas of the same names (:class:`ProblemAreaKind`).
    """

    DAILY_LIFE = "daily-life", ProblemAreaKind.DAILY_LIFE.titles
    PARENTING_SKILLS = "parenting-skills", ProblemAreaKind.PARENTING_SKILLS.titles
    SOCIAL_SKILLS = "social-skills", ProblemAreaKind.SOCIAL_SKILLS.titles
    ADDICTION_ILLNESS_DISABILITY = (
        "addiction-illness-disability",
        ProblemAreaKind.ADDICTION_ILLNESS_DISABILITY.titles,
    )
    NO_SUPPORT_NETWORK = "no-support-network", ProblemAreaKind.NO_SUPPORT_NETWORK.titles
    FAMILY_CONFLICTS = "family-conflicts", ProblemAreaKind.FAMILY_CONFLICTS.titles
    OTHER = "other", ProblemAreaKind.OTHER_COPING.titles


class ActionPlan(FormModel):
    """Tegevuskava: drawn up by the child-protection specialist when the service starts."""

    form_id: ClassVar[str] = "action-plan"
    titles: ClassVar[Titles] = Titles(
        "Pere toimetuleku parandamise tegevuskava",
        "План действий по улучшению способности семьи справляться с трудностями",
        "Action plan",
    )
    titles_in_sentence: ClassVar[Titles] = Titles("tegevuskava", "план действий", "action plan")

    form: Literal["action-plan"]
    municipality: MunicipalityParty = titled(
        "Kohalik omavalitsus", "Местное самоуправление (KOV)", "Municipality"
    )
    support_person: Worker = titled("Pere tugiisik", "Опорное лицо семьи", "Family support person")
    family: Family = titled("Pere", "Семья", "Family")
    parents_consent: bool = titled(
        "Vanemate nõusolek", "Согласие родителей", "The parents' consent"
    )
    difficulties: list[FamilyDifficulty] = titled(
        "Pere toimetulekuraskused",
        "Трудности семьи",
        "The family's difficulties",
        item=Titles("raskus", "трудность", "difficulty"),
        min_length=1,
        max_length=len(FamilyDifficulty),
    )
    situation: LongText = titled("Pere olukord", "Ситуация семьи", "The family's situation")
    goals: list[Goal] = titled("Eesmärgid", "Цели", "Goals", min_length=1, max_length=limits.GOALS)
    tasks: list[Activity] = titled(
        "Esmased koostööülesanded",
        "Первоначальные задачи сотрудничества",
        "First cooperation tasks",
        item=Titles("ülesanne", "задача", "task"),
        min_length=1,
        max_length=limits.ACTIVITIES,
    )
    service_start: Date = titled("Teenuse algus", "Начало услуги", "Service start")
    service_end: Date = titled(
        "Teenuse määratud tähtaeg", "Установленный срок услуги", "Service term ends"
    )

    def rule_violations(self) -> list[RuleViolation]:
        """Seed 003: referral only with the parents' consent; the family lives there."""
        found = dates_in_order(self.service_start, self.service_end, ("service_end",))
        found += activity_goal_keys(self.goals, self.tasks, ("tasks",))
        if not self.parents_consent:
            found.append(
                RuleViolation(
                    ("parents_consent",),
                    "consent_missing",
                    "the family is referred to the service only with the parents' consent",
                )
            )
        if self.family.municipality != self.municipality.name:
            found.append(
                RuleViolation(
                    ("family", "municipality"),
                    "family_not_resident",
                    "the service is for families whose residence is {municipality}",
                    {"municipality": self.municipality.name},
                )
            )
        return found
