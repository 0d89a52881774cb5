"""The fixed words of the documents and the intro under each document's title, in et, ru and en.

Both back ends take the labels from :attr:`Document.labels` and the intro from
:attr:`Document.intro` (DOCX templates through ``{{ intro }}``, the PDF under the date line; a
municipality's own template may leave the intro out or write its own). The case calendar uses
the same labels. The form names themselves are ``titles`` on each form's model.
"""

from __future__ import annotations

from asendusdoc.titles import Titles

__all__ = ["INTROS", "LABELS", "WITHHELD", "labels", "withheld_titles", "withheld_value"]

LABELS: dict[str, Titles] = {
    "case_reference": Titles("Juhtumi number", "Номер случая", "Case number"),
    "document_date": Titles("Koostamise kuupäev", "Дата составления", "Document date"),
    "parties": Titles("Pooled", "Стороны", "Parties"),
    "participants": Titles("Osalised", "Участники", "Participants"),
    "restriction": Titles(
        "ASUTUSESISESEKS KASUTAMISEKS", "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ", "FOR INTERNAL USE"
    ),
    "restriction_holder": Titles("Teabevaldaja", "Владелец информации", "Holder"),
    "restriction_marked": Titles("Märge tehtud", "Пометка сделана", "Marked on"),
    "restriction_until": Titles("Kehtib kuni", "Действует до", "Valid until"),
    "restriction_basis": Titles("Alus", "Основание", "Basis"),
    "restriction_default_basis": Titles(
        "AvTS § 35 lg 1 p 12",
        "AvTS § 35 ч. 1 п. 12 (Закон о публичной информации)",
        "AvTS § 35(1)(12) (Public Information Act)",
    ),
    "prepared_by": Titles("Koostas", "Составитель", "Prepared by"),
    "position": Titles("Ametikoht", "Должность", "Position"),
    "signed_digitally": Titles(
        "/allkirjastatud digitaalselt/", "/подписано цифровой подписью/", "/signed digitally/"
    ),
    "number": Titles("Nr", "№", "No."),
    "missing": Titles("—", "—", "—"),
    "yes": Titles("jah", "да", "yes"),
    "no": Titles("ei", "нет", "no"),
    "signatures": Titles("Allkirjad", "Подписи", "Signatures"),
    "name": Titles("Nimi", "Имя и фамилия", "Name"),
    "date": Titles("Kuupäev", "Дата", "Date"),
    "signature": Titles("Allkiri", "Подпись", "Signature"),
    "page": Titles("lk", "стр.", "p."),
    "page_of": Titles("/", "из", "of"),
    "confidential": Titles(
        "Asutusesiseseks kasutamiseks", "Для служебного пользования", "For internal use"
    ),
    "none": Titles("puuduvad", "нет", "none"),
    "contact": Titles("Kontakt", "Контакты", "Contact"),
    "total_contacts": Titles("Kontakte kokku", "Всего контактов", "Contacts in all"),
    "total_hours": Titles("Aega kokku", "Всего времени", "Time in all"),
    "duration": Titles("Kestus", "Продолжительность", "Duration"),
    "hours": Titles("h", "ч", "h"),
    "minutes": Titles("min", "мин", "min"),
    "form": Titles("Vorm", "Форма", "Form"),
    "county": Titles("Maakond", "Уезд", "County"),
    "region": Titles("Piirkond", "Регион", "Region"),
    "family_and_period": Titles("Pere ja periood", "Семья и период", "The family and the period"),
    "general": Titles("Üldandmed", "Общие сведения", "General"),
}
"""Label key → the label in the three languages."""


WITHHELD: dict[str, Titles] = {
    "justification": Titles(
        "Põhjendus on juhtumiplaanis; SKA on selle kontrollinud, teenuseosutajale seda ei "
        "edastata.",
        "Обоснование содержится в плане работы со случаем; SKA его проверил, поставщику услуги оно "
        "не передаётся.",
        "The justification is in the case plan; SKA has checked it, and it is not forwarded to the "
        "provider.",
    ),
    "needs_assessment": Titles(
        "Hinnang on juhtumiplaanis; teenuseosutaja saab selle kohalikult omavalitsuselt.",
        "Оценка содержится в плане работы со случаем; поставщик услуги получает её от местного "
        "самоуправления.",
        "The assessment is in the case plan; the provider gets it from the municipality.",
    ),
}
"""What the provider's referral says in place of a field it does not get (seeds 000, 001; see
:mod:`asendusdoc.case.redact`), by field name. The form holds :func:`withheld_value` (the
Estonian and Russian sentences together, for whoever reads the data); a document shows the
sentence of its own language (:func:`withheld_titles`)."""


def withheld_value(name: str) -> str:
    """The value a provider's referral holds in place of the field ``name``: "et / ru"."""
    titles = WITHHELD[name]
    return f"{titles.et} / {titles.ru}"


_WITHHELD_BY_VALUE = {withheld_value(name): titles for name, titles in WITHHELD.items()}


def withheld_titles(value: str) -> Titles | None:
    """The sentence in each language, when ``value`` is what a provider's referral holds in
    place of a field it does not get; None for any other text."""
    return _WITHHELD_BY_VALUE.get(value)


INTROS: dict[str, Titles] = {
    "family-support-referral": Titles(
        "Kohalik omavalitsus suunab pere peretoe teenusele. Suunamisvorm edastatakse "
        "Sotsiaalkindlustusametile krüpteeritult.",
        "Местное самоуправление направляет семью на услугу поддержки семьи. Форма направления "
        "передаётся в Департамент социального страхования в зашифрованном виде.",
        "The municipality refers the family to the family support service. The referral form "
        "travels to the Social Insurance Board encrypted.",
    ),
    "support-person-referral": Titles(
        "Kohalik omavalitsus suunab asendushoolduselt lahkuva noore tugiisikuteenusele.",
        "Местное самоуправление направляет молодого человека, выходящего из замещающего ухода, на "
        "услугу опорного лица.",
        "The municipality refers a young person leaving substitute care to the support-person "
        "service.",
    ),
    "family-conference-referral": Titles(
        "Pere Lahendusringi suunatakse pere nõusolekul. Vorm annab ülevaate pere olukorrast "
        "ning lapse kaitse- ja riskiteguritest.",
        "Направление в Семейный круг решений оформляется с согласия семьи. Форма даёт обзор "
        "положения семьи, а также защитных факторов и факторов риска ребёнка.",
        "A family is referred to the family group conference with its consent. The form gives "
        "an overview of the family's situation and of the child's protective and risk factors.",
    ),
    "cooperation-agreement": Titles(
        "Pooled lepivad kokku alljärgnevas.",
        "Стороны договорились о нижеследующем.",
        "The parties agree as follows.",
    ),
    "support-plan": Titles(
        "Peretoe plaan kirjeldab teenuse eesmärke ja tegevusi nende saavutamiseks. Plaan "
        "edastatakse kohalikule omavalitsusele koos ülevaadetega teenuse kulgemisest.",
        "План поддержки семьи описывает цели услуги и действия для их достижения. План "
        "передаётся местному самоуправлению вместе с отчётами о ходе оказания услуги.",
        "The family support plan describes the goals of the service and the activities to reach"
        " them. The plan travels to the municipality with the progress reports.",
    ),
    "action-plan": Titles(
        "Tegevuskava koostatakse teenuse alguses pere toimetuleku toetamiseks; selles lepitakse"
        " kokku esimesed koostööülesanded. Pere suunatakse teenusele vanemate nõusolekul.",
        "План действий составляется в начале услуги, чтобы поддержать способность семьи "
        "справляться с трудностями; в нём согласуются первые задачи сотрудничества. Семья "
        "направляется на услугу с согласия родителей.",
        "The action plan is made when the service starts, to support the family's coping; it "
        "sets the first agreed cooperation tasks. The family is referred to the service with "
        "the parents' consent.",
    ),
    "client-diary": Titles(
        "Kliendipäevikusse märgitakse teenuse käigus toimunud kontaktid ja tegevused.",
        "В дневник клиента записываются контакты и действия в ходе оказания услуги.",
        "The client diary records the contacts and activities during the service.",
    ),
    "progress-report": Titles(
        "Ülevaade teenuse kulgemisest kirjeldab kohalikule omavalitsusele teenuse käiku, "
        "edusamme ja raskusi.",
        "Отчёт о ходе оказания услуги описывает для местного самоуправления, как идёт оказание "
        "услуги, каковы успехи и трудности.",
        "The progress report gives the municipality an overview of how the service goes, its "
        "progress and difficulties.",
    ),
    "closure": Titles(
        "Teenus lõpetatakse. Kokkuvõte tehtud tegevustest, saavutatud eesmärkidest, pere "
        "edasistest vajadustest ja soovitustest edastatakse kohaliku omavalitsuse "
        "lastekaitsetöötajale.",
        "Услуга прекращается. Итоги проведённой работы, достигнутые цели, дальнейшие "
        "потребности семьи и рекомендации направляются специалисту по защите детей местного "
        "самоуправления.",
        "The service ends. A summary of the activities undertaken, the goals reached, the "
        "family's further needs and the recommendations goes to the municipality's "
        "child-protection worker.",
    ),
    "closure-client-work-summary": Titles(
        "Pere tugiisik esitab klienditöö kokkuvõtte vallavalitsuse sotsiaal- ja "
        "tervishoiuosakonnale ühe nädala jooksul teenuse osutamise lõpetamisest.",
        "Опорное лицо семьи представляет итоговый отчёт о работе с семьёй в отдел социальных "
        "дел и здравоохранения волостной управы в течение недели после прекращения услуги.",
        "The family support person sends the client-work summary to the municipality's social "
        "and health department within a week of the end of the service.",
    ),
    "family-needs-feedback": Titles(
        "Pere annab tagasisidet oma vajaduste ja perioodil kasutatud teenuste kohta. "
        "Statistikas kasutatakse vastuseid ainult pere nõusolekul; kommentaarid ja juhtumi "
        "number statistikasse ei jõua.",
        "Семья сообщает о своих потребностях и об услугах, использованных за период. "
        "В статистике ответы используются только с согласия семьи; комментарии и номер случая "
        "в статистику не попадают.",
        "The family tells about its needs and the services used in the period. The answers "
        "are used in statistics only with the family's consent; comments and the case "
        "reference never reach the statistics.",
    ),
}
"""Form id → the sentence or two under the document's title (fixed wording, not data)."""


def labels(lang: str) -> dict[str, str]:
    """Every label in ``lang``."""
    return {key: titles.get(lang) for key, titles in LABELS.items()}
