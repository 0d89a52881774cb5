"""The sentence or two under a document's title, per form and language: fixed wording, not data.

Both back ends show it (DOCX templates through ``{{ intro }}``, the PDF under the date line); a
municipality's own template may leave it out or write its own.
"""

from __future__ import annotations

__all__ = ["INTRO"]

INTRO: dict[str, dict[str, str]] = {
    "family-support-referral": {
        "et": "Kohalik omavalitsus suunab pere peretoe teenusele. Suunamisvorm edastatakse "
        "Sotsiaalkindlustusametile krüpteeritult.",
        "ru": "Местное самоуправление направляет семью на услугу поддержки семьи. Форма "
        "направления передаётся в Департамент социального страхования в зашифрованном виде.",
    },
    "support-person-referral": {
        "et": "Kohalik omavalitsus suunab asendushoolduselt lahkuva noore tugiisikuteenusele.",
        "ru": "Местное самоуправление направляет молодого человека, покидающего замещающую "
        "опеку, на услугу опорного лица.",
    },
    "family-conference-referral": {
        "et": "Pere Lahendusringi suunatakse pere nõusolekul. Vorm annab ülevaate pere "
        "olukorrast ning lapse kaitse- ja riskiteguritest.",
        "ru": "Направление в Семейный круг решений оформляется с согласия семьи. Форма даёт "
        "обзор положения семьи, а также защитных факторов и факторов риска ребёнка.",
    },
    "cooperation-agreement": {
        "et": "Pooled lepivad kokku alljärgnevas.",
        "ru": "Стороны договорились о нижеследующем.",
    },
    "support-plan": {
        "et": "Peretoe plaan kirjeldab teenuse eesmärke ja tegevusi nende saavutamiseks. "
        "Plaan edastatakse kohalikule omavalitsusele koos vahearuannetega.",
        "ru": "План поддержки семьи описывает цели услуги и действия для их достижения. "
        "План передаётся местному самоуправлению вместе с промежуточными отчётами.",
    },
    "action-plan": {
        "et": "Tegevuskava koostatakse teenuse alguses pere toimetuleku toetamiseks; selles "
        "lepitakse kokku esimesed koostööülesanded. Pere suunatakse teenusele vanemate "
        "nõusolekul.",
        "ru": "План действий составляется в начале услуги для поддержки семьи; в нём "
        "согласуются первые задачи сотрудничества. Семья направляется на услугу с согласия "
        "родителей.",
    },
    "client-diary": {
        "et": "Kliendipäevikusse märgitakse teenuse käigus toimunud kontaktid ja tegevused.",
        "ru": "В дневник клиента записываются контакты и действия в ходе оказания услуги.",
    },
    "progress-report": {
        "et": "Vahearuanne annab kohalikule omavalitsusele ülevaate teenuse käigust, "
        "edusammudest ja raskustest.",
        "ru": "Промежуточный отчёт даёт местному самоуправлению обзор хода услуги, "
        "достигнутых успехов и трудностей.",
    },
    "closure": {
        "et": "Teenus lõpetatakse. Kokkuvõte tehtud tegevustest, saavutatud eesmärkidest, pere "
        "edasistest vajadustest ja soovitustest edastatakse kohaliku omavalitsuse "
        "lastekaitsetöötajale.",
        "ru": "Услуга прекращается. Итоги проведённой работы, достигнутые цели, дальнейшие "
        "потребности семьи и рекомендации направляются специалисту по защите детей "
        "местного самоуправления.",
    },
    "family-needs-feedback": {
        "et": "Pere annab tagasisidet oma vajaduste ja perioodil kasutatud teenuste kohta. "
        "Statistikas kasutatakse vastuseid ainult pere nõusolekul; kommentaarid ja juhtumi "
        "viide statistikasse ei jõua.",
        "ru": "Семья сообщает о своих потребностях и об услугах, использованных за период. "
        "В статистике ответы используются только с согласия семьи; комментарии и номер дела "
        "в статистику не попадают.",
    },
}
