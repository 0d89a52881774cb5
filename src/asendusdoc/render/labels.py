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
        "total_hours": "Tunde kokku",
        "county": "Maakond",
        "region": "Piirkond",
        "family_and_period": "Pere ja periood",
    },
    "ru": {
        "case_reference": "Номер дела",
        "document_date": "Дата составления",
        "parties": "Стороны",
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
        "total_hours": "Всего часов",
        "county": "Уезд",
        "region": "Регион",
        "family_and_period": "Семья и период",
    },
}
