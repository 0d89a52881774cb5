"""A key given twice in one JSON object is refused, named by its label and position, never
decided silently by the last one (issue 23): ``form`` twice, a child's ``personal_code`` twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.errors import InputError
from asendusdoc.examples import example_data
from asendusdoc.read.parse import parse_form_json
from tests.attacks.limits import LIBRARY_INPUT_ERROR, cli, library


def _twice(data: dict[str, object], path: tuple[str | int, ...], key: str, value: str) -> str:
    """``data`` as JSON text with ``key`` written a second time in the object at ``path``."""
    text = json.dumps(data)
    marker = "__TWICE__"
    target: object = data
    for part in path:
        target = target[part]  # type: ignore[index]
    target[marker] = 0  # type: ignore[index]
    text = json.dumps(data)
    return text.replace(f'"{marker}": 0', f"{json.dumps(key)}: {json.dumps(value)}")


CASES = {
    "form-twice": ((), "form", "closure", "form"),
    "personal-code-twice": (
        ("family", "children", 0),
        "personal_code",
        "50001010006",
        "Family, child 1, personal code",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_key_given_twice_is_refused_by_its_label(tmp_path: Path, case: str) -> None:
    path, key, value, label = CASES[case]
    text = _twice(example_data("family-support-referral"), path, key, value)
    with pytest.raises(InputError) as caught:
        parse_form_json(text)
    assert caught.value.code == "json_duplicate_key"
    form = tmp_path / "suunamine.json"
    form.write_text(text)
    run = cli("validate", form)
    assert run.returncode == 2, run.stderr
    assert label in run.stderr and "twice" in run.stderr
    assert value not in run.stderr
    run = library(LIBRARY_INPUT_ERROR, form)
    assert run.returncode == 2 and "json_duplicate_key" in run.stdout
