"""Ülevaade teenuse kulgemisest: the periodic written report to the KOV (seeds 000, 001, 003)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import Block, FormModel, RuleViolation, add_months, no_items
from asendusdoc.forms._blocks import MunicipalityParty, Service, Worker, provider_field
from asendusdoc.forms._rules import dates_in_order, ended_between, provider_fits
from asendusdoc.forms._types import Date, LongText, OptionalLongText, ShortText
from asendusdoc.forms.client_diary import ContactKind
from asendusdoc.forms.closure import ServiceEnd
from asendusdoc.titles import TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = [
    "REPORT_PERIOD_MONTHS",
    "GoalProgress",
    "GoalStatus",
    "ProgressReport",
    "last_day_of_period",
]

REPORT_PERIOD_MONTHS: dict[Service, int] = {
    Service.FAMILY_SUPPORT: 3,
    Service.SUPPORT_PERSON: 3,
    Service.FAMILY_SUPPORT_PERSON: 1,
}
"""The longest period one report may cover: family support at least once a quarter (000), the
support person every 3 months (001), Viimsi at the start of every month (003)."""


def last_day_of_period(start: dt.date, months: int) -> dt.date:
    """The last day a period of ``months`` calendar months from ``start`` may include.

    1 January + 3 months → 31 March; 31 January + 1 month → 28 February (the month is short, so
    its last day still counts).
    """
    following = add_months(start, months)
    if following.day < start.day:
        return following
    return following - dt.timedelta(days=1)


class GoalStatus(TitledEnum):
    """How far a goal has come."""

    NOT_STARTED = "not-started", Titles("pole alustatud", "не начата", "not started")
    IN_PROGRESS = "in-progress", Titles("töös", "в процессе", "in progress")
    ACHIEVED = "achieved", Titles("saavutatud", "достигнута", "achieved")
    PARTLY_ACHIEVED = (
        "partly-achieved",
        Titles("osaliselt saavutatud", "достигнута частично", "partly achieved"),
    )
    NOT_ACHIEVED = "not-achieved", Titles("ei saavutatud", "не достигнута", "not achieved")


class GoalProgress(Block):
    """The progress on one goal."""

    item_titles: ClassVar[Titles] = Titles("eesmärk", "цель", "goal")
    """One entry of a list of these, as messages name it."""

    goal: LongText = titled("Eesmärk", "Цель", "Goal")
    status: GoalStatus = titled("Seis", "Состояние", "Status")
    comment: OptionalLongText = titled("Kommentaar", "Комментарий", "Comment", default=None)


class ContactSummary(Block):
    """Contacts of one kind in the period (from the client diary)."""

    item_titles: ClassVar[Titles] = Titles("kontaktiliik", "вид контакта", "kind of contact")
    """One entry of a list of these, as messages name it."""

    kind: ContactKind = titled("Kontakti liik", "Вид контакта", "Kind of contact")
    count: int = titled("Kordade arv", "Количество", "Count", ge=1)
    hours: float = titled("Tunnid", "Часы", "Hours", ge=0, le=744)


class ProgressReport(FormModel):
    """Ülevaade teenuse kulgemisest, edusammudest ja raskustest, to the KOV."""

    form_id: ClassVar[str] = "progress-report"
    titles: ClassVar[Titles] = Titles(
        "Ülevaade teenuse kulgemisest", "Отчёт о ходе оказания услуги", "Progress report"
    )
    titles_in_sentence: ClassVar[Titles] = Titles(
        "ülevaade teenuse kulgemisest", "отчёт о ходе оказания услуги", "progress report"
    )

    form: Literal["progress-report"]
    service: Service = titled("Teenus", "Услуга", "Service")
    municipality: MunicipalityParty = titled(
        "Kohalik omavalitsus", "Местное самоуправление (KOV)", "Municipality"
    )
    provider: ShortText | None = provider_field()
    worker: Worker = titled("Aruande koostaja", "Составитель отчёта", "Written by")
    client: ShortText = titled("Klient", "Клиент", "Client")
    service_start: Date = titled("Teenuse algus", "Начало услуги", "Service start")
    period_start: Date = titled("Aruandeperioodi algus", "Начало отчётного периода", "Period start")
    period_end: Date = titled("Aruandeperioodi lõpp", "Конец отчётного периода", "Period end")
    situation: LongText = titled("Olukord", "Ситуация", "Situation")
    progress: LongText = titled("Edusammud ja tulemused", "Успехи и результаты", "Progress")
    difficulties: OptionalLongText = titled("Raskused", "Трудности", "Difficulties", default=None)
    next_steps: LongText = titled("Edasised tegevused", "Дальнейшие действия", "Next steps")
    goal_progress: list[GoalProgress] = titled(
        "Eesmärkide seis",
        "Ход достижения целей",
        "Progress on the goals",
        default_factory=no_items,
        max_length=limits.GOALS,
    )
    service_end: ServiceEnd | None = titled(
        "Teenus lõppes",
        "Услуга закончилась",
        "The service ended",
        "When the service ended before a closure exists (the term, the family moved away, "
        "the tasks are done, ...), with the closure's reason.",
        default=None,
    )
    contacts: list[ContactSummary] = titled(
        "Kontaktid perioodil",
        "Контакты за период",
        "Contacts in the period",
        default_factory=no_items,
        max_length=limits.CONTACT_KINDS,
    )

    def rule_violations(self) -> list[RuleViolation]:
        """The period lies in the service, is not longer than allowed, and is over."""
        found = dates_in_order(self.period_start, self.period_end, ("period_end",))
        found += provider_fits(self.provider, self.service, ("provider",))
        if self.period_start < self.service_start:
            found.append(
                RuleViolation(
                    ("period_start",),
                    "period_before_service",
                    "the report period starts before the service ({start})",
                    {"start": self.service_start.isoformat()},
                )
            )
        months = REPORT_PERIOD_MONTHS[self.service]
        if self.period_end > last_day_of_period(self.period_start, months):
            found.append(
                RuleViolation(
                    ("period_end",),
                    "period_too_long",
                    "one report covers at most {months} month(s) for this service",
                    {"months": months},
                )
            )
        if self.service_end is not None:
            found += ended_between(
                self.service_end.date,
                self.service_start,
                self.document_date,
                ("service_end", "date"),
            )
        if self.document_date < self.period_end:
            found.append(
                RuleViolation(
                    ("document_date",),
                    "report_before_period_end",
                    "a report is written after its period ends ({end})",
                    {"end": self.period_end.isoformat()},
                )
            )
        return found
