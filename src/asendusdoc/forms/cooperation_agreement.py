"""Koostöölepe: the agreement between the family (or young person) and the worker (000, 001)."""

from __future__ import annotations

from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import Block, FormModel, RuleViolation, no_items
from asendusdoc.forms._blocks import (
    Activity,
    Family,
    Goal,
    GoalKey,
    MunicipalityParty,
    ProviderParty,
    Service,
    YoungPerson,
)
from asendusdoc.forms._rules import (
    activity_goal_keys,
    dates_in_order,
    provider_fits,
    service_allowed,
)
from asendusdoc.forms._types import Date, LongText, OptionalLongText, OptionalText
from asendusdoc.i18n import N_
from asendusdoc.reference import Language
from asendusdoc.titles import Titles
from asendusdoc.titles import field as titled

__all__ = ["CooperationAgreement", "DroppedGoal"]


class DroppedGoal(Block):
    """A goal of the referral that the family and the worker consciously left out, and why."""

    item_titles: ClassVar[Titles] = Titles("loobutud eesmärk", "исключённая цель", "dropped goal")
    """One entry of a list of these, as messages name it."""

    key: GoalKey | None = titled("Tähis", "Обозначение", "Key", default=None)
    goal: LongText = titled("Suunamise eesmärk", "Цель из направления", "Referral goal")
    reason: LongText = titled("Loobumise põhjus", "Причина отказа", "Why it was dropped")


class CooperationAgreement(FormModel):
    """Koostöölepe (seed 000 step 4; seed 001).

    Family support: the goals (from the referral, agreed by family and worker) and the
    activities of the family and of the worker. Support person: the goals, the principles of
    communication and confidentiality, the language of communication.
    """

    form_id: ClassVar[str] = "cooperation-agreement"
    titles: ClassVar[Titles] = Titles(
        "Koostöölepe", "Соглашение о сотрудничестве", "Cooperation agreement"
    )
    titles_in_sentence: ClassVar[Titles] = Titles(
        "koostöölepe", "соглашение о сотрудничестве", "cooperation agreement"
    )

    form: Literal["cooperation-agreement"]
    service: Service = titled("Teenus", "Услуга", "Service")
    municipality: MunicipalityParty = titled(
        "Kohalik omavalitsus", "Местное самоуправление (KOV)", "Municipality"
    )
    provider: ProviderParty = titled("Teenuseosutaja", "Поставщик услуги", "Provider")
    family: Family | None = titled(
        "Pere", "Семья", "Family", "Required for the family support service.", default=None
    )
    young_person: YoungPerson | None = titled(
        "Noor",
        "Молодой человек",
        "Young person",
        "Required for the support-person service.",
        default=None,
    )
    service_start: Date = titled("Teenuse algus", "Начало услуги", "Service start")
    service_end: Date | None = titled(
        "Teenuse kavandatud lõpp",
        "Планируемое окончание услуги",
        "Planned service end",
        default=None,
    )
    goals: list[Goal] = titled("Eesmärgid", "Цели", "Goals", min_length=1, max_length=limits.GOALS)
    family_activities: list[Activity] = titled(
        "Pere tegevused",
        "Действия семьи",
        "Activities of the family",
        default_factory=no_items,
        max_length=limits.ACTIVITIES,
    )
    worker_activities: list[Activity] = titled(
        "Töötaja tegevused",
        "Действия сотрудника",
        "Activities of the worker",
        default_factory=no_items,
        max_length=limits.ACTIVITIES,
    )
    communication_principles: OptionalLongText = titled(
        "Suhtlemise põhimõtted", "Принципы общения", "Principles of communication", default=None
    )
    confidentiality: OptionalLongText = titled(
        "Konfidentsiaalsuse põhimõtted",
        "Принципы конфиденциальности",
        "Confidentiality",
        default=None,
    )
    communication_language: Language | None = titled(
        "Suhtluskeel", "Язык общения", "Language of communication", default=None
    )
    meeting_frequency: OptionalText = titled(
        "Kohtumiste sagedus", "Частота встреч", "How often we meet", default=None
    )
    dropped_goals: list[DroppedGoal] = titled(
        "Suunamise eesmärgid, millest loobuti",
        "Цели из направления, от которых отказались",
        "Referral goals dropped",
        "Goals of the referral consciously left out of the agreement, each with the reason.",
        default_factory=no_items,
        max_length=limits.GOALS,
    )

    def data_titles(self, name: str) -> Titles | None:
        """The worker's activities are named by their role; a young person's own activities by
        the young person."""
        if name == "worker_activities":
            return self.service.worker_activities_titles
        if name == "family_activities" and self.service is Service.SUPPORT_PERSON:
            return Titles(
                "Noore tegevused", "Действия молодого человека", "Activities of the young person"
            )
        return None

    def rule_violations(self) -> list[RuleViolation]:
        """Seeds 000 and 001: what each service's agreement must hold."""
        found = service_allowed(self.service, (Service.FAMILY_SUPPORT, Service.SUPPORT_PERSON))
        found += dates_in_order(self.service_start, self.service_end, ("service_end",))
        found += provider_fits(self.provider.name, self.service, ("provider", "name"))
        found += activity_goal_keys(self.goals, self.family_activities, ("family_activities",))
        found += activity_goal_keys(self.goals, self.worker_activities, ("worker_activities",))
        agreed = {g.key for g in self.goals if g.key is not None}
        found += [
            RuleViolation(
                ("dropped_goals", index, "key"),
                "dropped_goal_also_agreed",
                "a goal with this key is both agreed and dropped",
            )
            for index, dropped in enumerate(self.dropped_goals)
            if dropped.key is not None and dropped.key in agreed
        ]
        if self.service is Service.FAMILY_SUPPORT:
            if self.family is None:
                found.append(
                    _missing("family", N_("the family support agreement names the family"))
                )
            if not self.family_activities:
                found.append(
                    _missing("family_activities", N_("agree on the activities of the family"))
                )
            if not self.worker_activities:
                found.append(
                    _missing("worker_activities", N_("agree on the activities of the worker"))
                )
        elif self.service is Service.SUPPORT_PERSON:
            if self.young_person is None:
                found.append(_missing("young_person", N_("the agreement names the young person")))
            for name, text in (
                ("communication_principles", N_("agree on the principles of communication")),
                ("confidentiality", N_("agree on confidentiality")),
                ("communication_language", N_("agree on the language of communication")),
            ):
                if getattr(self, name) is None:
                    found.append(_missing(name, text))
        return found


def _missing(name: str, message: str) -> RuleViolation:
    return RuleViolation((name,), f"{name}_missing", message)
