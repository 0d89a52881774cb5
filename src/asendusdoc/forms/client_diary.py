"""Kliendipäevik: the diary of contacts kept during the service (seeds 001, 003)."""

from __future__ import annotations

from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import Block, FormModel, RuleViolation
from asendusdoc.forms._blocks import Service, Worker, provider_field
from asendusdoc.forms._rules import dates_in_order, ended_between, provider_fits
from asendusdoc.forms._types import Date, LongText, OptionalLongText, OptionalText, ShortText
from asendusdoc.forms.closure import ServiceEnd
from asendusdoc.reference import MunicipalityName
from asendusdoc.titles import TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = ["ClientDiary", "ContactKind", "DiaryEntry"]


class ContactKind(TitledEnum):
    """Kontakti liik: the kinds of client work named in seeds 001 and 003."""

    HOME_VISIT = "home-visit", Titles("koduvisiit", "визит на дом", "home visit")
    CONVERSATION = "conversation", Titles("vestlus", "беседа", "conversation")
    COUNSELLING = "counselling", Titles("nõustamine", "консультирование", "counselling")
    ROUND_TABLE = "round-table", Titles("ümarlaud", "круглый стол", "round table")
    NETWORK_MEETING = (
        "network-meeting",
        Titles(
            "kohtumine võrgustikuga",
            "встреча с сетью поддержки клиента",
            "meeting with the network",
        ),
    )
    ACCOMPANYING = (
        "accompanying",
        Titles("saatmine asutusse", "сопровождение в учреждение", "accompanying to an institution"),
    )
    PHONE_OR_ONLINE = (
        "phone-or-online",
        Titles(
            "telefoni- või veebikontakt",
            "контакт по телефону или онлайн",
            "phone or online contact",
        ),
    )
    OTHER = "other", Titles("muu", "другое", "other")


class DiaryEntry(Block):
    """Sissekanne: one contact with the client."""

    item_titles: ClassVar[Titles] = Titles("sissekanne", "запись", "entry")
    """One entry of a list of these, as messages name it."""

    date: Date = titled("Kuupäev", "Дата", "Date")
    kind: ContactKind = titled("Kontakti liik", "Вид контакта", "Kind of contact")
    duration_minutes: int = titled(
        "Kestus (min)", "Продолжительность (мин)", "Duration (minutes)", ge=1, le=1440
    )
    participants: OptionalText = titled("Osalejad", "Участники", "Participants", default=None)
    description: LongText = titled("Mida tehti", "Что было сделано", "What was done")
    next_steps: OptionalLongText = titled(
        "Edasised sammud", "Дальнейшие шаги", "Next steps", default=None
    )
    service_end: ServiceEnd | None = titled(
        "Teenus lõppes",
        "Услуга закончилась",
        "The service ended",
        "Recorded with this contact: when the service ended and why (the closure's reasons).",
        default=None,
    )


class ClientDiary(FormModel):
    """Kliendipäevik: filled by the support person together with the client."""

    form_id: ClassVar[str] = "client-diary"
    titles: ClassVar[Titles] = Titles("Kliendipäevik", "Дневник клиента", "Client diary")
    titles_in_sentence: ClassVar[Titles] = Titles(
        "kliendipäevik", "дневник клиента", "client diary"
    )

    form: Literal["client-diary"]
    service: Service = titled("Teenus", "Услуга", "Service")
    municipality: MunicipalityName = titled(
        "Kohalik omavalitsus", "Местное самоуправление (KOV)", "Municipality"
    )
    provider: ShortText | None = provider_field()
    worker: Worker = titled(
        "Töötaja",
        "Сотрудник",
        "Worker",
        "The support person, family support worker or family support person keeping the diary.",
    )
    client: ShortText = titled(
        "Klient", "Клиент", "Client", "The young person or the family, as named in the case."
    )
    period_start: Date = titled("Päeviku algus", "Начало дневника", "Diary start")
    period_end: Date | None = titled(
        "Päeviku lõpp", "Окончание дневника", "Diary end", default=None
    )
    entries: list[DiaryEntry] = titled(
        "Sissekanded", "Записи", "Entries", min_length=1, max_length=limits.DIARY_ENTRIES
    )

    def data_titles(self, name: str) -> Titles | None:
        """The worker is named by their role in the service."""
        return self.service.worker_titles if name == "worker" else None

    def rule_violations(self) -> list[RuleViolation]:
        """Every entry lies in the diary's period and not after the document date."""
        found = dates_in_order(self.period_start, self.period_end, ("period_end",))
        found += provider_fits(self.provider, self.service, ("provider",))
        last = min(self.period_end or self.document_date, self.document_date)
        for index, entry in enumerate(self.entries):
            if entry.date < self.period_start or entry.date > last:
                found.append(
                    RuleViolation(
                        ("entries", index, "date"),
                        "entry_outside_period",
                        "the entry is dated outside the diary's period ({start} to {end})",
                        {"start": self.period_start.isoformat(), "end": last.isoformat()},
                    )
                )
            if entry.service_end is not None:
                found += ended_between(
                    entry.service_end.date,
                    self.period_start,
                    entry.date,
                    ("entries", index, "service_end", "date"),
                )
        return found
