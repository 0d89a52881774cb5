"""Dates and numbers as the documents and messages show them: the one place that formats them.

Explicit patterns (not babel's "long" format) so that a CLDR update cannot change the text of
a legal document.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["format_date", "format_day", "format_document_date", "format_number"]

_DATE_PATTERNS = {"et": "d. MMMM y", "ru": "d MMMM y 'г.'"}
_ESTONIAN_MONTHS_GENITIVE = (
    "jaanuari", "veebruari", "märtsi", "aprilli", "mai", "juuni",
    "juuli", "augusti", "septembri", "oktoobri", "novembri", "detsembri",
)  # fmt: skip
"""CLDR has the Estonian month names in the nominative only; after "enne" the genitive."""
DATE_CASES = ("", "gen", "ter", "ela", "ade")
"""The cases a message may ask for (``{day:gen}``): nominative, genitive ("enne 3. märtsi
2026"), terminative ("kuni 30. detsembrini 2026"), elative ("7. septembrist 2026"). Russian and
English dates do not change."""
_CASE_ENDINGS = {"gen": "", "ter": "ni", "ela": "st", "ade": "l"}
_DOCUMENT_DATE_PATTERNS = {**_DATE_PATTERNS, "ru": "d MMMM y\u00a0'г.'"}
"""In documents the Russian year mark «г.» is tied to the year by a no-break space, so a line
never starts with it; messages keep the plain space."""


def format_date(day: dt.date, lang: str, case: str = "") -> str:
    """The date in the language's long form: ``22. november 2026``, ``22 ноября 2026 г.``.

    ``case`` (Estonian only): ``gen`` gives ``22. novembri 2026``, ``ter`` ``22. novembrini
    2026``, ``ela`` ``22. novembrist 2026``, ``ade`` ``22. novembril 2026``.
    """
    from babel.dates import format_date as babel_format_date

    if lang == "et" and case in _CASE_ENDINGS:
        month = _ESTONIAN_MONTHS_GENITIVE[day.month - 1] + _CASE_ENDINGS[case]
        return f"{day.day}. {month} {day.year}"
    return str(babel_format_date(day, _DATE_PATTERNS.get(lang, "d MMMM y"), locale=lang))


class DateInWords:
    """A date a message shows in words (never ISO); a translation may ask for an Estonian case,
    ``"kehtib kuni {date:ter}"`` → "kehtib kuni 8. detsembrini 2026"."""

    def __init__(self, day: dt.date, lang: str) -> None:
        self.day = day
        self.lang = lang

    def __format__(self, spec: str) -> str:
        return format_date(self.day, self.lang, spec)

    def __str__(self) -> str:
        return format_date(self.day, self.lang)


def format_document_date(day: dt.date, lang: str) -> str:
    """The date in a document: the long form, «г.» never alone on a line."""
    from babel.dates import format_date as babel_format_date

    pattern = _DOCUMENT_DATE_PATTERNS.get(lang, "d MMMM y")
    return str(babel_format_date(day, pattern, locale=lang))


def format_day(day: dt.date) -> str:
    """A date as caseworkers write it in all three languages: ``22.11.2026``."""
    return day.strftime("%d.%m.%Y")


def format_number(value: float, lang: str) -> str:
    """A number with the decimal comma of Estonian and Russian: ``1,5``; ``1.5`` in English."""
    text = f"{value:g}"
    return text if lang == "en" else text.replace(".", ",")
