"""``asendusdoc agenda``: a caseworker's whole caseload, every case's deadlines in one list."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from asendusdoc.case import check_case_files
from asendusdoc.cli import main
from tests.case.helpers import CASES

TODAY = "2026-11-22"


def _agenda_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[Any]]:
    code = main(["agenda", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def _check_dated(case: Path, today: str) -> list[tuple[str, str]]:
    files = {p.name: p.read_bytes() for p in sorted(case.glob("*.json"))}
    report = check_case_files(files, today=dt.date.fromisoformat(today))
    return sorted((f.due.isoformat(), f.code) for f in report.findings if f.due is not None)


@pytest.mark.parametrize("today", ["2026-06-01", TODAY, "2027-03-01"])
def test_the_agenda_lists_what_check_lists_for_each_case(
    today: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, items = _agenda_json(capsys, str(CASES), "--today", today)
    assert code == 1  # narva-broken holds an unreadable and an invalid file
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)  # one order: by date
    for case in sorted(CASES.iterdir()):
        listed = sorted((i["due"], i["code"]) for i in items if i["case_dir"] == str(case))
        assert listed == _check_dated(case, today), case.name
    assert {i["case_dir"] for i in items} <= {str(p) for p in CASES.iterdir()}


def test_json_items_carry_what_a_program_needs(capsys: pytest.CaptureFixture[str]) -> None:
    _, items = _agenda_json(capsys, str(CASES), "--today", TODAY, "--lang", "en")
    viimsi = [i for i in items if i["case_reference"] == "VII-2026-118"]
    assert {i["code"] for i in viimsi} == {"closure_overdue", "report_overdue", "report_due_soon"}
    closure = next(i for i in viimsi if i["code"] == "closure_overdue")
    assert closure["case_dir"] == str(CASES / "viimsi-broken")
    assert closure["severity"] == "error"
    assert closure["due"] == "2026-11-17"
    assert closure["overdue_days"] == 5
    assert closure["municipality"] == "Viimsi vald"
    assert "client-work summary was due on 17.11.2026" in closure["message"]


def test_text_lines_name_case_municipality_what_and_since_when(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["agenda", str(CASES), "--today", TODAY, "--lang", "et"])
    out = capsys.readouterr().out.splitlines()
    line = next(x for x in out if "VII-2026-118" in x and "kokkuvõte" in x)
    assert line.startswith("17.11.2026  viga  VII-2026-118  Viimsi vald  ")
    assert "tähtaeg oli 17.11.2026, 5 päeva tagasi" in line
    soon = next(x for x in out if "VII-2026-118" in x and "teade" in x)
    assert "tähtaeg 01.12.2026, 9 päeva pärast" in soon
    assert out[-1] == "Tähtaegu: 7; juhtumikaustu: 8; vigase failiga: 1."


def test_russian_lines_use_russian_plurals(capsys: pytest.CaptureFixture[str]) -> None:
    main(["agenda", str(CASES), "--today", TODAY, "--lang", "ru"])
    out = capsys.readouterr().out
    assert "срок истёк 17.11.2026, 5 дней назад" in out
    assert "срок истёк 01.11.2026, 21 день назад" in out
    assert "срок 01.12.2026, через 9 дней" in out


def _people(case_root: Path) -> tuple[set[str], set[str]]:
    """Every personal code and every given or family name in the forms under ``case_root``."""
    codes: set[str] = set()
    names: set[str] = set()
    for path in case_root.rglob("*.json"):
        text = path.read_text("utf-8", errors="replace")
        codes.update(re.findall(r'"personal_code": "(\d{11})"', text))
        names.update(re.findall(r'"(?:given_name|family_name)": "([^"]+)"', text))
    return codes, names


@pytest.mark.parametrize("lang", ["et", "ru", "en"])
def test_no_personal_code_and_no_name_appears(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "agenda.ics"
    main(["agenda", str(CASES), "--today", "2027-03-01", "--lang", lang, "--ics", str(ics)])
    text = capsys.readouterr()
    _, items = _agenda_json(capsys, str(CASES), "--today", "2027-03-01", "--lang", lang)
    written = text.out + text.err + json.dumps(items, ensure_ascii=False) + ics.read_text()
    codes, names = _people(CASES)
    assert codes and names
    assert not [c for c in codes if c in written]
    assert not [n for n in names if re.search(rf"\b{re.escape(n)}\b", written)]


def test_the_ics_parses_with_one_event_per_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "agenda.ics"
    assert main(["agenda", str(CASES), "--today", TODAY, "--ics", str(ics)]) == 1
    capsys.readouterr()
    calendar = Calendar.from_ical(ics.read_bytes())
    events = list(calendar.walk("VEVENT"))
    _, items = _agenda_json(capsys, str(CASES), "--today", TODAY)
    assert len(events) == len(items) == 7
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert sorted(e.decoded("DTSTART").isoformat() for e in events) == [i["due"] for i in items]
    assert all(str(e["SUMMARY"]).split(":")[0] in {i["case_reference"] for i in items}
               for e in events)  # fmt: skip
    assert main(["agenda", str(CASES), "--today", TODAY, "--ics", str(ics)]) == 2  # no --force


def test_days_looks_further_or_nearer(capsys: pytest.CaptureFixture[str]) -> None:
    tartu = str(CASES / "tartu-ok")
    assert _agenda_json(capsys, tartu, "--today", TODAY) == (0, [])
    code, items = _agenda_json(capsys, tartu, "--today", TODAY, "--days", "40")
    assert code == 0
    assert [(i["code"], i["due"]) for i in items] == [("report_due_soon", "2027-01-01")]
    assert _agenda_json(capsys, tartu, "--today", TODAY, "--days", "39") == (0, [])
    viimsi = str(CASES / "viimsi-ok")
    _, items = _agenda_json(capsys, viimsi, "--today", TODAY, "--days", "9")
    assert [i["due"] for i in items] == ["2026-12-01"]
    assert _agenda_json(capsys, viimsi, "--today", TODAY, "--days", "8") == (0, [])


def test_case_folders_are_found_at_any_depth_and_hidden_ones_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(CASES / "viimsi-ok", tmp_path / "2026" / "viimsi" / "kask")
    shutil.copytree(CASES / "tartu-broken", tmp_path / "tartu-broken")
    shutil.copytree(CASES / "keila-adaptation-broken", tmp_path / ".arhiiv" / "keila")
    code, items = _agenda_json(capsys, str(tmp_path), str(tmp_path / "2026"), "--today", TODAY)
    assert code == 0
    assert {Path(i["case_dir"]).name for i in items} == {"kask", "tartu-broken"}
    assert len([i for i in items if Path(i["case_dir"]).name == "kask"]) == 1  # not twice


def test_a_bad_case_folder_is_named_and_the_rest_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(CASES / "viimsi-broken", tmp_path / "a-viimsi")
    bad = tmp_path / "b-bad"
    bad.mkdir()
    (bad / "01.json").write_text("{not json", "utf-8")
    code = main(["agenda", str(tmp_path), "--today", TODAY, "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{bad}: 1 file is no form or an invalid one; see: asendusdoc check {bad}" in err
    assert "VII-2026-118" in out
    assert "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_named_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(CASES / "viimsi-broken", tmp_path / "a-viimsi")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        code = main(["agenda", str(tmp_path), "--today", TODAY, "--lang", "et"])
    finally:
        locked.chmod(0o700)
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{locked}: kausta ei saa lugeda; see jäeti vahele." in err
    assert "VII-2026-118" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "22.11.2026"], "--today 22.11.2026 ei ole kuupäev"),
        (["--days", "kaks"], "--days peab olema päevade arv vahemikus 0 kuni 3660"),
        (["--days", "-1"], "--days peab olema päevade arv vahemikus 0 kuni 3660"),
    ],
)
def test_usage_errors_exit_2_in_the_language(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agenda", str(CASES), *args, "--lang", "et"]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_folder_or_one_without_cases_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agenda", str(tmp_path / "puudub"), "--lang", "en"]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert main(["agenda", str(tmp_path), "--lang", "en"]) == 2
    assert "No case folder" in capsys.readouterr().err


def test_the_benchmark_caseload_is_the_example_cases_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "agenda.py"
    spec = importlib.util.spec_from_file_location("asendusdoc_benchmarks_agenda", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.make_caseload(tmp_path, 2 * sum(1 for p in CASES.iterdir() if p.is_dir()))
    _, items = _agenda_json(capsys, str(tmp_path), "--today", TODAY)
    _, originals = _agenda_json(capsys, str(CASES), "--today", TODAY)
    assert len({i["case_reference"] for i in items}) == 2 * len(
        {(i["case_reference"], i["case_dir"]) for i in originals}
    )
    assert sorted(i["code"] for i in items) == sorted(2 * [i["code"] for i in originals])


def test_an_agenda_without_deadlines_writes_no_calendar_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "agenda.ics"
    tartu = str(CASES / "tartu-ok")
    code = main(["agenda", tartu, "--today", TODAY, "--days", "39", "--ics", str(ics),
                 "--lang", "en"])  # fmt: skip
    assert code == 0
    assert f"No coming deadlines: {ics} was not written." in capsys.readouterr().err
    assert not ics.exists()  # RFC 5545: a calendar holds at least one component
