"""Nothing typed into a form comes back out in a message, a param, a repr or a finding.

A marker string is planted into every string field of every invalid example (and of the example
cases), one field at a time, in place of the value and after it; the marker must appear in no
problem, error, message (et, ru, en), ``repr`` or ``--json`` output. What was typed may be a
personal code or a name (issue 13: a name typed into ``family.municipality`` came back in every
language).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from asendusdoc.case import check_case_files
from asendusdoc.cli import main
from asendusdoc.errors import FormValidationError, InputError
from asendusdoc.problems.messages import describe_problem, error_message, problem_message
from asendusdoc.read.loading import validate_form

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INVALID = sorted((EXAMPLES / "invalid").glob("*.json"))
CASES = sorted(p for p in (EXAMPLES / "cases").iterdir() if p.is_dir())
MARKER = "QzxMark7"
"""Fits a goal key, a short text and a name, so it reaches the rules, not only the types."""
LANGS = ("et", "ru", "en")

FieldPath = tuple[str | int, ...]


def _string_paths(data: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    if isinstance(data, str):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _string_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _string_paths(value, (*path, index))


def _planted(data: Any, path: FieldPath, value: str) -> Any:
    copied = copy.deepcopy(data)
    target = copied
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copied


def _variants(data: Any) -> Iterator[Any]:
    for path in _string_paths(data):
        original: str = data
        for part in path:
            original = original[part]  # type: ignore[index]
        yield _planted(data, path, MARKER)
        yield _planted(data, path, original + MARKER)
        yield _planted(data, path, MARKER + " " + original)


def _assert_clean(*texts: object) -> None:
    for text in texts:
        assert MARKER.casefold() not in str(text).casefold(), text


def _outputs_of(data: Any) -> None:
    try:
        problems = validate_form(data)
    except InputError as exc:
        _assert_clean(exc, repr(exc), exc.params, *(error_message(exc, lang) for lang in LANGS))
        return
    if not problems:
        return
    error = FormValidationError(problems, form_id=data.get("form"))
    _assert_clean(error, repr(error), *(error_message(error, lang) for lang in LANGS))
    for problem in problems:
        _assert_clean(problem.message, problem.template, problem.params, repr(problem))
        for lang in LANGS:
            _assert_clean(
                problem_message(problem, lang), describe_problem(problem, data.get("form"), lang)
            )


@pytest.mark.parametrize("example", INVALID, ids=lambda p: p.stem)
def test_no_invalid_example_echoes_a_planted_value(example: Path) -> None:
    data = json.loads(example.read_text(encoding="utf-8"))
    variants = list(_variants(data))
    assert variants, "an example without text fields tests nothing"
    for variant in variants:
        _outputs_of(variant)


def test_validate_json_echoes_no_planted_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = []
    for example in INVALID:
        data = json.loads(example.read_text(encoding="utf-8"))
        for number, variant in enumerate(_variants(data)):
            if number % 3 == 1:  # value + marker: one file per field keeps the test quick
                path = tmp_path / f"{example.stem}-{number}.json"
                path.write_text(json.dumps(variant, ensure_ascii=False), encoding="utf-8")
                files.append(str(path))
    # the messages of every language are checked above; here the JSON document as a whole
    code = main(["validate", "--lang", "ru", "--json", *files])
    captured = capsys.readouterr()
    assert code in (1, 2)
    assert len(json.loads(captured.out)) >= len(files)
    _assert_clean(captured.out, captured.err)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_findings_echo_no_planted_value(case: Path) -> None:
    raw = {p.name: p.read_bytes() for p in sorted(case.glob("*.json"))}
    today = dt.date(2026, 12, 2)
    for name, content in raw.items():
        try:
            data = json.loads(content)
        except json.JSONDecodeError:
            continue
        for number, variant in enumerate(_variants(data)):
            if number % 3 != 1:  # value + marker keeps the forms valid where it can
                continue
            files = {**raw, name: json.dumps(variant, ensure_ascii=False).encode()}
            report = check_case_files(files, today=today)
            for finding in report.findings:
                _assert_clean(repr(finding), *(finding.message(lang) for lang in LANGS))
