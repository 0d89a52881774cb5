"""``needs-report`` for every period, grouping, size and format (issue 26, stumbles 11 and 12).

A caseworker ran ``--period quarter --format pdf`` and met exit 70 ("Polyline must have 2 or
more points"): a quarter shown alone between hidden ones became a one-point line. Over a few
forms the PDF was eleven pages of "< 5". In ``--cases`` the column headers of the referral table
ran into each other. Here every combination runs, and the PDF's words never overlap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.needs.test_report import feedback, run, write
from tests.pdf_words import overlapping_words

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "cases"
MUNICIPALITIES = ("Tartu linn", "Narva linn", "Viimsi vald", "Pärnu linn", "Tallinn")
FAMILY_TYPES = ("foster-family", "guardian-family", "adoptive-family")
TOO_FEW = {"et": "Vastuseid on liiga vähe", "ru": "Ответов слишком мало"}


def forms_of_one_quarter(count: int) -> list[dict[str, object]]:
    """``count`` forms of 2025's third quarter, spread over counties and family types."""
    return [
        feedback(
            levels={"child-behaviour-emotions": ("none", "some", "great")[index % 3]},
            municipality=MUNICIPALITIES[index % len(MUNICIPALITIES)],
            family_type=FAMILY_TYPES[index % len(FAMILY_TYPES)],
        )
        for index in range(count)
    ]


def pdf_text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages)


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("fmt", ["pdf", "csv", "json"])
@pytest.mark.parametrize("count", [1, 4, 5])
@pytest.mark.parametrize("by", [None, "county", "region", "family-type", "life-stage"])
@pytest.mark.parametrize("period", ["quarter", "year"])
def test_every_period_grouping_size_and_format_is_written(
    tmp_path: Path, period: str, by: str | None, count: int, fmt: str, lang: str
) -> None:
    write(tmp_path / "in", forms_of_one_quarter(count))
    out = tmp_path / f"report.{fmt}"
    options = ["--period", period, "--format", fmt, "--lang", lang]
    code, err = run(tmp_path / "in", out, *options, *(["--by", by] if by else []))
    assert code == 0, err
    assert (TOO_FEW[lang] in err) == (count < 5)
    if fmt == "json":
        assert json.loads(out.read_text("utf-8"))["files"]["used"] == count
    elif fmt == "csv":
        assert out.read_bytes().startswith("\ufeff".encode())
    else:
        pages = len(PdfReader(out).pages)
        if count < 5:  # one page saying there are too few answers, and how many are needed
            assert pages == 1
            assert TOO_FEW[lang] in pdf_text(out)
            assert " 5 " in pdf_text(out)
        else:
            assert pages > 1
        assert overlapping_words(out) == []


def test_a_quarter_shown_alone_between_hidden_ones_is_a_point_not_a_crash(tmp_path: Path) -> None:
    many = [feedback(levels={"child-behaviour-emotions": lv}) for lv in ("none", "some", "great")]
    forms = [dict(f, period_end="2025-03-31") for f in many * 4]
    forms += [dict(f, period_end="2025-06-30") for f in many[:2]]  # too few: hidden
    forms += [dict(f, period_end="2025-09-30") for f in many * 4]
    forms += [dict(f, period_end="2025-12-31") for f in many[:1]]  # too few: hidden
    write(tmp_path / "in", forms)
    out = tmp_path / "report.pdf"
    code, err = run(tmp_path / "in", out, "--period", "quarter", "--format", "pdf")
    assert code == 0, err
    text = pdf_text(out)
    assert "2025, 2. kvartal" in text  # named among the periods with too few answers
    assert overlapping_words(out) == []


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_the_case_figures_headers_do_not_run_into_each_other(tmp_path: Path, lang: str) -> None:
    write(tmp_path / "in", forms_of_one_quarter(6))
    out = tmp_path / "report.pdf"
    code, err = run(tmp_path / "in", out, "--cases", str(EXAMPLE_CASES), "--lang", lang)
    assert code == 1, err  # the broken example cases hold files left out, named on stderr
    heading = {"et": "Suunamised teenuse ja piirkonna kaupa", "ru": "Направления по услугам"}
    assert heading[lang] in pdf_text(out)
    assert overlapping_words(out) == []


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_three_years_of_quarters_name_each_quarter_without_overlap(
    tmp_path: Path, lang: str
) -> None:
    quarter_ends = [f"{year}-{end}" for year in (2023, 2024, 2025)
                    for end in ("03-31", "06-30", "09-30", "12-31")]  # fmt: skip
    forms = [
        dict(form, period_start=f"{end[:4]}-01-01", period_end=end, document_date=end)
        for end in quarter_ends
        for form in forms_of_one_quarter(5)
    ]
    write(tmp_path / "in", forms)
    out = tmp_path / "report.pdf"
    code, err = run(tmp_path / "in", out, "--period", "quarter", "--lang", lang)
    assert code == 0, err
    assert overlapping_words(out) == []
