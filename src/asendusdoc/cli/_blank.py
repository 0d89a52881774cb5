"""``blank ID --lang et|ru -o OUT.docx [--prefill FILE.json] [--force]``: a fillable Word form."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from asendusdoc.cli._common import (
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    cli_language,
    gettext_for,
)
from asendusdoc.cli._input import read_input
from asendusdoc.errors import InputError

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add the command to the CLI."""
    _ = gettext_for(cli_language())
    parser = commands.add_parser(
        "blank",
        description=_(
            "Make a fillable Word form of a form, to fill in Word or LibreOffice. Check the "
            "filled file with validate and make the final document with render."
        ),
    )
    parser.add_argument("form_id", metavar=_("ID"), help=_("form id (see: asendusdoc forms)"))
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar=_("OUT"), help=_("the output file")
    )
    parser.add_argument(
        "--prefill",
        metavar=_("FILE"),
        help=_("a JSON file with what is already known (any part of the form)"),
    )
    parser.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    add_lang_option(parser, default=False)
    parser.set_defaults(handler=_blank)


def _prefill(name: str, form_id: str) -> dict[str, Any]:
    """The prefill file's object: any part of a form, not validated; its ``form`` must match."""
    from asendusdoc.read.parse import check_json_depth

    raw = read_input(name)
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
        check_json_depth(text.encode("utf-8"))
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(
            "the prefill file is not JSON text; give a form's JSON (any part of it)",
            code="prefill_not_json",
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            "the prefill file must hold a JSON object (a form or a part of it)",
            code="prefill_not_object",
        )
    if data.get("form", form_id) != form_id:
        raise InputError(
            "the prefill file is a form of another kind than {form}",
            code="prefill_other_form",
            form=form_id,
        )
    return data


def _blank(args: argparse.Namespace) -> int:
    from asendusdoc.blank import make_blank
    from asendusdoc.cli.output import write_output
    from asendusdoc.forms import FORM_MODELS

    _ = gettext_for(args.lang)
    if args.lang not in ("et", "ru"):
        print(
            _("Error: a blank is made in Estonian or Russian: --lang et or --lang ru"),
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.form_id not in FORM_MODELS:
        raise InputError(
            "unknown form id; known: {known}", code="form_unknown", known=", ".join(FORM_MODELS)
        )
    prefill = _prefill(args.prefill, args.form_id) if args.prefill else None
    write_output(args.output, make_blank(args.form_id, args.lang, prefill), force=args.force)
    print(_("{file}: written").format(file=args.output))
    return EXIT_OK
