"""Generate the shipped DOCX templates: ``templates/<lang>/<form_id>.docx`` (10 forms × et, ru).

Each template lays out its own form, field by field, in the order of its PDF: literal labels,
values named by their place in the form (``{{ form.family.municipality }}``, a table row per
``goal in form.goals``), and conditions that ask the document what it shows (``section``,
``shown``, ``columns``: see docs/custom-templates.md). What a form can show is read off its layout
by tools/template_plan.py.

Run ``python tools/make_templates.py`` after changing a layout, a form or the wording; commit the
script and its output together (a test fails while they differ). The templates hold docxtpl/Jinja
tags, each in one run, with ``{%tr %}`` and ``{%p %}`` tags in a row or paragraph of their own,
so a municipality can open a copy in Word and edit it.

The output is reproducible: running the script twice gives identical files.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor, Twips

from asendusdoc.forms import FORM_MODELS
from asendusdoc.i18n import DOCUMENT_LANGUAGES, LANGUAGE_TAGS
from asendusdoc.render import page_style as style
from asendusdoc.render.context import Context
from asendusdoc.render.docx import normalize_docx_zip, set_reproducible_core_properties

if __package__ in (None, ""):  # run as a script: the repository's root holds tools/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.template_plan import (
    BlockPlan,
    FormPlan,
    TableShape,
    item_name,
    may_be_absent,
    plan,
)

FORM_IDS = tuple(FORM_MODELS)


FONT = style.DOCX_FONT
BODY_SIZE = Pt(style.BODY_SIZE)
PAGE_WIDTH = Mm(style.PAGE_WIDTH_MM)
MARGIN_LEFT = Mm(style.MARGIN_LEFT_MM)
MARGIN_RIGHT = Mm(style.MARGIN_RIGHT_MM)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LABEL_SHARE = style.LABEL_SHARE
HEADER_FILL = style.HEADER_FILL
GREY = RGBColor.from_string(style.RUNNING_COLOUR)
RUNNING = Pt(style.RUNNING_SIZE)
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)


# --- small python-docx helpers ------------------------------------------------------------


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    return element


def _append(parent: Any, tag: str, **attributes: str) -> Any:
    """A new last child: only where the schema lets children come in any order (or last)."""
    element = _element(tag, **attributes)
    parent.append(element)
    return element


# The children that must follow a property element (ECMA-376 part 1, 17.4.60 tblPr, 17.3.1.26
# pPr, 17.4.70 tcPr): python-docx's ``insert_element_before`` puts a new child before the first
# of them that is present, so the element order stays valid whatever was set before.
_AFTER_TBL_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
_AFTER_TBL_CELL_MAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_P_BDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
_AFTER_TC_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                 "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")  # fmt: skip
_AFTER_R_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _insert(parent: Any, tag: str, successors: tuple[str, ...], **attributes: str) -> Any:
    """A new child of ``parent`` in its schema place: before the first of ``successors``."""
    return parent.insert_element_before(_element(tag, **attributes), *successors)


def _spacing(paragraph: Any, *, before: float = 0, after: float = 0) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)


def _text(
    container: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: Pt | None = None,
    after: float = 0,
    before: float = 0,
    keep_next: bool = False,
    color: RGBColor | None = None,
) -> Any:
    """A paragraph with ``text`` in one run (a tag must never be split across runs)."""
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = size
    if color is not None:
        run.font.color.rgb = color
    _spacing(paragraph, before=before, after=after)
    if keep_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _tag(container: Any, tag: str) -> None:
    """A paragraph holding only a ``{%p ... %}`` tag (docxtpl removes the paragraph)."""
    _text(container, tag)


def _first_paragraph(cell: Any, text: str, *, bold: bool = False, after: float = 0) -> Any:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold or None
    _spacing(paragraph, after=after)
    return paragraph


def _borders(table: Any, *, visible: bool) -> None:
    properties = table._tbl.tblPr
    borders = _insert(properties, "w:tblBorders", _AFTER_TBL_BORDERS)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if visible:
            _append(
                borders,
                f"w:{side}",
                **{"w:val": "single", "w:sz": "4", "w:color": style.GRID_COLOUR},
            )
        else:
            _append(borders, f"w:{side}", **{"w:val": "nil"})


def _cell_margins(table: Any) -> None:
    margins = _insert(table._tbl.tblPr, "w:tblCellMar", _AFTER_TBL_CELL_MAR)
    for side, width in (("top", "40"), ("left", "85"), ("bottom", "40"), ("right", "85")):
        _append(margins, f"w:{side}", **{"w:w": width, "w:type": "dxa"})


def _table(container: Any, rows: int, widths: list[int], *, visible: bool) -> Any:
    """A fixed-layout table of ``rows`` rows with column ``widths`` (EMU)."""
    table = container.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/> in its place
    _borders(table, visible=visible)
    _cell_margins(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return table


def _shade(cell: Any, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    _insert(
        properties, "w:shd", _AFTER_TC_SHD, **{"w:val": "clear", "w:color": "auto", "w:fill": fill}
    )


def _row_flags(row: Any, *, header: bool = False) -> None:
    # No <w:cantSplit/>: LibreOffice drops a row that has it and does not fit the rest of the
    # page from its layout (the rows are in the file; ENGINEERING.md).
    properties = row._tr.get_or_add_trPr()
    if header:
        _append(properties, "w:tblHeader")


def _spacer(container: Any) -> None:
    """A small empty paragraph: keeps two tables apart (Word would join them) and gives air."""
    paragraph = container.add_paragraph()
    _spacing(paragraph, after=0)
    paragraph.paragraph_format.line_spacing = Pt(6)


def _field(paragraph: Any, instruction: str) -> None:
    """A PAGE / NUMPAGES field as three runs (begin, instruction, end) plus a cached value."""
    for kind in ("begin", None, "separate", "1", "end"):
        run = paragraph.add_run()
        if kind is None:
            code = _append(run._r, "w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
        elif kind == "1":
            run.text = "1"
        else:
            _append(run._r, "w:fldChar", **{"w:fldCharType": kind})


# --- the parts of the document ------------------------------------------------------------


def _setup(document: Any, lang: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = PAGE_WIDTH
    section.page_height = Mm(style.PAGE_HEIGHT_MM)
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.top_margin = Mm(style.MARGIN_TOP_MM)
    section.bottom_margin = Mm(style.MARGIN_BOTTOM_MM)
    section.header_distance = Mm(style.RUNNING_DISTANCE_MM)
    section.footer_distance = Mm(style.RUNNING_DISTANCE_MM)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    properties = normal.element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    _insert(
        properties,
        "w:lang",
        _AFTER_R_LANG,
        **{"w:val": LANGUAGE_TAGS[lang], "w:bidi": LANGUAGE_TAGS[lang]},
    )
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.1

    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None:  # python-docx's blank document leaves out the required percentage
        zoom.set(qn("w:percent"), "100")

    set_reproducible_core_properties(
        document.core_properties,
        title="",
        author="",
        language=LANGUAGE_TAGS[lang],
        moment=FIXED_TIME,
    )


def _running(paragraph: Any, *texts: str, bold_first: bool = False) -> None:
    """Runs of running-header/footer text: small and grey, a right tab stop at the margin."""
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(Twips(4680), WD_TAB_ALIGNMENT.CLEAR)  # the Header/Footer style's stops
    stops.add_tab_stop(Twips(9360), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    for index, text in enumerate(texts):
        run = paragraph.add_run(text)
        run.bold = (bold_first and index == 0) or None
        _small(run)


def _small(run: Any) -> None:
    run.font.size = RUNNING
    run.font.color.rgb = GREY


def _rule(paragraph: Any, side: str) -> None:
    border = _insert(paragraph._p.get_or_add_pPr(), "w:pBdr", _AFTER_P_BDR)
    _append(
        border,
        f"w:{side}",
        **{"w:val": "single", "w:sz": "4", "w:space": "4", "w:color": style.GRID_COLOUR},
    )


def _header_and_footer(document: Any) -> None:
    """The access-restriction marking on every page (header); issuer, reference, title and
    page number below the text (footer), as in the PDF."""
    section = document.sections[0]
    header = section.header
    header.paragraphs[0].add_run("{%p for line in restriction %}")
    marking = header.add_paragraph()
    _running(marking, "{{ line }}")
    header.add_paragraph().add_run("{%p endfor %}")
    rule = header.add_paragraph()
    _rule(rule, "top")
    rule.paragraph_format.line_spacing = Pt(2)

    footer = section.footer
    first = footer.paragraphs[0]
    _rule(first, "top")
    _running(first, "{{ author }}", "\t", "{{ labels.case_reference }}: {{ case_reference }}",
             bold_first=True)  # fmt: skip
    second = footer.add_paragraph()
    _running(second, "{{ title }} ({{ case_reference }})", "\t", "{{ labels.page }} ")
    _field(second, "PAGE")
    second.add_run(" {{ labels.page_of }} ")
    _field(second, "NUMPAGES")
    for run in second.runs:
        _small(run)


def _title(document: Any, labels: dict[str, str]) -> None:
    """Title, subtitle, case reference, date and intro, as the PDF sets them."""
    _text(document, "{{ title }}", bold=True, size=Pt(style.TITLE_SIZE), after=2)
    _tag(document, "{%p if subtitle %}")
    _text(document, "{{ subtitle }}", size=Pt(style.SUBTITLE_SIZE), color=GREY, after=2)
    _tag(document, "{%p endif %}")
    _text(document, f"{labels['case_reference']}: {{{{ case_reference }}}}", before=4)
    _text(document, f"{labels['document_date']}: {{{{ document_date }}}}", after=10)
    _tag(document, "{%p if intro %}")
    _text(document, "{{ intro }}", after=10)
    _tag(document, "{%p endif %}")


# --- the form's own parts, by name (the plan: tools/template_plan.py) -------------------


class _Scope:
    """Where the template is: at the top (values under ``form``) or inside loops over lists.

    ``loops`` maps a starred list path ("goals.*") to the name of its item ("goal").
    """

    def __init__(self, plan: FormPlan, loops: dict[str, str] | None = None) -> None:
        self.plan = plan
        self.loops = loops or {}

    def inside(self, starred: str, name: str) -> _Scope:
        return _Scope(self.plan, {**self.loops, starred: name})

    @property
    def top(self) -> bool:
        return not self.loops

    def value(self, ref: str) -> str:
        """The Jinja expression of the value at ``ref`` (a starred path, or a computed key)."""
        for starred in sorted(self.loops, key=len, reverse=True):
            if ref == starred or ref.startswith(starred + "."):
                return self.loops[starred] + ref[len(starred) :]
        return "form." + ref

    def items(self, path: str) -> str:
        """What a loop over the list at ``path`` iterates: the document's order where it has one."""
        if self.top and path in self.plan.reordered:
            return f'rows["{path}"]'
        return self.value(path)

    def absent(self, ref: str) -> bool:
        return may_be_absent(self.plan.model, ref)

    def shown(self, ref: str) -> str:
        """The condition that the row or block at ``ref`` is shown."""
        return f'"{ref}" in shown' if self.top else self.value(ref)


def _key(mapping: str, key: str) -> str:
    """``section.goals``, or ``section["x"]`` where the key is no plain name or a dict's method."""
    if key.isidentifier() and not hasattr(dict, key):
        return f"{mapping}.{key}"
    return f'{mapping}["{key}"]'


def _label_cell(cell: Any, text: str) -> None:
    _first_paragraph(cell, text, bold=True)
    _shade(cell, style.LABEL_FILL)


def _tag_row(table: Any, tag: str) -> None:
    """A row of ``table`` holding only a ``{%tr %}`` tag, in one cell across the row (so Word
    shows it on one line; docxtpl replaces the whole row)."""
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
    _first_paragraph(cell, tag)
    _row_flags(row)


def _two_columns(document: Any, *, visible: bool) -> Any:
    label = int(TEXT_WIDTH * LABEL_SHARE)
    table = _table(document, 0, [label, TEXT_WIDTH - label], visible=visible)
    return table


def _parties(document: Any, plan: FormPlan, labels: dict[str, str]) -> None:
    """One row per party the form can have: its role and its lines (name, worker, contacts)."""
    if not plan.parties:
        return
    heading = plan.parties_labels[0] if len(plan.parties_labels) == 1 else "{{ labels.parties }}"
    _text(document, heading, bold=True, size=Pt(style.SECTION_SIZE), after=4, keep_next=True)
    table = _two_columns(document, visible=False)
    for party in plan.parties:
        entry = _key("party", party.key)
        optional = party.variants < plan.variants or may_be_absent(plan.model, party.key)
        if optional:
            _tag_row(table, f"{{%tr if {entry} %}}")
        row = table.add_row()
        _row_flags(row)
        fixed = len(party.roles) == 1 and party.key not in plan.data_titled
        role = party.roles[0] if fixed else f"{{{{ {entry}.role }}}}"
        _first_paragraph(row.cells[0], role, bold=True).paragraph_format.keep_with_next = True
        lines = row.cells[1]
        _first_paragraph(lines, f"{{%p for line in {entry}.lines %}}")
        _text(lines, "{{ line }}")
        _text(lines, "{%p endfor %}")
        for cell in row.cells:
            cell.paragraphs[-1].paragraph_format.space_after = Pt(6)
        if optional:
            _tag_row(table, "{%tr endif %}")
    _spacer(document)


def _section_heading(document: Any, text: str) -> None:
    _text(document, text, bold=True, size=Pt(style.SECTION_SIZE), before=8, after=4, keep_next=True)


def _sections(document: Any, plan: FormPlan, labels: dict[str, str]) -> None:
    scope = _Scope(plan)
    for section in plan.sections:
        if section.key.endswith(".*"):
            path = section.key
            name = item_name(path)
            _tag(document, f"{{%p for {name} in {scope.items(path.removesuffix('.*'))} %}}")
            _tag(document, f'{{%p set part = section["{path[:-2]}." ~ loop.index0] %}}')
            _tag(document, "{%p if part %}")
            _section_heading(document, "{{ part.number }}. {{ part.title }}")
            inner = scope.inside(path, name)
            for block in section.blocks:
                _block(document, block, inner, labels)
            _tag(document, "{%p endif %}")
            _tag(document, "{%p endfor %}")
            continue
        entry = _key("section", section.key)
        _tag(document, f"{{%p if {entry} %}}")
        fixed = len(section.titles) == 1 and section.key not in plan.data_titled
        title = section.titles[0] if fixed else f"{{{{ {entry}.title }}}}"
        _section_heading(document, f"{{{{ {entry}.number }}}}. {title}")
        for block in section.blocks:
            _block(document, block, scope, labels)
        _tag(document, "{%p endif %}")


def _block(document: Any, block: BlockPlan, scope: _Scope, labels: dict[str, str]) -> None:
    """One block: its heading and its rows, table, list or text, shown as the document says."""
    if block.kind == "fields":
        looped = "*" in block.parent and scope.top
        if looped:  # a block per item of a list (the diary's end of service, in date order)
            listed = block.parent.partition(".*")[0]
            name = item_name(listed)
            _tag(document, f"{{%p for {name} in {scope.items(listed)} %}}")
            scope = scope.inside(listed + ".*", name)
        conditions = _fields_conditions(block, scope)
        if conditions:
            _tag(document, f"{{%p if {' or '.join(conditions)} %}}")
        _block_heading(document, block.heading)
        _fields_table(document, block, scope)
        _spacer(document)
        if conditions:
            _tag(document, "{%p endif %}")
        if looped:
            _tag(document, "{%p endfor %}")
        return
    optional = block.kind != "text" and scope.absent(block.path)
    if optional:
        _tag(document, f"{{%p if {scope.shown(block.path)} %}}")
    _block_heading(document, block.heading)
    if block.kind == "text":
        _text(document, f"{{{{ {scope.value(block.path)} }}}}")
    else:
        if optional:
            _tag(document, f"{{%p if {scope.value(block.path)} %}}")
        if block.kind == "list":
            _list(document, block, scope)
        else:
            _table_shapes(document, block, scope)
        if optional:
            _tag(document, "{%p else %}")
            _text(document, labels["none"])
            _tag(document, "{%p endif %}")
    _spacer(document)
    if optional:
        _tag(document, "{%p endif %}")


def _fields_conditions(block: BlockPlan, scope: _Scope) -> list[str]:
    """What shows a fields block: any of its rows, when each of them may be left out."""
    if block.parent and scope.absent(block.parent) and not scope.top:
        return [scope.value(block.parent)]
    rows = [row for row in block.rows if not row.computed]
    if len(rows) == len(block.rows) and all(scope.absent(row.ref) for row in rows):
        return [scope.shown(row.ref) for row in rows]
    return []


def _block_heading(document: Any, heading: str) -> None:
    if heading:
        _text(document, heading, bold=True, italic=True, before=2, after=3, keep_next=True)


def _fields_table(document: Any, block: BlockPlan, scope: _Scope) -> None:
    table = _two_columns(document, visible=True)
    for row in block.rows:
        optional = not row.computed and scope.absent(row.ref)
        if optional:
            _tag_row(table, f"{{%tr if {scope.shown(row.ref)} %}}")
        cells = table.add_row()
        _row_flags(cells)
        _label_cell(cells.cells[0], row.label)
        _first_paragraph(cells.cells[1], f"{{{{ {scope.value(row.ref)} }}}}")
        if optional:
            _tag_row(table, "{%tr endif %}")


def _list(document: Any, block: BlockPlan, scope: _Scope) -> None:
    _tag(document, f"{{%p for item in {scope.items(block.path)} %}}")
    item = _text(document, "{{ loop.index }}.\t{{ item }}", after=2)
    item.paragraph_format.left_indent = Cm(0.75)
    item.paragraph_format.first_line_indent = Cm(-0.75)
    item.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
    _tag(document, "{%p endfor %}")


def _table_shapes(document: Any, block: BlockPlan, scope: _Scope) -> None:
    """The table; where its columns depend on the data (goals with or without keys), one table
    per set of columns, chosen by the columns the document shows."""
    shapes = sorted(block.shapes, key=lambda shape: -len(shape.keys))
    if len(shapes) > 2 or (len(shapes) == 2 and not scope.top):
        raise ValueError(f"{block.path}: more column sets than a template can choose from")
    if len(shapes) == 2:
        extra = next(key for key in shapes[0].keys if key not in shapes[1].keys)
        _tag(document, f'{{%p if "{extra}" in columns["{block.path}"] %}}')
        _data_table(document, block, shapes[0], scope)
        _tag(document, "{%p else %}")
        _data_table(document, block, shapes[1], scope)
        _tag(document, "{%p endif %}")
    else:
        _data_table(document, block, shapes[0], scope)


def _data_table(document: Any, block: BlockPlan, shape: TableShape, scope: _Scope) -> None:
    """Header row, then a row per item: its number and each column's named value.

    The widths here are the layout's shares; render_docx applies the measured ones."""
    total = len(shape.headers)
    widths = [int(TEXT_WIDTH / total)] * total
    widths[-1] = TEXT_WIDTH - sum(widths[:-1])
    table = _table(document, 1, widths, visible=True)
    header = table.rows[0]
    for cell, text in zip(header.cells, shape.headers, strict=True):
        _first_paragraph(cell, text, bold=True)
        _shade(cell, HEADER_FILL)
    _row_flags(header, header=True)
    name = item_name(block.path)
    _tag_row(table, f"{{%tr for {name} in {scope.items(block.path)} %}}")
    row = table.add_row()
    _row_flags(row)
    values = ["{{ loop.index }}", *(f"{{{{ {name}.{key} }}}}" for key in shape.keys)]
    for cell, text in zip(row.cells, values, strict=True):
        _first_paragraph(cell, text)
    _tag_row(table, "{%tr endfor %}")


def _signatures(document: Any) -> None:
    _tag(document, "{%p if signatures %}")
    _text(
        document,
        "{{ labels.signatures }}",
        bold=True,
        size=Pt(style.SECTION_SIZE),
        before=12,
        after=6,
        keep_next=True,
    )
    half = int(TEXT_WIDTH / 2)
    table = _table(document, 3, [half, TEXT_WIDTH - half], visible=False)
    _first_paragraph(table.cell(0, 0), "{%tr for signer in signatures %}")
    who = table.cell(1, 0)
    role = _first_paragraph(who, "{{ signer.role }}", bold=True)
    role.paragraph_format.keep_with_next = True
    _text(who, "{{ signer.name }}", after=14)
    lines = table.cell(1, 1)
    _first_paragraph(lines, "{{ labels.date }}: " + "_" * 24, after=12)
    _text(lines, "{{ labels.signature }}: " + "_" * 24, after=14)
    _row_flags(table.rows[1])
    _first_paragraph(table.cell(2, 0), "{%tr endfor %}")
    _tag(document, "{%p endif %}")


def _prepared_by(document: Any) -> None:
    """The "Koostas" block: name and position, date, the digital-signature note."""
    _tag(document, "{%p if prepared_by %}")
    _text(document, "{{ labels.prepared_by }}", bold=True, before=12, keep_next=True)
    name = _text(document, "{{ prepared_by.name }}", keep_next=True)
    name.add_run("{%if prepared_by.position %}, {{ prepared_by.position }}{%endif %}")
    _text(document, "{{ labels.date }}: {{ prepared_by.date }}", keep_next=True)
    _text(document, "{{ labels.signed_digitally }}")
    _tag(document, "{%p endif %}")


def build_template(form_id: str, lang: str) -> bytes:
    """The template of one form and language, as reproducible DOCX bytes."""
    form_plan = plan(form_id, lang)
    labels = Context(lang).labels
    document = new_docx()
    _setup(document, lang)
    _header_and_footer(document)
    # python-docx's blank document starts with no paragraph; every part appends.
    _title(document, labels)
    _parties(document, form_plan, labels)
    _sections(document, form_plan, labels)
    _signatures(document)
    _prepared_by(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_docx_zip(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "templates",
        help="folder to write <lang>/<form_id>.docx into (default: the repository's templates/)",
    )
    arguments = parser.parse_args(argv)
    for lang in DOCUMENT_LANGUAGES:
        folder = arguments.out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for form_id in FORM_IDS:
            (folder / f"{form_id}.docx").write_bytes(build_template(form_id, lang))
    print(f"wrote {len(FORM_IDS) * len(DOCUMENT_LANGUAGES)} templates to {arguments.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
