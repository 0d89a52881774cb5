"""The DOCX through its form's own template shows what the PDF shows, in the same order.

The templates name their fields (tools/make_templates.py); the PDF is laid out from the document
directly. For every example and for varied forms of the testing kit (optional parts absent,
empty lists, many items), in both languages, the text of the DOCX's body equals the text of the
PDF's body, whitespace and hyphens aside (the PDF breaks lines and hyphenates, the DOCX leaves
that to Word). The PDF's running header and footer (the smaller type) and a table's header row
repeated on a new page are left out; the DOCX's are in its header and footer parts.

Not compared: a cell so long that the PDF continues it in further rows of its table (more than
about sixteen lines, tests/robustness covers it whole): there the PDF reads the row's other
cells before the rest of the long one.
"""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader
from tools.template_plan import VARIANTS, variant_forms

from asendusdoc import load_form
from asendusdoc.examples import example_data
from asendusdoc.render import build_document, render_docx, render_pdf
from asendusdoc.render import page_style as style
from asendusdoc.render.document import TableBlock
from asendusdoc.testing.strategies import forms
from tests.render.test_forms_docx import (
    CASES,
    FORM_IDS,
    LANGS,
    W,
    _paragraph_text,
    long_diary,
    long_support_plan,
    squeezed,
)


def _docx_body(data: bytes) -> str:
    """The body's paragraphs and table cells in document order."""
    body = docx.Document(io.BytesIO(data)).element.body
    parts: list[str] = []
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            parts.append(_paragraph_text(child))
        elif child.tag == f"{W}tbl":
            for cell in child.iter(f"{W}tc"):
                parts += [_paragraph_text(p) for p in cell.iterchildren(f"{W}p")]
    return "\n".join(parts)


def _pdf_body(data: bytes) -> str:
    """The text of every page set in the body's type (the running header and footer are in the
    smaller type of page_style.RUNNING_SIZE)."""
    parts: list[str] = []

    def keep(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if abs(size - style.RUNNING_SIZE) > 0.01:
            parts.append(text)

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=keep)
    return "".join(parts)


def _comparable(text: str, headers: list[str]) -> str:
    """Text without whitespace and hyphens, without the tables' header rows (the PDF repeats
    them on every page a table reaches)."""
    text = squeezed(text)
    for header in sorted(headers, key=len, reverse=True):
        text = text.replace(header, "")
    return text


def assert_docx_shows_what_the_pdf_shows(data: dict[str, Any], lang: str) -> None:
    document = build_document(load_form(data), lang)
    headers = [
        squeezed("".join(block.columns))
        for section in document.sections
        for block in section.blocks
        if isinstance(block, TableBlock)
    ]
    shown_by_docx = _comparable(_docx_body(render_docx(data, lang)), headers)
    shown_by_pdf = _comparable(_pdf_body(render_pdf(data, lang)), headers)
    if shown_by_docx != shown_by_pdf:
        at = next(
            (
                i
                for i, pair in enumerate(zip(shown_by_docx, shown_by_pdf, strict=False))
                if pair[0] != pair[1]
            ),
            min(len(shown_by_docx), len(shown_by_pdf)),
        )
        raise AssertionError(
            f"{data['form']} ({lang}): the DOCX and the PDF part at character {at}:\n"
            f"  DOCX: …{shown_by_docx[max(0, at - 60) : at + 60]}…\n"
            f"  PDF:  …{shown_by_pdf[max(0, at - 60) : at + 60]}…"
        )


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_the_example_shows_the_same_text_in_the_same_order(form_id: str, lang: str) -> None:
    assert_docx_shows_what_the_pdf_shows(example_data(form_id), lang)


VARIANT_CASES = [
    pytest.param(form_id, index, lang, id=f"{form_id}-{index}-{lang}")
    for form_id, variants in VARIANTS.items()
    for index in range(len(variants))
    for lang in LANGS
]


@pytest.mark.parametrize(("form_id", "index", "lang"), VARIANT_CASES)
def test_the_variants_the_templates_are_made_from_show_the_same_text(
    form_id: str, index: int, lang: str
) -> None:
    """Goals without keys, an older conference referral's "agreed", the diary and the report
    with an end of service, the Viimsi client-work summary: the kit rarely makes them."""
    form = variant_forms(form_id)[index]
    assert_docx_shows_what_the_pdf_shows(form.model_dump(mode="json"), lang)


@pytest.mark.parametrize(
    ("data", "lang"),
    [
        pytest.param(long_diary(500), "et", id="diary-500-entries-et"),
        pytest.param(long_support_plan(), "ru", id="support-plan-most-goals-ru"),
    ],
)
def test_long_documents_show_the_same_text_in_the_same_order(
    data: dict[str, Any], lang: str
) -> None:
    """The diary's 500 entries by date over 60 landscape pages (the PDF sets its table in parts,
    each with its header), the support plan with the most goals, a section each."""
    assert_docx_shows_what_the_pdf_shows(data, lang)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_varied_forms_show_the_same_text_in_the_same_order(form_id: str) -> None:
    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(forms(form_id))
    def check(data: dict[str, Any]) -> None:
        load_form(data)  # the kit's forms are valid
        for lang in LANGS:
            assert_docx_shows_what_the_pdf_shows(data, lang)

    check()
