"""What every command shares: the language option, reading input, reporting errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from asendusdoc.errors import AsendusdocError, InputError
from asendusdoc.i18n import MESSAGE_LANGUAGES, default_language, translations

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "add_lang_option",
    "gettext_for",
    "read_input",
    "report_error",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def add_lang_option(parser: argparse.ArgumentParser, *, default: bool = True) -> None:
    """``--lang et|ru|en``: the language of messages; from the locale when not given."""
    parser.add_argument(
        "--lang",
        choices=MESSAGE_LANGUAGES,
        default=default_language() if default else argparse.SUPPRESS,
        help="et, ru or en (default: from LC_ALL/LANG, else et)",
    )


def gettext_for(lang: str) -> Callable[[str], str]:
    """The gettext function of ``lang``."""
    return translations(lang).gettext


def read_input(name: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    from asendusdoc.loading import MAX_INPUT_BYTES, read_form_file

    if name == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        return data
    if not name:
        raise InputError("file not found: ''", code="file_missing", path=name)
    return read_form_file(name)


def report_error(exc: BaseException, lang: str) -> int:
    """Print an error for a person on stderr; return its exit code. Never a traceback."""
    from asendusdoc.i18n.messages import error_message

    _ = gettext_for(lang)
    if isinstance(exc, AsendusdocError):
        print(_("Error: {message}").format(message=error_message(exc, lang)), file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, OSError):
        print(
            _("Error: {message}").format(message=exc.strerror or exc.__class__.__name__),
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(
        _("Internal error ({kind}); please report it to the developers.").format(
            kind=exc.__class__.__name__
        ),
        file=sys.stderr,
    )
    return 70
