"""The caseworker's command line: ``asendusdoc``. Thin: parse, call the API, map exit codes.

Exit codes: 0 ok, 1 a form is invalid, 2 usage or input error (unreadable input, existing
output without ``--force``, unusable key, missing template), 70 our own bug, 128 + N ended by
signal N (SIGTERM 143, SIGINT 130, SIGHUP 129) after cleaning up (``cli/_signals.py``).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager
from importlib import import_module
from typing import Any, NoReturn

from asendusdoc.cli._common import (
    EXIT_USAGE,
    add_lang_option,
    cli_language,
    gettext_for,
    report_error,
    requested_language,
    speaking,
)
from asendusdoc.i18n import N_

__all__ = ["main", "run"]

_MODULES = (
    "_info", "_validate", "_render", "_extract", "_blank", "_case", "_agenda", "_needs", "_serve",
    "_verify", "_decrypt", "_seal",
)  # fmt: skip
"""The modules that register the commands (under ``asendusdoc.cli``), in the order of the help."""

_COMMANDS: dict[str, tuple[str, str]] = {
    "forms": ("_info", N_("list the form ids and titles")),
    "example": ("_info", N_("print the example of a form as JSON")),
    "schema": ("_info", N_("print the JSON Schema of a form")),
    "validate": ("_validate", N_("check forms against their schema and rules")),
    "render": ("_render", N_("render forms to DOCX or PDF documents")),
    "encrypt": ("_render", N_("encrypt any file for CDOC or OpenPGP recipients")),
    "extract": ("_extract", N_("write the form a PDF or Word file carries as JSON")),
    "blank": ("_blank", N_("make a fillable Word form (DOCX) of a form")),
    "check": ("_case", N_("check the forms of one case together: consistency and deadlines")),
    "redact": (
        "_case",
        N_("the referral for the provider (only the data needed to start the service)"),
    ),
    "draft-report": ("_case", N_("draft a month's progress report from the client diary")),
    "agenda": ("_agenda", N_("the deadlines of all cases under the given folders, soonest first")),
    "suggest": (
        "_needs",
        N_("services of the seeds that fit the needs of a feedback form or a referral"),
    ),
    "needs-report": (
        "_needs",
        N_("statistics of the families' needs from feedback forms"),
    ),
    "serve": ("_serve", N_("run the HTTP service for other systems")),
    "verify": ("_verify", N_("check the signatures of a signed container (.asice, .bdoc)")),
    "decrypt": ("_decrypt", N_("open a CDOC envelope with the recipient's key")),
    "seal": ("_seal", N_("seal any file in a signed container (.asice)")),
}
"""Each command: the module that registers it and its line in ``asendusdoc --help``. The help
lists a command from here without importing its module; a command missing here still works
(its module is imported to list it), only the start-up is slower."""


def build_parser(arguments: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command, in :func:`cli_language` (see :func:`speaking`).

    Given the command line's ``arguments``, only the modules of the commands named in it are
    imported and register their options; the other commands are listed with their help line
    only, so that ``asendusdoc --version`` and ``--help`` import nothing a command needs.
    """
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
    listing = _Listing(commands, None if arguments is None else set(arguments), _)
    command = None if arguments is None else _command_of(arguments)
    for module in _MODULES:
        if command is None or _COMMANDS[command][0] == module:
            listing.register(module)
    return parser


def _command_of(arguments: Sequence[str]) -> str | None:
    """The known command the command line runs, when nothing before it asks for the list of
    commands (``--help``): then the other commands need not even be listed. None otherwise
    (every command is listed: the help, an unknown command's error)."""
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        if argument in ("-h", "--help", "--"):
            return None
        if argument == "--lang":
            index += 2
            continue
        if not argument.startswith("-"):
            return argument if argument in _COMMANDS else None
        index += 1
    return None


class _Listing:
    """Stands for the subparsers while the modules register: a command named on the command
    line (or every one, when ``named`` is None) gets its options; any other is only listed
    with its help line, and what its module adds to its parser goes nowhere (:class:`_Nowhere`).
    """

    def __init__(self, commands: Any, named: set[str] | None, gettext: Any) -> None:
        self._commands = commands
        self._named = named
        self._ = gettext

    def register(self, module: str) -> None:
        """List ``module``'s commands from :data:`_COMMANDS`, or import it and let it register."""
        listed = [command for command, (owner, _line) in _COMMANDS.items() if owner == module]
        if listed and self._named is not None and self._named.isdisjoint(listed):
            for command in listed:
                self._commands.add_parser(command, help=self._(_COMMANDS[command][1]))
            return
        import_module(f"asendusdoc.cli.{module}").register(self)

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if name in _COMMANDS:
            kwargs.setdefault("help", self._(_COMMANDS[name][1]))
        if self._named is None or name in self._named:
            return self._commands.add_parser(name, **kwargs)
        self._commands.add_parser(name, help=kwargs.get("help"))
        return _Nowhere()


class _Nowhere:
    """Takes every call a command's registration makes on its parser, and keeps nothing."""

    def __getattr__(self, name: str) -> Any:
        return self._ignore

    def _ignore(self, *args: Any, **kwargs: Any) -> _Nowhere:
        return self


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    with speaking(requested_language(arguments)):
        parser = build_parser(arguments)
        try:
            args = parser.parse_args(arguments)
        except SystemExit as exc:
            return int(exc.code or 0)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
    from asendusdoc.cli import _signals
    from asendusdoc.cli._plugins import no_plugin_search
    from asendusdoc.cli._received import receiving
    from asendusdoc.cli._terminal import printable_output

    with printable_output():  # nothing from a file reaches the terminal as a control character
        try:
            with _signals.handling(), receiving(args), _quiet_libraries(), no_plugin_search():
                code: int = args.handler(args)
        except _signals.Interrupted as exc:  # everything temporary is already cleaned up
            return _signals.exit_code(exc.signum)
        except KeyboardInterrupt:
            return _signals.exit_code(2)
        except Exception as exc:
            return report_error(exc, args.lang)
    return code


def run() -> NoReturn:
    """The console script ``asendusdoc`` and ``python -m asendusdoc``: :func:`main`, then exit.

    The process ends right after the command, so the objects left are frozen first
    (:func:`gc.freeze`): Python's last search for reference cycles among everything a command
    imported (pydantic, the models) would only free memory that the system takes back anyway,
    and was about a twentieth of validating one form. What the command wrote is closed and
    flushed by then, and ``atexit`` work (temporary folders) still runs.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def _quiet_libraries() -> AbstractContextManager[None]:
    """:func:`asendusdoc._quiet.quiet_libraries`, imported only when a command runs."""
    from asendusdoc._quiet import quiet_libraries

    return quiet_libraries()
