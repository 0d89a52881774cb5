"""The families' needs (seed 002) and the services of the seeds that answer them.

One table, written once, used by the feedback form, ``asendusdoc suggest`` and the needs report
(a great need counts as unmet when no service of its row was used in the period):

* :class:`NeedArea`: the areas a family rates in the feedback form (perede vajaduste tagasiside);
* :class:`SupportService`: the seeds' own services (000, 001, 003, 004);
* :data:`SERVICE_OFFERS`: each service with its seed and its conditions, in et/ru/en;
* :data:`NEED_SERVICES`: need area → the services that fit it, each row naming the seed that
  says so.

Texts here are terms and short conditions read by caseworkers and families, beside the thing they
name (``Titles``), not sentences of the message catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

from asendusdoc.titles import TitledEnum, Titles

__all__ = [
    "CONFERENCE_GROUND_NEEDS",
    "LEAVING_CARE_NEEDS",
    "NEED_SERVICES",
    "PROBLEM_AREA_NEEDS",
    "SEED_SOURCES",
    "SERVICE_OFFERS",
    "NeedArea",
    "NeedServiceRow",
    "ServiceCondition",
    "ServiceOffer",
    "SupportService",
    "rows_for",
]


SEED_SOURCES: dict[str, Titles] = {
    "000": Titles(
        "Sotsiaalkindlustusamet, peretoe teenus",
        "Департамент социального страхования, услуга поддержки семьи",
        "Social Insurance Board, family support service",
    ),
    "001": Titles(
        "Sotsiaalkindlustusamet, asendushoolduse tugiteenused",
        "Департамент социального страхования, услуги поддержки при замещающем уходе",
        "Social Insurance Board, substitute-care support services",
    ),
    "002": Titles(
        "Sotsiaalkindlustusamet, perede vajaduste seiresüsteem",
        "Департамент социального страхования, система мониторинга потребностей семей",
        "Social Insurance Board, families' needs monitoring",
    ),
    "003": Titles(
        "Viimsi valla pere tugiisiku teenus (Viimsi Vallavolikogu 21.03.2023 määrus nr 10, § 9)",
        "услуга опорного лица для семьи волости Виймси (постановление волостного собрания "
        "Виймси от 21.03.2023 № 10, § 9)",
        "Viimsi family support-person service (Viimsi council regulation no. 10 of 21.03.2023, "
        "§ 9)",
    ),
    "004": Titles(
        "Sotsiaalkindlustusamet, Pere Lahendusringi suunamine",
        "Департамент социального страхования, направление в Семейный круг решений",
        "Social Insurance Board, family group conference referral",
    ),
}
"""The seed documents (``seeds/`` of the project) by number: where a row or condition comes from."""


class NeedArea(TitledEnum):
    """Vajaduse valdkond: an area of the family's needs (seed 002 feedback)."""

    CHILD_BEHAVIOUR = (
        "child-behaviour-emotions",
        Titles(
            "lapse käitumine ja emotsioonid",
            "поведение и эмоции ребёнка",
            "the child's behaviour and emotions",
        ),
    )
    HEALTH_DEVELOPMENT = (
        "health-development",
        Titles("lapse tervis ja areng", "здоровье и развитие ребёнка", "health and development"),
    )
    KINDERGARTEN_SCHOOL = (
        "kindergarten-school",
        Titles("lasteaed või kool", "детский сад или школа", "kindergarten or school"),
    )
    PARENTING_PAST = (
        "parenting-past",
        Titles(
            "lapse kasvatamine ja tema mineviku mõistmine",
            "воспитание ребёнка и понимание его прошлого",
            "parenting and understanding the child's past",
        ),
    )
    BIRTH_FAMILY = (
        "birth-family-contact",
        Titles(
            "suhtlus lapse sünniperega",
            "общение с кровной семьёй ребёнка",
            "contact with the birth family",
        ),
    )
    CARER_COPING = (
        "carer-coping-rest",
        Titles(
            "vanema enda toimetulek ja puhkus",
            "способность родителя справляться с трудностями и отдых",
            "the carer's own coping and rest",
        ),
    )
    COUPLE = (
        "couple-relationship",
        Titles("paarisuhe", "отношения в паре", "the couple relationship"),
    )
    PRACTICAL_FINANCIAL = (
        "practical-financial",
        Titles(
            "praktilised ja rahalised küsimused",
            "практические и финансовые вопросы",
            "practical and financial matters",
        ),
    )
    SERVICES_RIGHTS = (
        "services-rights-information",
        Titles(
            "teave teenuste ja õiguste kohta",
            "информация об услугах и правах",
            "information about services and rights",
        ),
    )
    PEER_SUPPORT = (
        "peer-support",
        Titles(
            "teiste perede kogemuslik tugi",
            "поддержка семей с похожим опытом",
            "peer support from other families",
        ),
    )
    OTHER = "other", Titles("muu", "другое", "other")


class SupportService(TitledEnum):
    """A support service of the seeds that a family can use (seeds 000, 001, 003, 004)."""

    PHONE_INTERNET = (
        "phone-internet-counselling",
        Titles(
            "telefoni- ja internetinõustamine",
            "консультирование по телефону и через интернет",
            "telephone and internet counselling",
        ),
    )
    PSYCHOLOGICAL = (
        "psychological-counselling",
        Titles(
            "individuaalne psühholoogiline nõustamine",
            "индивидуальное психологическое консультирование",
            "individual psychological counselling",
        ),
    )
    MENTORING = "mentoring", Titles("mentorlus", "наставничество", "mentoring")
    GROUP_COUNSELLING = (
        "group-counselling",
        Titles("grupinõustamine", "групповое консультирование", "group counselling"),
    )
    THEMATIC_GROUP = (
        "thematic-support-group",
        Titles(
            "temaatiline toetusgrupp", "тематическая группа поддержки", "thematic support group"
        ),
    )
    FAMILY_SUPPORT = (
        "family-support",
        Titles("peretoe teenus", "услуга поддержки семьи", "family support service"),
    )
    SUPPORT_PERSON = (
        "support-person",
        Titles(
            "tugiisikuteenus asendushoolduselt elluastuvale noorele",
            "услуга опорного лица для молодого человека, выходящего из замещающего ухода",
            "support person for a young person leaving care",
        ),
    )
    FAMILY_SUPPORT_PERSON = (
        "family-support-person",
        Titles(
            "pere tugiisiku teenus (Viimsi vald)",
            "услуга опорного лица для семьи (волость Виймси)",
            "family support person (Viimsi)",
        ),
    )
    FAMILY_CONFERENCE = (
        "family-conference",
        Titles("Pere Lahendusring", "Семейный круг решений", "family group conference"),
    )


@dataclass(frozen=True)
class ServiceCondition:
    """One condition of a service (who, how much, how to get it) and the seed that states it."""

    text: Titles
    seed: str


@dataclass(frozen=True)
class ServiceOffer:
    """A service with the seed that describes it and its conditions."""

    service: SupportService
    seed: str
    conditions: tuple[ServiceCondition, ...]


def _c(seed: str, et: str, ru: str, en: str) -> ServiceCondition:
    return ServiceCondition(Titles(et, ru, en), seed)


_S = SupportService

SERVICE_OFFERS: dict[SupportService, ServiceOffer] = {
    offer.service: offer
    for offer in (
        ServiceOffer(_S.PHONE_INTERNET, "001", (
            _c("001", "Kõikides asendushooldusega seotud küsimustes.",
               "По всем вопросам, связанным с замещающим уходом.",
               "On any question of substitute care."),
            _c("001", "Telefon 655 1666: E, T, N, R kl 10–17, K kl 14–21.",
               "Телефон 655 1666: пн, вт, чт, пт с 10 до 17, ср с 14 до 21.",
               "Phone 655 1666: Mon, Tue, Thu, Fri 10–17, Wed 14–21."),
            _c("001", "E-post asendushooldus@sotsiaalkindlustusamet.ee: vastus kahe tööpäeva "
               "jooksul.",
               "Эл. почта asendushooldus@sotsiaalkindlustusamet.ee: ответ в течение двух "
               "рабочих дней.",
               "E-mail asendushooldus@sotsiaalkindlustusamet.ee: an answer within two "
               "working days."),
        )),
        ServiceOffer(_S.PSYCHOLOGICAL, "001", (
            _c("001", "Ühel perel on võimalik osaleda kolmel nõustamisel.",
               "Одна семья может получить три консультации.",
               "Three counselling sessions per family."),
            _c("001", "Ka peredele, kes alles ootavad last koju.",
               "В том числе для семей, которые ещё ждут ребёнка.",
               "Also for families still waiting for the child."),
        )),
        ServiceOffer(_S.MENTORING, "001", (
            _c("001", "Mentoril on isiklik lapsendamise või hooldusvanema kogemus.",
               "У наставника есть личный опыт усыновления или приёмного родительства.",
               "The mentor has own experience as an adoptive or foster parent."),
            _c("001", "Lapse ootamise ajal, esimestel kohtumistel ja siis, kui laps on juba "
               "peres.",
               "Во время ожидания ребёнка, при первых встречах и когда ребёнок уже в семье.",
               "While waiting, at the first meetings and when the child is in the family."),
        )),
        ServiceOffer(_S.GROUP_COUNSELLING, "001", (
            _c("001", "Suletud grupp: 6–12 inimest, kohtumine 4 akadeemilist tundi, 4–6 korda "
               "aastas.",
               "Закрытая группа: 6–12 человек, встреча 4 академических часа, 4–6 раз в год.",
               "A closed group of 6–12 people, 4 academic hours a meeting, 4–6 times a year."),
        )),
        ServiceOffer(_S.THEMATIC_GROUP, "001", (
            _c("001", "Ühekordne loeng või koolitus: alates 2 akadeemilisest tunnist, grupis "
               "alates 12 inimesest.",
               "Разовая лекция или обучение: от 2 академических часов, в группе от 12 "
               "человек.",
               "A one-off lecture or training: from 2 academic hours, from 12 people."),
            _c("001", "Oodatud on ka võrgustikutöötajad (lastekaitsetöötajad, pedagoogid).",
               "Приглашаются и специалисты сети поддержки (специалисты по защите детей, "
               "педагоги).",
               "Network workers (child-protection workers, teachers) are welcome too."),
        )),
        ServiceOffer(_S.FAMILY_SUPPORT, "000", (
            _c("000", "Hooldusvanemale, eestkostjale ja lapsendajale.",
               "Для приёмного родителя, опекуна и усыновителя.",
               "For foster parents, guardians and adoptive parents."),
            _c("000", "Suunab kohaliku omavalitsuse lastekaitsetöötaja (suunamisvorm "
               "Sotsiaalkindlustusametile).",
               "Направляет специалист по защите детей местного самоуправления (форма "
               "направления в Департамент социального страхования).",
               "Needs the municipality's referral (the referral form to SKA)."),
            _c("000", "Kohanemiseks mõeldud teenus: esimesel aastal pärast lapse perre "
               "tulekut, algus kuni 1 kuu enne paigutamist.",
               "Адаптационная услуга: в первый год после появления ребёнка в семье, начало "
               "не ранее чем за 1 месяц до помещения.",
               "Adaptation service: in the first year after placement, from 1 month before."),
            _c("000", "Vajaduspõhine teenus: kui laps on peres pikemat aega ja on tekkinud "
               "raskused.",
               "Услуга по потребностям семьи: когда ребёнок уже давно в семье и возникли "
               "трудности.",
               "Needs-based service: the child has lived in the family longer and there "
               "are difficulties."),
        )),
        ServiceOffer(_S.SUPPORT_PERSON, "001", (
            _c("001", "Asendushoolduselt lahkuvale noorele, ka varem lahkunud noorele, kellel "
               "on raskusi.",
               "Для молодого человека, выходящего из замещающего ухода, в том числе "
               "вышедшего ранее и испытывающего трудности.",
               "For a young person leaving care, or who left earlier and struggles."),
            _c("001", "Kohalik omavalitsus märgib vajaduse juhtumiplaani ja võtab ühendust "
               "Sotsiaalkindlustusametiga.",
               "Местное самоуправление отмечает потребность в плане работы со случаем и "
               "обращается в Департамент социального страхования.",
               "The municipality records the need in the case plan and contacts SKA."),
            _c("001", "Professionaalne tugiisik kuni 6 kuud enne lahkumist, usaldus-tugiisik "
               "pärast lahkumist.",
               "Профессиональное опорное лицо — за 6 месяцев до выхода, доверенное — после "
               "выхода.",
               "A professional support person up to 6 months before leaving, a trusted one "
               "after it."),
        )),
        ServiceOffer(_S.FAMILY_SUPPORT_PERSON, "003", (
            _c("003", "Viimsi vallas elavatele lastega peredele.",
               "Для семей с детьми, проживающих в волости Виймси.",
               "For families with children living in Viimsi."),
            _c("003", "Suunab vallavalitsus vanemate nõusolekul.",
               "Направляет волостная управа с согласия родителей.",
               "The rural municipality refers the family with the parents' consent."),
        )),
        ServiceOffer(_S.FAMILY_CONFERENCE, "004", (
            _c("004", "Ainult pere nõusolekul.",
               "Только с согласия семьи.",
               "Only with the family's consent."),
            _c("004", "Suunab lapse juhtumikorraldaja: lastekaitsetöötaja või asendushooldus"
               "teenuse osutaja kooskõlastatult eestkosteasutusega.",
               "Направляет ведущий случай ребёнка: специалист по защите детей или поставщик "
               "услуги замещающего ухода по согласованию с органом опеки.",
               "The child's case manager refers: a child-protection worker, or a "
               "substitute-care provider in agreement with the guardianship authority."),
        )),
    )
}  # fmt: skip
"""Every service with its seed and conditions."""


@dataclass(frozen=True)
class NeedServiceRow:
    """One row of the need → service table: this service fits this need, per this seed."""

    area: NeedArea
    service: SupportService
    seed: str

    @property
    def offer(self) -> ServiceOffer:
        """The service's seed and conditions."""
        return SERVICE_OFFERS[self.service]


_N = NeedArea

NEED_SERVICES: tuple[NeedServiceRow, ...] = tuple(
    NeedServiceRow(area, service, seed)
    for area, service, seed in (
        # 000: "lapse käitumisprobleemid kodus/koolis/lasteaias"; 001: the child's needs and
        # upbringing (psychological counselling), relations and upbringing (group counselling)
        (_N.CHILD_BEHAVIOUR, _S.FAMILY_SUPPORT, "000"),
        (_N.CHILD_BEHAVIOUR, _S.PSYCHOLOGICAL, "001"),
        (_N.CHILD_BEHAVIOUR, _S.GROUP_COUNSELLING, "001"),
        (_N.HEALTH_DEVELOPMENT, _S.PSYCHOLOGICAL, "001"),
        (_N.HEALTH_DEVELOPMENT, _S.PHONE_INTERNET, "001"),
        (_N.KINDERGARTEN_SCHOOL, _S.FAMILY_SUPPORT, "000"),
        (_N.KINDERGARTEN_SCHOOL, _S.THEMATIC_GROUP, "001"),  # "lasteaia-kooli teemad"
        (_N.KINDERGARTEN_SCHOOL, _S.GROUP_COUNSELLING, "001"),  # "õppeküsimuste lahendamiseks"
        (_N.PARENTING_PAST, _S.PSYCHOLOGICAL, "001"),
        (_N.PARENTING_PAST, _S.MENTORING, "001"),
        (_N.PARENTING_PAST, _S.THEMATIC_GROUP, "001"),  # "hooldusperes kasvamine"
        (_N.PARENTING_PAST, _S.FAMILY_SUPPORT_PERSON, "003"),  # "laste kasvatamise teemadel"
        (_N.BIRTH_FAMILY, _S.FAMILY_CONFERENCE, "004"),  # contact with the biological parents
        (_N.BIRTH_FAMILY, _S.PHONE_INTERNET, "001"),
        (_N.CARER_COPING, _S.FAMILY_SUPPORT, "000"),  # "vanemate emotsionaalne seisund"
        (_N.CARER_COPING, _S.GROUP_COUNSELLING, "001"),  # "toimetuleku tõstmiseks"
        (_N.CARER_COPING, _S.FAMILY_SUPPORT_PERSON, "003"),  # "toimetulekuraskused"
        (_N.COUPLE, _S.FAMILY_SUPPORT, "000"),  # "vanemate paarisuhe"
        (_N.PRACTICAL_FINANCIAL, _S.FAMILY_SUPPORT_PERSON, "003"),  # budget, errands
        (_N.PRACTICAL_FINANCIAL, _S.SUPPORT_PERSON, "001"),  # budget, housing, applications
        (_N.PRACTICAL_FINANCIAL, _S.PHONE_INTERNET, "001"),
        (_N.SERVICES_RIGHTS, _S.PHONE_INTERNET, "001"),
        (_N.SERVICES_RIGHTS, _S.SUPPORT_PERSON, "001"),  # "teavet teenustest ja toetustest"
        (_N.PEER_SUPPORT, _S.MENTORING, "001"),  # "kogemuslikku pereabi"
        (_N.PEER_SUPPORT, _S.GROUP_COUNSELLING, "001"),  # "kasutades grupiressurssi"
        (_N.PEER_SUPPORT, _S.THEMATIC_GROUP, "001"),
        (_N.OTHER, _S.PHONE_INTERNET, "001"),  # "kõikides asendushooldusega seotud küsimustes"
    )
)
"""The need → service table: each row names the seed that links the service to the need."""


def rows_for(area: NeedArea) -> tuple[NeedServiceRow, ...]:
    """The rows of one need area, in the table's order."""
    return tuple(row for row in NEED_SERVICES if row.area is area)


PROBLEM_AREA_NEEDS: dict[str, NeedArea] = {
    "child-behaviour-home": NeedArea.CHILD_BEHAVIOUR,
    "child-behaviour-school": NeedArea.KINDERGARTEN_SCHOOL,
    "child-behaviour-kindergarten": NeedArea.KINDERGARTEN_SCHOOL,
    "parents-relationship": NeedArea.COUPLE,
    "parents-emotional-state": NeedArea.CARER_COPING,
    "family-communication": NeedArea.OTHER,
    "carer-health-exhaustion": NeedArea.CARER_COPING,
    "daily-life": NeedArea.PRACTICAL_FINANCIAL,
    "parenting-skills": NeedArea.PARENTING_PAST,
    "social-skills": NeedArea.CARER_COPING,
    "addiction-illness-disability": NeedArea.CARER_COPING,
    "no-support-network": NeedArea.PEER_SUPPORT,
    "family-conflicts": NeedArea.OTHER,
    "other-coping": NeedArea.CARER_COPING,
    "other": NeedArea.OTHER,
}
"""A family support referral's problem area (seed 000) → the need area it states."""

CONFERENCE_GROUND_NEEDS: dict[str, NeedArea] = {
    "contact-with-birth-parents": NeedArea.BIRTH_FAMILY,
    "other-substitute-care": NeedArea.OTHER,
}
"""A family group conference referral's ground (seed 004) → the need area it states; the other
grounds (the child's welfare, a carer in the close circle) are what the conference is for."""

LEAVING_CARE_NEEDS: tuple[NeedArea, ...] = (
    NeedArea.PRACTICAL_FINANCIAL,
    NeedArea.SERVICES_RIGHTS,
)
"""The needs a support-person referral states (seed 001: information on services and benefits,
applications, budget, housing)."""
