"""``validate FILE|- ...``: check forms, print every problem, exit 0, 1 or 2."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from asendusdoc.cli._common import (
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    INTERNAL_ERROR,
    add_lang_option,
    cli_language,
    gettext_for,
    ngettext_for,
)
from asendusdoc.cli._input import read_input
from asendusdoc.cli._received import add_received_options
from asendusdoc.errors import AsendusdocError, InputError, SignatureError

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add the command to the CLI."""
    _ = gettext_for(cli_language())
    parser = commands.add_parser(
        "validate",
        description=_(
            "Check forms against their schema and rules. Exit code 0: all valid; "
            "1: a form is invalid; 2: a file cannot be read as a form."
        ),
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar=_("FILE"),
        help=_("form file(s) (JSON, DOCX or PDF); - for standard input"),
    )
    parser.add_argument(
        "--json", action="store_true", help=_("print the problems as JSON (path, code, message)")
    )
    add_received_options(parser)
    add_lang_option(parser, default=False)
    parser.set_defaults(handler=_validate)


def migration_field(migration: Any, form_id: str, lang: str) -> str:
    """The title of the migrated field in ``lang`` (its path when the title is unknown)."""
    field: str = migration.field(form_id, lang)
    return field


def _validate(args: argparse.Namespace) -> int:
    from asendusdoc.migrations import form_migrations
    from asendusdoc.read.dispatch import read_form_input
    from asendusdoc.read.loading import validate_form

    lang: str = args.lang
    _ = gettext_for(lang)
    ngettext = ngettext_for(lang)
    results: list[dict[str, Any]] = []
    counts = {"valid": 0, "invalid": 0, "unreadable": 0}
    internal_errors = 0
    for name in args.files:
        shown = _("standard input") if name == "-" else name
        try:
            read = read_form_input(read_input(name), name)  # JSON, a document, a blank
            problems = validate_form(read)  # a blank's problems carry their places
        except InputError as exc:
            counts["unreadable"] += 1
            message = _error_text(exc, lang)
            results.append({"file": name, "path": "", "code": exc.code, "message": message})
            if not args.json:
                print(f"{shown}: {message}", file=sys.stderr)
            continue
        except SignatureError as exc:  # read, but changed after signing: invalid (exit 1)
            counts["invalid"] += 1
            message = _error_text(exc, lang)
            results.append({"file": name, "path": "", "code": exc.code, "message": message})
            if not args.json:
                print(f"{shown}: {message}", file=sys.stderr)
            continue
        except Exception as exc:  # our bug: name the file, go on with the others, exit 70
            internal_errors += 1
            message = _(INTERNAL_ERROR).format(kind=exc.__class__.__name__)
            results.append({"file": name, "path": "", "code": "internal_error", "message": message})
            if not args.json:
                print(f"{shown}: {message}", file=sys.stderr)
            continue
        form_id = read.data["form"]
        migrations = [*read.migrations, *form_migrations(read.data)]
        if not problems:
            counts["valid"] += 1
            if not args.json:
                print(_("{file}: valid").format(file=shown))
        for migration in migrations:
            entry = {"file": name, "path": migration.path_text, "code": migration.code}
            entry["message"] = migration.message(lang)
            entry["field"] = migration_field(migration, form_id, lang)
            entry["migration"] = True
            results.append(entry)
            if not args.json:
                line = _("migration: {field}: {message}").format(
                    field=entry["field"], message=entry["message"]
                )
                print("  " + line)
        if not problems:
            continue
        counts["invalid"] += 1
        if args.json:
            results.extend(_problem_entries(problems, name, form_id, lang))
            continue
        count = len(problems)
        print(
            ngettext("{file}: {count} problem", "{file}: {count} problems", count).format(
                file=shown, count=count
            )
        )
        _print_problems(problems, form_id, lang)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    elif len(args.files) > 1:
        total = len(args.files)
        print(
            ngettext(
                "{total} file: {valid} valid, {invalid} invalid, {unreadable} unreadable",
                "{total} files: {valid} valid, {invalid} invalid, {unreadable} unreadable",
                total,
            ).format(total=total, **counts)
        )
    if internal_errors:
        return EXIT_INTERNAL
    if counts["unreadable"]:
        return EXIT_USAGE
    return EXIT_INVALID if counts["invalid"] else EXIT_OK


def _error_text(exc: AsendusdocError, lang: str) -> str:
    """Why a file was not read, in ``lang`` (the words imported only when one was not)."""
    from asendusdoc.cli._hints import error_text

    return error_text(exc, lang)


def _print_problems(problems: list[Any], form_id: str, lang: str) -> None:
    """A form's problems for a person, who reads at most ``MAX_PROBLEMS_SHOWN`` of them."""
    from asendusdoc.problems.messages import describe_problem, more_problems
    from asendusdoc.read.budget import MAX_PROBLEMS_SHOWN

    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print("  " + describe_problem(problem, form_id, lang))
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print("  " + more_problems(len(problems) - MAX_PROBLEMS_SHOWN, lang))


def _problem_entries(
    problems: list[Any], name: str, form_id: str, lang: str
) -> list[dict[str, Any]]:
    """A form's problems as ``--json`` lists them: path, code, message and field."""
    from asendusdoc.problems.messages import field_label, problem_message

    entries = []
    for problem in problems:
        entry = {"file": name, **problem.as_dict()}
        entry["message"] = problem_message(problem, lang)
        entry["field"] = field_label(problem, form_id, lang)
        entries.append(entry)
    return entries
