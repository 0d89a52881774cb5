"""The PDF back end: text, fonts, metadata, reproducibility, long content, bundles."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from asendusdoc.render.document import (
    Document,
    FieldRow,
    FieldsBlock,
    ListBlock,
    Section,
    TableBlock,
    TextBlock,
)
from asendusdoc.render.pdf import render_pdf, render_pdf_bundle
from tests.render.sample_documents import sample_document

HOSTILE = "<b> &amp; x<y {{ x }} 😀 «ё» </para>"
BASE_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-BoldOblique",
    "Courier-Oblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-BoldOblique",
    "Helvetica-Oblique",
    "Symbol",
    "Times-Bold",
    "Times-BoldItalic",
    "Times-Italic",
    "Times-Roman",
    "ZapfDingbats",
}


def normalised(text: str) -> str:
    return " ".join(text.split())


def reader_of(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def all_text(reader: PdfReader) -> str:
    return normalised(" ".join(page.extract_text() for page in reader.pages))


def body_text(reader: PdfReader) -> str:
    """The text of all pages without the running header and footer (drawn last on each page)."""
    pages = []
    for page in reader.pages:
        lines = page.extract_text().splitlines()
        pages.append("\n".join(lines[:-4]))
    return normalised(" ".join(pages))


def free_texts(document: Document) -> Iterator[str]:
    """Every text the document shows (its labels aside)."""
    yield from (document.title, document.subtitle, document.case_reference)
    yield from (document.document_date, document.author)
    for party in document.parties:
        yield party.role
        yield from party.lines
    for section in document.sections:
        yield section.heading
        for block in section.blocks:
            yield block.heading
            if isinstance(block, FieldsBlock):
                for row in block.rows:
                    yield from (row.label, row.value)
            elif isinstance(block, TableBlock):
                yield from block.columns
                for cells in block.rows:
                    yield from cells
            elif isinstance(block, ListBlock):
                yield from block.items
            elif isinstance(block, TextBlock):
                yield block.text
    for signature in document.signatures:
        yield from (signature.role, signature.name)


def with_section(document: Document, *blocks: Any) -> Document:
    return dataclasses.replace(
        document, sections=[*document.sections, Section("9. Lisa", list(blocks))]
    )


LONG_TEXT = " ".join(f"Sõna{i} ёжик." for i in range(1700))  # about 20,000 characters


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_every_free_text_value_can_be_extracted(lang: str) -> None:
    document = sample_document(lang)
    text = all_text(reader_of(render_pdf(document)))
    missing = [value for value in free_texts(document) if normalised(value) not in text]
    assert missing == []


def test_hostile_text_appears_literally() -> None:
    document = sample_document("et", hostile=HOSTILE)
    text = all_text(reader_of(render_pdf(document)))
    assert text.count(normalised(HOSTILE)) >= 5
    assert "Mari Tamm <lastekaitse>" in text
    assert "Vaba tekst & <märk> {{ x }}" in text


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_all_fonts_are_embedded_truetype_and_none_is_base_14(lang: str) -> None:
    data = render_pdf(sample_document(lang, hostile=HOSTILE))
    fonts: dict[str, DictionaryObject] = {}
    for page in reader_of(data).pages:
        resources = page["/Resources"].get_object()
        for name, font in resources.get("/Font", {}).get_object().items():
            fonts[name] = font.get_object()
    assert fonts
    for font in fonts.values():
        descendants = font.get("/DescendantFonts")
        described = descendants[0].get_object() if descendants else font
        assert str(font["/BaseFont"]).lstrip("/") not in BASE_14
        assert "/FontFile2" in described["/FontDescriptor"].get_object()
    assert b"Helvetica" not in data


@pytest.mark.parametrize(("lang", "tag"), [("et", "et-EE"), ("ru", "ru-RU")])
def test_language_and_metadata_are_set(lang: str, tag: str) -> None:
    document = sample_document(lang)
    reader = reader_of(render_pdf(document))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == tag
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == f"{document.title} ({document.case_reference})"
    assert metadata.author == "Viimsi vald"
    assert metadata.subject == document.subtitle
    assert metadata["/Creator"].startswith("asendusdoc ")
    assert metadata["/Producer"] == metadata["/Creator"]


def test_dates_are_the_document_date() -> None:
    reader = reader_of(render_pdf(sample_document("et")))
    assert reader.metadata is not None
    assert reader.metadata.creation_date.date() == date(2026, 11, 22)
    assert reader.metadata.modification_date.date() == date(2026, 11, 22)


def test_two_renders_are_byte_identical() -> None:
    assert render_pdf(sample_document("ru", hostile=HOSTILE)) == render_pdf(
        sample_document("ru", hostile=HOSTILE)
    )


def test_different_documents_give_different_bytes() -> None:
    first = sample_document("et")
    second = dataclasses.replace(first, case_reference="VIIMSI-2026-015")
    assert render_pdf(first) != render_pdf(second)


@pytest.mark.parametrize(("lang", "first_page"), [("et", "lk 1 / "), ("ru", "стр. 1 из ")])
def test_footer_numbers_pages_with_the_total(lang: str, first_page: str) -> None:
    document = sample_document(lang, goals=120)
    reader = reader_of(render_pdf(document))
    total = len(reader.pages)
    assert total > 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert first_page.replace("1", str(number)) + str(total) in text
        assert "VIIMSI-2026-014" in text
        assert document.title in text


def test_long_table_repeats_its_header_and_keeps_every_row() -> None:
    rows = [[str(i), f"rida {i}", f"vastutaja {i}"] for i in range(1, 501)]
    table = TableBlock(columns=["Nr", "Tegevus", "Vastutaja"], rows=rows, widths=[0.1, 0.6, 0.3])
    reader = reader_of(render_pdf(with_section(sample_document("et"), table)))
    assert len(reader.pages) > 5
    table_pages = [page.extract_text() for page in reader.pages if "rida " in page.extract_text()]
    for text in table_pages:
        assert "Nr" in text
        assert "Tegevus" in text
        assert "Vastutaja" in text
    text = all_text(reader)
    assert all(f"rida {i} vastutaja {i}" in text for i in range(1, 501))


@pytest.mark.parametrize(
    "block",
    [
        pytest.param(TextBlock(LONG_TEXT, heading="Olukord"), id="text-block"),
        pytest.param(TextBlock(LONG_TEXT.replace(" ", "\n")), id="one-word-a-line"),
        pytest.param(FieldsBlock([FieldRow("Märkus", LONG_TEXT)]), id="field-value"),
        pytest.param(
            TableBlock(columns=["Nr", "Eesmärk"], rows=[["1", LONG_TEXT]], widths=[0.1, 0.9]),
            id="table-cell",
        ),
        pytest.param(
            TableBlock(columns=["Nr", "Eesmärk"], rows=[[LONG_TEXT, ""]], widths=[0.1, 0.9]),
            id="narrow-table-cell",
        ),
        pytest.param(ListBlock([LONG_TEXT]), id="list-item"),
    ],
)
def test_a_20000_character_value_splits_across_pages(block: Any) -> None:
    assert len(LONG_TEXT) > 19_000
    reader = reader_of(render_pdf(with_section(sample_document("et"), block)))
    assert len(reader.pages) >= 3
    # A narrow column breaks inside words, a long cell continues in more rows: compare without
    # whitespace.
    text = "".join(body_text(reader).split()).replace("NrEesmärk", "")  # repeated header rows
    assert "".join(LONG_TEXT.split()) in text


def test_long_party_and_signature_text_does_not_break_the_layout() -> None:
    document = sample_document("ru", hostile=LONG_TEXT)
    document = dataclasses.replace(
        document,
        signatures=[dataclasses.replace(document.signatures[0], name=LONG_TEXT)],
    )
    text = all_text(reader_of(render_pdf(document)))
    assert "Sõna1699 ёжик." in text


def test_bundle_has_one_bookmark_per_document_on_its_first_page() -> None:
    documents = [sample_document("et"), sample_document("ru", goals=80), sample_document("et")]
    data = render_pdf_bundle(documents)
    reader = reader_of(data)
    outline = reader.outline
    assert [item.title for item in outline] == [
        f"{document.title} ({document.case_reference})" for document in documents
    ]
    starts = [reader.get_destination_page_number(item) for item in outline]
    assert starts[0] == 0
    assert starts == sorted(starts)
    assert len(set(starts)) == 3
    second_document_pages = starts[2] - starts[1]
    assert second_document_pages > 1
    assert "стр. 1 из" in reader.pages[starts[1]].extract_text()
    assert "lk 1 / 1" in reader.pages[starts[2]].extract_text()
    assert data == render_pdf_bundle(documents)


@pytest.mark.parametrize("goals", [31, 32, 33, 34, 52, 53, 54])
def test_a_table_never_leaves_one_row_alone_on_the_next_page(goals: int) -> None:
    import re

    data = render_pdf(sample_document("et", goals=goals))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    counts = [len(re.findall(r"Eesmärk \d+:", page)) for page in pages]
    with_rows = [count for count in counts if count]
    assert len(with_rows) > 1
    assert with_rows[-1] >= 2, counts
