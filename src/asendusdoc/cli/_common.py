"""What every command shares: the language, reading input, reporting errors.

argparse takes its own words ("usage: ", "options", "show this help message and exit", "the
following arguments are required: %s", ...) from ``gettext.gettext``, i.e. gettext's current
domain in the language of the ``LANGUAGE`` variable. :func:`speaking` reads ``--lang`` from the
command line first (:func:`requested_language`), then, while the parser is built and parses,
makes our catalog that domain and the requested language gettext's: argparse's msgids are
translated in our catalogs (:mod:`asendusdoc.cli._argparse_words`). No argparse internals are
touched. Every command builds its help with :func:`cli_language`.
"""

from __future__ import annotations

import argparse
import gettext
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from asendusdoc.errors import AsendusdocError, InputError
from asendusdoc.i18n import LANGUAGES, LOCALE_DIR, N_, default_language, translations

if TYPE_CHECKING:
    pass

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "INTERNAL_ERROR",
    "add_lang_option",
    "cli_language",
    "gettext_for",
    "ngettext_for",
    "printable_text",
    "read_folder_file",
    "report_error",
    "requested_language",
    "speaking",
    "whole_number",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
"""Only for our own bugs (EX_SOFTWARE): everything a user can cause has its own code."""

_cli_lang: ContextVar[str | None] = ContextVar("asendusdoc_cli_lang", default=None)
_DOMAIN = "asendusdoc"


def cli_language() -> str:
    """The language the command line speaks: ``--lang``, else the locale's (:func:`speaking`)."""
    return _cli_lang.get() or default_language()


def requested_language(argv: Sequence[str]) -> str:
    """The ``--lang`` of ``argv`` if it names a language, else the locale's; read before parsing."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None and value.strip().lower() in LANGUAGES:
            return value.strip().lower()
    return default_language()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse (and every command's help) in ``lang`` while the block runs; restored after."""
    token = _cli_lang.set(lang)
    domain = gettext.textdomain()
    bound = gettext.bindtextdomain(_DOMAIN)
    language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(_DOMAIN, LOCALE_DIR)
    gettext.textdomain(_DOMAIN)
    os.environ["LANGUAGE"] = lang  # gettext's own choice of language (argparse passes none)
    try:
        yield
    finally:
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language
        gettext.textdomain(domain)
        gettext.bindtextdomain(_DOMAIN, bound)
        _cli_lang.reset(token)


def _language(value: str) -> str:
    """The ``type`` of ``--lang``: a known language."""
    code = value.strip().lower()
    if code not in LANGUAGES:
        _ = gettext_for(cli_language())
        raise argparse.ArgumentTypeError(
            _("unknown language '{lang}'; use et (Estonian), ru (Russian) or en (English)").format(
                lang=value
            )
        )
    return code


INTERNAL_ERROR = N_("Internal error ({kind}); please report it to the developers.")


def whole_number(lowest: int, highest: int) -> Callable[[str], int]:
    """The ``type`` of an option that takes a whole number from ``lowest`` to ``highest``:
    anything else is a usage error (exit 2) that says the range."""

    def parse(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:  # not a number, or thousands of digits
            number = lowest - 1
        if not lowest <= number <= highest:
            _ = gettext_for(cli_language())
            raise argparse.ArgumentTypeError(
                _("give a whole number from {lowest} to {highest}").format(
                    lowest=lowest, highest=highest
                )
            )
        return number

    return parse


_NOT_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable_text(most: int) -> Callable[[str], str]:
    """The ``type`` of an option whose text goes into a document (``--restriction-holder``):
    no control characters, at most ``most`` characters; otherwise a usage error (exit 2)."""

    def parse(value: str) -> str:
        _ = gettext_for(cli_language())
        if _NOT_PRINTABLE.search(value):
            raise argparse.ArgumentTypeError(
                _("the text holds a control character (such as a line break or an escape); "
                  "give it on one line of plain text")
            )  # fmt: skip
        if len(value) > most:
            raise argparse.ArgumentTypeError(
                _("the text is longer than {most} characters").format(most=most)
            )
        return value

    return parse


def add_lang_option(parser: argparse.ArgumentParser, *, default: bool = True) -> None:
    """``--lang et|ru|en``: the language of messages; from the locale when not given.

    Commands pass ``default=False``: a subparser's default would overwrite
    ``asendusdoc --lang ru CMD``.
    """
    _ = gettext_for(cli_language())
    parser.add_argument(
        "--lang",
        type=_language,
        metavar="{et,ru,en}",
        default=default_language() if default else argparse.SUPPRESS,
        help=_("language of messages: et, ru or en (default: from LC_ALL/LANG, else et)"),
    )


def gettext_for(lang: str) -> Callable[[str], str]:
    """The gettext function of ``lang``."""
    return translations(lang).gettext


def ngettext_for(lang: str) -> Callable[[str, str, int], str]:
    """The ngettext function of ``lang`` (Russian has three plural forms, Estonian two)."""
    return translations(lang).ngettext


def read_folder_file(path: str | os.PathLike[str]) -> bytes | InputError:
    """A file of a folder the user named (a case folder's form), read through the way in
    (a 3 GB file is refused from its size), or the refusal, which the command reports as that
    file's finding while it goes on with the others."""
    from asendusdoc.read.files import read_form_file

    try:
        return read_form_file(path)
    except InputError as exc:
        return exc


def report_error(exc: BaseException, lang: str) -> int:
    """Print an error for a person on stderr; return its exit code. Never a traceback."""
    from asendusdoc.cli._hints import error_text

    _ = gettext_for(lang)
    if isinstance(exc, AsendusdocError):
        from asendusdoc.read.budget import MAX_PROBLEMS_SHOWN

        message = error_text(exc, lang, most=MAX_PROBLEMS_SHOWN)
        print(_("Error: {message}").format(message=message), file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, OSError):
        from asendusdoc.i18n.library_errors import os_reason

        print(_("Error: {message}").format(message=_(os_reason(exc))), file=sys.stderr)
        return EXIT_USAGE
    print(_(INTERNAL_ERROR).format(kind=exc.__class__.__name__), file=sys.stderr)
    return EXIT_INTERNAL
