"""Every command that reads a filled blank names its problems by the blank's places.

"4. Teenuse eesmärgid, rida 2, Eesmärk", as the caseworker sees the blank, in the language of
the messages; never a JSON path ("goals.1.description", "goals[1]"). The exit code is the one
of any invalid form.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asendusdoc.blank import make_blank
from asendusdoc.cli import main
from asendusdoc.examples import example_data

JSON_PATH = re.compile(r"\w+\.\d+\.\w+|\w+\[\d+\]|\b[a-z]+_[a-z]+\b")

PLAN = {
    "et": "3. Eesmärgid ja tegevused, rida 2, Eesmärk: kohustuslik väli puudub",
    "ru": "3. Цели и действия, строка 2, Цель: обязательное поле не заполнено",
}
REFERRAL = {
    "et": "4. Teenuse eesmärgid, rida 2, Eesmärk: kohustuslik väli puudub",
    "ru": "4. Цели услуги, строка 2, Цель: обязательное поле не заполнено",
}
DIARY = {
    "et": "2. Sissekanded, rida 2, Mida tehti: kohustuslik väli puudub",
    "ru": "2. Записи, строка 2, Что было сделано: обязательное поле не заполнено",
}


def blank_without(form_id: str, table: str, lang: str, folder: Path) -> Path:
    """A filled blank of the example whose second row of ``table`` has no description."""
    data = example_data(form_id)
    del data[table][1]["description"]
    path = folder / f"{form_id}.docx"
    path.write_bytes(make_blank(form_id, lang, data))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_named_by_place(output: str, expected: str) -> None:
    assert expected in output, output
    assert not JSON_PATH.search(output), output


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_render_names_the_place_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, fmt: str
) -> None:
    path = blank_without("support-plan", "goals", lang, tmp_path)
    output = tmp_path / f"plan.{fmt}"
    code, shown = run(capsys, "render", str(path), "-o", str(output), "--lang", lang)
    assert code == 1
    assert_named_by_place(shown, PLAN[lang])
    assert not output.exists()


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_render_of_several_files_names_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    path = blank_without("support-plan", "goals", lang, tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, shown = run(capsys, "render", str(path), "--out-dir", str(out_dir), "--lang", lang)
    assert code == 1
    assert_named_by_place(shown, PLAN[lang])
    assert not any(out_dir.iterdir())


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_check_names_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    blank_without("support-plan", "goals", lang, tmp_path)
    code, shown = run(capsys, "check", str(tmp_path), "--lang", lang, "--today", "2026-12-01")
    assert code == 1
    assert "[form_invalid] support-plan.docx" in shown
    line = next(line for line in shown.splitlines() if "[form_invalid]" in line)
    assert_named_by_place(line.partition("]")[2], PLAN[lang])


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_check_json_names_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    import json

    blank_without("support-plan", "goals", lang, tmp_path)
    code, shown = run(capsys, "check", str(tmp_path), "--json", "--lang", lang)
    assert code == 1
    findings = json.loads(shown)["findings"]
    (invalid,) = [f for f in findings if f["code"] == "form_invalid"]
    assert_named_by_place(invalid["message"], PLAN[lang])


WRITING = {
    "redact": ("family-support-referral", "goals", ["--for", "provider"], REFERRAL),
    "draft-report": ("client-diary", "entries", ["--month", "2026-09"], DIARY),
}
"""Commands that write a file from one form: its blank, the changed table, options, places."""


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("command", sorted(WRITING))
def test_redact_and_draft_report_name_the_place_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, lang: str
) -> None:
    form_id, table, options, expected = WRITING[command]
    path = blank_without(form_id, table, lang, tmp_path)
    output = tmp_path / "out.json"
    code, shown = run(capsys, command, str(path), *options, "-o", str(output), "--lang", lang)
    assert code == 1
    assert_named_by_place(shown, expected[lang])
    assert not output.exists()


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_suggest_names_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    path = blank_without("family-support-referral", "goals", lang, tmp_path)
    code, shown = run(capsys, "suggest", str(path), "--lang", lang)
    assert code == 1
    assert_named_by_place(shown, REFERRAL[lang])


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_validate_json_gives_the_place_as_field_and_keeps_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """``--json`` is for programs: the path stays there, beside the place a person reads."""
    import json

    path = blank_without("support-plan", "goals", lang, tmp_path)
    code, shown = run(capsys, "validate", str(path), "--json", "--lang", lang)
    assert code == 1
    (problem,) = json.loads(shown)
    assert problem["path"] == "goals[1].description"
    assert problem["field"] == PLAN[lang].partition(":")[0]


def test_a_json_form_is_still_named_by_the_fields_titles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    data = example_data("support-plan")
    del data["goals"][1]["description"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), "utf-8")
    code, shown = run(capsys, "render", str(path), "-o", str(tmp_path / "p.pdf"), "--lang", "et")
    assert code == 1
    assert "rida 2" not in shown
    assert "2. eesmärk" in shown.lower()
