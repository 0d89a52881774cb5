"""``suggest FILE``: the families' needs monitoring (seed 002).

Exit codes of ``suggest``: 0 done, 1 the form is invalid, 2 usage or input error (also a form
that states no needs).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from asendusdoc.cli._common import EXIT_OK, add_lang_option, cli_language, gettext_for

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add ``suggest`` to the CLI."""
    _ = gettext_for(cli_language())
    suggest = commands.add_parser(
        "suggest",
        help=_("services of the seeds that fit the needs of a feedback form or a referral"),
    )
    suggest.add_argument("file", metavar=_("FILE"), help=_("a family needs feedback or a referral"))
    suggest.add_argument("--json", action="store_true", help=_("print JSON"))
    add_lang_option(suggest, default=False)
    suggest.set_defaults(handler=_suggest)


def _suggest(args: argparse.Namespace) -> int:
    from asendusdoc.cli._common import read_input
    from asendusdoc.loading import load_form, parse_form_json
    from asendusdoc.needs.suggest import suggest_services, suggestions_as_json
    from asendusdoc.reference.needs import SEED_SOURCES

    lang: str = args.lang
    form = load_form(parse_form_json(read_input(args.file)))
    suggestions = suggest_services(form)
    if args.json:
        data = suggestions_as_json(form, suggestions, lang)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    _ = gettext_for(lang)
    print(_("{form}: services that fit the stated needs").format(form=form.titles.get(lang)))
    if not suggestions:
        print(_("The form states no need: there is nothing to suggest."))
    for suggestion in suggestions:
        area = suggestion.area.title(lang)
        if suggestion.level is None:
            heading = _("Need stated in the form: {area}").format(area=area)
        else:
            heading = f"{suggestion.level.title(lang).capitalize()}: {area}"
        print()
        print(heading)
        for row in suggestion.rows:
            used = ""
            if row.service in suggestion.used:
                used = " — " + _("used in the period")
            source = _("source: {source}").format(source=SEED_SOURCES[row.seed].get(lang))
            print(f"  • {row.service.title(lang)}{used}")
            print(f"      {source}")
            for condition in row.offer.conditions:
                print(f"      – {condition.text.get(lang)}")
    return EXIT_OK
