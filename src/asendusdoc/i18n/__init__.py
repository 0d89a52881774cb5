"""Languages: the language tags, choosing one, translating messages (gettext), formatting.

Messages live in gettext catalogs under ``i18n/locale/<lang>/LC_MESSAGES/asendusdoc.mo``,
compiled at build time from the ``.po`` files; the msgid is the English text. Terms (field
names, enum values, form names, fixed labels) are not here: they are ``Titles`` beside the
thing they name, in ``forms/`` or ``reference/``. Dates and numbers are formatted by
:mod:`asendusdoc.i18n.formatting`.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache

from asendusdoc.i18n.formatting import format_date, format_day, format_number

__all__ = [
    "DOCUMENT_LANGUAGES",
    "LANGUAGES",
    "LANGUAGE_TAGS",
    "LOCALE_DIR",
    "N_",
    "N_plural",
    "default_language",
    "format_date",
    "format_day",
    "format_number",
    "translations",
]

LANGUAGES = ("et", "ru", "en")
"""The language tags: of messages (validation problems, CLI output) and of every ``Titles``."""
DOCUMENT_LANGUAGES = LANGUAGES[:2]
"""Languages the documents are written in (et, ru): English has messages only."""
LANGUAGE_TAGS = {"et": "et-EE", "ru": "ru-RU", "en": "en-GB"}
"""The BCP 47 tag of each language, as documents declare it (PDF /Lang, DOCX core properties)."""

_DOMAIN = "asendusdoc"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
"""The folder of the compiled catalogs (``<lang>/LC_MESSAGES/asendusdoc.mo``). A plain path
rather than :mod:`importlib.resources`, whose import (zipfile and more) would be a good part
of the CLI's start-up; the package is installed as files (a wheel), never run from a zip."""


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction (translated with ``ngettext``)."""
    return singular, plural


def default_language(environ: dict[str, str] | None = None) -> str:
    """The message language from ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``; Estonian otherwise."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code not in ("c", "posix"):
                break
    return "et"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The gettext catalog of ``lang``; English (the msgids themselves) for "en"."""
    if lang == "en":
        return _gettext.NullTranslations()
    # through gettext's own cache of parsed catalogs, which argparse's words are looked up
    # in as well (:func:`asendusdoc.cli._common.speaking`): the catalog is parsed once
    return _gettext.translation(_DOMAIN, LOCALE_DIR, [lang], fallback=True)
