"""Building blocks shared by the forms: people, parties, goals, activities, factors."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, model_validator

from asendusdoc.forms import _limits as limits
from asendusdoc.forms._base import Block
from asendusdoc.forms._types import (
    Date,
    Email,
    LongText,
    OptionalLongText,
    OptionalText,
    PersonalCode,
    Phone,
    ShortText,
    birth_date_of,
)
from asendusdoc.i18n.field_errors import field_error
from asendusdoc.reference import PROVIDERS, MunicipalityName, ProviderName
from asendusdoc.titles import EarlierTitle, TitledEnum, Titles
from asendusdoc.titles import field as titled

__all__ = [
    "PROBLEM_AREAS_TO_DESCRIBE",
    "Activity",
    "Caregiver",
    "CaregiverRole",
    "Child",
    "Family",
    "FamilyType",
    "Goal",
    "GoalKey",
    "MunicipalityParty",
    "Person",
    "ProblemArea",
    "ProblemAreaKind",
    "ProviderParty",
    "Responsible",
    "Service",
    "Worker",
    "YoungPerson",
    "provider_field",
]


class Worker(Block):
    """A professional: child-protection worker, family support worker, support person."""

    name: ShortText = titled("Nimi", "Имя и фамилия", "Name")
    position: OptionalText = titled("Ametikoht", "Должность", "Position", default=None)
    phone: Phone | None = titled("Telefon", "Телефон", "Phone", default=None)
    email: Email | None = titled("E-post", "Эл. почта", "E-mail", default=None)


def provider_field(description: str | None = None) -> Any:
    """An optional provider: a reference provider for SKA's services, any name for Viimsi's.

    The form's rule (:func:`asendusdoc.forms._rules.provider_fits`) checks the name against the
    reference list where the service is SKA's; the municipality's own service (seed 003) names
    the employer of its support person freely.
    """
    return titled(
        "Teenuseosutaja",
        "Поставщик услуги",
        "Provider",
        description
        or "SKA's services: a provider of the reference list. The municipality's own family "
        "support-person service: the support person's employer, named freely.",
        default=None,
        examples=list(PROVIDERS),
    )


class MunicipalityParty(Block):
    """Kohalik omavalitsus (KOV) and its child-protection worker (lastekaitsetöötaja)."""

    name: MunicipalityName = titled(
        "Kohalik omavalitsus", "Местное самоуправление (KOV)", "Municipality"
    )
    worker: Worker = titled(
        "Lastekaitsetöötaja", "Специалист по защите детей", "Child-protection worker"
    )


class ProviderParty(Block):
    """Teenuseosutaja and its worker (peretoetaja or tugiisik)."""

    name: ProviderName = titled("Teenuseosutaja", "Поставщик услуги", "Provider")
    worker: Worker = titled(
        "Teenuseosutaja töötaja", "Сотрудник поставщика услуги", "Provider's worker"
    )


class Person(Block):
    """Isik: a person identified by name, with an optional personal code."""

    given_name: ShortText = titled("Eesnimi", "Имя", "Given name")
    family_name: ShortText = titled("Perekonnanimi", "Фамилия", "Family name")
    personal_code: PersonalCode | None = titled(
        "Isikukood", "Личный код", "Personal code", default=None
    )

    @property
    def full_name(self) -> str:
        """Given name and family name."""
        return f"{self.given_name} {self.family_name}"


def _check_code_and_birth_date(
    personal_code: str | None, birth_date: dt.date | None, *, required: bool
) -> None:
    if required and personal_code is None and birth_date is None:
        raise field_error("identity_missing")
    known = personal_code is not None and birth_date is not None
    if known and birth_date_of(personal_code) != birth_date:  # type: ignore[arg-type]
        raise field_error("birth_date_mismatch")


class Child(Person):
    """Laps: a child of the family; the birth date serves when there is no personal code yet."""

    item_titles: ClassVar[Titles] = Titles("laps", "ребёнок", "child")
    """One entry of a list of these, as messages name it."""

    birth_date: Date | None = titled("Sünniaeg", "Дата рождения", "Birth date", default=None)

    @model_validator(mode="after")
    def _identity(self) -> Child:
        _check_code_and_birth_date(self.personal_code, self.birth_date, required=True)
        return self

    @property
    def born(self) -> dt.date:
        """The birth date, from the personal code when no birth date is given."""
        if self.birth_date is not None:
            return self.birth_date
        assert self.personal_code is not None
        return birth_date_of(self.personal_code)


class YoungPerson(Child):
    """Noor: the young person leaving substitute care (seed 001)."""

    phone: Phone | None = titled("Telefon", "Телефон", "Phone", default=None)
    email: Email | None = titled("E-post", "Эл. почта", "E-mail", default=None)


class CaregiverRole(TitledEnum):
    """The adult's role in the family."""

    FOSTER_PARENT = "foster-parent", Titles("hooldusvanem", "приёмный родитель", "foster parent")
    GUARDIAN = "guardian", Titles("eestkostja", "опекун", "guardian")
    ADOPTIVE_PARENT = "adoptive-parent", Titles("lapsendaja", "усыновитель", "adoptive parent")
    PARENT = "parent", Titles("vanem", "родитель", "parent")


class Caregiver(Person):
    """Hooldusvanem, eestkostja, lapsendaja or vanem: an adult of the family."""

    item_titles: ClassVar[Titles] = Titles("täiskasvanu", "взрослый", "adult")
    """One entry of a list of these, as messages name it."""

    role: CaregiverRole = titled("Roll peres", "Роль в семье", "Role in the family")
    phone: Phone | None = titled("Telefon", "Телефон", "Phone", default=None)
    email: Email | None = titled("E-post", "Эл. почта", "E-mail", default=None)


class FamilyType(TitledEnum):
    """Sihtgrupp: the kind of substitute-care family (seed 000)."""

    FOSTER = (
        "foster-family",
        Titles("hoolduspere", "приёмная семья", "foster family"),
        (EarlierTitle("et", "hooldusperi", since=25),),
    )
    GUARDIAN = "guardian-family", Titles("eestkostepere", "семья опекуна", "guardian family")
    ADOPTIVE = "adoptive-family", Titles("lapsendajapere", "семья усыновителя", "adoptive family")


GOAL_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$"
CYRILLIC_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсхуІіЈј", "ABEKMHOPCTXaeopcxyIiJj")
"""Cyrillic letters that look like Latin ones: a Russian keyboard types «Е1» for E1."""


def latin_goal_key(value: str) -> str:
    """``value`` with its Cyrillic look-alike letters as the Latin ones they look like."""
    return value.translate(CYRILLIC_LOOKALIKES)


def _read_goal_key(value: Any) -> Any:
    """A key typed with Cyrillic look-alikes («Е1») is read as the Latin key (``validate``
    notes it as a migration); any other key that is not allowed says what is, with examples."""
    if not isinstance(value, str):
        return value
    latin = latin_goal_key(value)
    if re.fullmatch(GOAL_KEY_PATTERN, latin) is None:
        raise field_error("goal_key_invalid")
    return latin


GoalKey = Annotated[
    str,
    Field(pattern=GOAL_KEY_PATTERN),
    BeforeValidator(_read_goal_key),
]


class Goal(Block):
    """Eesmärk: what the service should reach."""

    item_titles: ClassVar[Titles] = Titles("eesmärk", "цель", "goal")
    """One entry of a list of these, as messages name it."""

    key: GoalKey | None = titled(
        "Tähis",
        "Обозначение",
        "Key",
        "A short key (e.g. E1) that follows the goal from referral to agreement and closure.",
        default=None,
    )
    description: LongText = titled("Eesmärk", "Цель", "Goal")
    indicator: OptionalLongText = titled(
        "Mille järgi saavutamist hinnatakse",
        "Критерий достижения",
        "How reaching it is judged",
        default=None,
    )


class Responsible(TitledEnum):
    """Who carries out an activity."""

    FAMILY = "family", Titles("pere", "семья", "family")
    CHILD = "child", Titles("laps", "ребёнок", "child")
    YOUNG_PERSON = "young-person", Titles("noor", "молодой человек", "young person")
    WORKER = (
        "worker",
        Titles("teenuseosutaja töötaja", "сотрудник поставщика услуги", "provider's worker"),
    )
    MUNICIPALITY = (
        "municipality",
        Titles("kohalik omavalitsus", "местное самоуправление", "municipality"),
    )
    OTHER = "other", Titles("muu", "другое", "other")


class Activity(Block):
    """Tegevus: what someone does to reach a goal."""

    item_titles: ClassVar[Titles] = Titles("tegevus", "действие", "activity")
    """One entry of a list of these, as messages name it."""

    description: LongText = titled("Tegevus", "Действие", "Activity")
    responsible: Responsible = titled("Vastutaja", "Ответственный", "Responsible")
    goal_key: GoalKey | None = titled(
        "Eesmärgi tähis", "Обозначение цели", "Goal key", default=None
    )
    due: Date | None = titled("Tähtaeg", "Срок", "Due date", default=None)


class ProblemAreaKind(TitledEnum):
    """Probleemkoht: the topics of the family's difficulties.

    Seed 000's examples for the needs-based family support service (the child's behaviour at
    home, school or kindergarten, the parents' relationship or emotional state), family
    communication and the carer's own health and exhaustion, and seed 003's list of the Viimsi
    target group's difficulties.
    """

    CHILD_BEHAVIOUR_HOME = (
        "child-behaviour-home",
        Titles("lapse käitumine kodus", "поведение ребёнка дома", "the child's behaviour at home"),
    )
    CHILD_BEHAVIOUR_SCHOOL = (
        "child-behaviour-school",
        Titles(
            "lapse käitumine koolis", "поведение ребёнка в школе", "the child's behaviour at school"
        ),
    )
    CHILD_BEHAVIOUR_KINDERGARTEN = (
        "child-behaviour-kindergarten",
        Titles(
            "lapse käitumine lasteaias",
            "поведение ребёнка в детском саду",
            "the child's behaviour in kindergarten",
        ),
    )
    PARENTS_RELATIONSHIP = (
        "parents-relationship",
        Titles("vanemate paarisuhe", "отношения между родителями", "the parents' relationship"),
    )
    PARENTS_EMOTIONAL_STATE = (
        "parents-emotional-state",
        Titles(
            "vanemate emotsionaalne seisund",
            "эмоциональное состояние родителей",
            "the parents' emotional state",
        ),
    )
    FAMILY_COMMUNICATION = (
        "family-communication",
        Titles(
            "pereliikmete omavaheline suhtlemine",
            "общение между членами семьи",
            "communication in the family",
        ),
    )
    CARER_HEALTH_EXHAUSTION = (
        "carer-health-exhaustion",
        Titles(
            "vanema või hooldaja enda tervis ja kurnatus",
            "здоровье и истощение сил самого родителя или лица, осуществляющего уход",
            "the carer's own health and exhaustion",
        ),
    )
    # the Viimsi target group's difficulties (seed 003), also the action plan's
    DAILY_LIFE = (
        "daily-life",
        Titles(
            "raskused enda ja laste argielu korraldamisel",
            "трудности в организации повседневной жизни своей и детей",
            "difficulty organising daily life",
        ),
    )
    PARENTING_SKILLS = (
        "parenting-skills",
        Titles(
            "vähesed vanemlikud oskused",
            "недостаточные родительские навыки",
            "few parenting skills",
        ),
    )
    SOCIAL_SKILLS = (
        "social-skills",
        Titles(
            "vähesed sotsiaalsed oskused", "недостаточные социальные навыки", "few social skills"
        ),
    )
    ADDICTION_ILLNESS_DISABILITY = (
        "addiction-illness-disability",
        Titles(
            "sõltuvus, krooniline haigus või puue",
            "зависимость, хроническое заболевание или инвалидность",
            "addiction, chronic illness or disability",
        ),
    )
    NO_SUPPORT_NETWORK = (
        "no-support-network",
        Titles(
            "toetava sotsiaalse võrgustiku puudumine",
            "отсутствие поддерживающей социальной сети",
            "no supporting social network",
        ),
    )
    FAMILY_CONFLICTS = (
        "family-conflicts",
        Titles(
            "konfliktsed suhted pereliikmete vahel",
            "конфликтные отношения между членами семьи",
            "conflicts between family members",
        ),
    )
    OTHER_COPING = (
        "other-coping",
        Titles("muud toimetulekuraskused", "другие трудности", "other difficulties"),
    )
    OTHER = "other", Titles("muu", "другое", "other")


PROBLEM_AREAS_TO_DESCRIBE = frozenset({ProblemAreaKind.OTHER, ProblemAreaKind.OTHER_COPING})
"""The problem areas that say nothing by their name: they need a description."""


class ProblemArea(Block):
    """Probleemkoht ja teema: what the service must deal with."""

    item_titles: ClassVar[Titles] = Titles("teema", "тема", "topic")
    """One entry of a list of these, as messages name it."""

    area: ProblemAreaKind = titled("Valdkond", "Область", "Area")
    description: OptionalLongText = titled(
        "Kirjeldus",
        "Описание",
        "Description",
        "Required for 'other' and 'other-coping'; optional where the area's name says it.",
        default=None,
    )


class Service(TitledEnum):
    """The service a cooperation agreement, diary, report or closure belongs to."""

    FAMILY_SUPPORT = (
        "family-support",
        Titles("peretoe teenus", "услуга поддержки семьи", "family support service"),
    )
    SUPPORT_PERSON = (
        "support-person",
        Titles(
            "tugiisikuteenus asendushoolduselt elluastuvale noorele",
            "услуга опорного лица для молодого человека, выходящего из замещающего ухода",
            "support-person service for a young person leaving care",
        ),
    )
    FAMILY_SUPPORT_PERSON = (
        "family-support-person",
        Titles(
            "pere tugiisiku teenus",
            "услуга опорного лица для семьи",
            "family support-person service",
        ),
    )

    @property
    def worker_titles(self) -> Titles:
        """The worker's role in this service: peretoetaja, tugiisik or pere tugiisik."""
        return _WORKER_ROLES[self.value][0]

    @property
    def worker_activities_titles(self) -> Titles:
        """The heading of the worker's activities in this service."""
        return _WORKER_ROLES[self.value][1]


_WORKER_ROLES: dict[str, tuple[Titles, Titles]] = {
    "family-support": (
        Titles("Peretoetaja", "Специалист по поддержке семьи", "Family support worker"),
        Titles(
            "Peretoetaja tegevused",
            "Действия специалиста по поддержке семьи",
            "Activities of the family support worker",
        ),
    ),
    "support-person": (
        Titles("Tugiisik", "Опорное лицо", "Support person"),
        Titles("Tugiisiku tegevused", "Действия опорного лица", "Activities of the support person"),
    ),
    "family-support-person": (
        Titles("Pere tugiisik", "Опорное лицо семьи", "Family support person"),
        Titles(
            "Pere tugiisiku tegevused",
            "Действия опорного лица семьи",
            "Activities of the family support person",
        ),
    ),
}
"""Service → the worker's role and the heading of their activities (seeds 000, 001, 003)."""


class Family(Block):
    """Pere: the adults and the children the service is for."""

    caregivers: list[Caregiver] = titled(
        "Vanemad ja hooldajad",
        "Родители и лица, осуществляющие уход",
        "Parents and carers",
        min_length=1,
        max_length=limits.CAREGIVERS,
    )
    children: list[Child] = titled(
        "Lapsed", "Дети", "Children", min_length=1, max_length=limits.CHILDREN
    )
    municipality: MunicipalityName = titled(
        "Elukoha omavalitsus", "Самоуправление по месту жительства", "Home municipality"
    )
    address: OptionalText = titled("Aadress", "Адрес", "Address", default=None)
