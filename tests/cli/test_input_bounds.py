"""Input that would cost without bound is refused before any parser or model sees it: deep
nesting, huge numbers, lone surrogates, endless files. Each is an input error (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.errors import InputError
from asendusdoc.read.budget import MAX_INPUT_BYTES, MAX_JSON_DEPTH, MAX_NUMBER_CHARS
from asendusdoc.read.loading import validate_form
from asendusdoc.read.parse import parse_form_json

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _closure_with(extra: str) -> str:
    """The closure example with ``"notes": <extra>`` spliced in as raw JSON text."""
    text = (EXAMPLES / "closure.json").read_text(encoding="utf-8")
    return text.replace("{", '{"notes": ' + extra + ",", 1)


def _code(raw: str | bytes) -> str:
    with pytest.raises(InputError) as caught:
        parse_form_json(raw)
    return caught.value.code


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 90_000])  # below the values limit
def test_nesting_deeper_than_the_limit_is_an_input_error(depth: int) -> None:
    # the form itself is one level, so depth - 1 more
    assert _code(_closure_with("[" * (depth - 1) + "]" * (depth - 1))) == "json_too_deep"


def test_nesting_at_the_limit_reaches_the_model() -> None:
    inner = MAX_JSON_DEPTH - 1
    data = parse_form_json(_closure_with("[" * inner + "]" * inner))
    assert [p.code for p in validate_form(data)] == ["extra_forbidden"]


def test_unclosed_deep_nesting_is_refused_without_recursion() -> None:
    assert _code('{"form": "closure", "x": ' + "[" * 90_000) == "json_too_deep"


def test_brackets_inside_texts_do_not_count() -> None:
    deep_text = json.dumps("[{" * 1000 + '"\\')
    data = parse_form_json(_closure_with(deep_text))
    assert data["notes"].startswith("[{[{")


def test_a_deep_mapping_from_python_is_refused() -> None:
    data: dict[str, object] = json.loads(_closure_with("null"))
    nested: list[object] = []
    data["notes"] = nested
    for _ in range(100_000):
        nested.append([])
        nested = nested[0]  # type: ignore[assignment]
    with pytest.raises(InputError) as caught:
        validate_form(data)
    assert caught.value.code == "json_too_deep"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("9" * 5000, "json_number_too_long"),
        ("1" + "0" * MAX_NUMBER_CHARS, "json_number_too_long"),
        ("0." + "5" * MAX_NUMBER_CHARS, "json_number_too_long"),
        ("1e999", "json_number_invalid"),
        ("NaN", "json_number_invalid"),
        ("-Infinity", "json_number_invalid"),
    ],
    ids=["5000-digits", "41-digits", "long-fraction", "overflow", "nan", "infinity"],
)
def test_numbers_out_of_bounds_are_input_errors(number: str, code: str) -> None:
    assert _code(_closure_with(number)) == code


def test_a_number_at_the_limit_reaches_the_model() -> None:
    data = parse_form_json(_closure_with("1" * MAX_NUMBER_CHARS))
    assert [p.code for p in validate_form(data)] == ["extra_forbidden"]


@pytest.mark.parametrize(
    "raw",
    ['{"form": "\\ud800"}', '{"form": "closure", "notes": "a\\udc00b"}', '{"\\ud800": 1}'],
    ids=["form-id", "low-surrogate", "key"],
)
def test_lone_surrogate_escape_is_an_input_error(raw: str) -> None:
    assert _code(raw) == "input_lone_surrogate"


def test_lone_surrogate_in_python_text_is_an_input_error() -> None:
    assert _code('{"form": "closure\ud800"}') == "input_lone_surrogate"
    with pytest.raises(InputError):
        validate_form({"form": "closure", "notes": "\udfff"})


def test_a_surrogate_pair_is_one_character_and_welcome() -> None:
    data = parse_form_json(_closure_with('"\\ud83d\\ude00"'))
    assert data["notes"] == "\U0001f600"


def test_validate_json_reports_a_lone_surrogate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"form": "\\ud800"}', encoding="ascii")
    good = EXAMPLES / "closure.json"
    assert main(["validate", "--lang", "en", "--json", str(bad), str(good)]) == 2
    results = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["code"]) for r in results] == [(str(bad), "input_lone_surrogate")]


def test_dev_zero_is_read_only_up_to_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "en", "/dev/zero"]) == 2
    assert f"larger than the limit of {MAX_INPUT_BYTES} bytes" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_that_never_ends_is_read_only_up_to_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "form.json"
    os.mkfifo(fifo)
    written = []

    def endless_writer() -> None:
        chunk = b" " * 65536
        try:
            with fifo.open("wb") as stream:
                while True:
                    stream.write(chunk)
                    written.append(len(chunk))
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=endless_writer, daemon=True)
    writer.start()
    assert main(["validate", "--lang", "en", str(fifo)]) == 2
    writer.join(timeout=10)
    assert not writer.is_alive()
    assert f"larger than the limit of {MAX_INPUT_BYTES} bytes" in capsys.readouterr().err
    assert sum(written) < 2 * MAX_INPUT_BYTES


def test_endless_stdin_is_read_only_up_to_the_limit() -> None:
    endless = subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "asendusdoc", "validate", "--lang", "en", "-"],
            stdin=endless.stdout,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        endless.kill()
        endless.wait()
    assert result.returncode == 2
    assert f"larger than the limit of {MAX_INPUT_BYTES} bytes" in result.stderr
