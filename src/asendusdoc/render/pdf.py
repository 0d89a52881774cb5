"""The PDF back end: a :class:`~asendusdoc.render.document.Document` laid out with reportlab.

Layout (the same order as the DOCX templates): a running header (author, case reference), the
title, subtitle, case reference and date, the parties, the numbered sections, the signature
blocks, and a running footer (title, "lk 2 / 5" or "стр. 2 из 5").

Everything is set in DejaVu Sans (shipped in ``asendusdoc/render/fonts``, embedded as subsets), so
Estonian and Cyrillic text is exact and no unembedded base-14 font appears. The output is
byte-identical for the same document: reportlab runs in invariant mode and the PDF dates are the
document's own date (``document_date_iso``).

reportlab cannot split a single table row across pages, so a very long value in a table cell is
cut (at whitespace) into continuation rows drawn without a rule between them; the text stays
complete and in place. reportlab writes neither tagged PDF nor PDF/A: the output sets ``/Lang``
and the document title, but it is not an accessible (tagged) PDF.

reportlab is imported here only, so ``import asendusdoc`` stays light.
"""

from __future__ import annotations

import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from asendusdoc._version import __version__
from asendusdoc.errors import RenderError
from asendusdoc.i18n import DOCUMENT_LANGUAGES, LANGUAGE_TAGS
from asendusdoc.render import page_style as style
from asendusdoc.render.document import (
    Block,
    Document,
    FieldRow,
    FieldsBlock,
    ListBlock,
    Section,
    Signature,
    TableBlock,
    TextBlock,
)
from asendusdoc.render.measure import column_widths, hyphenation_language, needs_landscape

__all__ = ["render_pdf", "render_pdf_bundle"]

FONT = "AsendusdocDejaVuSans"
FONT_BOLD = "AsendusdocDejaVuSans-Bold"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = style.MARGIN_LEFT_MM * mm
MARGIN_RIGHT = style.MARGIN_RIGHT_MM * mm
MARGIN_TOP = style.MARGIN_TOP_MM * mm
MARGIN_BOTTOM = style.MARGIN_BOTTOM_MM * mm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
"""The text width of a portrait page; a landscape document's is :data:`LANDSCAPE_WIDTH`."""
LANDSCAPE_WIDTH = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT
LABEL_SHARE = style.LABEL_SHARE

BODY_SIZE = style.BODY_SIZE
RUNNING_SIZE = style.RUNNING_SIZE
GRID_COLOUR = colors.HexColor(f"#{style.GRID_COLOUR}")
HEADER_FILL = colors.HexColor(f"#{style.HEADER_FILL}")
LABEL_FILL = colors.HexColor(f"#{style.LABEL_FILL}")
RUNNING_COLOUR = colors.HexColor(f"#{style.RUNNING_COLOUR}")
CELL_PADDING = style.CELL_PADDING_MM * mm

MAX_CELL_LINES = 16
"""A table cell holds at most about this many lines; longer text continues in the next row.

A table row cannot split across pages. reportlab 5.1's ``splitInRow`` can, but with
``repeatRows`` it repeated the header in the middle of a page, so rows are kept short instead:
at most this much white space is left at the foot of a page.
"""

TABLE_PART_ROWS = 150
"""A long table is set as parts of this many rows, each with its header.

reportlab re-measures all remaining rows of a table at every page break, so one table of
5,000 diary entries costs pages × rows (quadratic, issue 13); parts keep that bounded. The
header then also stands at the top of each part, every 150 rows.
"""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


# ---------------------------------------------------------------- fonts and styles


def _utf16_hex(code_point: int) -> str:
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 pairs.

    reportlab 5.1 writes ``<1F600>`` for an emoji, which PDF readers reject (the character is
    lost from copied and extracted text). For every other character the output is unchanged.
    """
    entries = [f"<{index:02X}> <{_utf16_hex(value)}>" for index, value in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@cache
def _register_fonts() -> None:
    """Register DejaVu Sans regular and bold once per process, as one family (so ``<b>`` works)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    fonts = files("asendusdoc.render") / "fonts"
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        data = (fonts / filename).read_bytes()
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def warm_up() -> None:
    """Load the fonts and styles now (e.g. before forking worker processes)."""
    for lang in DOCUMENT_LANGUAGES:
        _styles_of(lang)


@dataclass(frozen=True)
class _Setting:
    """What the flowables of the document being laid out depend on: language and text width."""

    lang: str = "et"
    width: float = CONTENT_WIDTH


_SETTING: ContextVar[_Setting | None] = ContextVar("asendusdoc_pdf_setting", default=None)


def _setting() -> _Setting:
    return _SETTING.get() or _Setting()


def _styles() -> dict[str, ParagraphStyle]:
    return _styles_of(_setting().lang)


@cache
def _styles_of(lang: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a document language.

    Cells of table columns narrower than their text hyphenate (``cell_hyphenated``, pyphen's
    dictionary through reportlab): there a long word would otherwise leave a ragged gap. Text
    set the full width does not need it, and hyphenating costs a third of a document's time.
    """
    _register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        bulletFontName=FONT,  # the default bullet font is Helvetica
        fontSize=BODY_SIZE,
        leading=13,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=style.TITLE_SIZE,
            leading=style.TITLE_SIZE * 1.25,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=body,
            fontSize=style.SUBTITLE_SIZE,
            leading=style.SUBTITLE_SIZE * 1.27,
            spaceAfter=2,
        ),
        "meta": ParagraphStyle("meta", parent=body, spaceAfter=1),
        "section": ParagraphStyle(
            "section",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=style.SECTION_SIZE,
            leading=style.SECTION_SIZE * 1.25,
            spaceBefore=12,
            spaceAfter=5,
        ),
        "block": ParagraphStyle(
            "block", parent=body, fontName=FONT_BOLD, spaceBefore=4, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", parent=body, leading=12.5, spaceAfter=0),
        "cell_hyphenated": ParagraphStyle(
            "cell_hyphenated",
            parent=body,
            leading=12.5,
            spaceAfter=0,
            hyphenationLang=hyphenation_language(lang),
            embeddedHyphenation=1,  # a word may also break after its own hyphen (Lääne-Harju)
            uriWasteReduce=0.3,
        ),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, spaceAfter=0),
        "running": ParagraphStyle(
            "running",
            parent=body,
            fontSize=RUNNING_SIZE,
            leading=RUNNING_SIZE * 1.2,
            textColor=RUNNING_COLOUR,
            spaceAfter=0,
        ),
        "item": ParagraphStyle(
            "item", parent=body, leftIndent=7 * mm, bulletIndent=0, spaceAfter=2
        ),
    }


def _markup(text: str) -> str:
    """User text as Paragraph markup: control characters dropped, escaped, line breaks kept."""
    cleaned = _CONTROL.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))
    return escape(cleaned).replace("\n", "<br/>")


def _para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(_markup(text), _styles()[style])


def _heading(text: str, style: str) -> Paragraph:
    paragraph = _para(text, style)
    paragraph._asendusdoc_heading = True
    return paragraph


class _KeepHeading(KeepTogether):  # type: ignore[misc]
    """Headings kept with the start of what follows them.

    reportlab's ``keepWithNext`` moves heading and table to a new page whenever the whole table
    does not fit, leaving most of a page empty before a long table. Here the headings stay if the
    following flowable can put at least its first piece (a table's first rows, a paragraph's
    first lines) under them.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        *headings, body = self._content
        used = 0.0
        for heading in headings:
            used += heading.wrap(available_width, available_height)[1]
            used += heading.getSpaceBefore() + heading.getSpaceAfter()
        room = available_height - used - body.getSpaceBefore()
        if room > 0 and body.split(available_width, room):
            return list(self._content)
        result: list[Flowable] = super().split(available_width, available_height)
        return result


def _keep_headings(flowables: list[Flowable]) -> list[Flowable]:
    """Each run of headings joined with the flowable after it (see :class:`_KeepHeading`)."""
    grouped: list[Flowable] = []
    pending: list[Flowable] = []
    for flowable in flowables:
        if getattr(flowable, "_asendusdoc_heading", False):
            pending.append(flowable)
        elif pending:
            grouped.append(_KeepHeading([*pending, flowable]))
            pending = []
        else:
            grouped.append(flowable)
    return grouped + pending


# ---------------------------------------------------------------- long cell text


def _chunks(text: str, width: float) -> list[str]:
    """Cut ``text`` into pieces of at most :data:`MAX_CELL_LINES` lines in a column ``width`` wide.

    Cuts fall on line breaks or whitespace where possible; the pieces joined by a space or a
    line break read as the original text.
    """
    average = pdfmetrics.stringWidth(text, FONT, BODY_SIZE) / max(1, len(text))
    chars_per_line = max(4, int((width - 2 * CELL_PADDING) / max(average, 1.0)))
    budget = chars_per_line * MAX_CELL_LINES
    if len(text) <= budget // 2 and text.count("\n") < MAX_CELL_LINES // 2:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for line in text.split("\n"):
        while line:
            cost = max(1, -(-len(line) // chars_per_line)) * chars_per_line
            if used + cost <= budget:
                current.append(line)
                used += cost
                break
            room = budget - used
            if room < chars_per_line:
                pieces.append("\n".join(current))
                current, used = [], 0
                continue
            cut = _cut_point(line, room)
            current.append(line[:cut])
            pieces.append("\n".join(current))
            current, used = [], 0
            line = line[cut:].lstrip(" ")
        else:
            current.append("")
            used += chars_per_line
    if current:
        pieces.append("\n".join(current))
    return [piece for piece in pieces if piece.strip()] or [""]


def _cut_point(line: str, room: int) -> int:
    """Where to cut ``line`` to keep at most ``room`` characters: a sentence end, else a space."""
    sentence = max(line.rfind(end, room // 2, room) for end in (". ", "! ", "? ", "; "))
    if sentence > 0:
        return sentence + 1
    space = line.rfind(" ", 0, room)
    return space if space > 0 else room


def _grid_table(
    rows: list[list[str]],
    widths: list[float],
    *,
    header: list[str] | None = None,
    bold_first_column: bool = False,
    hyphenated: Sequence[bool] = (),
) -> Table:
    """A gridded table of Paragraph cells; a long cell continues in extra rows (:func:`_chunks`)."""
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, BODY_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
        ("LINEAFTER", (0, 0), (-2, -1), 0.5, GRID_COLOUR),
    ]
    if header is not None:
        data.append([_para(text, "cell_bold") for text in header])
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID_COLOUR),
        ]
    ruled: list[int] = []  # rows with a rule below: the last piece of each item
    for row in rows:
        cells = list(row) + [""] * (len(widths) - len(row))
        pieces = [_chunks(text, width) for text, width in zip(cells, widths, strict=False)]
        height = max(len(p) for p in pieces)
        for index in range(height):
            styles = [
                "cell_hyphenated" if column < len(hyphenated) and hyphenated[column] else "cell"
                for column in range(len(widths))
            ]
            if bold_first_column:
                styles[0] = "cell_bold"
            data.append(
                [
                    _para(p[index] if index < len(p) else "", style)
                    for p, style in zip(pieces, styles, strict=True)
                ]
            )
            if index < height - 1:
                row_index = len(data) - 1
                commands.append(("BOTTOMPADDING", (0, row_index), (-1, row_index), 0))
                commands.append(("TOPPADDING", (0, row_index + 1), (-1, row_index + 1), 0))
        ruled.append(len(data) - 1)
    commands += [
        ("LINEBELOW", (0, first), (-1, last), 0.5, GRID_COLOUR) for first, last in _runs(ruled)
    ]
    return _KeptTable(
        data,
        colWidths=widths,
        repeatRows=1 if header is not None else 0,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


class _KeptTable(Table):  # type: ignore[misc]
    """A table that does not leave its last row alone at the top of the next page.

    When a split would carry a single row over, the split moves up one row, so at least two
    rows go on together (a typesetter's widow rule for tables). The rows moved down start the
    next page: set in the room left on this page, they would split again there, under a second
    header row in the middle of the page.
    """

    _next_page = False
    """Set on the part a moved split carries over: it does not split on the page it left."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self._next_page:
            self._next_page = False
            return []  # reportlab moves a flowable that gives no parts to the next frame
        parts: list[Flowable] = super().split(available_width, available_height)
        if len(parts) != 2:
            return parts
        first, rest = parts
        repeated = self.repeatRows if isinstance(self.repeatRows, int) else 0
        carried = len(rest._cellvalues) - repeated
        kept = len(first._cellvalues) - repeated
        if carried >= 2 or kept < 3:
            return parts
        first.wrap(available_width, available_height)
        shorter = available_height - first._rowHeights[-1] - 0.5
        moved: list[Flowable] = super().split(available_width, shorter)
        if len(moved) != 2:
            return parts
        moved[1]._next_page = True
        return moved


class _Later(Flowable):  # type: ignore[misc]
    """A flowable made only when the layout reaches it (a part of a long table).

    Made up front, the parts of a 5,000-entry diary hold some 100,000 Paragraph objects at once,
    and every full pass of Python's garbage collector walks them all: the cost grew faster than
    the table. Made late, only the part being set is alive. Layout and drawing are the made
    flowable's own.
    """

    def __init__(self, make: Callable[[], Flowable]) -> None:
        super().__init__()
        self._make: Callable[[], Flowable] | None = make
        self._made: Flowable | None = None
        self._setting = _setting()  # the document's, which the layout no longer has set

    def _flowable(self) -> Flowable:
        if self._made is None:
            assert self._make is not None
            token = _SETTING.set(self._setting)
            try:
                self._made, self._make = self._make(), None
            finally:
                _SETTING.reset(token)
        return self._made

    def wrapOn(self, canvas: Canvas, available_width: float, available_height: float) -> Any:
        return self._flowable().wrapOn(canvas, available_width, available_height)

    def wrap(self, available_width: float, available_height: float) -> Any:
        return self._flowable().wrap(available_width, available_height)

    def splitOn(self, canvas: Canvas, available_width: float, available_height: float) -> Any:
        return self._flowable().splitOn(canvas, available_width, available_height)

    def split(self, available_width: float, available_height: float) -> Any:
        return self._flowable().split(available_width, available_height)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._flowable().drawOn(canvas, x, y, _sW)

    def getSpaceBefore(self) -> float:
        return float(self._flowable().getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self._flowable().getSpaceAfter())


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted row indices as (first, last): one style command per run.

    reportlab copies every style command at each page split, so a long table with one command
    per row grows quadratically; a run usually covers the whole table.
    """
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


# ---------------------------------------------------------------- blocks


def _fields_table(rows: Sequence[FieldRow]) -> Table:
    width = _setting().width
    widths = [width * LABEL_SHARE, width * (1 - LABEL_SHARE)]
    table = _grid_table([[row.label, row.value] for row in rows], widths, bold_first_column=True)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), LABEL_FILL)]))
    return table


def _column_texts(block: TableBlock) -> list[list[str]]:
    """Each column's texts, its header first."""
    return [
        [header, *(row[index] if index < len(row) else "" for row in block.rows)]
        for index, header in enumerate(block.columns)
    ]


def _column_widths(block: TableBlock) -> list[float]:
    """Widths from the measured text (render/measure.py), weighted by the layout's shares."""
    setting = _setting()
    return column_widths(
        _column_texts(block),
        setting.width,
        padding=2 * CELL_PADDING + 1,
        lang=setting.lang,
        weights=block.widths,
        font=FONT,
        bold_font=FONT_BOLD,
        size=BODY_SIZE,
    )


def _wrapping(block: TableBlock, widths: Sequence[float]) -> list[bool]:
    """Which columns are narrower than their longest line: their cells hyphenate."""
    room = [width - 2 * CELL_PADDING - 1 for width in widths]
    return [
        any(
            pdfmetrics.stringWidth(line, FONT, BODY_SIZE) > room[index]
            for text in texts[1:]
            for line in text.split("\n")
        )
        for index, texts in enumerate(_column_texts(block))
    ]


def table_widths(block: TableBlock, lang: str, *, landscape_page: bool) -> list[float]:
    """The measured column widths (points) of ``block``: what the DOCX back end applies too."""
    _register_fonts()
    width = LANDSCAPE_WIDTH if landscape_page else CONTENT_WIDTH
    token = _SETTING.set(_Setting(lang, width))
    try:
        return _column_widths(block)
    finally:
        _SETTING.reset(token)


def is_landscape(document: Document) -> bool:
    """Whether a table of ``document`` is too wide for a portrait page: the whole document then
    goes on landscape pages (the client diary's seven columns)."""
    _register_fonts()
    return any(
        needs_landscape(
            _column_texts(block),
            CONTENT_WIDTH,
            padding=2 * CELL_PADDING + 1,
            lang=document.lang,
            font=FONT,
            bold_font=FONT_BOLD,
            size=BODY_SIZE,
        )
        for section in document.sections
        for block in section.blocks
        if isinstance(block, TableBlock) and block.columns
    )


def _block(block: Block) -> list[Flowable]:
    flowables: list[Flowable] = []
    if block.heading:
        flowables.append(_heading(block.heading, "block"))
    if isinstance(block, FieldsBlock):
        if block.rows:
            flowables.append(_fields_table(block.rows))
    elif isinstance(block, TableBlock):
        if block.columns:
            widths = _column_widths(block)
            hyphenated = _wrapping(block, widths)
            for start in range(0, max(len(block.rows), 1), TABLE_PART_ROWS):
                part = functools.partial(
                    _grid_table,
                    block.rows[start : start + TABLE_PART_ROWS],
                    widths,
                    header=block.columns,
                    hyphenated=hyphenated,
                )
                flowables.append(part() if len(block.rows) <= TABLE_PART_ROWS else _Later(part))
    elif isinstance(block, ListBlock):
        for number, item in enumerate(block.items, start=1):
            flowables.append(Paragraph(_markup(item), _styles()["item"], bulletText=f"{number}."))
    elif isinstance(block, TextBlock):
        flowables.append(_para(block.text))
    else:  # pragma: no cover - the Block union is closed
        raise RenderError(f"unknown block kind: {type(block).__name__}", code="render_error")
    flowables.append(Spacer(1, 4))
    return flowables


def _section(section: Section) -> list[Flowable]:
    flowables: list[Flowable] = [_heading(section.heading, "section")]
    for block in section.blocks:
        flowables += _block(block)
    return flowables


def _signature_lines(signature: Signature, labels: dict[str, str]) -> list[Flowable]:
    blank = "_" * 24
    return [
        _para(signature.role, "cell_bold"),
        _para(signature.name, "cell"),
        Spacer(1, 10),
        _para(f"{labels.get('date', '')}: {blank}", "cell"),
        Spacer(1, 10),
        _para(f"{labels.get('signature', '')}: {blank}", "cell"),
    ]


def _prepared_by(document: Document) -> list[Flowable]:
    """The "Koostas" block: name and position, date, and the digital-signature note."""
    prepared = document.prepared_by
    if prepared is None:
        return []
    labels = document.labels
    name = ", ".join(part for part in (prepared.name, prepared.position) if part)
    return [
        KeepTogether(
            [
                Spacer(1, 8),
                _para(labels.get("prepared_by", ""), "cell_bold"),
                _para(name, "cell"),
                _para(f"{labels.get('date', '')}: {prepared.date}", "cell"),
                _para(labels.get("signed_digitally", ""), "cell"),
            ]
        )
    ]


def _signatures(document: Document) -> list[Flowable]:
    if not document.signatures:
        return []
    heading = _para(document.labels.get("signatures", ""), "section")
    short = all(len(s.role) + len(s.name) < 300 for s in document.signatures)
    if not short:
        # Too long for table cells (which cannot split): one block under the other.
        blocks: list[Flowable] = [heading]
        for signature in document.signatures:
            blocks.append(
                KeepTogether([*_signature_lines(signature, document.labels), Spacer(1, 14)])
            )
        return blocks
    cells = [_signature_lines(s, document.labels) for s in document.signatures]
    if len(cells) % 2:
        cells.append([])
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    table = Table(
        rows,
        colWidths=[_setting().width / 2] * 2,
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, BODY_SIZE),  # the default is Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
            ]
        ),
        hAlign="LEFT",
    )
    return [KeepTogether([heading, table])]


def _story(document: Document) -> list[Flowable]:
    labels = document.labels
    story: list[Flowable] = [_para(document.title, "title")]
    if document.subtitle:
        story.append(_para(document.subtitle, "subtitle"))
    story.append(Spacer(1, 4))
    story.append(_para(f"{labels.get('case_reference', '')}: {document.case_reference}", "meta"))
    story.append(_para(f"{labels.get('document_date', '')}: {document.document_date}", "meta"))
    if document.intro:
        story.append(Spacer(1, 4))
        story.append(_para(document.intro))
    if document.parties:
        story.append(_heading(labels.get("parties", ""), "section"))
        story.append(
            _fields_table([FieldRow(p.role, "\n".join(p.lines)) for p in document.parties])
        )
    for section in document.sections:
        story += _section(section)
    story = _keep_headings(story)
    story += _signatures(document)
    story += _prepared_by(document)
    return story


# ---------------------------------------------------------------- pages, metadata, bytes


def _display_title(document: Document) -> str:
    """Title + case reference: the PDF title and the bundle bookmark."""
    return f"{document.title} ({document.case_reference})"


def _pdf_date(iso: str) -> str:
    """``D:YYYYMMDD000000`` for the document date; the time of day is not part of a form."""
    try:
        day = date.fromisoformat(iso)
    except ValueError as exc:
        raise RenderError(
            f"document_date_iso is not an ISO date: {iso!r}", code="render_error"
        ) from exc
    return f"D:{day:%Y%m%d}000000"


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, cut with an ellipsis to fit ``width``."""
    text = " ".join(_CONTROL.sub("", text).split())
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class _StartDocument(Flowable):  # type: ignore[misc]
    """Zero-size marker at the start of each document: sets the page owner, adds the bookmark."""

    def __init__(self, index: int, bookmark: bool) -> None:
        super().__init__()
        self.index = index
        self.bookmark = bookmark
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        # The canvas holds pages back until the end (see _canvas_maker), so the bookmark itself is
        # added when the page is really written.
        self.canv._asendusdoc_owner = self.index
        if self.bookmark:
            self.canv._asendusdoc_marks.append(self.index)


def _canvas_maker(documents: Sequence[Document], pdf_date: str) -> type[Canvas]:
    """A canvas class that holds back the pages and draws header and footer once the total is known.

    Each page records which document it belongs to; page numbers count within that document.
    """
    running = [(document, _display_title(document)) for document in documents]

    class _NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_: pdf_date)
            self._asendusdoc_owner = 0
            self._asendusdoc_marks: list[int] = []
            self._asendusdoc_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._asendusdoc_pages.append(dict(self.__dict__))
            self._asendusdoc_marks = []
            self._startPage()

        def save(self) -> None:
            owners = [page["_asendusdoc_owner"] for page in self._asendusdoc_pages]
            totals = Counter(owners)
            seen: dict[int, int] = {}
            for state, owner in zip(self._asendusdoc_pages, owners, strict=True):
                seen[owner] = seen.get(owner, 0) + 1
                self.__dict__.update(state)
                for index in state["_asendusdoc_marks"]:
                    key = f"document-{index}"
                    self.bookmarkPage(key)
                    self.addOutlineEntry(running[index][1], key, level=0)
                self._draw_running(owner, seen[owner], totals[owner])
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_running(self, owner: int, page: int, total: int) -> None:
            """The marking above the text; issuer, reference, title and page number below it."""
            document = running[owner][0]
            labels = document.labels
            page_width, page_height = self._pagesize
            content_width = page_width - MARGIN_LEFT - MARGIN_RIGHT
            right = page_width - MARGIN_RIGHT
            top = page_height - style.RUNNING_DISTANCE_MM * mm
            self.saveState()
            self.setFillColor(RUNNING_COLOUR)
            self.setStrokeColor(GRID_COLOUR)
            self.setLineWidth(0.4)
            for line in document.restriction:
                marking = Paragraph(_markup(line), _styles_of(document.lang)["running"])
                height = marking.wrapOn(self, content_width, page_height)[1]
                top -= height
                marking.drawOn(self, MARGIN_LEFT, top)
            if document.restriction:
                self.line(MARGIN_LEFT, top - 1.5 * mm, right, top - 1.5 * mm)
            bottom = style.RUNNING_DISTANCE_MM * mm
            upper = bottom + RUNNING_SIZE * 1.3
            self.line(
                MARGIN_LEFT, upper + RUNNING_SIZE + 1.5 * mm, right, upper + RUNNING_SIZE + 1.5 * mm
            )
            reference = f"{labels.get('case_reference', '')}: {document.case_reference}"
            reference = _fit(self, reference, FONT, RUNNING_SIZE, content_width / 2)
            author_room = content_width - self.stringWidth(reference, FONT, RUNNING_SIZE) - 6 * mm
            self.setFont(FONT_BOLD, RUNNING_SIZE)
            self.drawString(
                MARGIN_LEFT,
                upper,
                _fit(self, document.author, FONT_BOLD, RUNNING_SIZE, author_room),
            )
            self.setFont(FONT, RUNNING_SIZE)
            self.drawRightString(right, upper, reference)
            number = f"{labels.get('page', '')} {page} {labels.get('page_of', '/')} {total}"
            number_width = self.stringWidth(number, FONT, RUNNING_SIZE)
            footer = _fit(
                self, running[owner][1], FONT, RUNNING_SIZE, content_width - number_width - 6 * mm
            )
            self.drawString(MARGIN_LEFT, bottom, footer)
            self.drawRightString(right, bottom, number)
            self.restoreState()

    return _NumberedCanvas


def _build(documents: Sequence[Document], *, bookmarks: bool) -> bytes:
    if not documents:
        raise RenderError("no documents to render", code="render_error")
    _register_fonts()
    first = documents[0]
    story: list[Flowable] = []
    orientations = ["landscape" if is_landscape(d) else "portrait" for d in documents]
    for index, document in enumerate(documents):
        # Each document starts on a page of its orientation (NextPageTemplate applies to the
        # page after the break; the first page's template is chosen below).
        if index:
            story += [NextPageTemplate(orientations[index]), PageBreak()]
        story.append(_StartDocument(index, bookmarks))
        width = LANDSCAPE_WIDTH if orientations[index] == "landscape" else CONTENT_WIDTH
        token = _SETTING.set(_Setting(document.lang, width))
        try:
            story += _story(document)
        finally:
            _SETTING.reset(token)
    buffer = io.BytesIO()
    version = f"asendusdoc {__version__}"
    pages = {"portrait": A4, "landscape": landscape(A4)}
    first_orientation = orientations[0]
    page_templates = [
        PageTemplate(
            id=name,
            pagesize=size,
            frames=[
                Frame(
                    MARGIN_LEFT,
                    MARGIN_BOTTOM,
                    size[0] - MARGIN_LEFT - MARGIN_RIGHT,
                    size[1] - MARGIN_TOP - MARGIN_BOTTOM,
                    leftPadding=0,
                    rightPadding=0,
                    topPadding=0,
                    bottomPadding=0,
                    id=f"{name}-text",
                )
            ],
        )
        for name, size in sorted(pages.items(), key=lambda item: item[0] != first_orientation)
    ]
    template = BaseDocTemplate(
        buffer,
        pagesize=pages[first_orientation],
        pageTemplates=page_templates,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=_display_title(first) if len(documents) == 1 else first.title,
        author=first.author,
        subject=first.subtitle or first.form_id,
        creator=version,
        producer=version,
        keywords="",
        lang=LANGUAGE_TAGS.get(first.lang, first.lang),
        displayDocTitle=True,
        initialFontName=FONT,
        initialFontSize=BODY_SIZE,
        invariant=1,
        pageCompression=1,
    )
    if bookmarks:
        template.pageMode = "UseOutlines"
    try:
        template.build(
            story, canvasmaker=_canvas_maker(documents, _pdf_date(first.document_date_iso))
        )
    except RenderError:
        raise
    except Exception as exc:  # reportlab raises LayoutError, ValueError, ... from deep inside
        raise RenderError(
            f"the PDF of '{first.form_id}' could not be laid out: {exc}", code="render_error"
        ) from exc
    return buffer.getvalue()


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes (A4), identical for the same document.

    Metadata: title = title + case reference, author, subject = subtitle (or the form id),
    creator and producer ``asendusdoc <version>``, ``/Lang`` et-EE or ru-RU, and creation and
    modification dates from ``document_date_iso``.
    """
    return _build([document], bookmarks=False)


def render_pdf_bundle(documents: Sequence[Document]) -> bytes:
    """Several documents in one PDF, each starting on a new page, with one bookmark per document.

    Page numbers count within each document ("lk 1 / 3" restarts at every document), since each
    document is signed and filed on its own. The bundle's metadata (language, author, dates) is
    the first document's; each bookmark reads title + case reference. Identical bytes for the
    same documents.
    """
    return _build(list(documents), bookmarks=True)
