"""DocumentTextExtension: DOCX and PDF snapshots stored as their text."""

from __future__ import annotations

import io

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from syrupy.assertion import SnapshotAssertion

from asendusdoc.examples import example_data
from asendusdoc.render import render_docx, render_pdf
from asendusdoc.testing.snapshot import DocumentTextExtension, document_text


def _small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Koostöölepe")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Nimi"
    table.cell(0, 1).text = "Mari Tamm"
    table.cell(1, 0).text = "Имя"
    table.cell(1, 1).text = "Ёлка «ёж» <w:t> & {{ x }}"
    document.add_paragraph("Allkiri")
    document.sections[0].header.paragraphs[0].text = "Juhtumi viide: TLN-1"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _small_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=1)
    page.drawString(72, 770, "First page")
    page.showPage()
    page.drawString(72, 770, "Second page")
    page.save()
    return out.getvalue()


def test_a_docx_is_stored_as_its_text(snapshot: SnapshotAssertion) -> None:
    assert _small_docx() == snapshot(extension_class=DocumentTextExtension)


def test_a_pdf_is_stored_as_its_text_page_by_page(snapshot: SnapshotAssertion) -> None:
    assert _small_pdf() == snapshot(extension_class=DocumentTextExtension)


def test_docx_text_keeps_document_order_cells_and_headers() -> None:
    assert document_text(_small_docx()) == (
        "Koostöölepe\n"
        "Nimi | Mari Tamm\n"
        "Имя | Ёлка «ёж» <w:t> & {{ x }}\n"
        "Allkiri\n"
        "--- header ---\n"
        "Juhtumi viide: TLN-1\n"
    )


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_rendered_documents_show_the_form_in_both_formats(lang: str) -> None:
    data = example_data("closure")
    for rendered in (render_docx(data, lang), render_pdf(data, lang)):
        text = document_text(rendered)
        assert "NAR-LK-2026-014" in text
        assert "Olga Kuznetsova" in text


def test_text_is_taken_as_it_is() -> None:
    assert document_text("already text\n") == "already text\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"GIF89a", "neither a PDF"), (42, "not int"), ({"a": 1}, "not dict")],
    ids=["other-bytes", "number", "dict"],
)
def test_what_is_no_document_is_refused(data: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        document_text(data)  # type: ignore[arg-type]
