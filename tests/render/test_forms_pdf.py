"""PDF of the real forms: every example in both languages, and long diaries and plans."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from asendusdoc.examples import example_data
from asendusdoc.forms._limits import GOALS
from asendusdoc.render import build_document, render_pdf
from asendusdoc.render.document import TableBlock
from tests.render.test_forms_docx import (
    CASES,
    FORM_IDS,
    LANGS,
    free_texts,
    long_diary,
    long_support_plan,
    squeezed,
)

LANGUAGE_TAGS = {"et": "et-EE", "ru": "ru-RU"}


def reader_of(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def fonts_of(reader: PdfReader) -> dict[str, DictionaryObject]:
    """Every font the pages use (page resources and form XObjects), by base font name."""
    found: dict[str, DictionaryObject] = {}

    def visit(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def font_file(font: DictionaryObject) -> Any:
    """The embedded font program of a simple or a composite (Type0) font, or None."""
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return None if descriptor is None else descriptor.get_object().get("/FontFile2")


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    return {(f, lang): render_pdf(example_data(f), lang) for f in FORM_IDS for lang in LANGS}


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_every_free_text_value_of_the_example_can_be_extracted(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    reader = reader_of(rendered[form_id, lang])
    text = squeezed("".join(page.extract_text() for page in reader.pages))
    missing = [v for v in free_texts(example_data(form_id)) if squeezed(v) not in text]
    assert missing == []


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_every_font_is_embedded_truetype(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    fonts = fonts_of(reader_of(rendered[form_id, lang]))
    assert fonts
    not_embedded = [name for name, font in fonts.items() if font_file(font) is None]
    assert not_embedded == []
    assert all("DejaVu" in name for name in fonts), sorted(fonts)


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_catalog_language_and_metadata_come_from_the_form(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    reader = reader_of(rendered[form_id, lang])
    assert reader.trailer["/Root"]["/Lang"] == LANGUAGE_TAGS[lang]
    document = build_document(example_data(form_id), lang)
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == f"{document.title} ({document.case_reference})"
    assert metadata.author == document.author
    assert metadata.creation_date is not None
    assert metadata.creation_date.date() == date.fromisoformat(
        example_data(form_id)["document_date"]
    )


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_rendering_twice_gives_identical_bytes(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    assert render_pdf(example_data(form_id), lang) == rendered[form_id, lang]


# ---------------------------------------------------------------- long content


def _diary_columns(data: dict[str, Any], lang: str) -> list[str]:
    document = build_document(data, lang)
    tables = [b for s in document.sections for b in s.blocks if isinstance(b, TableBlock)]
    return tables[0].columns


@pytest.mark.parametrize("lang", LANGS)
def test_a_500_entry_diary_repeats_its_header_on_every_page_with_entries(lang: str) -> None:
    data = long_diary(500)
    reader = reader_of(render_pdf(data, lang))
    assert len(reader.pages) > 40
    header = [squeezed(column) for column in _diary_columns(data, lang)]
    pages = [squeezed(page.extract_text()) for page in reader.pages]
    with_entries = [i for i, text in enumerate(pages) if "Sissekanne" in text]
    assert len(with_entries) > 40
    without_header = [i + 1 for i in with_entries if not all(c in pages[i] for c in header)]
    assert without_header == []
    assert squeezed(data["entries"][-1]["description"]) in "".join(pages)
    assert "Sissekanne500." in pages[with_entries[-1]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_longest_support_plan_has_every_goal_on_many_pages(lang: str) -> None:
    data = long_support_plan(GOALS)
    reader = reader_of(render_pdf(data, lang))
    assert len(reader.pages) > 15
    text = squeezed("".join(page.extract_text() for page in reader.pages))
    missing = [g["key"] for g in data["goals"] if squeezed(g["description"]) not in text]
    assert missing == []
    assert squeezed(data["goals"][-1]["activities"][-1]["description"]) in text


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_every_page_carries_the_access_restriction_marking(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    document = build_document(example_data(form_id), lang)
    assert document.restriction[0].startswith("ASUTUSESISESEKS KASUTAMISEKS. Teabevaldaja: ")
    assert len(document.restriction) == (2 if lang == "ru" else 1)
    pages = [squeezed(page.extract_text()) for page in reader_of(rendered[form_id, lang]).pages]
    unmarked = [
        number
        for number, page in enumerate(pages, start=1)
        if not all(squeezed(line) in page for line in document.restriction)
    ]
    assert unmarked == []


def test_a_long_diary_is_marked_on_each_of_its_pages() -> None:
    reader = reader_of(render_pdf(long_diary(120), "ru"))
    assert len(reader.pages) > 5
    pages = [squeezed(page.extract_text()) for page in reader.pages]
    assert all(
        "ASUTUSESISESEKSKASUTAMISEKS" in p and "ДЛЯСЛУЖЕБНОГОПОЛЬЗОВАНИЯ" in p for p in pages
    )
