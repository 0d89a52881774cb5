"""Input that is not a form: each gets exit code 2 and a message saying what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.read.budget import MAX_INPUT_BYTES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["validate", "--lang", "en", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def _file(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "form.json"
    path.write_bytes(content)
    return str(path)


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, str(tmp_path / "nope.json"))
    assert code == 2 and "file not found" in err


def test_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, _file(tmp_path, b""))
    assert code == 2 and "empty" in err


def test_binary_junk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, _file(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe"))
    assert code == 2 and "not UTF-8 text" in err


def test_truncated_json_gives_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(capsys, _file(tmp_path, b'{\n  "form": "closure",\n  "case_reference": "A'))
    assert code == 2 and "not valid JSON" in err and "line 3, column" in err


def test_truncated_json_in_estonian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "et", _file(tmp_path, b'{"form": ')]) == 2
    assert "vigane JSON: oodatakse väärtust (rida 1, veerg 10)" in capsys.readouterr().err


def test_json_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, _file(tmp_path, b"[]"))
    assert code == 2 and "array" in err


def test_unknown_form_id_lists_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(capsys, _file(tmp_path, b'{"form": "passport"}'))
    assert code == 2 and "unknown form id" in err and "passport" not in err
    assert "closure" in err and "family-support-referral" in err


def test_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = b"\xef\xbb\xbf" + (EXAMPLES / "closure.json").read_bytes()
    code, err = _run(capsys, _file(tmp_path, content))
    assert code == 0 and err == ""


def test_too_large_file_states_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(capsys, _file(tmp_path, b" " * (MAX_INPUT_BYTES + 1)))
    assert code == 2 and f"the limit of {MAX_INPUT_BYTES} bytes" in err


@pytest.mark.parametrize("lang", ["et", "ru", "en"])
def test_unknown_lang(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    assert main(["validate", "--lang", "xx", str(EXAMPLES / "closure.json")]) == 2
    err = capsys.readouterr().err
    assert (
        ("'xx'" in err or "„xx“" in err or "«xx»" in err)
        and "et" in err
        and "ru" in err
        and "Traceback" not in err
    )
