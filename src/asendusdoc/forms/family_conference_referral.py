"""Pere Lahendusringi suunamisvorm: referral to a family group conference (seed 004)."""

from __future__ import annotations

from typing import ClassVar, Literal

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import Block, FormModel, RuleViolation
from asendusdoc.forms._blocks import Child, Worker
from asendusdoc.forms._types import LongText, OptionalLongText, OptionalText, Phone, ShortText
from asendusdoc.reference import MunicipalityName
from asendusdoc.titles import TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = ["ConferenceGround", "FamilyConferenceReferral", "ReferrerKind"]


class ConferenceGround(TitledEnum):
    """Suunamise alus (seed 004)."""

    CHILD_WELFARE = (
        "child-welfare",
        Titles(
            "lapse heaolu tagamine ja perest eraldamise ennetamine",
            "обеспечение благополучия ребёнка и предотвращение разлучения с семьёй",
            "the child's welfare and preventing separation",
        ),
    )
    CARER_IN_CLOSE_CIRCLE = (
        "carer-in-close-circle",
        Titles(
            "lähiringist hooldaja leidmine perest eraldamise korral",
            "поиск человека из близкого окружения, который возьмёт ребёнка на воспитание",
            "finding a carer in the close circle after separation",
        ),
    )
    CONTACT_WITH_BIRTH_PARENTS = (
        "contact-with-birth-parents",
        Titles(
            "suhtluse korraldamine bioloogiliste vanematega",
            "организация общения с биологическими родителями",
            "arranging contact with the birth parents",
        ),
    )
    OTHER_SUBSTITUTE_CARE = (
        "other-substitute-care",
        Titles(
            "muu asendushoolduse juhtum",
            "другой случай замещающего ухода",
            "another substitute-care case",
        ),
    )


class ReferrerKind(TitledEnum):
    """Suunaja: the child's case manager (seed 004)."""

    CHILD_PROTECTION_WORKER = (
        "child-protection-worker",
        Titles("lastekaitsetöötaja", "специалист по защите детей", "child-protection worker"),
    )
    SUBSTITUTE_CARE_PROVIDER = (
        "substitute-care-provider",
        Titles(
            "asendushooldusteenuse osutaja",
            "поставщик услуги замещающего ухода",
            "substitute-care provider",
        ),
    )


class Referrer(Block):
    """Suunaja: who refers, for which organisation."""

    kind: ReferrerKind = titled("Suunaja", "Направляющая сторона", "Referrer")
    organisation: ShortText = titled("Asutus", "Учреждение", "Organisation")
    person: Worker = titled("Kontaktisik", "Контактное лицо", "Contact person")


class NetworkMember(Block):
    """A person of the family's wider network who may take part."""

    item_titles: ClassVar[Titles] = Titles(
        "võrgustiku liige", "участник близкого окружения", "network member"
    )
    """One entry of a list of these, as messages name it."""

    name: ShortText = titled("Nimi", "Имя и фамилия", "Name")
    relationship: ShortText = titled("Seos lapsega", "Кем приходится ребёнку", "Relationship")
    phone: Phone | None = titled("Telefon", "Телефон", "Phone", default=None)


class FamilyConferenceReferral(FormModel):
    """Pere Lahendusringi suunamisvorm (seed 004)."""

    form_id: ClassVar[str] = "family-conference-referral"
    titles: ClassVar[Titles] = Titles(
        "Pere Lahendusringi suunamisvorm",
        "Форма направления в Семейный круг решений",
        "Family group conference referral",
    )
    titles_in_sentence: ClassVar[Titles] = Titles(
        "Pere Lahendusringi suunamisvorm",
        "форма направления в Семейный круг решений",
        "family group conference referral",
    )

    form: Literal["family-conference-referral"]
    referrer: Referrer = titled("Suunaja", "Направляющая сторона", "Referrer")
    municipality: MunicipalityName = titled(
        "Lapse elukoha omavalitsus",
        "Самоуправление по месту жительства ребёнка",
        "Child's home municipality",
    )
    guardianship_authority_agreement: bool = titled(
        "Kooskõlastatud eestkosteasutusega",
        "Согласовано с органом опеки",
        "Agreed with the guardianship authority",
        "Required when the referrer is a substitute-care provider.",
        default=False,
    )
    family_consent: bool = titled("Pere nõusolek", "Согласие семьи", "Family's consent")
    grounds: list[ConferenceGround] = titled(
        "Suunamise alus",
        "Основание направления",
        "Grounds",
        item=Titles("alus", "основание", "ground"),
        min_length=1,
        max_length=len(ConferenceGround),
    )
    other_grounds: OptionalText = titled(
        "Muu alus", "Другое основание", "Other grounds", default=None
    )
    children: list[Child] = titled(
        "Lapsed", "Дети", "Children", min_length=1, max_length=limits.CHILDREN
    )
    family_situation: LongText = titled(
        "Ülevaade pere olukorrast", "Обзор ситуации семьи", "The family's situation"
    )
    protective_factors: list[LongText] = titled(
        "Lapse kaitsetegurid",
        "Защитные факторы ребёнка",
        "Protective factors",
        item=Titles("kaitsetegur", "защитный фактор", "protective factor"),
        min_length=1,
        max_length=limits.FACTORS,
    )
    risk_factors: list[LongText] = titled(
        "Lapse riskitegurid",
        "Факторы риска ребёнка",
        "Risk factors",
        item=Titles("riskitegur", "фактор риска", "risk factor"),
        min_length=1,
        max_length=limits.FACTORS,
    )
    network: list[NetworkMember] = titled(
        "Pere võrgustik",
        "Близкое окружение семьи",
        "The family's network",
        default_factory=list,
        max_length=limits.NETWORK_MEMBERS,
    )
    expected_outcome: OptionalLongText = titled(
        "Mida lahendusringilt oodatakse",
        "Чего ожидают от Семейного круга решений",
        "What the conference should decide",
        default=None,
    )

    def rule_violations(self) -> list[RuleViolation]:
        """Seed 004: consent, the provider's agreement with the authority, other grounds."""
        found: list[RuleViolation] = []
        if not self.family_consent:
            found.append(
                RuleViolation(
                    ("family_consent",),
                    "consent_missing",
                    "a family group conference needs the family's consent",
                )
            )
        if (
            self.referrer.kind is ReferrerKind.SUBSTITUTE_CARE_PROVIDER
            and not self.guardianship_authority_agreement
        ):
            found.append(
                RuleViolation(
                    ("guardianship_authority_agreement",),
                    "authority_agreement_missing",
                    "a substitute-care provider refers only in agreement with the "
                    "guardianship authority",
                )
            )
        if ConferenceGround.OTHER_SUBSTITUTE_CARE in self.grounds and self.other_grounds is None:
            found.append(
                RuleViolation(
                    ("other_grounds",),
                    "other_grounds_missing",
                    "describe the other substitute-care case",
                )
            )
        return found
