"""Suunamine tugiisikuteenusele: referral of a young person leaving care (seed 001)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import Block, FormModel, RuleViolation, add_months, no_items
from asendusdoc.forms._blocks import Child, Goal, MunicipalityParty, YoungPerson
from asendusdoc.forms._types import Date, LongText, OptionalText, Phone, ShortText
from asendusdoc.forms._words import withheld_value
from asendusdoc.reference import MunicipalityName, Region, region_of
from asendusdoc.titles import EarlierTitle, TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = [
    "NEEDS_ASSESSMENT_WITHHELD",
    "PROFESSIONAL_MONTHS_BEFORE_LEAVING",
    "CareSetting",
    "ReferralReason",
    "SupportPersonReferral",
    "SupportPersonType",
    "professional_earliest_start",
]


class CareSetting(TitledEnum):
    """Where the young person lives or lived in substitute care."""

    CHILDRENS_HOME = (
        "childrens-home",
        Titles(
            "asenduskodu või perekodu",
            "замещающий дом или семейный дом",
            "children's or family home",
        ),
    )
    FOSTER_FAMILY = (
        "foster-family",
        Titles("hoolduspere (perekonnas hooldamine)", "приёмная семья", "foster family"),
        (EarlierTitle("et", "hooldusperi (perekonnas hooldamine)", since=25),),
    )
    GUARDIANSHIP = (
        "guardianship",
        Titles("perekonnas eestkoste", "опека в семье", "guardianship in a family"),
    )


class ReferralReason(TitledEnum):
    """Why the young person is in the target group (seed 001)."""

    LEAVING_CARE = (
        "leaving-care",
        Titles(
            "lahkub asendushoolduselt järelhooldusele või iseseisvasse ellu",
            "выходит из замещающего ухода на последующий уход или в самостоятельную жизнь",
            "leaving care for aftercare or independent life",
        ),
    )
    PREGNANT_OR_MOTHER = (
        "pregnant-or-mother",
        Titles(
            "jäi asendushooldusel olles lapseootele või sai emaks",
            "забеременела или стала матерью, находясь в замещающем уходе",
            "became pregnant or a mother while in care",
        ),
    )
    LEFT_EARLIER = (
        "left-earlier",
        Titles(
            "lahkus varem ja tal on raskusi iseseisva toimetulekuga",
            "вышел(а) из замещающего ухода ранее и испытывает трудности в самостоятельной жизни",
            "left care earlier and struggles to cope",
        ),
    )


class SupportPersonType(TitledEnum):
    """Tugiisiku liik (seed 001)."""

    TRUSTED = "trusted", Titles("usaldus-tugiisik", "доверенное опорное лицо", "trusted")
    PROFESSIONAL = (
        "professional",
        Titles("professionaalne tugiisik", "профессиональное опорное лицо", "professional"),
    )


class TrustedSupportPerson(Block):
    """The person the young person knows and wants as support person."""

    name: ShortText = titled("Nimi", "Имя и фамилия", "Name")
    relationship: ShortText = titled(
        "Seos noorega", "Кем приходится молодому человеку", "Relationship to the young person"
    )
    phone: Phone | None = titled("Telefon", "Телефон", "Phone", default=None)


NEEDS_ASSESSMENT_WITHHELD = withheld_value("needs_assessment")
"""What the provider's support-person referral says in place of the case-plan assessment (et
and ru); see :mod:`asendusdoc.case.redact`."""

PROFESSIONAL_MONTHS_BEFORE_LEAVING = 6
"""Seed 001: "Professionaalse tugiisiku teenust võib alustada kuni 6 kuud enne planeeritavat
elluastumist"."""


def professional_earliest_start(leaving: dt.date | None) -> dt.date | None:
    """The earliest start of a professional support person; None without a planned leaving.

    A young mother who qualifies by motherhood (seed 001's second criterion) and has no leaving
    planned may have a professional support person while she is in care: the six months count
    from a planned leaving, and there is none.
    """
    return None if leaving is None else add_months(leaving, -PROFESSIONAL_MONTHS_BEFORE_LEAVING)


class SupportPersonReferral(FormModel):
    """Tugiisikuteenusele suunamine: the KOV's extract of the case plan sent to SKA (seed 001)."""

    form_id: ClassVar[str] = "support-person-referral"
    titles: ClassVar[Titles] = Titles(
        "Tugiisikuteenusele suunamise vorm",
        "Форма направления на услугу опорного лица",
        "Support-person service referral",
    )
    titles_in_sentence: ClassVar[Titles] = Titles(
        "tugiisikuteenusele suunamise vorm",
        "форма направления на услугу опорного лица",
        "support-person referral",
    )

    form: Literal["support-person-referral"]
    municipality: MunicipalityParty = titled(
        "Suunav kohalik omavalitsus",
        "Направляющее местное самоуправление",
        "Referring municipality",
    )
    young_person: YoungPerson = titled("Noor", "Молодой человек", "Young person")
    reason: ReferralReason = titled("Suunamise alus", "Основание направления", "Reason")
    care_setting: CareSetting = titled(
        "Asendushoolduse vorm", "Форма замещающего ухода", "Substitute-care setting"
    )
    leaving_care_date: Date | None = titled(
        "Asendushoolduselt lahkumise (kavandatud) kuupäev",
        "(Планируемая) дата выхода из замещающего ухода",
        "(Planned) date of leaving care",
        "Required, except for a young mother who qualifies by having become pregnant or a "
        "mother while in care (seed 001) and whose leaving is not yet planned.",
        default=None,
    )
    children: list[Child] = titled(
        "Noore lapsed",
        "Дети молодого человека",
        "The young person's children",
        "A young mother's child or children (seed 001: she became pregnant or a mother while "
        "in care).",
        default_factory=no_items,
        max_length=limits.CHILDREN,
    )
    aftercare: bool = titled(
        "Noor on samal ajal järelhooldusel",
        "Молодой человек одновременно получает последующий уход",
        "Also in aftercare",
    )
    residence_municipality: MunicipalityName = titled(
        "Elukoht pärast lahkumist (omavalitsus)",
        "Место жительства после выхода (самоуправление)",
        "Home after leaving care (municipality)",
    )
    provider_region: Region = titled(
        "Teenuseosutaja piirkond", "Регион поставщика услуги", "Provider's region"
    )
    support_person_type: SupportPersonType = titled(
        "Tugiisiku liik", "Вид опорного лица", "Support-person type"
    )
    trusted_support_person: TrustedSupportPerson | None = titled(
        "Usaldus-tugiisik", "Доверенное опорное лицо", "Trusted support person", default=None
    )
    service_start: Date = titled(
        "Teenuse soovitud algus", "Желаемое начало услуги", "Requested service start"
    )
    needs_assessment: LongText = titled(
        "Juhtumiplaani hinnang teenuse vajadusele",
        "Оценка потребности в услуге в плане работы со случаем",
        "Case-plan assessment of the need",
    )
    goals: list[Goal] = titled(
        "Eesmärgid", "Цели", "Goals", default_factory=no_items, max_length=limits.GOALS
    )
    notes: OptionalText = titled("Märkused", "Примечания", "Notes", default=None)

    def rule_violations(self) -> list[RuleViolation]:
        """Seed 001: start rules of both support-person types, the region, the trusted person."""
        found: list[RuleViolation] = []
        leaving = self.leaving_care_date
        if leaving is None and self.reason is not ReferralReason.PREGNANT_OR_MOTHER:
            found.append(
                RuleViolation(
                    ("leaving_care_date",),
                    "leaving_care_date_missing",
                    "give the (planned) date of leaving care; only a young mother who became "
                    "pregnant or a mother while in care may leave it out",
                )
            )
        if self.support_person_type is SupportPersonType.TRUSTED:
            if leaving is None:
                if self.reason is ReferralReason.PREGNANT_OR_MOTHER:
                    found.append(
                        RuleViolation(
                            ("leaving_care_date",),
                            "trusted_needs_leaving",
                            "a trusted support person starts only after the young person has "
                            "left care: give the leaving-care date, or choose a professional "
                            "support person, who may start while she is in care",
                        )
                    )
            elif self.service_start < leaving:
                found.append(
                    RuleViolation(
                        ("service_start",),
                        "trusted_start_before_leaving",
                        "a trusted support person starts only after the young person has left "
                        "care (on or after {leaving})",
                        {"leaving": leaving.isoformat()},
                    )
                )
            if self.trusted_support_person is None:
                found.append(
                    RuleViolation(
                        ("trusted_support_person",),
                        "trusted_person_missing",
                        "name the trusted support person the young person wants",
                    )
                )
        else:
            earliest = professional_earliest_start(leaving)
            if earliest is not None and self.service_start < earliest:
                found.append(
                    RuleViolation(
                        ("service_start",),
                        "professional_start_too_early",
                        "a professional support person starts at most 6 months before the "
                        "planned leaving (not before {earliest})",
                        {"earliest": earliest.isoformat()},
                    )
                )
            if self.trusted_support_person is not None:
                found.append(
                    RuleViolation(
                        ("trusted_support_person",),
                        "trusted_person_for_professional",
                        "a trusted support person is named but the type is professional",
                    )
                )
        expected = region_of(self.residence_municipality)
        if self.provider_region is not expected:
            found.append(
                RuleViolation(
                    ("provider_region",),
                    "region_mismatch",
                    "the young person will live in {municipality}: the provider is the one of "
                    "the {expected}",
                    {"municipality": self.residence_municipality, "expected": expected.value},
                )
            )
        if (
            self.reason is ReferralReason.LEFT_EARLIER
            and leaving is not None
            and leaving > self.document_date
        ):
            found.append(
                RuleViolation(
                    ("leaving_care_date",),
                    "left_earlier_date_in_future",
                    "the young person left care earlier, so the leaving date cannot be after "
                    "the document date",
                )
            )
        return found
