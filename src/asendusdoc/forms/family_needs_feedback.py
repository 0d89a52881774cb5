"""Perede vajaduste tagasiside: a family's feedback on its needs (seed 002, SKA's monitoring).

Filled by the family, or by a specialist together with the family. It names no person: no
names, no personal codes; an optional case number links it to a case. The family type, life
stage and municipality (hence county and region) are what the needs report groups by; only
answers given with the consent to statistics are counted there.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from asendusdoc.forms._base import Block, FormModel, RuleViolation, no_items
from asendusdoc.forms._blocks import FamilyType
from asendusdoc.forms._rules import dates_in_order
from asendusdoc.forms._types import Date, OptionalLongText, OptionalText
from asendusdoc.reference import County, MunicipalityName, Region, county_of, region_of
from asendusdoc.reference.needs import NeedArea, SupportService
from asendusdoc.titles import TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = [
    "ContactOpenness",
    "FamilyNeedsFeedback",
    "FilledBy",
    "LifeStage",
    "NeedAnswer",
    "NeedLevel",
    "ServiceUse",
    "Usefulness",
]


class LifeStage(TitledEnum):
    """Eluetapp: where the family and child are (seeds 001 and 002)."""

    WAITING = "waiting", Titles("lapse ootamine", "ожидание ребёнка", "waiting for the child")
    FIRST_MEETINGS = (
        "first-meetings",
        Titles("esimesed kohtumised", "первые встречи", "first meetings"),
    )
    FIRST_YEAR = (
        "first-year",
        Titles("esimene aasta peres", "первый год в семье", "the first year in the family"),
    )
    SCHOOL_AGE = (
        "kindergarten-school-age",
        Titles(
            "lasteaia- või kooliiga",
            "дошкольный или школьный возраст",
            "kindergarten or school age",
        ),
    )
    ADOLESCENCE = "adolescence", Titles("noorukiiga", "подростковый возраст", "adolescence")
    LEAVING_CARE = (
        "leaving-care",
        Titles(
            "täisealiseks saamine või asendushoolduselt lahkumine",
            "совершеннолетие или выход из замещающего ухода",
            "coming of age or leaving care",
        ),
    )


class FilledBy(TitledEnum):
    """Who filled in the feedback."""

    FAMILY = "family", Titles("pere", "семья", "the family")
    SPECIALIST_WITH_FAMILY = (
        "specialist-with-family",
        Titles(
            "spetsialist koos perega", "специалист вместе с семьёй", "a specialist with the family"
        ),
    )


class NeedLevel(TitledEnum):
    """How great the need is; ``skipped`` answers the area by saying nothing about it."""

    NONE = "none", Titles("vajadus puudub", "потребности нет", "no need")
    SOME = "some", Titles("mõningane vajadus", "некоторая потребность", "some need")
    GREAT = "great", Titles("suur vajadus", "большая потребность", "great need")
    SKIPPED = "skipped", Titles("jätan vastamata", "оставляю без ответа", "skipped")


class Usefulness(TitledEnum):
    """How useful a service was."""

    # Russian without adjectives: the service beside it may be masculine, feminine or neuter
    VERY = "very-useful", Titles("väga kasulik", "большая польза", "very useful")
    SOMEWHAT = "somewhat-useful", Titles("mõnevõrra kasulik", "некоторая польза", "somewhat useful")
    NOT = "not-useful", Titles("ei olnud kasulik", "пользы не было", "not useful")
    CANNOT_SAY = "cannot-say", Titles("ei oska öelda", "затрудняюсь ответить", "cannot say")


class ContactOpenness(TitledEnum):
    """How open and sincere the contact with the specialist felt (seed 002)."""

    OPEN = "open", Titles("avatud ja siiras", "открытое и искреннее", "open and sincere")
    PARTLY = "partly-open", Titles("osaliselt avatud", "отчасти открытое", "partly open")
    NOT_OPEN = "not-open", Titles("ei olnud avatud", "не было открытым", "not open")
    NO_CONTACT = (
        "no-contact",
        Titles(
            "spetsialistiga ei olnud kontakti", "контакта со специалистом не было", "no contact"
        ),
    )


class NeedAnswer(Block):
    """The family's answer for one need area."""

    item_titles: ClassVar[Titles] = Titles("valdkond", "область", "area")
    """One entry of a list of these, as messages name it."""

    area: NeedArea = titled("Valdkond", "Область", "Area")
    level: NeedLevel = titled("Vajadus", "Потребность", "Need")
    description: OptionalText = titled(
        "Valdkonna kirjeldus",
        "Описание области",
        "Description of the area",
        "Required for the area 'other' unless there is no need or it is skipped.",
        default=None,
    )
    comment: OptionalLongText = titled("Kommentaar", "Комментарий", "Comment", default=None)


class ServiceUse(Block):
    """A service the family used in the period, and how useful it was."""

    item_titles: ClassVar[Titles] = Titles("teenus", "услуга", "service")
    """One entry of a list of these, as messages name it."""

    service: SupportService = titled("Teenus", "Услуга", "Service")
    usefulness: Usefulness = titled("Kasulikkus", "Полезность", "Usefulness")


class FamilyNeedsFeedback(FormModel):
    """Perede vajaduste tagasiside (seed 002): needs by area, services used, the contact."""

    form_id: ClassVar[str] = "family-needs-feedback"
    titles: ClassVar[Titles] = Titles(
        "Perede vajaduste tagasiside",
        "Отзыв семьи о потребностях",
        "Family needs feedback",
    )
    titles_in_sentence: ClassVar[Titles] = Titles(
        "perede vajaduste tagasiside", "отзыв семьи о потребностях", "family needs feedback"
    )

    form: Literal["family-needs-feedback"]
    case_reference: OptionalText = titled(  # type: ignore[assignment]
        "Juhtumi number",
        "Номер случая",
        "Case reference",
        "Optional: links the feedback to a case. Never shown in the needs report.",
        default=None,
    )
    filled_by: FilledBy = titled("Vormi täitis", "Форму заполнил(а)", "Filled in by")
    family_type: FamilyType = titled("Pere liik", "Тип семьи", "Family type")
    life_stage: LifeStage = titled("Eluetapp", "Этап жизни", "Life stage")
    municipality: MunicipalityName = titled(
        "Elukoha omavalitsus", "Самоуправление по месту жительства", "Home municipality"
    )
    period_start: Date = titled("Perioodi algus", "Начало периода", "Period start")
    period_end: Date = titled("Perioodi lõpp", "Конец периода", "Period end")
    needs: list[NeedAnswer] = titled(
        "Vajadused valdkonniti",
        "Потребности по областям",
        "Needs by area",
        "One answer per area; an area may be skipped explicitly.",
        min_length=1,
        max_length=len(NeedArea),
    )
    services_used: list[ServiceUse] = titled(
        "Perioodil kasutatud teenused",
        "Услуги, использованные за период",
        "Services used in the period",
        default_factory=no_items,
        max_length=len(SupportService),
    )
    contact_openness: ContactOpenness = titled(
        "Suhtlus spetsialistiga",
        "Общение со специалистом",
        "Contact with the specialist",
    )
    expectations: OptionalLongText = titled(
        "Pere ootused", "Ожидания семьи", "What the family expects", default=None
    )
    statistics_consent: bool = titled(
        "Nõusolek vastuste kasutamiseks statistikas",
        "Согласие на использование ответов в статистике",
        "Consent to use the answers in statistics",
    )

    @property
    def county(self) -> County:
        """The county of the home municipality."""
        return county_of(self.municipality)

    @property
    def region(self) -> Region:
        """The SKA region of the home municipality (seed 001)."""
        return region_of(self.municipality)

    def rule_violations(self) -> list[RuleViolation]:
        """Seed 002: every area answered or skipped once, 'other' described, no future date."""
        found = dates_in_order(self.period_start, self.period_end, ("period_end",))
        today = dt.date.today()
        for name in ("document_date", "period_start", "period_end"):
            if getattr(self, name) > today:
                found.append(RuleViolation((name,), "date_in_future", "the date is in the future"))
        seen: set[NeedArea] = set()
        for index, answer in enumerate(self.needs):
            seen.add(answer.area)  # all present and at most one per area: none is repeated
            needed = answer.level in (NeedLevel.SOME, NeedLevel.GREAT)
            if answer.area is NeedArea.OTHER and needed and answer.description is None:
                found.append(
                    RuleViolation(
                        ("needs", index, "description"),
                        "other_need_description_missing",
                        "describe the other need",
                    )
                )
        found += [
            RuleViolation(
                ("needs",),
                "need_area_missing",
                "the area '{area}' is not answered: rate it or mark it skipped",
                {"area": area.value},
            )
            for area in NeedArea
            if area not in seen
        ]
        return found

    def level_of(self, area: NeedArea) -> NeedLevel:
        """The answer for ``area`` (every area has one in a valid form)."""
        for answer in self.needs:
            if answer.area is area:
                return answer.level
        return NeedLevel.SKIPPED
