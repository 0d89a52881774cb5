"""Snapshots of rendered documents as their text, for syrupy.

A DOCX or PDF changes its bytes with every library version (zip entries, font subsets, object
numbers), so a snapshot of the bytes is noise. :class:`DocumentTextExtension` stores what a
reader sees instead: the DOCX body's paragraphs and table cells in document order, or the text
pypdf extracts from each PDF page::

    from asendusdoc.testing.snapshot import DocumentTextExtension

    def test_referral_document(snapshot):
        pdf = render_pdf(form, "et")
        assert pdf == snapshot(extension_class=DocumentTextExtension)

:func:`document_text` is the same text without syrupy, for assertions of one's own.
"""

from __future__ import annotations

import io
from typing import Any

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

__all__ = ["DocumentTextExtension", "document_text", "docx_text", "pdf_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """The text of a DOCX: one line per paragraph, one line per table row.

    The cells of a row are joined with `` | ``; the paragraphs inside a cell with a space.
    The body comes first, in document order, then each section's own headers and footers,
    each under a ``--- header ---`` / ``--- footer ---`` line.
    """
    import docx

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    _block_lines(document.element.body, lines)
    for section in document.sections:
        parts = [("header", section.header), ("footer", section.footer)]
        if section.different_first_page_header_footer:
            parts += [("first-page header", section.first_page_header)]
            parts += [("first-page footer", section.first_page_footer)]
        for name, part in parts:
            if not part.is_linked_to_previous:
                lines.append(f"--- {name} ---")
                _block_lines(part._element, lines)
    return _finish(lines)


def _paragraph_text(paragraph: Any) -> str:
    # python-docx's paragraph element gives its runs' text with tabs and line breaks
    return str(paragraph.text)


def _block_lines(container: Any, lines: list[str]) -> None:
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(_paragraph_text(child))
        elif child.tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                lines.append(" | ".join(_cell_text(cell) for cell in row.iterchildren(f"{_W}tc")))
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _block_lines(content, lines)


def _cell_text(cell: Any) -> str:
    inner: list[str] = []
    _block_lines(cell, inner)
    return " ".join(line for line in inner if line)


def pdf_text(data: bytes) -> str:
    """The text of a PDF, page by page, as pypdf extracts it; pages marked ``--- page N ---``."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    lines: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        if number > 1:
            lines.append(f"--- page {number} ---")
        lines.extend(page.extract_text().splitlines())
    return _finish(lines)


def _finish(lines: list[str]) -> str:
    return "".join(f"{line.rstrip()}\n" for line in lines)


def document_text(data: bytes | bytearray | memoryview | str) -> str:
    """The text of a rendered document: DOCX or PDF bytes (told apart by their first bytes).

    A ``str`` is taken as text already and returned as it is, so a snapshot can also hold
    text a test extracted itself. Anything else raises ``TypeError``.
    """
    if isinstance(data, str):
        return data
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(
            f"DocumentTextExtension snapshots DOCX or PDF bytes, not {type(data).__name__}"
        )
    raw = bytes(data)
    if raw.startswith(b"%PDF-"):
        return pdf_text(raw)
    if raw.startswith(b"PK\x03\x04"):
        return docx_text(raw)
    raise TypeError("these bytes are neither a PDF (%PDF-) nor a DOCX (a zip archive)")


class DocumentTextExtension(SingleFileSnapshotExtension):
    """A syrupy extension storing a rendered DOCX or PDF as a ``.txt`` file of its text."""

    file_extension = "txt"
    _write_mode = WriteMode.TEXT

    def serialize(self, data: Any, **kwargs: Any) -> str:
        """The document's text (see :func:`document_text`)."""
        return document_text(data)
