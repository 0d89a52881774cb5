"""Fixed words of the documents, one place per language.

Both back ends take these from :attr:`Document.labels`; nothing else spells them.
"""

from __future__ import annotations

__all__ = ["LABELS", "LANGUAGES"]

LANGUAGES = ("et", "ru")

LABELS: dict[str, dict[str, str]] = {
    "et": {
        "case_reference": "Juhtumi viide",
        "document_date": "Koostamise kuupäev",
        "parties": "Pooled",
        "participants": "Osalised",
        "prepared_by": "Koostas",
        "position": "Ametikoht",
        "signed_digitally": "/allkirjastatud digitaalselt/",
        "number": "Nr",
        "missing": "—",
        "yes": "jah",
        "no": "ei",
        "signatures": "Allkirjad",
        "name": "Nimi",
        "date": "Kuupäev",
        "signature": "Allkiri",
        "page": "lk",
        "page_of": "/",
        "confidential": "Asutusesiseseks kasutamiseks",
        "none": "puuduvad",
        "contact": "Kontakt",
        "total_contacts": "Kontakte kokku",
        "total_hours": "Aega kokku",
        "duration": "Kestus",
        "hours": "h",
        "minutes": "min",
    },
    "ru": {
        "case_reference": "Номер дела",
        "document_date": "Дата составления",
        "parties": "Стороны",
        "participants": "Участники",
        "prepared_by": "Составил",
        "position": "Должность",
        "signed_digitally": "/подписано цифровой подписью/",
        "number": "№",
        "missing": "—",
        "yes": "да",
        "no": "нет",
        "signatures": "Подписи",
        "name": "Имя и фамилия",
        "date": "Дата",
        "signature": "Подпись",
        "page": "стр.",
        "page_of": "из",
        "confidential": "Для служебного пользования",
        "none": "нет",
        "contact": "Контакты",
        "total_contacts": "Всего контактов",
        "total_hours": "Всего времени",
        "duration": "Продолжительность",
        "hours": "ч",
        "minutes": "мин",
    },
}
