"""``forms``, ``example`` and ``schema``: what the package knows."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from asendusdoc.cli._common import EXIT_OK, EXIT_USAGE, add_lang_option, cli_language, gettext_for

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add the commands to the CLI."""
    _ = gettext_for(cli_language())
    forms = commands.add_parser("forms")
    forms.add_argument("--json", action="store_true", help=_("print JSON"))
    add_lang_option(forms, default=False)
    forms.set_defaults(handler=_forms)

    example = commands.add_parser("example")
    example.add_argument("form_id", metavar=_("ID"), help=_("form id (see: asendusdoc forms)"))
    add_lang_option(example, default=False)
    example.set_defaults(handler=_example)

    schema = commands.add_parser("schema")
    schema.add_argument("form_id", metavar=_("ID"), help=_("form id (see: asendusdoc forms)"))
    add_lang_option(schema, default=False)
    schema.set_defaults(handler=_schema)


def _forms(args: argparse.Namespace) -> int:
    from asendusdoc.forms import FORM_MODELS

    if args.json:
        listing = [
            {"id": form_id, "title_et": m.titles.et, "title_ru": m.titles.ru,
             "title_en": m.titles.en}
            for form_id, m in FORM_MODELS.items()
        ]  # fmt: skip
        print(json.dumps(listing, ensure_ascii=False, indent=2))
    else:
        width = max(map(len, FORM_MODELS))
        for form_id, model in FORM_MODELS.items():
            print(f"{form_id:<{width}}  {model.titles.get(args.lang)}")
    return EXIT_OK


def _known_id(form_id: str, lang: str) -> bool:
    from asendusdoc.forms import FORM_MODELS

    if form_id in FORM_MODELS:
        return True
    _ = gettext_for(lang)
    print(
        _("Error: unknown form id '{form}'; known: {known}").format(
            form=form_id, known=", ".join(FORM_MODELS)
        ),
        file=sys.stderr,
    )
    return False


def _example(args: argparse.Namespace) -> int:
    from asendusdoc.examples import example_text

    if not _known_id(args.form_id, args.lang):
        return EXIT_USAGE
    sys.stdout.write(example_text(args.form_id))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from asendusdoc.schemas import json_schema_text

    if not _known_id(args.form_id, args.lang):
        return EXIT_USAGE
    sys.stdout.write(json_schema_text(args.form_id))
    return EXIT_OK
