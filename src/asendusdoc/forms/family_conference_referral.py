"""Pere Lahendusringi suunamisvorm: referral to a family group conference (seed 004)."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import model_validator

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import Block, FormModel, RuleViolation, no_items
from asendusdoc.forms._blocks import Child, Worker
from asendusdoc.forms._types import Date, LongText, OptionalLongText, OptionalText, Phone, ShortText
from asendusdoc.reference import MunicipalityName
from asendusdoc.titles import TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = ["AuthorityAgreement", "ConferenceGround", "FamilyConferenceReferral", "ReferrerKind"]


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


_AGREEMENT = "guardianship_authority_agreement"


class AuthorityAgreement(Block):
    """Kooskõlastus eestkosteasutusega: the guardianship authority's agreement (seed 004).

    A substitute-care provider refers "kooskõlastatult eestkosteasutusega": the authority is a
    municipality (the child's guardianship authority), the person is who agreed for it.
    """

    authority: MunicipalityName = titled(
        "Eestkosteasutus (omavalitsus)",
        "Орган опеки (самоуправление)",
        "Guardianship authority (municipality)",
    )
    person: ShortText = titled(
        "Kooskõlastaja (nimi ja ametikoht)",
        "Кто согласовал (имя и должность)",
        "Agreed by (name and position)",
    )
    date: Date = titled("Kooskõlastamise kuupäev", "Дата согласования", "Date of agreement")


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
    guardianship_authority_agreement: AuthorityAgreement | None = titled(
        "Kooskõlastatud eestkosteasutusega",
        "Согласовано с органом опеки",
        "Agreed with the guardianship authority",
        "Required when the referrer is a substitute-care provider: which guardianship "
        "authority agreed, who and when. The old yes/no is still read (see "
        "guardianship_authority_agreed).",
        default=None,
    )
    guardianship_authority_agreed: bool = titled(
        "Kooskõlastatud eestkosteasutusega (üksikasjad märkimata)",
        "Согласовано с органом опеки (подробности не указаны)",
        "Agreed with the guardianship authority (details not recorded)",
        "What an older form's 'guardianship_authority_agreement: true' becomes; validate "
        "reports it. Record the agreement itself instead.",
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
        "Ülevaade pere olukorrast", "Обзор положения семьи", "The family's situation"
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
        default_factory=no_items,
        max_length=limits.NETWORK_MEMBERS,
    )
    expected_outcome: OptionalLongText = titled(
        "Mida lahendusringilt oodatakse",
        "Чего ожидают от Семейного круга решений",
        "What the conference should decide",
        default=None,
    )

    @model_validator(mode="before")
    @classmethod
    def _old_yes_no(cls, data: Any) -> Any:
        """The old yes/no agreement: ``true`` → agreed without details, ``false`` → left out."""
        if isinstance(data, dict) and isinstance(data.get(_AGREEMENT), bool):
            data = dict(data)
            if data.pop(_AGREEMENT):
                data.setdefault("guardianship_authority_agreed", True)
        return data

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
            and self.guardianship_authority_agreement is None
            and not self.guardianship_authority_agreed
        ):
            found.append(
                RuleViolation(
                    ("guardianship_authority_agreement",),
                    "authority_agreement_missing",
                    "a substitute-care provider refers only in agreement with the "
                    "guardianship authority",
                )
            )
        agreement = self.guardianship_authority_agreement
        if isinstance(agreement, AuthorityAgreement) and agreement.date > self.document_date:
            found.append(
                RuleViolation(
                    ("guardianship_authority_agreement", "date"),
                    "authority_agreement_after_referral",
                    "the guardianship authority agrees before the referral is made: the date "
                    "is after the referral's date ({date})",
                    {"date": self.document_date.isoformat()},
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
