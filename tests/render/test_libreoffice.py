"""LibreOffice as a real client of our DOCX: every form, both languages, every value in its PDF.

One ``soffice --headless --convert-to pdf`` call converts all documents (its start-up is the slow
part), with a private profile so no user's LibreOffice is touched; ``pdftotext`` (poppler) reads
the result. Without ``soffice`` the test skips, except in CI (``CI=true``), where ``.ci/run``
installs it.
"""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from asendusdoc.render import build_document, render_docx
from asendusdoc.render.document import TableBlock
from tests.render.line_breaks import bad_breaks, words_of
from tests.render.test_docx import free_texts
from tests.render.test_forms_docx import CASES, FORM_IDS, LANGS
from tests.system_tools import require_tool


def body_crop(pdfinfo: str, pdf: Path) -> list[str]:
    """pdftotext's options for the page without its running header and footer (the top and
    bottom 50 points, at 72 dpi): a value cut by a page break must read on from one page's body
    to the next. The page size (portrait or landscape A4) comes from pdfinfo."""
    info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout)
    assert size is not None
    width, height = (round(float(value)) for value in size.groups())
    return ["-x", "0", "-y", "50", "-W", str(width), "-H", str(height - 100)]


def comparable(text: str) -> str:
    """Text without whitespace and hyphens: LibreOffice breaks lines (and words) where it likes."""
    return "".join(text.split()).replace("-", "").replace("\u00ad", "")


def body_text(pages: list[str], table_headers: list[str]) -> str:
    """The pages' comparable text, each page's repeated table header row left out.

    A table row cut by a page break goes on under the table's header row, repeated at the top
    of the next page; without it the value reads on as one text.
    """
    parts = []
    for number, page in enumerate(pages):
        text = comparable(page)
        if number:
            for header in table_headers:
                if header and text.startswith(header):
                    text = text[len(header) :]
                    break
        parts.append(text)
    return "".join(parts)


def cut_by_a_page_break(value: str, pages: list[str]) -> bool:
    """Whether ``value`` begins at the foot of one page and ends at the top of the next.

    A table row taller than the rest of a page goes on on the next one cell by cell, so the
    cells of one row interleave; each cell's text is still whole, in two pieces.
    """
    return any(
        value[:cut] in page and value[cut:] in following
        for page, following in pairwise(pages)
        for cut in range(1, len(value))
    )


@pytest.fixture(scope="module")
def libreoffice_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[str]]:
    """Each form's DOCX in each language through LibreOffice's PDF: its text, whole and cropped.

    The cropped text leaves out the running header and footer (:func:`body_crop`); pages are
    separated by form feeds.
    """
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    pdfinfo = require_tool("pdfinfo")
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for form_id in FORM_IDS:
        for lang in LANGS:
            source = folder / f"{form_id}-{lang}.docx"
            source.write_bytes(render_docx(example_data(form_id), lang))
            sources.append(source)
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    texts = {}
    for form_id in FORM_IDS:
        for lang in LANGS:
            pdf = folder / f"{form_id}-{lang}.pdf"
            assert pdf.is_file(), f"LibreOffice made no PDF of {pdf.stem}"
            texts[form_id, lang] = [
                subprocess.run(
                    [pdftotext, "-raw", "-enc", "UTF-8", *crop, str(pdf), "-"],
                    check=True,
                    capture_output=True,
                ).stdout.decode("utf-8")
                for crop in ([], body_crop(pdfinfo, pdf))
            ]
    return texts


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_libreoffice_shows_every_value_of_the_document(
    libreoffice_texts: dict[tuple[str, str], list[str]], form_id: str, lang: str
) -> None:
    document = build_document(example_data(form_id), lang)
    headers = [
        comparable("".join(block.columns))
        for section in document.sections
        for block in section.blocks
        if isinstance(block, TableBlock)
    ]
    whole, body = libreoffice_texts[form_id, lang]
    pages = [comparable(page) for page in body.split("\f")]
    # The running header and footer are found in the whole text, the rest in the pages' bodies.
    texts = (comparable(whole), body_text(body.split("\f"), headers))
    missing = [
        value
        for value in free_texts(document)
        if all(comparable(value) not in text for text in texts)
        and not cut_by_a_page_break(comparable(value), pages)
    ]
    assert missing == []


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_libreoffice_prints_the_access_restriction_marking_on_every_page(
    libreoffice_texts: dict[tuple[str, str], list[str]], form_id: str, lang: str
) -> None:
    document = build_document(example_data(form_id), lang)
    whole = libreoffice_texts[form_id, lang][0]
    pages = [comparable(page) for page in whole.split("\f") if page.strip()]
    assert pages
    unmarked = [
        number
        for number, page in enumerate(pages, start=1)
        if not all(comparable(line) in page for line in document.restriction)
    ]
    assert unmarked == []


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_libreoffice_breaks_words_only_at_hyphenation_points(
    libreoffice_texts: dict[tuple[str, str], list[str]], form_id: str, lang: str
) -> None:
    document = build_document(example_data(form_id), lang)
    whole = libreoffice_texts[form_id, lang][0]
    assert bad_breaks(whole, words_of(free_texts(document)), lang) == []
