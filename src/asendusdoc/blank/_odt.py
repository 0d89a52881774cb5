"""A blank LibreOffice saved as OpenDocument (``.odt``), read as the Word blank it was.

"Save As" in LibreOffice keeps ``.odt`` unless the worker changes the type. What the reader of
a Word blank relies on survives in it: the bookmarks on the labels and table headers, the
tables, each cell's paragraphs, line breaks and tabs; text fields (``text:text-input``) and
content controls (``loext:content-control``: drop-downs and dates, with their placeholder flag
and the date picked) hold what was typed or chosen. :func:`word_document` writes the body of
``content.xml`` as the WordprocessingML elements that reader reads (``w:tbl``, ``w:tr``,
``w:tc``, ``w:p``, ``w:t``, ``w:br``, ``w:tab``, ``w:bookmarkStart``, ``w:sdt``), so one reader
reads both formats, and a problem, a place or a migration is the same in either.

What is no text of the document is left out: tracked deletions, comments, footnotes, frames
and a drop-down's list of choices. Elements this module does not know pass their text on (a
span, a link, a list in a cell).
"""

from __future__ import annotations

from lxml import etree

from asendusdoc.read.budget import in_time

__all__ = ["word_document"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"

_LEFT_OUT = frozenset(
    {
        f"{_TEXT}tracked-changes",
        f"{_TEXT}note",
        f"{_TEXT}sequence-decls",
        f"{_TEXT}bookmark-end",
        f"{_TEXT}soft-page-break",
        f"{_OFFICE}annotation",
        f"{_OFFICE}annotation-end",
        f"{_OFFICE}forms",
        f"{_LOEXT}list-item",
        f"{_TABLE}table-column",
        f"{_TABLE}table-columns",
        f"{_TABLE}covered-table-cell",
        f"{_DRAW}frame",
        f"{_DRAW}a",
    }
)
_BLOCKS = {
    f"{_TABLE}table": "tbl",
    f"{_TABLE}table-row": "tr",
    f"{_TABLE}table-cell": "tc",
    f"{_TEXT}p": "p",
    f"{_TEXT}h": "p",
}
_MAX_REPEAT = 64
"""Cells one ``table:number-columns-repeated`` may stand for (LibreOffice writes none)."""
_MAX_SPACES = 100
"""Spaces one ``text:s`` may stand for."""


def word_document(content: etree._Element) -> etree._Element:
    """``w:document`` with the ``w:body`` of an OpenDocument text's ``content.xml``."""
    document = etree.Element(f"{W}document")
    body = etree.SubElement(document, f"{W}body")
    text = content.find(f"{_OFFICE}body/{_OFFICE}text")
    if text is not None:
        _children(text, body, in_paragraph=False)
    return document


def _children(source: etree._Element, target: etree._Element, *, in_paragraph: bool) -> None:
    """The children of ``source`` into ``target``; text only where a paragraph holds it."""
    if in_paragraph and source.text:
        _text(target, source.text)
    for child in source:
        if isinstance(child.tag, str) and child.tag not in _LEFT_OUT:
            _element(child, target, in_paragraph=in_paragraph)
        if in_paragraph and child.tail:
            _text(target, child.tail)


def _element(source: etree._Element, target: etree._Element, *, in_paragraph: bool) -> None:
    tag = source.tag
    block = _BLOCKS.get(str(tag))
    if block is not None:
        if block == "tr":
            in_time()  # a blank is read within its input's time (asendusdoc.read.budget)
        made = etree.SubElement(target, f"{W}{block}")
        _children(source, made, in_paragraph=block == "p")
        if block == "tc":
            _repeated(source, target)
    elif tag == f"{_TEXT}line-break":
        etree.SubElement(target, f"{W}br")
    elif tag == f"{_TEXT}tab":
        etree.SubElement(target, f"{W}tab")
    elif tag == f"{_TEXT}s":
        _text(target, " " * min(_count(source.get(f"{_TEXT}c")), _MAX_SPACES))
    elif tag in (f"{_TEXT}bookmark-start", f"{_TEXT}bookmark"):
        mark = etree.SubElement(target, f"{W}bookmarkStart")
        mark.set(f"{W}name", source.get(f"{_TEXT}name") or "")
    elif tag == f"{_LOEXT}content-control":
        _control(source, target, in_paragraph=in_paragraph)
    else:  # a span, a text field, a link, a list: its text and paragraphs
        _children(source, target, in_paragraph=in_paragraph)


def _control(source: etree._Element, target: etree._Element, *, in_paragraph: bool) -> None:
    """A content control as Word writes one: its placeholder flag and picked date kept."""
    control = etree.SubElement(target, f"{W}sdt")
    properties = etree.SubElement(control, f"{W}sdtPr")
    if source.get(f"{_LOEXT}showing-place-holder") == "true":
        etree.SubElement(properties, f"{W}showingPlcHdr")
    picked = source.get(f"{_LOEXT}current-date")
    if source.get(f"{_LOEXT}date") == "true" and picked:
        etree.SubElement(properties, f"{W}date").set(f"{W}fullDate", picked)
    _children(source, etree.SubElement(control, f"{W}sdtContent"), in_paragraph=in_paragraph)


def _repeated(cell: etree._Element, row: etree._Element) -> None:
    """Empty cells for a cell that says it stands for several (beyond the first)."""
    for _ in range(min(_count(cell.get(f"{_TABLE}number-columns-repeated")), _MAX_REPEAT) - 1):
        etree.SubElement(row, f"{W}tc")


def _count(value: str | None) -> int:
    return int(value) if value is not None and value.isdigit() and len(value) < 6 else 1


def _text(target: etree._Element, value: str) -> None:
    """A run of text; a carriage return left out: LibreOffice ends a text field's part in one
    paragraph with it when the field goes on in the next (the paragraphs say the break)."""
    etree.SubElement(target, f"{W}t").text = value.replace("\r", "")
