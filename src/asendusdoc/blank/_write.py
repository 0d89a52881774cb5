"""The blank as a DOCX: content controls in tables, each field named by a bookmark.

Every single field is a row of a two-column table: the label (with its bookmark and help line)
on the left, the content control on the right. A list is a table whose header row carries the
bookmark. The reader takes the text of the value cell, whatever happened to the control in it
(LibreOffice drops its tag and alias; a row added in Word has plain cells), so only bookmarks
and table positions identify fields. Page, margins and type come from
:mod:`asendusdoc.render.page_style`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Mapping
from copy import deepcopy
from datetime import UTC, datetime
from functools import cache
from typing import Any

from lxml import etree

from asendusdoc.blank._spec import (
    BlankSpec,
    FieldsPart,
    Leaf,
    SectionSpec,
    TablePart,
    blank_spec,
    bookmark_name,
    form_bookmark,
)
from asendusdoc.blank._words import (
    CHOOSE_PLACEHOLDER,
    DATE_PLACEHOLDER,
    INSTRUCTIONS,
    PARENT_ROW,
    help_line,
    text,
)
from asendusdoc.errors import InputError
from asendusdoc.forms import FORM_MODELS
from asendusdoc.forms._words import labels
from asendusdoc.i18n import DOCUMENT_LANGUAGES, LANGUAGE_TAGS
from asendusdoc.render import page_style as style

__all__ = ["make_blank"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIPS_PER_MM = 1440 / 25.4
_HELP_SIZE = 14  # half-points: 7 pt
_FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)


@cache
def _q(name: str) -> str:
    prefix, _, local = name.partition(":")
    assert prefix == "w"
    return f"{{{W_NS}}}{local}"


def _el(tag: str, attrs: Mapping[str, str] | None = None, *children: Any) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes and children, in the order given (the schema's)."""
    element = etree.Element(_q(tag), {_q(k): v for k, v in attrs.items()} if attrs else None)
    element.extend(child for child in children if child is not None)
    return element


def _twips(mm: float) -> int:
    return round(mm * _TWIPS_PER_MM)


class _Writer:
    """Builds the body of one blank; ids of bookmarks and controls count up from 1."""

    def __init__(self, spec: BlankSpec, lang: str, prefill: Mapping[str, Any]) -> None:
        self.spec = spec
        self.lang = lang
        self.prefill = prefill
        self.labels = labels(lang)
        self._ids = 0
        self._lists: dict[tuple[Any, ...], etree._Element] = {}
        self.landscape = any(len(t.columns) + 1 >= style.LANDSCAPE_COLUMNS for t in spec.tables())
        page = style.PAGE_HEIGHT_MM if self.landscape else style.PAGE_WIDTH_MM
        self.width = _twips(page - style.MARGIN_LEFT_MM - style.MARGIN_RIGHT_MM)

    def next_id(self) -> str:
        self._ids += 1
        return str(self._ids)

    # --- runs and paragraphs --------------------------------------------------------------
    def run(
        self, value: str, *, bold: bool = False, size: int | None = None, grey: bool = False
    ) -> etree._Element:
        properties = _el(
            "w:rPr",
            None,
            _el("w:b") if bold else None,
            _el("w:color", {"w:val": style.RUNNING_COLOUR}) if grey else None,
            _el("w:sz", {"w:val": str(size)}) if size else None,
        )
        run = _el("w:r", None, properties if len(properties) else None)
        lines = value.split("\n")
        for index, line in enumerate(lines):
            if index:
                run.append(_el("w:br"))
            parts = line.split("\t")
            for part_index, part in enumerate(parts):
                if part_index:
                    run.append(_el("w:tab"))
                if part:
                    t = _el("w:t")
                    t.text = part
                    if part != part.strip():
                        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    run.append(t)
        return run

    def paragraph(
        self,
        *content: etree._Element | None,
        after: float = 0,
        before: float = 0,
        keep_next: bool = False,
    ) -> etree._Element:
        properties = _el(
            "w:pPr",
            None,
            _el("w:keepNext") if keep_next else None,
            _el("w:spacing", {"w:before": str(int(before * 20)), "w:after": str(int(after * 20))}),
        )
        return _el("w:p", None, properties, *content)

    def bookmarked(self, name: str, *runs: etree._Element) -> list[etree._Element]:
        number = self.next_id()
        return [
            _el("w:bookmarkStart", {"w:id": number, "w:name": name}),
            *runs,
            _el("w:bookmarkEnd", {"w:id": number}),
        ]

    # --- controls -------------------------------------------------------------------------
    def _sdt_properties(self, label: str, *kind: etree._Element, placeholder: bool) -> Any:
        return _el(
            "w:sdtPr",
            None,
            _el("w:alias", {"w:val": label[:255]}),
            _el("w:id", {"w:val": self.next_id()}),
            _el("w:showingPlcHdr") if placeholder else None,
            *kind,
        )

    def control(self, leaf: Leaf, value: Any, label: str) -> list[etree._Element]:
        """The paragraphs of a value cell: the content control for ``leaf`` holding ``value``."""
        shown = self.shown(leaf, value)
        if leaf.kind == "long_text":
            lines = (shown or "").split("\n")
            paragraphs = [self.paragraph(self.run(line)) for line in lines]
            sdt = _el(
                "w:sdt",
                None,
                self._sdt_properties(label, _el("w:richText"), placeholder=False),
                _el("w:sdtContent", None, *paragraphs),
            )
            return [sdt]
        if leaf.kind in ("enum", "bool"):
            kind = deepcopy(self.drop_down(leaf))
            content = (
                self.run(shown)
                if shown
                else self.run(text(CHOOSE_PLACEHOLDER, self.lang), grey=True)
            )
        elif leaf.kind == "date":
            day = _as_date(value)
            attrs = {"w:fullDate": f"{day.isoformat()}T00:00:00Z"} if day else {}
            kind = _el(
                "w:date",
                attrs,
                _el("w:dateFormat", {"w:val": "dd.MM.yyyy"}),
                _el("w:lid", {"w:val": LANGUAGE_TAGS[self.lang]}),
                _el("w:storeMappedDataAs", {"w:val": "dateTime"}),
                _el("w:calendar", {"w:val": "gregorian"}),
            )
            content = (
                self.run(shown) if shown else self.run(text(DATE_PLACEHOLDER, self.lang), grey=True)
            )
        else:
            kind = _el("w:text")
            content = self.run(shown or "")
        sdt = _el(
            "w:sdt",
            None,
            self._sdt_properties(
                label,
                kind,
                placeholder=not shown
                and leaf.kind != "text"
                and leaf.kind not in ("integer", "number"),
            ),
            _el("w:sdtContent", None, content),
        )
        return [self.paragraph(sdt)]

    def drop_down(self, leaf: Leaf) -> etree._Element:
        """The list of a drop-down, made once per field (copied into every cell)."""
        key = (leaf.path, leaf.name, leaf.kind)
        if key not in self._lists:
            items = [
                _el("w:listItem", {"w:displayText": t, "w:value": v}) for t, v in self.choices(leaf)
            ]
            self._lists[key] = _el("w:dropDownList", None, *items)
        return self._lists[key]

    def choices(self, leaf: Leaf) -> list[tuple[str, str]]:
        if leaf.kind == "bool":
            return [(self.labels["yes"], "true"), (self.labels["no"], "false")]
        assert leaf.enum is not None
        return [(member.title(self.lang), member.value) for member in leaf.enum]

    def shown(self, leaf: Leaf, value: Any) -> str:
        """A prefilled value as the caseworker would have typed it; "" for none."""
        if value is None or isinstance(value, dict | list):
            return ""
        if leaf.kind == "bool":
            if isinstance(value, bool):
                return self.labels["yes"] if value else self.labels["no"]
            return str(value)
        if leaf.kind == "enum" and leaf.enum is not None:
            for member in leaf.enum:
                if member.value == value:
                    return member.title(self.lang)
            return str(value)
        if leaf.kind == "date":
            day = _as_date(value)
            return f"{day:%d.%m.%Y}" if day else str(value)
        if leaf.kind == "number" and isinstance(value, float):
            return repr(value).replace(".", ",").removesuffix(",0")
        if isinstance(value, bool):
            return str(value).lower()
        return str(value)

    # --- cells, rows, tables --------------------------------------------------------------
    def cell(
        self,
        width: int,
        paragraphs: list[etree._Element],
        *,
        fill: str | None = None,
        span: int = 1,
    ) -> etree._Element:
        properties = _el(
            "w:tcPr",
            None,
            _el("w:tcW", {"w:w": str(width), "w:type": "dxa"}),
            _el("w:gridSpan", {"w:val": str(span)}) if span > 1 else None,
            _el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}) if fill else None,
        )
        return _el("w:tc", None, properties, *(paragraphs or [self.paragraph()]))

    def table(self, widths: list[int], rows: list[etree._Element]) -> etree._Element:
        border = {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": style.GRID_COLOUR}
        padding = str(_twips(style.CELL_PADDING_MM))
        properties = _el(
            "w:tblPr",
            None,
            _el("w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"}),
            _el(
                "w:tblBorders",
                None,
                *(
                    _el(f"w:{side}", border)
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
                ),
            ),
            _el("w:tblLayout", {"w:type": "fixed"}),
            _el(
                "w:tblCellMar",
                None,
                _el("w:left", {"w:w": padding, "w:type": "dxa"}),
                _el("w:right", {"w:w": padding, "w:type": "dxa"}),
            ),
            _el("w:tblLook", {"w:val": "0000"}),
        )
        grid = _el("w:tblGrid", None, *(_el("w:gridCol", {"w:w": str(w)}) for w in widths))
        return _el("w:tbl", None, properties, grid, *rows)

    def label_paragraphs(self, label: str, help_text: str, required: bool) -> list[etree._Element]:
        return [
            self.paragraph(self.run(label + (" *" if required else ""), bold=True)),
            self.paragraph(self.run(help_text, size=_HELP_SIZE, grey=True)),
        ]

    def fields_table(self, part: FieldsPart) -> etree._Element:
        label_width = round(self.width * style.LABEL_SHARE)
        widths = [label_width, self.width - label_width]
        rows: list[etree._Element] = []
        group: tuple[str, ...] | None = None
        for leaf in part.leaves:
            if leaf.group is not None and leaf.group_path != group:
                heading = self.paragraph(self.run(leaf.group.get(self.lang), bold=True))
                rows.append(
                    _el(
                        "w:tr",
                        None,
                        _el("w:trPr", None, _el("w:cantSplit")),
                        self.cell(self.width, [heading], fill=style.HEADER_FILL, span=2),
                    )
                )
            group = leaf.group_path if leaf.group is not None else None
            label = leaf.titles.get(self.lang)
            marked = label + (" *" if leaf.always_required else "")
            first = self.paragraph(
                *self.bookmarked(bookmark_name(leaf), self.run(marked, bold=True))
            )
            second = self.paragraph(
                self.run(help_line(leaf, self.lang), size=_HELP_SIZE, grey=True)
            )
            value = _value_at(self.prefill, leaf.path)
            rows.append(
                _el(
                    "w:tr",
                    None,
                    _row_properties(tall=leaf.kind == "long_text"),
                    self.cell(widths[0], [first, second], fill=style.LABEL_FILL),
                    self.cell(widths[1], self.control(leaf, value, label)),
                )
            )
        return self.table(widths, _kept_together(rows))

    def repeat_table(self, part: TablePart) -> etree._Element:
        first_header = (
            self.labels["number"]
            if part.parent is None
            else text(PARENT_ROW, self.lang).format(table=part.parent.titles.get(self.lang))
        )
        weights = [0.6 if part.parent is None else 1.0] + [
            2.0 if c.leaf.kind == "long_text" else 1.0 for c in part.columns
        ]
        total = sum(weights)
        widths = [round(self.width * w / total) for w in weights]
        header_cells = [
            self.cell(
                widths[0],
                [
                    self.paragraph(
                        *self.bookmarked(bookmark_name(part), self.run(first_header, bold=True))
                    )
                ],
                fill=style.HEADER_FILL,
            )
        ]
        for column, width in zip(part.columns, widths[1:], strict=True):
            leaf = column.leaf
            label = _column_label(leaf, self.lang) if leaf.path else part.titles.get(self.lang)
            header_cells.append(
                self.cell(
                    width,
                    self.label_paragraphs(
                        label,
                        help_line(leaf, self.lang),
                        leaf.always_required,
                    ),
                    fill=style.HEADER_FILL,
                )
            )
        rows = [
            _el(
                "w:tr",
                None,
                _el("w:trPr", None, _el("w:cantSplit"), _el("w:tblHeader")),
                *header_cells,
            )
        ]
        entries = list(_entries(self.prefill, part))
        if len(entries) > part.max_rows:
            raise InputError(
                "the prefill has {count} entries for the table „{table}“; a form holds at most "
                "{limit}",
                code="prefill_too_many_rows",
                count=len(entries),
                table=part.titles.get(self.lang),
                limit=part.max_rows,
            )
        count = len(entries) + (1 if entries else 2)
        for index in range(count):
            parent_number, item = entries[index] if index < len(entries) else (None, None)
            number = str(index + 1) if part.parent is None else (str(parent_number or ""))
            first = self.control_free_cell(widths[0], number, part.parent is not None)
            cells = [first]
            for column, width in zip(part.columns, widths[1:], strict=True):
                leaf = column.leaf
                value = item if not leaf.path else _value_at(item, leaf.path)
                label = _column_label(leaf, self.lang) if leaf.path else part.titles.get(self.lang)
                cells.append(self.cell(width, self.control(leaf, value, label)))
            tall = any(c.leaf.kind == "long_text" for c in part.columns)
            rows.append(_el("w:tr", None, _row_properties(tall=tall and item is None), *cells))
        return self.table(widths, _kept_together(rows))

    def control_free_cell(self, width: int, value: str, editable: bool) -> etree._Element:
        if editable:
            sdt = _el(
                "w:sdt",
                None,
                _el("w:sdtPr", None, _el("w:id", {"w:val": self.next_id()}), _el("w:text")),
                _el("w:sdtContent", None, self.run(value)),
            )
            return self.cell(width, [self.paragraph(sdt)])
        return self.cell(width, [self.paragraph(self.run(value, grey=True))])

    # --- the document -----------------------------------------------------------------------
    def body(self) -> list[etree._Element]:
        model = FORM_MODELS[self.spec.form_id]
        title = model.titles.get(self.lang)
        out = [
            self.paragraph(
                *self.bookmarked(
                    form_bookmark(self.spec.form_id, self.lang),
                    self.run(title, bold=True, size=int(style.TITLE_SIZE * 2)),
                ),
                after=4,
            ),
            self.paragraph(
                self.run(text(INSTRUCTIONS, self.lang), size=_HELP_SIZE * 1 + 2, grey=True), after=8
            ),
        ]
        for section in self.spec.sections:
            out += self.section(section)
        return out

    def section(self, section: SectionSpec) -> Iterator[etree._Element]:
        heading = section.heading(self.lang)
        yield self.paragraph(
            self.run(heading, bold=True, size=int(style.SECTION_SIZE * 2)),
            before=10,
            after=4,
            keep_next=True,
        )
        for part in section.parts:
            if isinstance(part, FieldsPart):
                yield self.fields_table(part)
            else:
                if part.titles.get(self.lang) != section.headings[self.lang]:
                    yield self.paragraph(
                        self.run(part.titles.get(self.lang), bold=True),
                        before=4,
                        after=2,
                        keep_next=True,
                    )
                yield self.repeat_table(part)
            yield self.paragraph(after=2)


_SHORT_TABLE_ROWS = 8
"""A table of at most this many rows (its header too) goes on one page with its heading."""


def _kept_together(rows: list[etree._Element]) -> list[etree._Element]:
    """``rows``, each kept on the page of the next one where a break would strand something.

    Word and LibreOffice keep a row with the next when its paragraphs keep with the next
    (``keepNext``); a heading before the table keeps with its first row. A short table is kept
    whole with its heading; a long one keeps its first two rows together (its heading or header
    row never ends a page alone) and its last two (no lone last row on a new page). A block's
    heading row (one cell across the table, "Pere") keeps with the row after it.
    """
    count = len(rows)
    for index, row in enumerate(rows[:-1]):
        spans = row.find(f"{_q('w:tc')}/{_q('w:tcPr')}/{_q('w:gridSpan')}") is not None
        if count <= _SHORT_TABLE_ROWS or index in (0, count - 2) or spans:
            for properties in row.iter(_q("w:pPr")):
                if properties.find(_q("w:keepNext")) is None:
                    properties.insert(0, _el("w:keepNext"))
    return rows


_TALL_ROW_MM = 18
"""The least height of an empty row for free text: room to see where to write."""


def _row_properties(*, tall: bool) -> etree._Element:
    height = (
        _el("w:trHeight", {"w:val": str(_twips(_TALL_ROW_MM)), "w:hRule": "atLeast"})
        if tall
        else None
    )
    return _el("w:trPr", None, _el("w:cantSplit"), height)


def _column_label(leaf: Leaf, lang: str) -> str:
    """A column's header: the field's title, after its block's for a flattened block."""
    label = leaf.titles.get(lang)
    if leaf.group is not None:
        return f"{leaf.group.get(lang)}: {label[:1].lower() + label[1:]}"
    return label


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _value_at(data: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(name)
    return data


def _entries(prefill: Mapping[str, Any], part: TablePart) -> Iterator[tuple[int | None, Any]]:
    """The prefilled entries of a table: (parent row number, entry)."""
    if part.parent is None:
        items = _value_at(prefill, part.path)
        if isinstance(items, list):
            yield from ((None, item) for item in items)
        return
    for number, (_, parent_item) in enumerate(_entries(prefill, part.parent), start=1):
        items = _value_at(parent_item, part.path)
        if isinstance(items, list):
            yield from ((number, item) for item in items)


def make_blank(form_id: str, lang: str, prefill: Mapping[str, Any] | None = None) -> bytes:
    """The fillable Word blank of ``form_id`` in ``lang`` ("et"/"ru"), with ``prefill`` (any
    part of a form's JSON, valid or not) already filled in."""
    from docx import Document as new_docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from asendusdoc.render.docx import normalize_docx_zip, set_reproducible_core_properties

    if form_id not in FORM_MODELS:
        raise ValueError(f"unknown form {form_id!r}")
    if lang not in DOCUMENT_LANGUAGES:
        raise ValueError(f"blanks are written in {DOCUMENT_LANGUAGES}, not {lang!r}")
    writer = _Writer(blank_spec(form_id), lang, prefill or {})
    document = new_docx()
    section = document.sections[0]
    width, height = Mm(style.PAGE_WIDTH_MM), Mm(style.PAGE_HEIGHT_MM)
    if writer.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.left_margin = Mm(style.MARGIN_LEFT_MM)
    section.right_margin = Mm(style.MARGIN_RIGHT_MM)
    section.top_margin = Mm(style.MARGIN_TOP_MM)
    section.bottom_margin = Mm(style.MARGIN_BOTTOM_MM)
    normal = document.styles["Normal"]
    normal.font.name = style.DOCX_FONT
    normal.font.size = Pt(style.BODY_SIZE)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), style.DOCX_FONT)
    language = normal.element.get_or_add_rPr()
    tag = LANGUAGE_TAGS[lang]
    language.append(_el("w:lang", {"w:val": tag, "w:bidi": tag}))
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    sect = body.find(qn("w:sectPr"))
    for element in writer.body():
        sect.addprevious(element)
    set_reproducible_core_properties(
        document.core_properties,
        title=FORM_MODELS[form_id].titles.get(lang),
        author="",
        language=tag,
        moment=_FIXED_TIME,
    )
    out = io.BytesIO()
    document.save(out)
    return normalize_docx_zip(out.getvalue())
