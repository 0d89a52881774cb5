"""The CLI contract other systems and scripts rely on: commands, outputs, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from asendusdoc import __version__
from asendusdoc.cli import main
from asendusdoc.forms import FORM_MODELS

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_as_a_process() -> None:
    """The line is in the caseworker's language; the version is its last word (for scripts)."""
    result = subprocess.run(
        [sys.executable, "-m", "asendusdoc", "--lang", "en", "--version"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"asendusdoc, version {__version__}"
    assert result.stdout.split()[-1] == __version__


def test_forms_json_lists_every_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "forms", "--json")
    assert code == 0
    assert [item["id"] for item in json.loads(out)] == list(FORM_MODELS)


def test_forms_lists_titles_in_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "forms", "--lang", "ru")
    assert code == 0
    assert "Дневник клиента" in out and "client-diary" in out


@pytest.mark.parametrize("form_id", list(FORM_MODELS))
def test_example_prints_the_bundled_example(
    capsys: pytest.CaptureFixture[str], form_id: str
) -> None:
    code, out, _ = run(capsys, "example", form_id)
    assert code == 0
    assert json.loads(out) == json.loads((ROOT / "examples" / f"{form_id}.json").read_text("utf-8"))


@pytest.mark.parametrize("form_id", list(FORM_MODELS))
def test_schema_equals_the_committed_file(capsys: pytest.CaptureFixture[str], form_id: str) -> None:
    code, out, _ = run(capsys, "schema", form_id)
    assert code == 0
    assert out == (ROOT / "schemas" / f"{form_id}.schema.json").read_text("utf-8")


@pytest.mark.parametrize("command", ["example", "schema"])
def test_unknown_form_id_is_a_usage_error(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, _, err = run(capsys, command, "no-such-form", "--lang", "en")
    assert code == 2
    assert "closure" in err  # the known ids are listed


def test_validate_valid_invalid_and_unreadable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    valid = ROOT / "examples" / "closure.json"
    assert run(capsys, "validate", str(valid))[0] == 0
    broken = json.loads(valid.read_text("utf-8"))
    del broken["further_needs"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken), "utf-8")
    code, out, _ = run(capsys, "validate", str(bad), "--lang", "en")
    assert code == 1
    assert "The family's further needs: required field is missing" in out
    assert run(capsys, "validate", str(tmp_path / "missing.json"))[0] == 2


def test_validate_from_stdin() -> None:
    data = (ROOT / "examples" / "closure.json").read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "asendusdoc", "validate", "-"], input=data, capture_output=True
    )
    assert result.returncode == 0, result.stderr


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys)[0] == 2
