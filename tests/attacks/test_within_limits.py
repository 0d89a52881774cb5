"""What the input limits let through stays within 1 GB and 60 s (issue 23).

The worst inputs themselves are measured in ``benchmarks/worst_inputs.py`` (each command as a
whole process, its peak memory and time): too slow for the suite. Here: the limits that keep
them there refuse what is over them, cheaply.
"""

from __future__ import annotations

import pytest

from asendusdoc import produce
from asendusdoc.errors import InputError
from asendusdoc.examples import example_data
from asendusdoc.problems.messages import error_message
from asendusdoc.read import budget


def _diary(entries: int, description: str) -> dict[str, object]:
    data = example_data("client-diary")
    first = data["entries"][0]
    data["entries"] = [{**first, "description": description} for _ in range(entries)]
    return data


def test_a_pdf_longer_than_the_page_budget_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """10 MiB of short lines would be some 70,000 pages; the budget stops the setting at the
    page past it (here lowered to 5, so that the test is quick)."""
    monkeypatch.setattr("asendusdoc.render.pdf.MAX_DOCUMENT_PAGES", 5)
    monkeypatch.setattr("asendusdoc.read.budget.MAX_DOCUMENT_PAGES", 5)
    data = _diary(8, "a\n" * 200)
    with pytest.raises(InputError) as caught:
        produce(data, "et", "pdf")
    assert caught.value.code == "document_too_long" and caught.value.exit_code == 2
    said = {lang: error_message(caught.value, lang) for lang in ("et", "ru", "en")}
    assert said["en"].startswith("the document would be longer than 5 pages")
    assert "5 lehekülge" in said["et"] and "5 страниц" in said["ru"]
    assert produce(_diary(1, "a\n" * 80), "et", "pdf").data.startswith(b"%PDF")  # 3 pages


def test_the_page_budget_leaves_room_for_the_largest_real_diary() -> None:
    """5,000 entries of the example's text are about 600 pages (docs/performance.md)."""
    assert budget.MAX_DOCUMENT_PAGES >= 2 * 600


def test_a_cell_of_a_thousand_empty_lines_is_set_in_pieces() -> None:
    """The empty lines counted for nothing: one cell grew taller than a page and the valid
    diary could not be laid out (render_error, reportlab's text quoting the table)."""
    data = _diary(1, "Kohtumine" + "\n" * 1266 + "peres")
    assert produce(data, "ru", "pdf").data.startswith(b"%PDF")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_more_line_breaks_than_a_document_may_hold_are_refused_before_setting(fmt: str) -> None:
    """10 MiB of short lines are three million line breaks: refused before anything is set
    (DOCX has no pages to count; docxtpl and lxml took minutes over them)."""
    lines = budget.MAX_DOCUMENT_LINE_BREAKS // 100 + 1
    with pytest.raises(InputError) as caught:
        produce(_diary(100, "a\n" * lines), "ru", fmt)
    assert caught.value.code == "document_too_long"
