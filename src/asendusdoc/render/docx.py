"""The DOCX back end: a :class:`~asendusdoc.render.document.Document` through a docxtpl template.

Templates live in ``templates/<lang>/<form_id>.docx`` (shipped) or in a caller's folder with the
same layout (``template_dir``), which wins where it has the file. Rendering is strict and safe:
every value is XML-escaped (autoescape), the Jinja sandbox blocks attribute tricks, and a variable
the context lacks is an error, not an empty string. The same document gives the same bytes:
core properties come from the document, not the clock, and the zip is written in a fixed order
with fixed timestamps.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError

from asendusdoc._assets import asset_dir
from asendusdoc.errors import TemplateError
from asendusdoc.i18n import LANGUAGE_TAGS
from asendusdoc.i18n.library_errors import REASONS, library_reason
from asendusdoc.render import _sandbox
from asendusdoc.render._sandbox import BoundedSandbox, TemplateLimitExceeded
from asendusdoc.render.document import Document, TableBlock, check_length

__all__ = ["normalize_docx_zip", "render_docx", "reproducible_zip", "template_path"]

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def template_path(form_id: str, lang: str, template_dir: Path | None = None) -> str:
    """Where the template of a form and language is: the caller's folder first, then shipped.

    Returns a path text for messages and caching; raises ``TemplateError(template_missing)``
    naming every place searched.
    """
    searched: list[str] = []
    name = f"{form_id}.docx"
    if template_dir is not None:
        custom = Path(template_dir) / lang / name
        if custom.is_file():
            return str(custom)
        searched.append(str(custom))
    shipped = asset_dir("templates") / lang / name
    if shipped.is_file():
        return str(shipped)
    searched.append(str(shipped))
    raise TemplateError(
        "No DOCX template for form '{form_id}' in language '{lang}'; searched: {searched}. "
        "Put the file there or leave the template folder out to use the shipped one.",
        code="template_missing",
        form_id=form_id,
        lang=lang,
        searched=", ".join(searched),
    )


def _undefined_name(message: str, source: str) -> str:
    """The variable or attribute Jinja's StrictUndefined complains about, without its English:
    only a name the template itself writes (``source``). A name looked up from the form's
    data (``form[form.case_reference]``) is a value of the form, never shown: "…"."""
    found = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
    name = next((name for name in found.groups() if name), "") if found else ""
    if name.isidentifier() and re.search(rf"\b{re.escape(name)}\b", source):
        return name
    return "…"


def _template_source(template: Any) -> str:
    """The text of the template's body (with its tags), to tell its own names from values."""
    try:
        return str(template.get_xml())
    except Exception:
        return ""


@cache
def _template_bytes(path: str) -> bytes:
    """A template file's bytes, through the way in (a custom template is a file from outside:
    at most MAX_TEMPLATE_BYTES, refused from its size)."""
    from asendusdoc.read.budget import MAX_TEMPLATE_BYTES
    from asendusdoc.read.files import read_form_file

    return read_form_file(path, MAX_TEMPLATE_BYTES)


def render_docx(document: Document, *, template_dir: Path | None = None) -> bytes:
    """Render ``document`` to DOCX bytes through its form's template (identical bytes each time).

    Raises :class:`~asendusdoc.errors.TemplateError` with ``code`` ``template_missing``,
    ``template_variable_missing`` (the template asks for what the context lacks) or
    ``template_broken`` (not a DOCX, or a Jinja syntax error).
    """
    check_length([document])
    path = template_path(document.form_id, document.lang, template_dir)
    try:
        template = _template_class()(io.BytesIO(_template_bytes(path)))
        template.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a file that is no DOCX
        raise TemplateError(
            "Template {template} cannot be opened as a DOCX file: {reason}",
            code="template_broken",
            template=path,
            reason=library_reason(exc),
        ) from exc
    env = BoundedSandbox(autoescape=True, undefined=StrictUndefined)
    try:
        template.render(document.as_template_context(), jinja_env=env)
    except TemplateLimitExceeded as exc:
        if exc.limit == "time":
            raise TemplateError(
                "Template {template} was stopped after {seconds} s: filling it takes too "
                "long. Look for a loop inside a loop, or leave the template folder out to use "
                "the shipped template.",
                code="template_broken",
                template=path,
                seconds=f"{_sandbox.TEMPLATE_TIME_LIMIT_SECONDS:g}",
            ) from exc
        raise TemplateError(
            "Template {template} would write a document of more than {limit} characters and "
            "was stopped. Look for a loop that repeats text, or leave the template folder out "
            "to use the shipped template.",
            code="template_broken",
            template=path,
            limit=_sandbox.MAX_TEMPLATE_OUTPUT_CHARS,
        ) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            "Template {template} uses a variable the document does not have: {variable}. "
            "See docs/custom-templates.md for the variables available.",
            code="template_variable_missing",
            template=path,
            variable=_undefined_name(exc.message or "", _template_source(template)),
        ) from exc
    except (jinja2.TemplateSyntaxError, SecurityError) as exc:
        reason = str(exc) if isinstance(exc, jinja2.TemplateSyntaxError) else _refusal(exc)
        raise TemplateError(
            "Template {template} is broken: {reason}. Keep each tag in one run of text "
            "and check its spelling.",
            code="template_broken",
            template=path,
            reason=reason,  # a sandbox refusal's text may quote a value of the form
        ) from exc
    except Exception as exc:  # any runtime error of a template (1/0, a bad filter, ...)
        raise TemplateError(
            "Template {template} is broken: {reason}. Keep each tag in one run of text "
            "and check its spelling.",
            code="template_broken",
            template=path,
            reason=REASONS["template_failed"],  # its text may quote a value of the form
        ) from exc
    _apply_page_and_column_widths(template.docx, document)
    _set_core_properties(template.docx, document)
    template.pre_processing()
    return reproducible_zip(_package_entries(template.docx))


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@cache
def _template_class() -> Any:
    """docxtpl's template (imported when first needed), whose body moves into the document in
    time linear in its size."""
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):  # type: ignore[misc]
        def map_tree(self, tree: Any) -> None:
            """lxml moves an element carrying ``xml:space`` to another document in time that
            grows with how many it has moved (each text piece between line breaks has one:
            a diary of 250,000 took minutes): they are taken off for the move, then put back."""
            spaced = [(element, element.get(_XML_SPACE)) for element in tree.iter()]
            spaced = [(element, value) for element, value in spaced if value is not None]
            for element, _ in spaced:
                del element.attrib[_XML_SPACE]
            super().map_tree(tree)
            for element, value in spaced:
                element.set(_XML_SPACE, value)

    return Template


def _refusal(exc: SecurityError) -> str:
    """A sandbox refusal in our words (its own text may quote a value of the form)."""
    if "power" in str(exc):
        return REASONS["template_power"]
    if "too large" in str(exc):
        return REASONS["template_too_large"]
    return REASONS["template_unsafe"]


class _EntryCollector:
    """Stands in for python-docx's zip writer: keeps each package member's bytes."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.entries[pack_uri.membername] = blob


def _package_entries(docx_document: Any) -> dict[str, bytes]:
    """The members of the DOCX package as python-docx would save them, without a zip.

    Saving through python-docx stamps the current time on every member and would have to be
    unpacked and packed again to be reproducible; collecting the members packs them once.
    """
    from docx.opc.pkgwriter import PackageWriter

    writer: Any = PackageWriter  # its helpers take any object with write(pack_uri, blob)
    package = docx_document.part.package
    for part in package.parts:
        part.before_marshal()
    collector = _EntryCollector()
    writer._write_content_types_stream(collector, package.parts)
    writer._write_pkg_rels(collector, package.rels)
    writer._write_parts(collector, package.parts)
    return collector.entries


def _apply_page_and_column_widths(docx_document: Any, document: Document) -> None:
    """Landscape pages for a document whose table is too wide, and measured column widths.

    The PDF's decision and widths (:func:`asendusdoc.render.measure.table_widths`): a docxtpl
    column loop copies one cell, so every column would have the same width. Tables are matched
    to blocks in order by their header texts; a table of a custom template that does not match
    keeps the widths its template gave it (scaled to a landscape page's text width).
    """
    from asendusdoc.render.measure import is_landscape, table_widths
    from asendusdoc.render.pdf_kit import CONTENT_WIDTH, LANDSCAPE_WIDTH

    landscape = is_landscape(document)
    scale = LANDSCAPE_WIDTH / CONTENT_WIDTH if landscape else 1.0
    if landscape:
        _turn_to_landscape(docx_document, scale)
    blocks = [
        block
        for section in document.sections
        for block in section.blocks
        if isinstance(block, TableBlock) and block.columns
    ]
    body = docx_document.element.body
    pending = iter(blocks)
    block = next(pending, None)
    for table in body.iter(f"{_W}tbl"):
        rows = table.findall(f"{_W}tr")
        grid = table.find(f"{_W}tblGrid")
        if not rows or grid is None:
            continue
        header = [
            "".join(t.text or "" for t in cell.iter(f"{_W}t"))
            for cell in rows[0].findall(f"{_W}tc")
        ]
        if block is None or header != [column.replace("\n", "") for column in block.columns]:
            if scale != 1.0:
                _scale_table(table, scale)
            continue
        columns = grid.findall(f"{_W}gridCol")
        widths = table_widths(block, document.lang, landscape_page=landscape)
        twips = [int(width * 20) for width in widths]
        for column, width in zip(columns, twips, strict=False):
            column.set(f"{_W}w", str(width))
        for row in rows:
            for cell, width in zip(row.findall(f"{_W}tc"), twips, strict=False):
                cell_width = cell.find(f"{_W}tcPr/{_W}tcW")
                if cell_width is not None:
                    cell_width.set(f"{_W}w", str(width))
                    cell_width.set(f"{_W}type", "dxa")
        block = next(pending, None)


def _turn_to_landscape(docx_document: Any, scale: float) -> None:
    """Every section on landscape A4; right tab stops of headers and footers to the new margin."""
    from docx.enum.section import WD_ORIENT

    for section in docx_document.sections:
        if section.orientation == WD_ORIENT.LANDSCAPE:
            continue
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                for tab in paragraph._p.iter(f"{_W}tab"):
                    position = tab.get(f"{_W}pos")
                    if tab.get(f"{_W}val") == "right" and position:
                        tab.set(f"{_W}pos", str(int(int(position) * scale)))


def _scale_table(table: Any, scale: float) -> None:
    """A table's column and cell widths times ``scale`` (to fill a landscape page's text)."""
    for column in table.iter(f"{_W}gridCol", f"{_W}tcW"):
        value = column.get(f"{_W}w")
        if value and column.get(f"{_W}type", "dxa") == "dxa":
            column.set(f"{_W}w", str(int(float(value) * scale)))


def set_reproducible_core_properties(
    properties: Any, *, title: str, author: str, language: str, moment: datetime
) -> None:
    """python-docx ``core_properties`` from what is given alone: nothing of the machine, the
    clock or the person who saved the file last (documents, templates and blanks alike)."""
    properties.title = title
    properties.author = author
    properties.language = language
    properties.last_modified_by = ""
    properties.comments = ""
    properties.revision = 1
    properties.created = moment
    properties.modified = moment


def _set_core_properties(docx_document: Any, document: Document) -> None:
    """Title, author, language and dates from the document; nothing of the machine."""
    moment = datetime.fromisoformat(document.document_date_iso).replace(tzinfo=UTC)
    properties = docx_document.core_properties
    set_reproducible_core_properties(
        properties,
        title=document.title,
        author=document.author,
        language=LANGUAGE_TAGS.get(document.lang, document.lang),
        moment=moment,
    )
    properties.subject = document.subtitle
    properties.identifier = document.case_reference
    properties.keywords = ""
    properties.category = ""
    for printed in properties._element.findall(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted"
    ):
        properties._element.remove(printed)  # a custom template's, not this document's


def normalize_docx_zip(data: bytes) -> bytes:
    """Re-write a DOCX zip with sorted entries, a fixed timestamp and fixed attributes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return reproducible_zip({info.filename: source.read(info) for info in source.infolist()})


def reproducible_zip(entries: dict[str, bytes]) -> bytes:
    """A zip of ``entries`` with sorted members, a fixed timestamp and fixed attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in sorted(entries.items()):
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o600 << 16
            target.writestr(info, content, compresslevel=6)
    return out.getvalue()
