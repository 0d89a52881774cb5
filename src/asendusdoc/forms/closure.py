"""Lõpetamise kokkulepe / klienditöö kokkuvõte: the written end of the service (000, 003)."""

from __future__ import annotations

from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import Block, FormModel, RuleViolation
from asendusdoc.forms._blocks import (
    Family,
    GoalKey,
    MunicipalityParty,
    Service,
    Worker,
    provider_field,
)
from asendusdoc.forms._rules import dates_in_order, provider_fits, service_allowed
from asendusdoc.forms._types import Date, LongText, OptionalLongText, ShortText
from asendusdoc.titles import TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = [
    "CLOSURE_NAMES",
    "Closure",
    "ClosureReason",
    "GoalOutcome",
    "Outcome",
    "RefusalForm",
    "ServiceEnd",
]


class ClosureReason(TitledEnum):
    """Why the service ends (seed 003)."""

    TERM_REACHED = (
        "term-reached",
        Titles("määratud tähtaeg saabus", "наступил установленный срок", "the term was reached"),
    )
    LEFT_MUNICIPALITY = (
        "left-municipality",
        Titles(
            "pere lahkus omavalitsusest",
            "семья переехала в другое самоуправление",
            "the family moved away",
        ),
    )
    TASKS_DONE = (
        "tasks-done",
        Titles(
            "klienditöö ülesanded on täidetud",
            "задачи работы с клиентом выполнены",
            "the tasks are done",
        ),
    )
    TASKS_UNDOABLE = (
        "tasks-undoable",
        Titles(
            "ülesanded pole pikema aja jooksul osutunud täidetavaks",
            "задачи долгое время оказывались невыполнимыми",
            "the tasks proved undoable for a long time",
        ),
    )
    NO_MINORS = (
        "no-minors",
        Titles(
            "perekonnas ei ela enam alaealisi lapsi",
            "в семье больше не живут несовершеннолетние дети",
            "no minors live in the family any more",
        ),
    )
    REFUSED_COOPERATION = (
        "refused-cooperation",
        Titles(
            "kliendid keelduvad koostööst",
            "клиенты отказываются от сотрудничества",
            "the clients refuse cooperation",
        ),
    )
    AVOIDS_CONTACT = (
        "avoids-contact",
        Titles(
            "kliendid väldivad pikema aja jooksul kontakti",
            "клиенты долгое время избегают контакта",
            "the clients avoid contact for a long time",
        ),
    )
    COOPERATION_IMPOSSIBLE = (
        "cooperation-impossible",
        Titles(
            "koostöö muutus kliendi käitumise tõttu võimatuks",
            "сотрудничество стало невозможным из-за поведения клиента",
            "the clients' behaviour made cooperation impossible",
        ),
    )


CLOSURE_NAMES: dict[Service, Titles] = {
    Service.FAMILY_SUPPORT: Titles(
        "lõpetamise kokkulepe", "соглашение о прекращении услуги", "closure agreement"
    ),
    Service.FAMILY_SUPPORT_PERSON: Titles(
        "klienditöö kokkuvõte", "итоговый отчёт о работе с семьёй", "client-work summary"
    ),
}
"""The closure's name inside a sentence, by service: seed 000's agreement, seed 003's summary."""


class ServiceEnd(Block):
    """Teenuse lõpp: the service ended (before a closure is written), when and why (seed 003).

    Recorded in a progress report or a client-diary entry, so that the case checks know the
    end before the closure exists: the Viimsi summary is due within a week of it.
    """

    date: Date = titled("Teenuse lõpu kuupäev", "Дата окончания услуги", "Date of the end")
    reason: ClosureReason = titled("Lõpetamise põhjus", "Причина прекращения", "Reason for ending")


class RefusalForm(TitledEnum):
    """How the clients refused cooperation (seed 003: in writing or orally)."""

    WRITTEN = "written", Titles("kirjalikult", "письменно", "in writing")
    ORAL = "oral", Titles("suuliselt", "устно", "orally")


class Outcome(TitledEnum):
    """Eesmärgi tulemus."""

    ACHIEVED = "achieved", Titles("saavutatud", "достигнута", "achieved")
    PARTLY_ACHIEVED = (
        "partly-achieved",
        Titles("osaliselt saavutatud", "достигнута частично", "partly achieved"),
    )
    NOT_ACHIEVED = "not-achieved", Titles("ei saavutatud", "не достигнута", "not achieved")


class GoalOutcome(Block):
    """What came of one goal."""

    item_titles: ClassVar[Titles] = Titles("eesmärk", "цель", "goal")
    """One entry of a list of these, as messages name it."""

    goal_key: GoalKey | None = titled(
        "Eesmärgi tähis", "Обозначение цели", "Goal key", default=None
    )
    goal: LongText = titled("Eesmärk", "Цель", "Goal")
    outcome: Outcome = titled("Tulemus", "Результат", "Outcome")
    comment: OptionalLongText = titled("Kommentaar", "Комментарий", "Comment", default=None)


class Closure(FormModel):
    """Teenuse lõpetamise kokkulepe (000 step 7) or klienditöö kokkuvõte (003)."""

    form_id: ClassVar[str] = "closure"
    titles: ClassVar[Titles] = Titles(
        "Teenuse lõpetamise kokkulepe", "Соглашение о прекращении услуги", "Closure agreement"
    )
    summary_titles: ClassVar[Titles] = Titles(
        "Klienditöö kokkuvõte", "Итоговый отчёт о работе с семьёй", "Client-work summary"
    )
    """The title of the Viimsi service's closure (seed 003: the support person's written
    "klienditöö kokkuvõte" to the social and health department)."""
    titles_in_sentence: ClassVar[Titles] = Titles(
        "lõpetamise kokkulepe", "соглашение о прекращении услуги", "closure agreement"
    )

    form: Literal["closure"]
    service: Service = titled("Teenus", "Услуга", "Service")
    municipality: MunicipalityParty = titled(
        "Kohalik omavalitsus", "Местное самоуправление (KOV)", "Municipality"
    )
    provider: ShortText | None = provider_field()
    worker: Worker = titled(
        "Töötaja",
        "Сотрудник",
        "Worker",
        "The family support worker or the family support person who ends the service.",
    )
    family: Family = titled("Pere", "Семья", "Family")
    service_start: Date = titled("Teenuse algus", "Начало услуги", "Service start")
    service_end: Date = titled("Teenuse lõpp", "Окончание услуги", "Service end")
    reason: ClosureReason | None = titled(
        "Lõpetamise põhjus",
        "Причина прекращения",
        "Reason for ending",
        "Required for the family support-person service (seed 003).",
        default=None,
    )
    refusal_form: RefusalForm | None = titled(
        "Keeldumise viis", "Способ отказа", "How cooperation was refused", default=None
    )
    activities: list[LongText] = titled(
        "Teenuse jooksul ette võetud tegevused",
        "Действия, предпринятые в ходе услуги",
        "Activities undertaken",
        item=Titles("tegevus", "действие", "activity"),
        min_length=1,
        max_length=limits.ACTIVITIES,
    )
    goal_outcomes: list[GoalOutcome] = titled(
        "Eesmärkide saavutamine",
        "Достижение целей",
        "Outcome of each goal",
        min_length=1,
        max_length=limits.GOALS,
    )
    further_needs: LongText = titled(
        "Pere edasised vajadused", "Дальнейшие потребности семьи", "The family's further needs"
    )
    recommendations: LongText = titled(
        "Soovitused kohalikule omavalitsusele",
        "Рекомендации местному самоуправлению",
        "Recommendations to the municipality",
    )

    def data_titles(self, name: str) -> Titles | None:
        """The worker is named by their role in the service."""
        return self.service.worker_titles if name == "worker" else None

    def rule_violations(self) -> list[RuleViolation]:
        """Seeds 000 and 003: dates, the reason and how a refusal was made."""
        found = service_allowed(
            self.service, (Service.FAMILY_SUPPORT, Service.FAMILY_SUPPORT_PERSON)
        )
        found += dates_in_order(self.service_start, self.service_end, ("service_end",))
        found += provider_fits(self.provider, self.service, ("provider",))
        if self.document_date < self.service_start:
            found.append(
                RuleViolation(
                    ("document_date",),
                    "closure_before_start",
                    "the closure is dated before the service started",
                )
            )
        if self.service is Service.FAMILY_SUPPORT_PERSON and self.reason is None:
            found.append(
                RuleViolation(
                    ("reason",), "reason_missing", "state why the service ends (seed 003)"
                )
            )
        if self.reason is ClosureReason.REFUSED_COOPERATION and self.refusal_form is None:
            found.append(
                RuleViolation(
                    ("refusal_form",),
                    "refusal_form_missing",
                    "say whether the clients refused in writing or orally",
                )
            )
        if self.reason is not ClosureReason.REFUSED_COOPERATION and self.refusal_form:
            found.append(
                RuleViolation(
                    ("refusal_form",),
                    "refusal_form_without_refusal",
                    "a refusal form is given but the reason is not a refusal",
                )
            )
        return found
