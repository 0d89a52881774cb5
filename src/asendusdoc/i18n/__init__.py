"""Languages: choosing one, translating messages (gettext), formatting dates (babel).

Messages live in gettext catalogs under ``i18n/locale/<lang>/LC_MESSAGES/asendusdoc.mo``,
compiled at build time from the ``.po`` files; the msgid is the English text.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from functools import cache
from importlib.resources import files

__all__ = [
    "DOCUMENT_LANGUAGES",
    "MESSAGE_LANGUAGES",
    "default_language",
    "format_date",
    "translations",
]

DOCUMENT_LANGUAGES = ("et", "ru")
"""Languages the documents are written in."""
MESSAGE_LANGUAGES = ("et", "ru", "en")
"""Languages of messages (validation problems, CLI output)."""

_DOMAIN = "asendusdoc"


def default_language(environ: dict[str, str] | None = None) -> str:
    """The message language from ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``; Estonian otherwise."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            if code in MESSAGE_LANGUAGES:
                return code
            if code not in ("c", "posix"):
                break
    return "et"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The gettext catalog of ``lang``; English (the msgids themselves) for "en"."""
    if lang == "en":
        return _gettext.NullTranslations()
    locale_dir = files("asendusdoc.i18n") / "locale"
    mo = locale_dir / lang / "LC_MESSAGES" / f"{_DOMAIN}.mo"
    if not mo.is_file():
        return _gettext.NullTranslations()
    with mo.open("rb") as handle:
        return _gettext.GNUTranslations(handle)


_DATE_PATTERNS = {"et": "d. MMMM y", "ru": "d MMMM y 'г.'"}


def format_date(day: dt.date, lang: str) -> str:
    """The date in the language's long form: ``22. november 2026``, ``22 ноября 2026 г.``.

    Explicit patterns (not babel's "long" format) so that a CLDR update cannot change the
    text of a legal document.
    """
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(day, _DATE_PATTERNS.get(lang, "d MMMM y"), locale=lang))
