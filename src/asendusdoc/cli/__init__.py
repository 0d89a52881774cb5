"""The caseworker's command line: ``asendusdoc``. Thin: parse, call the API, map exit codes.

Exit codes: 0 ok, 1 a form is invalid, 2 usage or input error (unreadable input, existing
output without ``--force``, unusable key, missing template).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from asendusdoc.cli import _agenda, _case, _info, _render, _validate
from asendusdoc.cli._common import EXIT_USAGE, add_lang_option, gettext_for, report_error

__all__ = ["main"]

_COMMANDS = (_info, _validate, _render, _case, _agenda)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    from asendusdoc import __version__
    from asendusdoc.i18n import default_language

    _ = gettext_for(default_language())
    parser = argparse.ArgumentParser(
        prog="asendusdoc", description=_("Documents of the substitute-care support services")
    )
    parser.add_argument("--version", action="version", version=f"asendusdoc {__version__}")
    add_lang_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return report_error(exc, args.lang)
    return code
