"""No word broken except at a hyphenation point, with its hyphen shown: every example, PDF.

(The DOCX, through LibreOffice, is checked in ``test_libreoffice.py``.)
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from asendusdoc.examples import example_data
from asendusdoc.render import build_document, render_pdf
from tests.render.line_breaks import bad_breaks, words_of
from tests.render.test_docx import free_texts
from tests.render.test_forms_docx import CASES


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_the_pdf_breaks_words_only_at_hyphenation_points(form_id: str, lang: str) -> None:
    document = build_document(example_data(form_id), lang)
    reader = PdfReader(io.BytesIO(render_pdf(example_data(form_id), lang)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert bad_breaks(text, words_of(free_texts(document)), lang) == []


def test_the_pdf_hyphenates_a_long_word_in_a_narrow_column() -> None:
    data = example_data("closure")
    data["family"]["caregivers"][0]["family_name"] = "Sotsiaalpedagoogikaõppejõud"
    reader = PdfReader(io.BytesIO(render_pdf(data, "et")))
    text = "\n".join(page.extract_text() for page in reader.pages)
    document = build_document(data, "et")
    assert bad_breaks(text, words_of(free_texts(document)), "et") == []


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("klassi\njuhataja", []),  # two words of their own
        ("kl\nassijuhataja", ["kl|assijuhataja"]),
        ("klas-\nsijuhataja", []),
        ("kla-\nssijuhataja", ["kla-|ssijuhataja"]),
        ("Lääne-\nHarju vald", []),
        ("консультиров\nание", ["консультиров|ание"]),
        ("кон-\nсультирование.", []),
    ],
)
def test_a_break_is_judged_by_pyphens_points(text: str, verdict: list[str]) -> None:
    words = words_of(["klassijuhataja", "klassi juhataja", "Lääne-Harju", "консультирование"])
    lang = "ru" if "о" in text else "et"
    assert bad_breaks(text, words, lang) == verdict


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_the_diary_goes_landscape_and_a_referral_stays_portrait(lang: str) -> None:
    from docx import Document as open_docx
    from docx.enum.section import WD_ORIENT

    from asendusdoc.render import render_docx

    for form_id, wide in (("client-diary", True), ("family-support-referral", False)):
        page = PdfReader(io.BytesIO(render_pdf(example_data(form_id), lang))).pages[0]
        assert (page.mediabox.width > page.mediabox.height) is wide
        section = open_docx(io.BytesIO(render_docx(example_data(form_id), lang))).sections[0]
        assert (section.orientation == WD_ORIENT.LANDSCAPE) is wide
        assert (section.page_width > section.page_height) is wide


def test_table_columns_are_at_least_as_wide_as_their_longest_word() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from asendusdoc.render.document import TableBlock
    from asendusdoc.render.measure import table_widths
    from asendusdoc.render.pdf_kit import FONT

    document = build_document(example_data("client-diary"), "ru")
    block = next(b for s in document.sections for b in s.blocks if isinstance(b, TableBlock))
    widths = table_widths(block, "ru", landscape_page=True)
    for index, width in enumerate(widths):
        words = [w for row in block.rows for w in row[index].split()]
        assert max(stringWidth(w, FONT, 10) for w in words) < width
