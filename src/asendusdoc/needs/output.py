"""The needs report as JSON, CSV or PDF, in Estonian or Russian: the same suppressed figures.

Every published count is a number, ``"< 5"`` (under 5) or ``"x"`` (hidden so that a count under
5 cannot be worked out); a share is published only where its counts are (else ``"x"``). The
PDF (:mod:`asendusdoc.needs.charts` draws its charts) leaves hidden counts out of the charts.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from asendusdoc.i18n import N_, translations
from asendusdoc.needs.report import Label, LeftOut, NeedsReport, Share, Table
from asendusdoc.needs.suppression import THRESHOLD
from asendusdoc.titles import TitledEnum

__all__ = ["label", "period_title", "report_csv", "report_json", "share_text", "table_title"]

REASONS = {
    "not_a_form": N_("not a form"),
    "not_feedback": N_("another form than the family needs feedback"),
    "invalid": N_("invalid"),
    "no_consent": N_("no consent to statistics"),
    "unreadable": N_("unreadable"),
}
GROUPINGS = {
    "county": N_("county"),
    "region": N_("region"),
    "family-type": N_("family type"),
    "life-stage": N_("life stage"),
}


def gettext_of(lang: str) -> Callable[[str], str]:
    """The report language's gettext."""
    return translations(lang).gettext


def label(value: Label, lang: str) -> str:
    """A row or column heading in ``lang``."""
    if isinstance(value, TitledEnum):
        return value.title(lang)
    return gettext_of(lang)(value)


def period_title(period: str | None, lang: str) -> str:
    """``2026`` → "2026" / "2026 г."; ``2026-Q3`` → "2026, 3. kvartal" / "3-й квартал 2026 г."."""
    if period is None:
        return ""
    _ = gettext_of(lang)
    year, _sep, quarter = period.partition("-Q")
    if quarter:
        return _("{year}, quarter {quarter}").format(year=year, quarter=quarter)
    return _("year {year}").format(year=year)


def table_title(table: Table, lang: str) -> str:
    """The table's title in ``lang`` (with its need area)."""
    area = table.area.title(lang) if table.area is not None else ""
    return gettext_of(lang)(table.title).format(area=area)


def share_text(value: float | None, lang: str) -> str:
    """A share as a percentage with one decimal ("41,7"), or "x" when it is not published."""
    if value is None:
        return "x"
    text = f"{value * 100:.1f}"
    return text if lang == "en" else text.replace(".", ",")


def _left_out(items: list[LeftOut]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.reason] = counts.get(item.reason, 0) + 1
    return dict(sorted(counts.items()))


def report_json(report: NeedsReport, lang: str) -> bytes:
    """The report as JSON: every table with its rows, counts and shares."""
    tables: list[dict[str, Any]] = []
    for table in report.tables:
        tables.append(
            {
                "key": table.key,
                "title": table_title(table, lang),
                "area": table.area.value if table.area is not None else None,
                "period": table.period,
                "period_title": period_title(table.period, lang),
                "columns": [{"key": k, "title": label(v, lang)} for k, v in table.columns],
                "shares": [{"key": s.key, "title": label(s.title, lang)} for s in table.shares],
                "rows": [
                    {
                        "key": row,
                        "title": label(title, lang),
                        "counts": {col: table.shown(row, col) for col, _ in table.columns},
                        "shares": {s.key: _rounded(table.share(row, s)) for s in table.shares},
                    }
                    for row, title in table.rows
                ],
            }
        )
    data: dict[str, Any] = {
        "report": "needs-report",
        "lang": lang,
        "by": report.by,
        "period": report.period_kind,
        "threshold": THRESHOLD,
        "files": {
            "read": report.files_read,
            "used": report.files_used,
            "left_out": _left_out(report.left_out),
        },
        "tables": tables,
    }
    if report.cases_read:
        data["cases"] = {"read": report.cases_read, "left_out": _left_out(report.cases_left_out)}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _rounded(value: float | None) -> float | str:
    return "x" if value is None else round(value, 4)


def report_csv(report: NeedsReport, lang: str) -> bytes:
    """The report as one long CSV table (``;``-separated, UTF-8 with BOM, for spreadsheets).

    One line per published figure: table, period, need area, group, measure, value. Shares are
    percentages with the language's decimal comma.
    """
    _ = gettext_of(lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Table"), _("Period"), _("Need area"), _("Group"), _("Figure"), _("Value")])
    for table in report.tables:
        title = table_title(table, lang)
        period = period_title(table.period, lang)
        area = table.area.title(lang) if table.area is not None else ""
        for row, row_title in table.rows:
            group = label(row_title, lang)
            for col, col_title in table.columns:
                writer.writerow(
                    [title, period, area, group, label(col_title, lang), table.shown(row, col)]
                )
            for share in table.shares:
                writer.writerow(
                    [
                        title,
                        period,
                        area,
                        group,
                        _share_heading(share, lang),
                        share_text(table.share(row, share), lang),
                    ]
                )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _share_heading(share: Share, lang: str) -> str:
    return f"{label(share.title, lang)} (%)"


def summary_lines(report: NeedsReport, lang: str) -> list[str]:
    """What was read and left out, and how small counts are shown: the report's preamble."""
    _ = gettext_of(lang)
    lines = [
        _("Files read: {read}; counted: {used}; left out: {left}.").format(
            read=report.files_read, used=report.files_used, left=len(report.left_out)
        )
    ]
    for reason, count in _left_out(report.left_out).items():
        lines.append(f"{_(REASONS[reason])}: {count}")
    if report.cases_read:
        lines.append(
            _("Case files read: {read}; left out: {left}.").format(
                read=report.cases_read, left=len(report.cases_left_out)
            )
        )
    if report.by is not None:
        lines.append(_("Grouped by {grouping}.").format(grouping=_(GROUPINGS[report.by])))
    lines.append(
        _(
            "Counts under 5 are shown as “< 5”; “x” marks a figure hidden so that a count under "
            "5 cannot be worked out from the totals. Only answers given with the family's "
            "consent are counted; no free text and no case reference is in the report."
        )
    )
    return lines
