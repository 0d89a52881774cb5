"""``asendusdoc validate``: every problem explained in et, ru and en; JSON; exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from asendusdoc.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PYDANTIC_ENGLISH = ("Field required", "Input should", "valid date", "Extra inputs", "Value error")
REMOVED = ("case_reference", "service", "municipality")


@pytest.fixture
def broken_closure(tmp_path: Path) -> Path:
    """The closure example without its required fields, an impossible date and an extra one."""
    data = json.loads((EXAMPLES / "closure.json").read_text(encoding="utf-8"))
    for name in REMOVED:
        del data[name]
    data["document_date"] = "2026-02-30"
    data["unknown_field"] = "x"
    path = tmp_path / "closure.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "titles", "missing_text"),
    [
        ("et", ("Juhtumi number", "Koostamise kuupäev", "Teenus"), "kohustuslik väli puudub"),
        ("ru", ("Номер случая", "Дата составления", "Услуга"), "обязательное поле не заполнено"),
        ("en", ("Case reference", "Document date", "Service"), "required field is missing"),
    ],
)
def test_every_problem_is_explained_in_the_language(
    broken_closure: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    titles: tuple[str, ...],
    missing_text: str,
) -> None:
    assert main(["validate", str(broken_closure), "--lang", lang]) == 1
    out = capsys.readouterr().out
    lines = [line.strip() for line in out.splitlines()[1:]]
    assert len(lines) == 5
    for title in titles:
        assert any(line.startswith(f"{title}: ") for line in lines), (title, out)
    assert out.count(missing_text) == 3
    for phrase in PYDANTIC_ENGLISH if lang != "en" else PYDANTIC_ENGLISH[:2] + PYDANTIC_ENGLISH[3:]:
        assert phrase not in out
    if lang != "en":
        assert "required" not in out and "valid" not in out


def test_json_lists_every_problem_with_its_path(
    broken_closure: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--json", "--lang", "ru", str(broken_closure)]) == 1
    entries = json.loads(capsys.readouterr().out)
    # an unknown key is named by its position, never by its text (issue 23)
    assert {e["path"] for e in entries} == {*REMOVED, "document_date", "(unknown field 1)"}
    for entry in entries:
        assert {"file", "path", "code", "message"} <= entry.keys()
        assert not any(phrase in entry["message"] for phrase in PYDANTIC_ENGLISH)


def test_several_files_give_a_summary_and_the_worst_exit_code(
    broken_closure: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(EXAMPLES / "closure.json"), str(broken_closure)]
    assert main(["validate", "--lang", "et", *files]) == 1
    assert "2 faili: korras 1, vigaseid 1, loetamatuid 0" in capsys.readouterr().out


def test_valid_form_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "en", str(EXAMPLES / "closure.json")]) == 0
    assert "valid" in capsys.readouterr().out


def test_lang_before_the_command_is_kept(
    broken_closure: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "ru", "validate", str(broken_closure)]) == 1
    assert "обязательное поле не заполнено" in capsys.readouterr().out


def test_missing_argument_is_reported_in_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "ru"]) == 2
    err = capsys.readouterr().err
    assert "не указаны обязательные аргументы: ФАЙЛ" in err
    assert "использование:" in err
    assert "the following arguments are required" not in err


def test_real_process_in_russian(broken_closure: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "asendusdoc.cli", "validate", "--lang", "ru", str(broken_closure)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert run.returncode == 1
    assert "Дата составления: не является правильной датой" in run.stdout
    assert "Traceback" not in run.stderr
