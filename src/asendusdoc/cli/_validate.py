"""``validate FILE|- ...``: check forms, print every problem, exit 0, 1 or 2."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from asendusdoc.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    gettext_for,
    read_input,
)
from asendusdoc.errors import InputError

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add the command to the CLI."""
    parser = commands.add_parser("validate", help="check forms against their schema and rules")
    parser.add_argument("files", nargs="+", metavar="FILE", help="form file(s), - for stdin")
    parser.add_argument("--json", action="store_true", help="print problems as JSON")
    add_lang_option(parser)
    parser.set_defaults(handler=_validate)


def _validate(args: argparse.Namespace) -> int:
    from asendusdoc.i18n.messages import describe_problem, error_message, problem_message
    from asendusdoc.loading import parse_form_json, validate_form

    _ = gettext_for(args.lang)
    results: list[dict[str, Any]] = []
    counts = {"valid": 0, "invalid": 0, "unreadable": 0}
    for name in args.files:
        shown = _("standard input") if name == "-" else name
        try:
            data = parse_form_json(read_input(name))
            problems = validate_form(data)
        except InputError as exc:
            counts["unreadable"] += 1
            results.append({"file": name, "path": "", "code": exc.code,
                            "message": error_message(exc, args.lang)})  # fmt: skip
            if not args.json:
                print(f"{shown}: {error_message(exc, args.lang)}", file=sys.stderr)
            continue
        form_id = data["form"]
        if problems:
            counts["invalid"] += 1
            if not args.json:
                print(_("{file}: {count} problem(s)").format(file=shown, count=len(problems)))
            for problem in problems:
                results.append(
                    {"file": name, **problem.as_dict(),
                     "message": problem_message(problem, args.lang)}
                )  # fmt: skip
                if not args.json:
                    print("  " + describe_problem(problem, form_id, args.lang))
        else:
            counts["valid"] += 1
            if not args.json:
                print(_("{file}: valid").format(file=shown))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    elif len(args.files) > 1:
        print(
            _("{total} file(s): {valid} valid, {invalid} invalid, {unreadable} unreadable").format(
                total=len(args.files), **counts
            )
        )
    if counts["unreadable"]:
        return EXIT_USAGE
    return EXIT_INVALID if counts["invalid"] else EXIT_OK
