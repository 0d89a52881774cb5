"""``needs-report``: figures equal a hand count; small counts never show, nor can be worked out."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from asendusdoc.cli import main
from asendusdoc.reference.needs import NeedArea
from tests.forms.helpers import example

AREAS = [area.value for area in NeedArea]


def feedback(
    *,
    levels: dict[str, str] | None = None,
    used: tuple[str, ...] = (),
    openness: str = "open",
    municipality: str = "Tartu linn",
    family_type: str = "foster-family",
    period_end: str = "2025-09-30",
    consent: bool = True,
) -> dict[str, Any]:
    """A valid feedback form: every area "none" unless ``levels`` says otherwise."""
    data = example("family-needs-feedback")
    data["needs"] = [{"area": area, "level": (levels or {}).get(area, "none")} for area in AREAS]
    data["needs"][-1]["comment"] = "Vaba tekst, mis aruandesse ei jõua"
    data["services_used"] = [{"service": s, "usefulness": "very-useful"} for s in used]
    data |= {
        "contact_openness": openness,
        "municipality": municipality,
        "family_type": family_type,
        "period_start": "2025-01-01",
        "period_end": period_end,
        "document_date": "2025-10-01",
        "statistics_consent": consent,
        "case_reference": "SALAJANE-VIIDE-77",
    }
    return data


def write(folder: Path, forms: list[dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index, form in enumerate(forms):
        (folder / f"vorm-{index:03d}.json").write_text(json.dumps(form), "utf-8")


def run(folder: Path, out: Path, *options: str) -> tuple[int, str]:
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["needs-report", str(folder), "-o", str(out), "--force", *options])
    return code, err.getvalue()


# --- a hand-counted set -------------------------------------------------------------------------


@pytest.fixture
def counted(tmp_path: Path) -> Path:
    """30 consenting forms of 2025 (hand count below), and four files the report leaves out."""
    child = "child-behaviour-emotions"
    forms = []
    forms += [feedback(levels={child: "great"}, used=("psychological-counselling",))] * 4
    forms += [feedback(levels={child: "great"}, used=("mentoring",))] * 6  # no fit: unmet
    forms += [feedback(levels={child: "some", "peer-support": "skipped"})] * 6
    forms += [feedback(levels={child: "some"}, openness="partly-open")] * 5
    forms += [feedback(levels={child: "some"}, openness="no-contact")]
    forms += [feedback(levels={child: "none"}, openness="no-contact")] * 4
    forms += [feedback(levels={child: "none"})] * 4
    assert len(forms) == 30
    folder = tmp_path / "tagasiside"
    write(folder, forms)
    (folder / "x-keeldus.json").write_text(json.dumps(feedback(consent=False)), "utf-8")
    broken = feedback()
    del broken["life_stage"]
    (folder / "x-vigane.json").write_text(json.dumps(broken), "utf-8")
    (folder / "x-lopetamine.json").write_text(json.dumps(example("closure")), "utf-8")
    (folder / "x-katki.json").write_text("{", "utf-8")
    return folder


def _tables(data: dict[str, Any], key: str, area: str | None = None) -> list[dict[str, Any]]:
    return [t for t in data["tables"] if t["key"] == key and t["area"] == area]


def test_figures_equal_the_hand_count(counted: Path, tmp_path: Path) -> None:
    out = tmp_path / "aruanne.json"
    code, err = run(counted, out, "--format", "json", "--lang", "et")
    assert code == 1  # written, but files were left out
    data = json.loads(out.read_text("utf-8"))
    assert data["files"] == {
        "read": 34,
        "used": 30,
        "left_out": {"invalid": 1, "no_consent": 1, "not_a_form": 1, "not_feedback": 1},
    }
    for name in ("x-keeldus.json", "x-vigane.json", "x-lopetamine.json", "x-katki.json"):
        assert name in err  # named on stderr, not in the report
    (families,) = _tables(data, "families")
    assert families["period"] == "2025"
    assert families["rows"][0]["counts"] == {"families": 30}

    (child,) = _tables(data, "needs", "child-behaviour-emotions")
    row = child["rows"][0]
    assert row["counts"] == {"none": 8, "some": 12, "great": 10, "answered": 30}
    assert row["shares"] == {"some_or_great": round(22 / 30, 4), "great": round(10 / 30, 4)}

    # peer support: 24 "none", 6 skipped. Some and great are 0 ("< 5"); with "none" and
    # "answered" both shown (24 = 24 + some + great) a reader would know both are 0, so "none"
    # is hidden too.
    (peer,) = _tables(data, "needs", "peer-support")
    assert peer["rows"][0]["counts"] == {"none": "x", "some": "< 5", "great": "< 5", "answered": 24}
    assert peer["rows"][0]["shares"] == {"some_or_great": "x", "great": "x"}

    (unmet,) = _tables(data, "unmet")
    assert unmet["rows"][0]["counts"]["child-behaviour-emotions"] == 6
    assert unmet["rows"][0]["counts"]["health-development"] == "< 5"

    (contact,) = _tables(data, "contact")
    assert contact["rows"][0]["counts"] == {"open": 20, "answered": 25}
    assert contact["rows"][0]["shares"] == {"open": 0.8}


def test_no_free_text_case_reference_or_file_name_reaches_any_format(
    counted: Path, tmp_path: Path
) -> None:
    texts = []
    for fmt in ("json", "csv", "pdf"):
        out = tmp_path / f"aruanne.{fmt}"
        run(counted, out, "--format", fmt)
        raw = out.read_bytes()
        texts.append(_pdf_text(out) if fmt == "pdf" else raw.decode("utf-8-sig"))
    for text in texts:
        assert "SALAJANE" not in text and "Vaba tekst" not in text
        assert "x-keeldus" not in text and "vorm-000" not in text
        assert "Kooli vahetus" not in text  # the example's own comment


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_report_comes_in_russian(counted: Path, tmp_path: Path) -> None:
    out = tmp_path / "отчёт.pdf"
    run(counted, out, "--lang", "ru")
    text = _pdf_text(out)
    assert "Потребности семей: статистика отзывов" in text
    assert "поведение и эмоции ребёнка" in text
    out_csv = tmp_path / "отчёт.csv"
    run(counted, out_csv, "--lang", "ru", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Таблица",
        "Период",
        "Область потребности",
        "Группа",
        "Показатель",
        "Значение",
    ]
    assert ["Некоторая или большая потребность (%)", "73,3"] in [r[4:] for r in rows]


# --- groups of 1 to 4 -----------------------------------------------------------------------------


@pytest.fixture
def small_groups(tmp_path: Path) -> Path:
    """Region groups of 1, 2, 3 and 4 families beside one of 20, with varied answers."""
    places = {"Tallinn": 20, "Tartu linn": 1, "Pärnu linn": 2, "Narva linn": 3}
    levels = ["none", "some", "great", "skipped"]
    forms = []
    index = 0
    for municipality, count in places.items():
        for _ in range(count):
            answers = {area: levels[(index + n) % 4] for n, area in enumerate(AREAS)}
            answers["other"] = "none"
            used = ("family-support",) if index % 3 == 0 else ()
            openness = ("open", "partly-open", "no-contact")[index % 3]
            forms.append(feedback(levels=answers, used=used, openness=openness,
                                  municipality=municipality))  # fmt: skip
            index += 1
    # the fourth region, Lääne, has 4 families in another period: groups of 0 there too
    forms += [feedback(municipality="Haapsalu linn", period_end="2024-06-30")] * 4
    folder = tmp_path / "vaikesed"
    write(folder, forms)
    return folder


def _rank(rows: list[list[Fraction]]) -> int:
    """Rank by plain Gaussian elimination (independent of the package's own check)."""
    matrix = [row[:] for row in rows]
    rank = 0
    columns = len(matrix[0]) if matrix else 0
    for col in range(columns):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                f = matrix[r][col] / matrix[rank][col]
                matrix[r] = [a - f * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def _sums(table: dict[str, Any]) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """The sums a reader sees in a published table: total = parts."""
    rows = [row["key"] for row in table["rows"]]
    columns = [column["key"] for column in table["columns"]]
    groups = [row for row in rows if row != "total"]
    sums = []
    if table["key"] == "needs":
        sums += [((r, "answered"), [(r, c) for c in ("none", "some", "great")]) for r in rows]
    if groups:
        sums += [(("total", c), [(g, c) for g in groups]) for c in columns]
    return sums


def _worked_out(table: dict[str, Any]) -> list[tuple[str, str]]:
    """Hidden cells a reader can compute exactly from the published sums and the "< 5" bounds."""
    shown = {(row["key"], c): v for row in table["rows"] for c, v in row["counts"].items()}
    hidden = sorted(cell for cell, value in shown.items() if isinstance(value, str))
    sums = _sums(table)
    equations = []
    for total, parts in sums:
        equations.append([Fraction((cell in parts) - (cell == total)) for cell in hidden])
    found = []
    for index, cell in enumerate(hidden):
        unit = [Fraction(int(i == index)) for i in range(len(hidden))]
        if equations and _rank([*equations, unit]) == _rank(equations):
            found.append(cell)
    for total, parts in sums:  # the bounds: a "< 5" is 0..4
        cells = [total, *parts]
        unknown = [c for c in cells if isinstance(shown[c], str)]
        if unknown and all(shown[c] == "< 5" for c in unknown) and total not in unknown:
            rest = shown[total] - sum(shown[p] for p in parts if p not in unknown)
            if rest in (0, 4 * len(unknown)):
                found += unknown
    return found


@pytest.mark.parametrize("by", ["region", "county", "family-type"])
def test_small_counts_are_hidden_in_json_and_cannot_be_worked_out(
    small_groups: Path, tmp_path: Path, by: str
) -> None:
    out = tmp_path / "aruanne.json"
    run(small_groups, out, "--by", by, "--period", "quarter", "--format", "json")
    data = json.loads(out.read_text("utf-8"))
    hidden_small = 0
    for table in data["tables"]:
        for row in table["rows"]:
            for value in row["counts"].values():
                assert value in ("< 5", "x") or (isinstance(value, int) and value >= 5)
                hidden_small += value == "< 5"
        assert _worked_out(table) == [], (table["key"], table["area"], table["period"])
    assert hidden_small > 100  # the set really has groups of 1 to 4


def test_groups_of_one_to_four_show_as_under_5_in_every_format(
    small_groups: Path, tmp_path: Path
) -> None:
    outputs = {}
    for fmt in ("json", "csv", "pdf"):
        out = tmp_path / f"aruanne.{fmt}"
        run(small_groups, out, "--by", "region", "--format", fmt, "--lang", "et")
        outputs[fmt] = out
    data = json.loads(outputs["json"].read_text("utf-8"))
    (families,) = [t for t in _tables(data, "families") if t["period"] == "2025"]
    assert [(r["title"], r["counts"]["families"]) for r in families["rows"]] == [
        ("Põhja piirkond", 20),
        ("Lõuna piirkond", "< 5"),
        ("Lääne piirkond", "< 5"),
        ("Ida piirkond", "< 5"),
        ("Kõik pered", 26),
    ]
    rows = list(
        csv.reader(io.StringIO(outputs["csv"].read_bytes().decode("utf-8-sig")), delimiter=";")
    )
    family_rows = [r for r in rows if r[0] == "Vastanud pered" and r[1] == "2025. aasta"]
    assert [r[3:] for r in family_rows] == [
        ["Põhja piirkond", "Peresid", "20"],
        ["Lõuna piirkond", "Peresid", "< 5"],
        ["Lääne piirkond", "Peresid", "< 5"],
        ["Ida piirkond", "Peresid", "< 5"],
        ["Kõik pered", "Peresid", "26"],
    ]
    for row in rows[1:]:
        value = row[5]
        assert value in ("< 5", "x") or "%" in row[4] or int(value) >= 5, row
    text = _pdf_text(outputs["pdf"])
    families_2025 = "Põhja piirkond\n20\nLõuna piirkond\n< 5\nLääne piirkond\n< 5\n"
    assert families_2025 + "Ida piirkond\n< 5\nKõik pered\n26\n" in text


def test_one_bad_file_never_stops_the_report(tmp_path: Path) -> None:
    folder = tmp_path / "segamini"
    write(folder, [feedback()] * 6)
    (folder / "sugav.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    (folder / "binaar.json").write_bytes(b"\x00\xff\xfe")
    out = tmp_path / "a.json"
    code, err = run(folder, out, "--format", "json")
    assert code == 1
    data = json.loads(out.read_text("utf-8"))
    assert data["files"]["used"] == 6 and data["files"]["read"] == 8
    assert "sugav.json" in err and "binaar.json" in err


def test_case_folders_add_referrals_problem_areas_and_outcomes(
    counted: Path, tmp_path: Path
) -> None:
    cases = Path(__file__).resolve().parents[2] / "examples" / "cases"
    out = tmp_path / "a.json"
    run(counted, out, "--format", "json", "--cases", str(cases))
    data = json.loads(out.read_text("utf-8"))
    keys = [t["key"] for t in data["tables"] if t["period"] is None]
    assert keys == ["referrals", "problem-areas", "goal-outcomes"]
    assert data["cases"]["read"] > 20
    for table in data["tables"]:
        for row in table["rows"]:
            for value in row["counts"].values():
                assert value in ("< 5", "x") or value >= 5


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, err = run(tmp_path / "puudub", tmp_path / "a.pdf", "--lang", "en")
    assert code == 2
    assert "is not a folder" in err
    assert not (tmp_path / "a.pdf").exists()


def test_the_benchmark_s_generated_forms_are_real_forms() -> None:
    import importlib.util

    from asendusdoc.read.loading import validate_form

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "needs_report.py"
    spec = importlib.util.spec_from_file_location("needs_report_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    forms = module.feedback_forms(100)
    codes = [[p.code for p in validate_form(form)] for form in forms]
    assert codes[13] == ["missing"] and codes[63] == ["missing"]
    assert all(c == [] for i, c in enumerate(codes) if i % 50 != 13)
    assert {form["statistics_consent"] for form in forms} == {True, False}
