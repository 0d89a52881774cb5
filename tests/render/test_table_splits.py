"""A table split across pages repeats its header row at the top of the next page, and only there.

Keeping a table's last two rows together (the widow rule) moves them to the next page; set in the
room left on the first page they used to split again, which put a second header row in the
middle of the page (the Russian needs feedback: rows 1-9, a header, row 10; then row 11).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.render import build_document, render_pdf
from asendusdoc.render.document import TableBlock


def _pages(pdf: bytes, tmp_path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")  # .ci/run installs it
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("form_id", sorted(FORM_MODELS))
def test_no_header_row_in_the_middle_of_a_page(form_id: str, lang: str, tmp_path: Path) -> None:
    form = example_data(form_id)
    document = build_document(form, lang)
    headers: dict[str, int] = {}
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock) and all("\n" not in c for c in block.columns):
                pattern = r"^\s*" + r"\s+".join(re.escape(c) for c in block.columns) + r"\s*$"
                headers[pattern] = headers.get(pattern, 0) + 1
    for number, page in enumerate(_pages(render_pdf(form, lang), tmp_path), start=1):
        for pattern, tables in headers.items():
            found = len(re.findall(pattern, page, flags=re.MULTILINE))
            assert found <= tables, f"page {number}: a header row repeated on the page"
