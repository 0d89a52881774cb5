"""The needs report as PDF: tables and charts drawn with reportlab's own graphics.

Per period: the families per group, a chart of the need areas (one bar per area, stacked by
level: no need, some, great; shares of the families who answered the area), the figures of all
families and of each group, the contact. When there are several periods, a line chart follows:
per area, the share with some or great need over the periods. Then the case figures.

A hidden count is left out of the charts (its segment or point is missing, and a note says so);
the tables show "< 5" and "x" as the other formats do. The page style (DejaVu Sans embedded,
margins, table grid) is that of the documents (:mod:`asendusdoc.render.pdf_kit`).
"""

from __future__ import annotations

import io
import textwrap
from functools import cache
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from asendusdoc._version import __version__
from asendusdoc.forms.family_needs_feedback import NeedLevel
from asendusdoc.i18n import LANGUAGE_TAGS
from asendusdoc.needs.output import (
    gettext_of,
    label,
    period_title,
    share_text,
    summary_lines,
    table_title,
)
from asendusdoc.needs.report import TOTAL, NeedsReport, Table
from asendusdoc.needs.suppression import THRESHOLD
from asendusdoc.reference.needs import NeedArea
from asendusdoc.render.measure import hyphenation_points
from asendusdoc.render.pdf_kit import (  # the documents' page style, used as it is
    BODY_SIZE,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    GRID_COLOUR,
    HEADER_FILL,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_WIDTH,
    paragraph,
    register_fonts,
)

__all__ = ["report_pdf"]

LEVEL_COLOURS = {
    NeedLevel.NONE: colors.HexColor("#C9D3DD"),
    NeedLevel.SOME: colors.HexColor("#6A9AC4"),
    NeedLevel.GREAT: colors.HexColor("#1F4E79"),
}
LINE_COLOURS = [
    colors.HexColor(code)
    for code in (
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000000",
    )
]  # fmt: skip
_LEVELS = (NeedLevel.NONE, NeedLevel.SOME, NeedLevel.GREAT)
LABEL_WIDTH = 62 * mm
"""Room for the area names left of the bars."""


def _wrap(text: str, width: int = 40) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _level_share(table: Table, row: str, level: NeedLevel) -> float | None:
    cells = [(row, level.value), (row, "answered")]
    if any(cell in table.hidden for cell in cells) or table.counts[(row, "answered")] == 0:
        return None
    return 100 * table.counts[(row, level.value)] / table.counts[(row, "answered")]


def _segments(table: Table, row: str) -> tuple[float, float, float, float, float]:
    """The stacked pieces of one bar: none, gap, some, gap, great (percent; gaps are invisible).

    A hidden level is left out; a shown one keeps its true place: "no need" starts at 0 %,
    "great" ends at 100 %, "some" follows "no need" or precedes "great" when either is shown,
    else it is left out too (its place would be a guess).
    """
    none, some, great = (_level_share(table, row, lv) for lv in _LEVELS)
    if none is None and great is None:
        return (0.0, 0.0, 0.0, 0.0, 0.0)
    if none is not None:
        middle = some or 0.0
        rest = 100 - none - middle - (great or 0.0)
        return (none, 0.0, middle, rest, great or 0.0)
    assert great is not None
    middle = some or 0.0
    return (0.0, 100 - great - middle, middle, 0.0, great)


def _bar_chart(tables: list[Table], row: str, lang: str) -> Drawing:
    """Per area one bar, stacked by level; a hidden count leaves its segment out."""
    ordered = list(reversed(tables))  # the chart draws its first category at the bottom
    levels = _LEVELS
    height = 21 * len(ordered) + 40
    drawing = Drawing(CONTENT_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x = LABEL_WIDTH
    chart.y = 16
    chart.width = CONTENT_WIDTH - LABEL_WIDTH - 6
    chart.height = height - 36
    pieces = [_segments(t, row) for t in ordered]
    chart.data = [[piece[index] for piece in pieces] for index in range(5)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [
        _wrap(t.area.title(lang) if t.area else "") for t in ordered
    ]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d %%"
    chart.barSpacing = 0
    chart.groupSpacing = 4
    for index, level in zip((0, 2, 4), levels, strict=True):
        chart.bars[index].fillColor = LEVEL_COLOURS[level]
        chart.bars[index].strokeColor = colors.white
        chart.bars[index].strokeWidth = 0.3
    for gap in (1, 3):
        chart.bars[gap].fillColor = None
        chart.bars[gap].strokeColor = None
    drawing.add(chart)
    pairs = [(LEVEL_COLOURS[lv], lv.title(lang)) for lv in levels]
    drawing.add(_legend(pairs, LABEL_WIDTH / 2, height - 14, 3, CONTENT_WIDTH - LABEL_WIDTH / 2))
    return drawing


def _legend(
    pairs: list[tuple[Any, str]], x: float, y: float, columns: int, width: float = CONTENT_WIDTH
) -> Legend:
    legend = Legend()
    legend.x = x
    legend.y = y
    legend.alignment = "right"
    legend.fontName = FONT
    legend.fontSize = 7
    legend.columnMaximum = max(1, -(-len(pairs) // columns))
    legend.deltax = width / columns
    legend.dx = legend.dy = 6
    legend.deltay = 11
    legend.dxTextSpace = 4
    legend.colorNamePairs = pairs
    legend.boxAnchor = "sw"
    return legend


def _line_chart(report: NeedsReport, lang: str) -> Drawing:
    """Per area a line: the share of all families with some or great need, period by period."""
    by_area: dict[NeedArea, dict[str, float | None]] = {area: {} for area in NeedArea}
    for table in report.tables:
        if table.key == "needs" and table.area is not None and table.period is not None:
            by_area[table.area][table.period] = table.share(TOTAL, table.shares[0])
    legend_rows = -(-len(NeedArea) // 2)
    legend_height = 11 * legend_rows
    chart = HorizontalLineChart()
    chart.x = 30
    chart.width = CONTENT_WIDTH - 40
    # many quarters: each period's name is broken into lines as narrow as its place on the axis
    room = chart.width / max(1, len(report.periods)) - 4
    names = [_fitted(period_title(p, lang), room, FONT, 7, lang) for p in report.periods]
    label_lines = max((name.count("\n") + 1 for name in names), default=1)
    chart.y = legend_height + 22 + 8 * label_lines
    chart.height = 150
    drawing = Drawing(CONTENT_WIDTH, chart.y + chart.height + 10)
    series: list[list[float | None]] = []
    colours: list[Any] = []
    for index, area in enumerate(NeedArea):
        values = [by_area[area].get(p) for p in report.periods]
        # one series per run of shown periods: a hidden period breaks the line
        run: list[float | None] = [None] * len(values)
        for position, value in enumerate([*values, None]):
            if value is not None:
                run[position] = 100 * value
            elif any(v is not None for v in run):
                series.append(run)
                colours.append(LINE_COLOURS[index])
                run = [None] * len(values)
    chart.data = series or [[None] * len(report.periods)]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d %%"
    chart.joinedLines = 0
    for index, colour in enumerate(colours):
        chart.lines[index].strokeColor = colour
        chart.lines[index].strokeWidth = 1.4
        chart.lines[index].symbol = makeMarker("FilledCircle", size=4, fillColor=colour)
        # a period shown alone is a point, not a line (a one-point line cannot be drawn)
        shown = sum(value is not None for value in series[index])
        chart.lines[index].lineStyle = "joinedLine" if shown > 1 else None
    drawing.add(chart)
    pairs = [(LINE_COLOURS[i], area.title(lang)) for i, area in enumerate(NeedArea)]
    legend = _legend(pairs, 0, legend_height + 2, 2)
    legend.boxAnchor = "nw"
    drawing.add(legend)
    return drawing


@cache
def _fitted(text: str, width: float, font: str, size: float, lang: str = "et") -> str:
    """``text`` broken at spaces into lines at most ``width`` points wide; a word wider than
    the width is hyphenated (pyphen's points, as the documents' tables do), and cut where it
    has no point left, so no line runs into the next column."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines += _hyphenated(word, width, font, size, lang)
    return "\n".join(lines)


def _hyphenated(word: str, width: float, font: str, size: float, lang: str) -> list[str]:
    """``word`` in lines of at most ``width`` points (one line when it fits)."""
    if stringWidth(word, font, size) <= width:
        return [word]
    points = [p for p in hyphenation_points(word, lang) if 0 < p < len(word)]
    lines: list[str] = []
    start = 0
    while stringWidth(word[start:], font, size) > width:
        fitting = [
            p for p in points if p > start and stringWidth(word[start:p] + "-", font, size) <= width
        ]
        cut = fitting[-1] if fitting else _widest_cut(word, start, width, font, size)
        piece = word[start:cut]
        lines.append(piece if piece.endswith("-") else piece + "-")
        start = cut
    return [*lines, word[start:]]


def _widest_cut(word: str, start: int, width: float, font: str, size: float) -> int:
    """The end of the longest piece of ``word`` from ``start`` that fits with its hyphen."""
    cut = start + 1
    while cut < len(word) - 1 and stringWidth(word[start : cut + 1] + "-", font, size) <= width:
        cut += 1
    return cut


def _small_table(
    header: list[str], rows: list[list[str]], widths: list[float], lang: str
) -> Flowable:
    """A gridded table in 8-point type: many narrow number columns fit the page.

    Cells are plain strings broken into lines here, not Paragraphs: a report by county and
    quarter has some 200 of these tables, and Paragraphs made it several times slower.
    """
    room = [w - 6 for w in widths]
    data: list[list[Any]] = [
        [_fitted(text, w, FONT_BOLD, 7, lang) for text, w in zip(header, room, strict=True)]
    ]
    data += [[_fitted(row[0], room[0], FONT, 8, lang), *row[1:]] for row in rows]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 8, 9.6),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 7, 8.4),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return LongTable(data, colWidths=widths, repeatRows=1, style=style, hAlign="LEFT")


def _table(table: Table, lang: str) -> Flowable:
    header = [""] + [label(title, lang) for _key, title in table.columns]
    header += [f"{label(s.title, lang)}, %" for s in table.shares]
    rows = [
        [label(title, lang)]
        + [str(table.shown(row, col)) for col, _ in table.columns]
        + [share_text(table.share(row, s), lang) for s in table.shares]
        for row, title in table.rows
    ]
    first = 0.34 if len(header) < 8 else 0.2
    rest = (1 - first) / max(1, len(header) - 1)
    widths = [CONTENT_WIDTH * first] + [CONTENT_WIDTH * rest] * (len(header) - 1)
    return _small_table(header, rows, widths, lang)


def _area_matrix(needs: list[Table], unmet: Table, row: str, lang: str) -> Flowable:
    """One group's figures per area: answered, levels, shares, unmet."""
    _ = gettext_of(lang)
    header = [_("Need area"), _("No need"), _("Some"), _("Great"), _("Answered")]
    header += [_("Some or great, %"), _("Great, %"), _("Unmet")]
    rows = []
    for table in needs:
        assert table.area is not None
        rows.append(
            [table.area.title(lang)]
            + [str(table.shown(row, col)) for col, _t in table.columns]
            + [share_text(table.share(row, s), lang) for s in table.shares]
            + [str(unmet.shown(row, table.area.value))]
        )
    widths = [CONTENT_WIDTH * 0.24] + [CONTENT_WIDTH * 0.76 / (len(header) - 1)] * (len(header) - 1)
    return _small_table(header, rows, widths, lang)


def _period_story(report: NeedsReport, period: str, lang: str) -> list[Flowable]:
    _ = gettext_of(lang)
    tables = [t for t in report.tables if t.period == period]
    families = next(t for t in tables if t.key == "families")
    needs = [t for t in tables if t.key == "needs"]
    unmet = next(t for t in tables if t.key == "unmet")
    contact = next(t for t in tables if t.key == "contact")
    story: list[Flowable] = [paragraph(period_title(period, lang), "title")]
    story.append(paragraph(table_title(families, lang), "section"))
    story.append(_table(families, lang))
    story.append(
        KeepTogether(
            [
                paragraph(
                    _("Needs of all families by area (share of those who answered)"), "section"
                ),
                Spacer(1, 6),
                _bar_chart(needs, TOTAL, lang),
                paragraph(_("A level whose count is hidden is left out of its bar."), "meta"),
            ]
        )
    )
    for row, title in families.rows:
        heading = paragraph(label(title, lang), "section")
        story.append(KeepTogether([heading, _area_matrix(needs, unmet, row, lang)]))
    story.append(
        paragraph(_("“Unmet”: families with a great need who used no service for it."), "meta")
    )
    story.append(paragraph(table_title(contact, lang), "section"))
    story.append(_table(contact, lang))
    return story


def _sparse_note(report: NeedsReport, lang: str) -> list[Flowable]:
    """What the report leaves out for too few answers, and how many are needed.

    Every figure of a period with fewer than :data:`THRESHOLD` forms would be "< 5": such a
    period gets this note instead of its pages of hidden counts and empty charts. The number of
    its forms is not given (it is itself a small count), except when the whole report is too
    small: the preamble has named the files counted already.
    """
    _ = gettext_of(lang)
    sparse = report.sparse_periods
    if not sparse:
        return []
    if not report.shown_periods:
        text = _(
            "There are too few answers to show any figure: {used} feedback forms were counted, "
            "and a figure is shown only from {needed} answers on. Collect at least {needed} "
            "forms from the same period and make the report again."
        ).format(used=report.files_used, needed=THRESHOLD)
        return [Spacer(1, 12), paragraph(text, "body")]
    text = _(
        "Periods with too few answers (fewer than {needed} forms each; a figure is shown only "
        "from {needed} answers on), left out of this report: {periods}."
    ).format(needed=THRESHOLD, periods=", ".join(period_title(p, lang) for p in sparse))
    return [Spacer(1, 12), paragraph(text, "body")]


def report_pdf(report: NeedsReport, lang: str) -> bytes:
    """The report as PDF bytes (A4), identical for the same report."""
    register_fonts()
    _ = gettext_of(lang)
    title = _("Families' needs: feedback statistics")
    story: list[Flowable] = [paragraph(title, "title")]
    story += [paragraph(line, "meta") for line in summary_lines(report, lang)]
    if not report.periods:
        story.append(paragraph(_("No feedback form could be counted."), "body"))
    story += _sparse_note(report, lang)
    for period in report.shown_periods:
        story.append(PageBreak())
        story += _period_story(report, period, lang)
    if len(report.shown_periods) > 1:
        story.append(PageBreak())
        story.append(
            paragraph(_("Share of all families with some or great need, by period"), "section")
        )
        story.append(_line_chart(report, lang))
        story.append(
            paragraph(_("A period whose figure is hidden is left out of its line."), "meta")
        )
    cases = [t for t in report.tables if t.period is None]
    if cases:
        story.append(PageBreak())
        story.append(paragraph(_("Figures from the case folders"), "title"))
        for table in cases:
            story.append(paragraph(table_title(table, lang), "section"))
            story.append(_table(table, lang))
    story.append(Spacer(1, 4))
    buffer = io.BytesIO()
    version = f"asendusdoc {__version__}"
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=version,
        subject=title,
        creator=version,
        producer=version,
        lang=LANGUAGE_TAGS.get(lang, lang),
        displayDocTitle=True,
        initialFontName=FONT,
        initialFontSize=BODY_SIZE,
        invariant=1,
        pageCompression=1,
    )
    page_word = _("page {number}")

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(MARGIN_LEFT, 11 * mm, title)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN_RIGHT, 11 * mm, page_word.format(number=document.page)
        )
        canvas.restoreState()

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
