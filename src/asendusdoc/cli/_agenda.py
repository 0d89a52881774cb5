"""``agenda DIR [DIR ...]``: the deadlines of every case folder under the given folders.

A case folder is a folder that directly holds form files (JSON, PDF, DOCX, filled blanks), read
as ``check`` reads them (``cli/_case_folder.py``); the
folders are searched below each DIR (hidden folders skipped, links not followed). One line per
deadline, soonest first, across all cases. A folder that cannot be read, or a case with a bad
file, is named on standard error and the rest goes on.

Exit codes: 0 the agenda was made from every case folder; 1 a case folder holds a file that is
no form or an invalid one (the other cases are listed all the same); 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asendusdoc.cli._case_folder import form_patterns, holds_forms, read_case_folder
from asendusdoc.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    cli_language,
    gettext_for,
    ngettext_for,
)
from asendusdoc.i18n import N_

if TYPE_CHECKING:
    from asendusdoc.case.agenda import AgendaItem

__all__ = ["find_case_folders", "register"]

PROGRESS_FROM = 50
"""A progress bar (on a terminal) from this many case folders on."""

_SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def register(commands: Any) -> None:
    """Add ``agenda`` to the CLI."""
    _ = gettext_for(cli_language())
    agenda = commands.add_parser(
        "agenda",
        description=_(
            "List the deadlines of every case folder under the given folders: those overdue "
            "and those due within --days days, soonest first. Exit code 0: done; 1: a case "
            "folder holds a bad file (the others are listed); 2: usage error."
        ),
    )
    agenda.add_argument(
        "folders", nargs="+", metavar=_("DIR"), type=Path, help=_("folder(s) holding case folders")
    )
    agenda.add_argument(
        "--today", metavar=_("YYYY-MM-DD"), help=_("the day deadlines are counted to")
    )
    agenda.add_argument(
        "--days",
        metavar="N",
        default=_DueSoonDays(),
        help=_("look ahead this many days (default: {days})").format(days="%(default)s"),
    )
    agenda.add_argument("--json", action="store_true", help=_("print the agenda as JSON"))
    agenda.add_argument(
        "--ics", type=Path, metavar=_("FILE"), help=_("write the agenda as a calendar file")
    )
    agenda.add_argument("--force", action="store_true", help=_("overwrite the --ics file"))
    add_lang_option(agenda, default=False)
    agenda.set_defaults(handler=_agenda)


MOST_DAYS = 3660
"""The longest look-ahead of ``--days`` (ten years): no deadline of a case lies further."""


class _DueSoonDays:
    """``--days``'s default, the library's ``DUE_SOON_DAYS``: looked up only when the agenda
    runs or its help is shown, since registering a command must import nothing heavy (the case
    package builds every form model)."""

    def __int__(self) -> int:
        from asendusdoc.case.deadlines import DUE_SOON_DAYS

        return DUE_SOON_DAYS

    def __str__(self) -> str:
        return str(int(self))


def find_case_folders(roots: list[Path], on_error: Any) -> list[Path]:
    """Every folder under ``roots`` (the roots included) that directly holds a form file.

    ``on_error(path)`` is called for a folder that cannot be listed; the search goes on.
    """
    found: dict[Path, None] = {}
    for root in roots:
        for folder in _walk(root, on_error):
            found.setdefault(folder, None)
    return sorted(found)


def _walk(root: Path, on_error: Any) -> Iterator[Path]:
    def failed(error: OSError) -> None:
        on_error(Path(error.filename) if error.filename else root)

    for current, subfolders, names in os.walk(root, onerror=failed):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        if holds_forms(names):
            yield Path(current)


def _agenda(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from asendusdoc.case.agenda import agenda_calendar, case_agenda, sort_agenda
    from asendusdoc.cli.output import write_output
    from asendusdoc.forms._types import EARLIEST_DATE, LATEST_DATE

    lang: str = args.lang
    _ = gettext_for(lang)
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        return _usage(_("--today {value} is not a date; write it as YYYY-MM-DD."), args.today)
    if not EARLIEST_DATE <= today <= LATEST_DATE:
        message = _("--today must be a day of the years {earliest} to {latest}.")
        print(message.format(earliest=EARLIEST_DATE.year, latest=LATEST_DATE.year), file=sys.stderr)
        return EXIT_USAGE
    try:
        days = int(args.days)
        if not 0 <= days <= MOST_DAYS:
            raise ValueError
    except ValueError:
        message = _("--days must be a number of days from 0 to {most}, e.g. 14.")
        print(message.format(most=MOST_DAYS), file=sys.stderr)
        return EXIT_USAGE
    for folder in args.folders:
        if not folder.is_dir():
            message = _("{path} is not a folder; give a folder holding case folders.")
            print(message.format(path=folder), file=sys.stderr)
            return EXIT_USAGE
    unreadable: list[Path] = []
    folders = find_case_folders(list(args.folders), unreadable.append)
    for path in unreadable:
        message = _("{path}: the folder cannot be read; it was skipped.")
        print(message.format(path=path), file=sys.stderr)
    if not folders:
        message = _("No case folder (a folder with form files: {patterns}) under {paths}.")
        paths = ", ".join(map(str, args.folders))
        print(message.format(patterns=form_patterns(), paths=paths), file=sys.stderr)
        return EXIT_USAGE
    items: list[AgendaItem] = []
    bad_cases = 0
    show_progress = sys.stderr.isatty() and len(folders) >= PROGRESS_FROM
    with tqdm(total=len(folders), disable=not show_progress, unit="", file=sys.stderr) as bar:
        for folder in folders:
            files, refused = read_case_folder(folder, lang)
            agenda = case_agenda(str(folder), files, today=today, days=days)
            items.extend(agenda.items)
            if agenda.bad_files or refused:
                bad_cases += 1
                bar.clear()
                print(_bad_case(lang, folder, agenda.bad_files or 1), file=sys.stderr)
            bar.update()
    items = sort_agenda(items)
    if args.json:
        print(json.dumps([item.as_dict(lang) for item in items], ensure_ascii=False, indent=2))
    else:
        for item in items:
            print(agenda_line(item, lang))
        summary = _("Deadlines: {count}; case folders: {cases}; with a bad file: {bad}.")
        print(summary.format(count=len(items), cases=len(folders), bad=bad_cases))
    if args.ics is not None and not items:
        # RFC 5545 wants at least one component: an empty calendar is not written
        print(
            _("No coming deadlines: {path} was not written.").format(path=args.ics), file=sys.stderr
        )
    elif args.ics is not None:
        write_output(args.ics, agenda_calendar(items, lang, stamp=today), force=args.force)
        message = _("The agenda ({count} deadline(s)) was written to {path}.")
        print(message.format(count=len(items), path=args.ics), file=sys.stderr)
    return EXIT_INVALID if bad_cases or unreadable else EXIT_OK


def _usage(template: str, value: str) -> int:
    print(template.format(value=value), file=sys.stderr)
    return EXIT_USAGE


def _bad_case(lang: str, folder: Path, count: int) -> str:
    ngettext = ngettext_for(lang)
    return ngettext(
        "{path}: {count} file is no form or an invalid one; see: asendusdoc check {path}",
        "{path}: {count} files are no form or invalid ones; see: asendusdoc check {path}",
        count,
    ).format(path=folder, count=count)


def agenda_line(item: AgendaItem, lang: str) -> str:
    """One line of the agenda: due date, severity, case, municipality, what, since when, message."""
    from asendusdoc.i18n import format_day

    _ = gettext_for(lang)
    ngettext = ngettext_for(lang)
    late = item.overdue_days
    if late > 0:
        status = ngettext(
            "was due {date}, {days} day ago", "was due {date}, {days} days ago", late
        ).format(date=format_day(item.due), days=late)
    elif late == 0:
        status = _("due today, {date}").format(date=format_day(item.due))
    else:
        status = ngettext("due {date}, in {days} day", "due {date}, in {days} days", -late).format(
            date=format_day(item.due), days=-late
        )
    return _("{date}  {severity}  {case}  {municipality}  {what}: {status}. {message}").format(
        date=format_day(item.due),
        severity=_(_SEVERITY[item.severity.value]),
        case=item.case_reference,
        municipality=item.municipality or "?",
        what=item.what(lang),
        status=status,
        message=item.finding.message(lang),
    )
