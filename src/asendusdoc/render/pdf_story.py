"""The story of a document's PDF: its blocks as reportlab flowables, in the order they are set.

Title, case reference and date, the parties, the numbered sections with their fields, tables,
lists and text, the signature blocks and "Koostas". reportlab cannot split a single table row
across pages, so a very long value in a table cell is cut (at whitespace) into continuation
rows drawn without a rule between them; the text stays complete and in place. The pages
around the story (running header and footer, metadata) are :mod:`asendusdoc.render.pdf`'s.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from asendusdoc.errors import RenderError
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
from asendusdoc.render.measure import block_widths, hyphenated_columns
from asendusdoc.render.pdf_kit import (
    BODY_SIZE,
    CELL_PADDING,
    FONT,
    GRID_COLOUR,
    HEADER_FILL,
    LABEL_FILL,
    LABEL_SHARE,
    SETTING,
    current_setting,
    current_styles,
    heading,
    markup,
    paragraph,
)

__all__ = ["MAX_CELL_LINES", "TABLE_PART_ROWS", "document_story"]

MAX_CELL_LINES = 16
"""A table cell holds at most about this many lines; longer text continues in the next row.

A table row cannot split across pages. reportlab 5.1's ``splitInRow`` can, but with
``repeatRows`` it repeated the header in the middle of a page, so rows are kept short instead:
at most this much white space is left at the foot of a page.
"""

TABLE_PART_ROWS = 150
"""A long table is set as parts of at most this many rows, each with its header.

reportlab re-measures all remaining rows of a table at every page break, so one table of
5,000 diary entries costs pages × rows (quadratic, issue 13); parts keep that bounded. The
rows are counted after long cells are cut (:func:`_chunks`): 150 entries of 600 short lines
each were 6,000 rows in one part, and 2,000 pages took three minutes (issue 23). The header
then also stands at the top of each part, every 150 rows.
"""


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
        for part in headings:
            used += part.wrap(available_width, available_height)[1]
            used += part.getSpaceBefore() + part.getSpaceAfter()
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
        else:  # an empty line takes a line of the cell too
            if used + chars_per_line > budget:
                pieces.append("\n".join(current))
                current, used = [], 0
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
        data.append([_cell(text, "cell_bold") for text in header])
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
                    _cell(p[index] if index < len(p) else "", style)
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


class _CellParagraph(Paragraph):  # type: ignore[misc]
    """A table cell's paragraph, broken into lines once per width.

    reportlab wraps every cell when it measures the table, again when it splits it at a page
    break and again when it draws it: three or four times the same line breaking, half the
    time of a long table. A paragraph's lines depend only on the width it is given (the height
    is not used), and a cell is never split, so the lines of the last width are kept.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._wrapped is None or self._wrapped[0] != available_width:
            size: tuple[float, float] = super().wrap(available_width, available_height)
            self._wrapped = (available_width, size)
        return self._wrapped[1]


def _cell(text: str, style: str) -> _CellParagraph:
    """User text as a table cell in a style of the document being set."""
    return _CellParagraph(markup(text), current_styles()[style])


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
        self._setting = current_setting()  # the document's, which the layout no longer has set

    def _flowable(self) -> Flowable:
        if self._made is None:
            assert self._make is not None
            token = SETTING.set(self._setting)
            try:
                self._made, self._make = self._make(), None
            finally:
                SETTING.reset(token)
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


def _parts(rows: Sequence[Sequence[str]], widths: Sequence[float]) -> list[tuple[int, int]]:
    """(start, stop) of consecutive ``rows`` that make at most :data:`TABLE_PART_ROWS` table
    rows once their long cells are cut; an item's pieces stay in one part."""
    parts: list[tuple[int, int]] = []
    start = count = 0
    for index, row in enumerate(rows):
        pieces = max(
            (len(_chunks(text, width)) for text, width in zip(row, widths, strict=False)),
            default=1,
        )
        if count and count + pieces > TABLE_PART_ROWS:
            parts.append((start, index))
            start, count = index, 0
        count += pieces
    parts.append((start, len(rows)))
    return parts


def _fields_table(rows: Sequence[FieldRow]) -> list[Flowable]:
    width = current_setting().width
    widths = [width * LABEL_SHARE, width * (1 - LABEL_SHARE)]
    cells = [[row.label, row.value] for row in rows]
    tables = []
    for start, stop in _parts(cells, widths):
        table = _grid_table(cells[start:stop], widths, bold_first_column=True)
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), LABEL_FILL)]))
        tables.append(table)
    return tables


def _block(block: Block) -> list[Flowable]:
    flowables: list[Flowable] = []
    if block.heading:
        flowables.append(heading(block.heading, "block"))
    if isinstance(block, FieldsBlock):
        if block.rows:
            flowables.extend(_fields_table(block.rows))
    elif isinstance(block, TableBlock):
        if block.columns:
            widths = block_widths(block, current_setting().lang, current_setting().width)
            hyphenated = hyphenated_columns(block, widths)
            parts = _parts(block.rows, widths)
            for start, stop in parts:
                part = functools.partial(
                    _grid_table,
                    block.rows[start:stop],
                    widths,
                    header=block.columns,
                    hyphenated=hyphenated,
                )
                flowables.append(part() if len(parts) == 1 else _Later(part))
    elif isinstance(block, ListBlock):
        for number, item in enumerate(block.items, start=1):
            flowables.append(
                Paragraph(markup(item), current_styles()["item"], bulletText=f"{number}.")
            )
    elif isinstance(block, TextBlock):
        flowables.append(paragraph(block.text))
    else:  # pragma: no cover - the Block union is closed
        raise RenderError(f"unknown block kind: {type(block).__name__}", code="render_error")
    flowables.append(Spacer(1, 4))
    return flowables


def _section(section: Section) -> list[Flowable]:
    flowables: list[Flowable] = [heading(section.heading, "section")]
    for block in section.blocks:
        flowables += _block(block)
    return flowables


def _signature_lines(signature: Signature, labels: dict[str, str]) -> list[Flowable]:
    blank = "_" * 24
    return [
        paragraph(signature.role, "cell_bold"),
        paragraph(signature.name, "cell"),
        Spacer(1, 10),
        paragraph(f"{labels.get('date', '')}: {blank}", "cell"),
        Spacer(1, 10),
        paragraph(f"{labels.get('signature', '')}: {blank}", "cell"),
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
                paragraph(labels.get("prepared_by", ""), "cell_bold"),
                paragraph(name, "cell"),
                paragraph(f"{labels.get('date', '')}: {prepared.date}", "cell"),
                paragraph(labels.get("signed_digitally", ""), "cell"),
            ]
        )
    ]


def _signatures(document: Document) -> list[Flowable]:
    if not document.signatures:
        return []
    heading = paragraph(document.labels.get("signatures", ""), "section")
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
        colWidths=[current_setting().width / 2] * 2,
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


def document_story(document: Document) -> list[Flowable]:
    """The flowables of ``document``, in the order they are set."""
    labels = document.labels
    story: list[Flowable] = [paragraph(document.title, "title")]
    if document.subtitle:
        story.append(paragraph(document.subtitle, "subtitle"))
    story.append(Spacer(1, 4))
    story.append(
        paragraph(f"{labels.get('case_reference', '')}: {document.case_reference}", "meta")
    )
    story.append(paragraph(f"{labels.get('document_date', '')}: {document.document_date}", "meta"))
    if document.intro:
        story.append(Spacer(1, 4))
        story.append(paragraph(document.intro))
    if document.parties:
        story.append(heading(labels.get("parties", ""), "section"))
        story += _fields_table([FieldRow(p.role, "\n".join(p.lines)) for p in document.parties])
    for section in document.sections:
        story += _section(section)
    story = _keep_headings(story)
    story += _signatures(document)
    story += _prepared_by(document)
    return story
