"""``check DIR``, ``redact FILE --for provider``, ``draft-report DIARY --month``: case files."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from asendusdoc.cli._case_folder import form_patterns
from asendusdoc.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    cli_language,
    gettext_for,
)
from asendusdoc.cli._received import add_received_options
from asendusdoc.errors import InputError
from asendusdoc.i18n import DOCUMENT_LANGUAGES, N_

__all__ = ["register"]

_SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def register(commands: Any) -> None:
    """Add ``check``, ``redact`` and ``draft-report`` to the CLI."""
    lang = cli_language()
    _ = gettext_for(lang)
    check = commands.add_parser("check")
    check.add_argument(
        "folder",
        metavar=_("DIR"),
        type=Path,
        help=_("the folder of the case's forms ({patterns})").format(patterns=form_patterns()),
    )
    check.add_argument(
        "--today", metavar=_("YYYY-MM-DD"), help=_("the day deadlines are counted to")
    )
    check.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    check.add_argument("--ics", type=Path, metavar=_("FILE"), help=_("write the coming deadlines"))
    check.add_argument("--force", action="store_true", help=_("overwrite the --ics file"))
    add_received_options(check)
    add_lang_option(check, default=False)
    check.set_defaults(handler=_check)

    redact = commands.add_parser("redact")
    redact.add_argument(
        "file",
        metavar=_("FILE"),
        help=_("the family support or support-person referral (JSON, DOCX or PDF)"),
    )
    redact.add_argument(
        "--for",
        dest="audience",
        choices=("provider",),
        required=True,
        help=_("who receives it: provider (the service provider)"),
    )
    redact.add_argument(
        "-o", "--output", type=Path, required=True, metavar=_("OUT"), help=_("the output file")
    )
    redact.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    add_received_options(redact)
    add_lang_option(redact, default=False)
    redact.set_defaults(handler=_redact)

    draft = commands.add_parser("draft-report")
    draft.add_argument("diary", metavar=_("DIARY"), help=_("the client diary (JSON)"))
    draft.add_argument(
        "--month", required=True, metavar=_("YYYY-MM"), help=_("the month the report covers")
    )
    draft.add_argument(
        "--report-lang",
        choices=DOCUMENT_LANGUAGES,
        default="et",
        help=_("the language of the report's texts (default: et)"),
    )
    draft.add_argument(
        "-o", "--output", type=Path, required=True, metavar=_("OUT"), help=_("the output file")
    )
    draft.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    add_received_options(draft)
    add_lang_option(draft, default=False)
    draft.set_defaults(handler=_draft)


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


def _check(args: argparse.Namespace) -> int:
    from asendusdoc.case import check_case_files
    from asendusdoc.case.calendar import deadlines_calendar
    from asendusdoc.cli._case_folder import form_files, read_case_folder
    from asendusdoc.cli.output import write_output
    from asendusdoc.forms._types import EARLIEST_DATE, LATEST_DATE

    lang: str = args.lang
    _ = gettext_for(lang)
    today = None
    if args.today is not None:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            return _usage(
                _("--today {value} is not a date; write it as YYYY-MM-DD.").format(value=args.today)
            )
        if not EARLIEST_DATE <= today <= LATEST_DATE:
            message = _("--today must be a day of the years {earliest} to {latest}.")
            return _usage(message.format(earliest=EARLIEST_DATE.year, latest=LATEST_DATE.year))
    folder: Path = args.folder
    if not folder.is_dir():
        return _usage(
            _("{path} is not a folder; give the folder of the case's forms.").format(path=folder)
        )
    paths = form_files(folder)
    if not paths:
        return _usage(
            _("The folder {path} holds no form files ({patterns}).").format(
                path=folder, patterns=form_patterns()
            )
        )
    files, worst = read_case_folder(folder, lang, paths)
    report = check_case_files(files, today=today)
    if args.json:
        result = {
            "case_reference": report.reference,
            "today": report.today.isoformat(),
            "findings": [f.as_dict(lang) for f in report.findings],
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_findings(report, lang)
    if args.ics is not None and not report.coming_deadlines:
        # RFC 5545 wants at least one component: an empty calendar is not written
        print(
            _("No coming deadlines: {path} was not written.").format(path=args.ics),
            file=sys.stderr,
        )
    elif args.ics is not None:
        coming = report.coming_deadlines
        data = deadlines_calendar(report.reference or "", coming, lang, stamp=report.today)
        write_output(args.ics, data, force=args.force)
        print(
            _("Deadlines ({count}) written to {path}.").format(count=len(coming), path=args.ics),
            file=sys.stderr,
        )
    return max(worst, EXIT_INVALID if report.has_errors else EXIT_OK)


def _print_findings(report: Any, lang: str) -> None:
    _ = gettext_for(lang)
    reference = report.reference or "?"
    if not report.findings:
        print(_("Case {reference}: no findings.").format(reference=reference))
        return
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in report.findings:
        severity = finding.severity.value
        counts[severity] += 1
        forms = ", ".join(finding.forms)
        word = _(_SEVERITY_WORDS[severity])
        print(f"{word} [{finding.code}] {forms}: {finding.message(lang)}")
    print(
        _("Case {reference}: {errors} error(s), {warnings} warning(s), {infos} note(s).").format(
            reference=reference,
            errors=counts["error"],
            warnings=counts["warning"],
            infos=counts["info"],
        )
    )


def _redact(args: argparse.Namespace) -> int:
    from asendusdoc.case.redact import redact_for_provider
    from asendusdoc.cli._input import load_input
    from asendusdoc.cli.output import write_output
    from asendusdoc.render.embedding import form_data, form_json

    form = load_input(args.file)
    reduced = redact_for_provider(form)
    write_output(args.output, form_json(form_data(reduced)), force=args.force)
    _ = gettext_for(args.lang)
    print(
        _("The provider's referral was written to {path}.").format(path=args.output),
        file=sys.stderr,
    )
    return EXIT_OK


def _field_names(paths: list[str], form_id: str, lang: str) -> list[str]:
    """Dotted paths ("municipality.worker") as a caseworker reads them: the fields' titles."""
    from asendusdoc.errors import Problem
    from asendusdoc.problems.messages import field_label

    return [field_label(Problem(tuple(p.split(".")), "", ""), form_id, lang) for p in paths]


def _draft(args: argparse.Namespace) -> int:
    from asendusdoc.case.draft_report import draft_progress_report, missing_parts, parse_month
    from asendusdoc.cli._input import load_input
    from asendusdoc.cli.output import write_output
    from asendusdoc.forms import ClientDiary, ProgressReport
    from asendusdoc.render.embedding import form_json

    _ = gettext_for(args.lang)
    try:
        year, month = parse_month(args.month)
    except InputError:
        return _usage(
            _("--month {value} is not a month; write it as YYYY-MM.").format(value=args.month)
        )
    diary = load_input(args.diary)
    if not isinstance(diary, ClientDiary):
        raise InputError(
            "a report is drafted from a client diary, not from '{form}'",
            code="not_a_diary",
            form=diary.form_id,
        )
    draft = draft_progress_report(diary, year, month, lang=args.report_lang)
    write_output(args.output, form_json(draft), force=args.force)
    print(_("The draft report was written to {path}.").format(path=args.output))
    fields = "; ".join(_field_names(missing_parts(draft), ProgressReport.form_id, args.lang))
    print(
        _("Fill in before sending: {fields}. Then check it: asendusdoc validate {path}").format(
            fields=fields, path=args.output
        )
    )
    return EXIT_OK
