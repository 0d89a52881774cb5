"""``suggest FILE`` and ``needs-report DIR [DIR ...]``: the families' needs monitoring (seed 002).

Exit codes of ``suggest``: 0 done, 1 the form is invalid, 2 usage or input error (also a form
that states no needs). ``needs-report``: 0 the report was written from every file; 1 it was
written, but some files were left out (not a form, another form, invalid, no consent,
unreadable: each is named on standard error, and counted in the report); 2 usage error (no
report written). The report itself names no file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from asendusdoc.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    cli_language,
    gettext_for,
    read_folder_file,
)
from asendusdoc.cli._received import add_received_options
from asendusdoc.errors import InputError

__all__ = ["register"]

PROGRESS_FROM = 200
"""A progress bar (on a terminal) from this many files on."""


def register(commands: Any) -> None:
    """Add ``suggest`` and ``needs-report`` to the CLI."""
    _ = gettext_for(cli_language())
    suggest = commands.add_parser("suggest")
    suggest.add_argument("file", metavar=_("FILE"), help=_("a family needs feedback or a referral"))
    suggest.add_argument("--json", action="store_true", help=_("print JSON"))
    add_received_options(suggest)
    add_lang_option(suggest, default=False)
    suggest.set_defaults(handler=_suggest)

    report = commands.add_parser("needs-report")
    report.add_argument(
        "folders", nargs="+", metavar=_("DIR"), type=Path, help=_("folder(s) of feedback forms")
    )
    report.add_argument(
        "--by",
        choices=("county", "region", "family-type", "life-stage"),
        help=_("group the figures by this"),
    )
    report.add_argument(
        "--period", choices=("quarter", "year"), default="year", help=_("period of the figures")
    )
    report.add_argument(
        "--format", choices=("pdf", "csv", "json"), default="pdf", help=_("format of the report")
    )
    report.add_argument(
        "--cases",
        type=Path,
        metavar=_("DIR"),
        help=_("add figures from the case folders under DIR"),
    )
    report.add_argument(
        "-o", "--output", type=Path, required=True, metavar=_("OUT"), help=_("the report file")
    )
    report.add_argument("--force", action="store_true", help=_("overwrite OUT"))
    add_lang_option(report, default=False)
    report.set_defaults(handler=_needs_report)


def _suggest(args: argparse.Namespace) -> int:
    from asendusdoc.cli._input import load_input
    from asendusdoc.needs.suggest import suggest_services, suggestions_as_json
    from asendusdoc.reference.needs import SEED_SOURCES

    lang: str = args.lang
    form = load_input(args.file)
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


def _json_files(root: Path) -> Iterator[Path]:
    """The ``*.json`` files under ``root``, sorted; hidden folders skipped, links not followed."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".json") and not name.startswith("."):
                yield Path(folder) / name


def _feed(paths: list[Path], tally: Any, label: str) -> None:
    """Each file's bytes into ``tally``, with a progress bar on a terminal for long runs."""
    from tqdm import tqdm

    bar = tqdm(
        paths,
        desc=label,
        unit="",
        file=sys.stderr,
        disable=len(paths) < PROGRESS_FROM or not sys.stderr.isatty(),
        leave=False,
    )
    for path in bar:
        read = read_folder_file(path)
        data = b"" if isinstance(read, InputError) else read  # a refusal: left out as not a form
        tally.add(str(path), data)


def _feed_cases(root: Path, tally: Any, lang: str) -> None:
    """Every form file of the case folders under ``root`` into ``tally``, read as ``check`` and
    ``agenda`` read them (JSON, rendered documents, filled blanks); hidden folders skipped."""
    from asendusdoc.cli._case_folder import holds_forms, read_case_folder
    from asendusdoc.errors import AsendusdocError
    from asendusdoc.read.dispatch import read_form_input

    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        if not holds_forms(names):
            continue
        files, _refused = read_case_folder(Path(folder), lang)
        for name, data in files.items():
            shown = str(Path(folder) / name)
            if isinstance(data, bytes) and not name.lower().endswith(".json"):
                try:  # a document or a filled blank: its form's data, as JSON
                    data = json.dumps(read_form_input(data, name).data).encode("utf-8")
                except AsendusdocError:
                    data = b""  # left out as not a form
            tally.add(shown, data if isinstance(data, bytes) else b"")


def _needs_report(args: argparse.Namespace) -> int:
    from asendusdoc.cli.output import write_output
    from asendusdoc.needs.output import REASONS, report_csv, report_json
    from asendusdoc.needs.report import CaseTally, NeedsTally, build_report

    lang: str = args.lang
    _ = gettext_for(lang)
    roots: list[Path] = list(args.folders) + ([args.cases] if args.cases is not None else [])
    for root in roots:
        if not root.is_dir():
            message = _("{path} is not a folder; give a folder of form files.")
            print(message.format(path=root), file=sys.stderr)
            return EXIT_USAGE
    paths = [path for root in args.folders for path in _json_files(root)]
    if not paths:
        print(_("No form files (*.json) under the given folders."), file=sys.stderr)
        return EXIT_USAGE
    tally = NeedsTally(args.by, args.period)
    _feed(paths, tally, _("feedback forms"))
    cases = None
    if args.cases is not None:
        cases = CaseTally()
        _feed_cases(args.cases, cases, lang)
    report = build_report(tally, cases)
    left_out = report.left_out + report.cases_left_out
    for item in left_out:
        reason = _(REASONS[item.reason])
        print(
            _("Left out: {file} ({reason})").format(file=item.name, reason=reason), file=sys.stderr
        )
    if args.format == "json":
        data = report_json(report, lang)
    elif args.format == "csv":
        data = report_csv(report, lang)
    else:
        from asendusdoc.needs.pdf import report_pdf

        data = report_pdf(report, lang)
    write_output(args.output, data, force=args.force)
    _tell_sparse(report, lang)
    print(
        _("Report written to {path}: {used} of {read} feedback forms counted.").format(
            path=args.output, used=report.files_used, read=report.files_read
        ),
        file=sys.stderr,
    )
    return EXIT_INVALID if left_out else EXIT_OK


def _tell_sparse(report: Any, lang: str) -> None:
    """Name the periods whose every figure is hidden for too few answers, and what is needed."""
    from asendusdoc.needs.output import period_title
    from asendusdoc.needs.suppression import THRESHOLD

    if not report.sparse_periods:
        return
    _ = gettext_for(lang)
    periods = ", ".join(period_title(period, lang) for period in report.sparse_periods)
    message = _(
        "Too few answers to show figures for {periods}: a figure is shown from {needed} "
        "forms of one period on."
    )
    print(message.format(periods=periods, needed=THRESHOLD), file=sys.stderr)
