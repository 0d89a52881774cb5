"""``check DIR``, ``redact FILE --for provider``, ``draft-report DIARY --month``: case files.

The texts of these commands are kept here in et, ru and en (see :mod:`asendusdoc.case.findings`
for why they are not in the gettext catalogs yet).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from asendusdoc.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    gettext_for,
)
from asendusdoc.errors import InputError

__all__ = ["register"]

_LANG_INDEX = {"et": 0, "ru": 1, "en": 2}

_TEXTS: dict[str, tuple[str, str, str]] = {
    "check_help": (
        "kontrolli ühe juhtumi vorme koos: kooskõla ja tähtajad",
        "проверить формы одного дела вместе: согласованность и сроки",
        "check the forms of one case together: consistency and deadlines",
    ),
    "redact_help": (
        "suunamisvorm teenuseosutajale (ainult teenuse alustamiseks vajalikud andmed)",
        "форма направления для поставщика услуги (только данные для начала услуги)",
        "the referral for the provider (only the data needed to start the service)",
    ),
    "draft_help": (
        "kuu ülevaate mustand kliendipäevikust",
        "черновик месячного отчёта по дневнику клиента",
        "draft a month's progress report from the client diary",
    ),
    "not_a_folder": (
        "{path} ei ole kaust; anna juhtumi vormide kaust.",
        "{path} не является папкой; укажите папку с формами дела.",
        "{path} is not a folder; give the folder of the case's forms.",
    ),
    "empty_folder": (
        "Kaustas {path} pole ühtegi vormi (*.json).",
        "В папке {path} нет ни одной формы (*.json).",
        "The folder {path} holds no form files (*.json).",
    ),
    "bad_today": (
        "--today {value} ei ole kuupäev; kirjutage see kujul AAAA-KK-PP.",
        "--today {value} не является датой; укажите её в виде ГГГГ-ММ-ДД.",
        "--today {value} is not a date; write it as YYYY-MM-DD.",
    ),
    "bad_month": (
        "--month {value} ei ole kuu; kirjutage see kujul AAAA-KK.",
        "--month {value} не является месяцем; укажите его в виде ГГГГ-ММ.",
        "--month {value} is not a month; write it as YYYY-MM.",
    ),
    "no_findings": (
        "Juhtum {reference}: leide pole.",
        "Дело {reference}: замечаний нет.",
        "Case {reference}: no findings.",
    ),
    "summary": (
        "Juhtum {reference}: vigu {errors}, hoiatusi {warnings}, teateid {infos}.",
        "Дело {reference}: ошибок — {errors}, предупреждений — {warnings}, сообщений — {infos}.",
        "Case {reference}: {errors} error(s), {warnings} warning(s), {infos} note(s).",
    ),
    "error": ("viga", "ошибка", "error"),
    "warning": ("hoiatus", "предупреждение", "warning"),
    "info": ("teade", "сообщение", "info"),
    "ics_written": (
        "Tähtajad ({count}) kirjutati faili {path}.",
        "Сроки ({count}) записаны в файл {path}.",
        "Deadlines ({count}) written to {path}.",
    ),
    "redacted": (
        "Teenuseosutaja suunamisvorm kirjutati faili {path}.",
        "Форма направления для поставщика записана в файл {path}.",
        "The provider's referral was written to {path}.",
    ),
    "drafted": (
        "Ülevaate mustand kirjutati faili {path}.",
        "Черновик отчёта записан в файл {path}.",
        "The draft report was written to {path}.",
    ),
    "fill_in": (
        "Täida enne saatmist: {fields}. Kontrolli siis käsuga: asendusdoc validate {path}",
        "Заполните перед отправкой: {fields}. Затем проверьте: asendusdoc validate {path}",
        "Fill in before sending: {fields}. Then check it: asendusdoc validate {path}",
    ),
}


def _t(lang: str, key: str, **params: Any) -> str:
    return _TEXTS[key][_LANG_INDEX.get(lang, 0)].format(**params)


def register(commands: Any) -> None:
    """Add ``check``, ``redact`` and ``draft-report`` to the CLI."""
    from asendusdoc.i18n import default_language

    lang = default_language()
    _ = gettext_for(lang)
    check = commands.add_parser("check", help=_t(lang, "check_help"))
    check.add_argument("folder", metavar="DIR", type=Path)
    check.add_argument("--today", metavar="YYYY-MM-DD", help=_("the day deadlines are counted to"))
    check.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    check.add_argument("--ics", type=Path, metavar="FILE", help=_("write the coming deadlines"))
    check.add_argument("--force", action="store_true", help=_("overwrite the --ics file"))
    add_lang_option(check, default=False)
    check.set_defaults(handler=_check)

    redact = commands.add_parser("redact", help=_t(lang, "redact_help"))
    redact.add_argument("file", metavar="FILE")
    redact.add_argument("--for", dest="audience", choices=("provider",), required=True)
    redact.add_argument("-o", "--output", type=Path, required=True)
    redact.add_argument("--force", action="store_true")
    add_lang_option(redact, default=False)
    redact.set_defaults(handler=_redact)

    draft = commands.add_parser("draft-report", help=_t(lang, "draft_help"))
    draft.add_argument("diary", metavar="DIARY")
    draft.add_argument("--month", required=True, metavar="YYYY-MM")
    draft.add_argument("--report-lang", choices=("et", "ru"), default="et")
    draft.add_argument("-o", "--output", type=Path, required=True)
    draft.add_argument("--force", action="store_true")
    add_lang_option(draft, default=False)
    draft.set_defaults(handler=_draft)


def _usage(lang: str, key: str, **params: Any) -> int:
    print(_t(lang, key, **params), file=sys.stderr)
    return EXIT_USAGE


def _check(args: argparse.Namespace) -> int:
    from asendusdoc.case import check_case_files
    from asendusdoc.case.calendar import deadlines_calendar
    from asendusdoc.output import write_output

    lang: str = args.lang
    today = None
    if args.today is not None:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            return _usage(lang, "bad_today", value=args.today)
    folder: Path = args.folder
    if not folder.is_dir():
        return _usage(lang, "not_a_folder", path=folder)
    paths = sorted(p for p in folder.iterdir() if p.suffix == ".json" and p.is_file())
    if not paths:
        return _usage(lang, "empty_folder", path=folder)
    files: dict[str, bytes] = {}
    for path in paths:
        try:
            files[path.name] = path.read_bytes()
        except OSError:
            files[path.name] = b""  # reported as an unreadable form
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
    if args.ics is not None:
        coming = report.coming_deadlines
        data = deadlines_calendar(report.reference or "", coming, lang, stamp=report.today)
        write_output(args.ics, data, force=args.force)
        print(_t(lang, "ics_written", count=len(coming), path=args.ics), file=sys.stderr)
    return EXIT_INVALID if report.has_errors else EXIT_OK


def _print_findings(report: Any, lang: str) -> None:
    reference = report.reference or "?"
    if not report.findings:
        print(_t(lang, "no_findings", reference=reference))
        return
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in report.findings:
        severity = finding.severity.value
        counts[severity] += 1
        forms = ", ".join(finding.forms)
        print(f"{_t(lang, severity)} [{finding.code}] {forms}: {finding.message(lang)}")
    print(
        _t(
            lang,
            "summary",
            reference=reference,
            errors=counts["error"],
            warnings=counts["warning"],
            infos=counts["info"],
        )
    )


def _dump(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _redact(args: argparse.Namespace) -> int:
    from asendusdoc.case.redact import redact_for_provider
    from asendusdoc.cli._common import read_input
    from asendusdoc.loading import load_form, parse_form_json
    from asendusdoc.output import write_output

    form = load_form(parse_form_json(read_input(args.file)))
    reduced = redact_for_provider(form)
    write_output(
        args.output, _dump(reduced.model_dump(mode="json", exclude_none=True)), force=args.force
    )
    print(_t(args.lang, "redacted", path=args.output), file=sys.stderr)
    return EXIT_OK


def _draft(args: argparse.Namespace) -> int:
    from asendusdoc.case.draft_report import draft_progress_report, missing_parts, parse_month
    from asendusdoc.cli._common import read_input
    from asendusdoc.forms import ClientDiary
    from asendusdoc.loading import load_form, parse_form_json
    from asendusdoc.output import write_output

    lang: str = args.lang
    try:
        year, month = parse_month(args.month)
    except InputError:
        return _usage(lang, "bad_month", value=args.month)
    diary = load_form(parse_form_json(read_input(args.diary)))
    if not isinstance(diary, ClientDiary):
        raise InputError(
            "a report is drafted from a client diary, not from '{form}'",
            code="not_a_diary",
            form=diary.form_id,
        )
    draft = draft_progress_report(diary, year, month, lang=args.report_lang)
    write_output(args.output, _dump(draft), force=args.force)
    print(_t(lang, "drafted", path=args.output))
    print(_t(lang, "fill_in", fields=", ".join(missing_parts(draft)), path=args.output))
    return EXIT_OK
