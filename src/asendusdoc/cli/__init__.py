"""The caseworker's command line: ``asendusdoc``. Thin: parse, call the API, map exit codes.

Exit codes: 0 ok, 1 a form is invalid, 2 usage or input error (unreadable input, existing
output without ``--force``, unusable key, missing template), 70 our own bug, 128 + N ended by
signal N (SIGTERM 143, SIGINT 130, SIGHUP 129) after cleaning up (``cli/_signals.py``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager

from asendusdoc.cli import (
    _agenda,
    _blank,
    _case,
    _decrypt,
    _extract,
    _info,
    _needs,
    _render,
    _seal,
    _serve,
    _signals,
    _validate,
    _verify,
)
from asendusdoc.cli._common import (
    EXIT_USAGE,
    add_lang_option,
    cli_language,
    gettext_for,
    report_error,
    requested_language,
    speaking,
)
from asendusdoc.cli._received import receiving
from asendusdoc.cli._terminal import printable_output

__all__ = ["main"]

_COMMANDS = (
    _info, _validate, _render, _extract, _blank, _case, _agenda, _needs, _serve,
    _verify, _decrypt, _seal,
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command, in :func:`cli_language` (see :func:`speaking`)."""
    from asendusdoc._version import __version__

    _ = gettext_for(cli_language())
    parser = argparse.ArgumentParser(
        prog="asendusdoc", description=_("Documents of the substitute-care support services")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=_("asendusdoc, version {version}").format(version=__version__),
        help=_("show program's version number and exit"),
    )
    add_lang_option(parser)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in _COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    with speaking(requested_language(arguments)):
        parser = build_parser()
        try:
            args = parser.parse_args(arguments)
        except SystemExit as exc:
            return int(exc.code or 0)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
    with printable_output():  # nothing from a file reaches the terminal as a control character
        try:
            with _signals.handling(), receiving(args), _quiet_libraries():
                code: int = args.handler(args)
        except _signals.Interrupted as exc:  # everything temporary is already cleaned up
            return _signals.exit_code(exc.signum)
        except KeyboardInterrupt:
            return _signals.exit_code(2)
        except Exception as exc:
            return report_error(exc, args.lang)
    return code


def _quiet_libraries() -> AbstractContextManager[None]:
    """:func:`asendusdoc.product.quiet_libraries`, imported only when a command runs."""
    from asendusdoc.product import quiet_libraries

    return quiet_libraries()
