"""A filled blank cannot stall a batch (issue 23): 50,000 runs in one field cell, deeply nested
controls and paragraphs. The way in bounds each XML part's nesting (64 levels) and elements, and
the blank reader runs within its input's time (``read.budget.in_time``)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from asendusdoc.blank import make_blank
from tests.attacks.limits import LIBRARY_INPUT_ERROR, cli, library

RUN = "<w:r><w:t>x</w:t></w:r>"


def _blank_with(cell_xml: str) -> bytes:
    """The closure blank with ``cell_xml`` put into the case reference's field cell."""
    source = zipfile.ZipFile(io.BytesIO(make_blank("closure", "et")))
    entries = {info.filename: source.read(info) for info in source.infolist()}
    document = entries["word/document.xml"].decode()
    cell_end = document.index("</w:tc>", document.index("f_case_reference"))
    entries["word/document.xml"] = (document[:cell_end] + cell_xml + document[cell_end:]).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return out.getvalue()


NESTED_CONTROLS = "<w:sdt><w:sdtPr/><w:sdtContent>"
ATTACKS = {
    "runs-in-nested-controls": "<w:p>"
    + NESTED_CONTROLS * 120
    + RUN * 50_000
    + "</w:sdtContent></w:sdt>" * 120
    + "</w:p>",
    "runs-in-nested-paragraphs": ("<w:p>" + RUN * 250) * 200 + "</w:p>" * 200,
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_deeply_nested_blank_is_refused_quickly(tmp_path: Path, attack: str) -> None:
    blank = tmp_path / f"{attack}.docx"
    blank.write_bytes(_blank_with(ATTACKS[attack]))
    run = cli("validate", blank)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "nests deeper than 64 levels" in run.stderr
    run = library(LIBRARY_INPUT_ERROR, blank)
    assert run.returncode == 2 and "docx_xml_too_large" in run.stdout


def test_50000_runs_in_one_cell_within_the_nesting_limit_are_read(tmp_path: Path) -> None:
    blank = tmp_path / "runs.docx"
    blank.write_bytes(_blank_with("<w:p>" + NESTED_CONTROLS * 20 + RUN * 50_000
                                  + "</w:sdtContent></w:sdt>" * 20 + "</w:p>"))  # fmt: skip
    run = cli("validate", blank)
    assert run.returncode == 1, run.stdout + run.stderr  # read; the form is incomplete
