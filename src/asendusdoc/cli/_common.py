"""What every command shares: the language option, reading input, reporting errors.

argparse writes its own messages in English ("usage:", "invalid choice", "the following
arguments are required"). :func:`add_lang_option`, called for the main parser and every
command, also makes that parser speak the caseworker's language: its usage prefix, section
titles and errors go through our catalog. The language of an argparse error is the
``--lang`` parsed so far, else the one from the locale (errors can come before ``--lang``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, NoReturn

from asendusdoc.errors import AsendusdocError, InputError
from asendusdoc.i18n import LANGUAGES, N_, default_language, translations

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "INTERNAL_ERROR",
    "add_lang_option",
    "gettext_for",
    "ngettext_for",
    "read_input",
    "report_error",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
"""Only for our own bugs (EX_SOFTWARE): everything a user can cause has its own code."""

_parsed_lang: ContextVar[str | None] = ContextVar("asendusdoc_cli_lang", default=None)


def _current_lang() -> str:
    return _parsed_lang.get() or default_language()


def _language(value: str) -> str:
    """The ``type`` of ``--lang``: a known language, remembered for argparse's own errors."""
    code = value.strip().lower()
    if code not in LANGUAGES:
        _ = gettext_for(_current_lang())
        raise argparse.ArgumentTypeError(
            _("unknown language '{lang}'; use et (Estonian), ru (Russian) or en (English)").format(
                lang=value
            )
        )
    _parsed_lang.set(code)
    return code


# argparse's English, by pattern, and our msgid for it.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"the following arguments are required: (?P<names>.*)"),
        N_("missing argument(s): {names}"),
    ),
    (re.compile(r"unrecognized arguments: (?P<names>.*)"), N_("unknown argument(s): {names}")),
    (
        re.compile(
            r"argument (?P<name>\S+): invalid choice: (?P<value>.*?) "
            r"\(choose from (?P<choices>.*)\)"
        ),
        N_("{name}: {value} is not one of {choices}"),
    ),
    (re.compile(r"argument (?P<name>\S+): expected one argument"), N_("{name} needs a value")),
    (
        re.compile(r"argument (?P<name>\S+): invalid (?P<kind>\w+) value: (?P<value>.*)"),
        N_("{name}: {value} is not a valid value"),
    ),
    (re.compile(r"argument (?P<name>\S+): (?P<detail>.*)"), N_("{name}: {detail}")),
)
_USAGE = N_("usage: ")
_SECTION_TITLES = {
    "positional arguments": N_("arguments"),
    "options": N_("options"),
    "optional arguments": N_("options"),
}
_HELP_HELP = N_("show this help and exit")
_COMMAND_FAILED = N_("{prog}: error: {message}")
INTERNAL_ERROR = N_("Internal error ({kind}); please report it to the developers.")


def _argparse_error(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    """``parser.error`` in the caseworker's language; exits with code 2 (usage)."""
    _ = gettext_for(_current_lang())
    for pattern, msgid in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            message = _(msgid).format(**found.groupdict())
            break
    parser.print_usage(sys.stderr)
    parser.exit(EXIT_USAGE, _(_COMMAND_FAILED).format(prog=parser.prog, message=message) + "\n")


class _LocalizedHelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter with our "usage: " prefix."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = gettext_for(_current_lang())(_USAGE)
        super().add_usage(usage, actions, groups, prefix)


def _localize_parser(parser: argparse.ArgumentParser) -> None:
    _ = gettext_for(_current_lang())
    parser.formatter_class = _LocalizedHelpFormatter
    parser.error = lambda message: _argparse_error(parser, message)  # type: ignore[method-assign]
    for group in parser._action_groups:  # argparse offers no public way to retitle them
        if group.title in _SECTION_TITLES:
            group.title = _(_SECTION_TITLES[group.title])
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = _(_HELP_HELP)


def add_lang_option(parser: argparse.ArgumentParser, *, default: bool = True) -> None:
    """``--lang et|ru|en``: the language of messages; from the locale when not given.

    Also makes ``parser`` speak that language (see the module docstring). Commands pass
    ``default=False``: a subparser's default would overwrite ``asendusdoc --lang ru CMD``.
    """
    _parsed_lang.set(None)  # a new parser: forget the language of an earlier run
    _ = gettext_for(default_language())
    _localize_parser(parser)
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


def read_input(name: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    from asendusdoc.loading import read_bounded, read_form_file

    if name == "-":
        return read_bounded(sys.stdin.buffer)
    if not name:
        raise InputError("file not found: {path}", code="file_missing", path="''")
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
    print(_(INTERNAL_ERROR).format(kind=exc.__class__.__name__), file=sys.stderr)
    return EXIT_INTERNAL
