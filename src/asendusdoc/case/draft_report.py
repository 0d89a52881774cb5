"""A month's progress report drafted from the client diary (Viimsi, seed 003: "the diary, from
which a report is compiled at the start of every month").

The draft is a dict, not a model: it leaves out what only the worker can write, so it does not
validate until they have written it. :data:`WORKER_FILLS` names those fields: ``next_steps``
always, and ``municipality.worker`` (the child-protection worker) unless given, since the diary
does not name them. The contacts are counted by kind with their hours, the situation and
progress are compiled from the diary's entries of the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from asendusdoc.errors import InputError
from asendusdoc.forms import ClientDiary, ProgressReport
from asendusdoc.forms._blocks import Worker
from asendusdoc.forms.client_diary import ContactKind
from asendusdoc.i18n import N_, format_day, format_number, translations

__all__ = ["WORKER_FILLS", "draft_progress_report", "missing_parts", "parse_month"]

WORKER_FILLS = ("next_steps", "municipality.worker")
"""The fields a draft may leave for the worker to write (dotted paths)."""

_SUMMARY = N_("{month}: {count} contact(s), {hours} hours in all ({kinds}).")
_KIND_COUNT = N_("{kind}: {count}")
_ENTRIES_INTRO = N_("Entries of the client diary:")


def parse_month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` → (year, month); :class:`InputError` (``month_invalid``) otherwise."""
    try:
        day = dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise InputError(
            "'{month}' is not a month; write it as YYYY-MM (e.g. 2026-10)",
            code="month_invalid",
            month=text,
        ) from None
    return day.year, day.month


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def draft_progress_report(
    diary: ClientDiary,
    year: int,
    month: int,
    *,
    lang: str = "et",
    municipality_worker: Worker | None = None,
) -> dict[str, Any]:
    """The draft report of one month of ``diary``, in ``lang`` (et or ru) for its texts.

    Raises :class:`InputError` (``diary_month_empty``) when the diary has no entry that month.
    """
    _ = translations(lang).gettext
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    entries = sorted((e for e in diary.entries if first <= e.date <= last), key=lambda e: e.date)
    if not entries:
        raise InputError(
            "the diary has no entries in {month}",
            code="diary_month_empty",
            month=first.strftime("%Y-%m"),
        )
    period_start = max(first, diary.period_start)
    period_end = min(last, diary.period_end) if diary.period_end else last
    counts: dict[ContactKind, list[int]] = {}
    for entry in entries:
        counts.setdefault(entry.kind, []).append(entry.duration_minutes)
    contacts = [
        {"kind": kind.value, "count": len(counts[kind]), "hours": _hours(sum(counts[kind]))}
        for kind in ContactKind
        if kind in counts
    ]
    kinds = ", ".join(
        _(_KIND_COUNT).format(kind=kind.title(lang), count=len(counts[kind]))
        for kind in ContactKind
        if kind in counts
    )
    total = _hours(sum(e.duration_minutes for e in entries))
    situation = _(_SUMMARY).format(
        month=f"{format_day(period_start)}–{format_day(period_end)}",
        count=len(entries),
        hours=format_number(total, lang),
        kinds=kinds,
    )
    lines = [_(_ENTRIES_INTRO)]
    lines += [f"- {format_day(e.date)}, {e.kind.title(lang)}: {e.description}" for e in entries]
    draft: dict[str, Any] = {
        "form": ProgressReport.form_id,
        "case_reference": diary.case_reference,
        "document_date": (last + dt.timedelta(days=1)).isoformat(),
        "service": diary.service.value,
        "municipality": {"name": diary.municipality},
        "worker": diary.worker.model_dump(mode="json", exclude_none=True),
        "client": diary.client,
        "service_start": diary.period_start.isoformat(),
        "period_start": period_start.isoformat(),
        "period_end": period_end.isoformat(),
        "situation": situation,
        "progress": "\n".join(lines),
        "contacts": contacts,
    }
    if municipality_worker is not None:
        draft["municipality"]["worker"] = municipality_worker.model_dump(
            mode="json", exclude_none=True
        )
    return draft


def missing_parts(draft: dict[str, Any]) -> list[str]:
    """The fields of :data:`WORKER_FILLS` the draft still lacks."""
    missing = []
    for path in WORKER_FILLS:
        node: Any = draft
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node in (None, ""):
            missing.append(path)
    return missing
