"""A blank and the documents made from it number their sections alike (issue 26, stumble 7).

The caseworker fills the blank, renders the document and reads messages that name the blank's
places ("3. Eesmärgid ja tegevused, rida 2, Eesmärk"): "3." must be the same section in all
three. The headings are read as a person sees them: the blank's and the DOCX's paragraphs in the
section heading's type, the PDF's text in it. The blank's head ("Üldandmed", "Osalised") is
unnumbered, as the documents' head (case number, date, parties) is.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from asendusdoc import load_form
from asendusdoc.blank import make_blank
from asendusdoc.examples import example_data
from asendusdoc.forms import FormModel
from asendusdoc.render import build_document, render_docx, render_pdf
from asendusdoc.render import page_style as style
from asendusdoc.titles import titles_of
from tests.blank.test_blank import CASES, W

_CASES = Path(__file__).resolve().parents[2] / "examples" / "cases"
_NUMBERED = re.compile(r"(\d+)\. (.+)")
"""A section's heading: "3. Eesmärgid ja tegevused" (an item's, "3.1. Eesmärk E1", is not)."""


def _docx_headings(data: bytes) -> list[str]:
    """The body's paragraphs (not in tables) set in the section heading's size."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    size = str(int(style.SECTION_SIZE * 2))
    headings = []
    for paragraph in body.iterchildren(f"{W}p"):
        if paragraph.find(f".//{W}rPr/{W}sz[@{W}val='{size}']") is not None:
            headings.append("".join(t.text or "" for t in paragraph.iter(f"{W}t")).strip())
    return headings


def _pdf_headings(data: bytes) -> list[str]:
    """The text the PDF sets in the section heading's size."""
    headings: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and round(size * tm[0], 1) == style.SECTION_SIZE:
            headings.append(text.strip())

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return headings


def _numbered(headings: list[str]) -> dict[str, str]:
    return dict(m.groups() for h in headings if (m := _NUMBERED.fullmatch(h)))


def _data_titled(form: FormModel, lang: str) -> set[tuple[str, str]]:
    """(the blank's title, the document's) of the lists a form's data names: the blank serves
    every service ("Pere tegevused"), a support person's agreement says "Noore tegevused"."""
    pairs = set()
    for name, info in type(form).model_fields.items():
        titles = form.data_titles(name)
        if titles is not None:
            pairs.add((titles_of(info, name).get(lang), titles.get(lang)))
    return pairs


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_the_blank_and_its_documents_number_and_name_their_sections_alike(
    form_id: str, lang: str
) -> None:
    blank = make_blank(form_id, lang, example_data(form_id))
    form = load_form(blank)  # the filled blank, read as the caseworker's file is
    in_blank = _docx_headings(blank)
    numbered = _numbered(in_blank)
    assert numbered, in_blank
    assert list(numbered) == [str(n) for n in range(1, len(numbered) + 1)]
    allowed = _data_titled(form, lang)
    for kind, headings in (
        ("pdf", _pdf_headings(render_pdf(form, lang))),
        ("docx", _docx_headings(render_docx(form, lang))),
    ):
        shown = _numbered(headings)
        assert list(shown) == list(numbered), (kind, headings)
        differ = {(numbered[n], shown[n]) for n in numbered if numbered[n] != shown[n]}
        assert differ <= allowed, (kind, differ)
        head = [h for h in in_blank if not _NUMBERED.fullmatch(h)][1:]  # after "Üldandmed"
        assert all(h in headings and not _NUMBERED.match(h) for h in head), (kind, headings)


def test_a_section_that_does_not_apply_is_left_out_and_the_others_keep_their_numbers() -> None:
    """An agreement with no young person (the family support service) has no "2. Noor", and its
    family is "3. Pere" as in the blank, which holds the sections of every service."""
    form = load_form(_CASES / "narva-ok" / "02-koostoolepe.json")
    shown = [s.heading for s in build_document(form, "et").sections]
    assert shown[:3] == ["1. Teenus", "3. Pere", "4. Eesmärgid"], shown
    assert "5. Suunamise eesmärgid, millest loobuti" not in shown
    in_blank = _numbered(_docx_headings(make_blank("cooperation-agreement", "et")))
    assert (in_blank["3"], in_blank["4"]) == ("Pere", "Eesmärgid")
