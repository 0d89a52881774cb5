"""Small helpers shared by the form tests: the example files and problem codes."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from asendusdoc.forms import FORM_MODELS
from asendusdoc.read.loading import validate_form

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INVALID = EXAMPLES / "invalid"

FORM_IDS = tuple(FORM_MODELS)


@cache
def _example_text(form_id: str) -> str:
    return (EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8")


def example(form_id: str) -> dict[str, Any]:
    """A fresh copy of the example of ``form_id``, free to change."""
    return copy.deepcopy(json.loads(_example_text(form_id)))


def codes(data: dict[str, Any]) -> list[str]:
    """The problem codes of ``data``, in order."""
    return [problem.code for problem in validate_form(data)]


def with_changes(form_id: str, **changes: Any) -> dict[str, Any]:
    """The example with top-level fields replaced; a value of ``None`` removes the field."""
    data = example(form_id)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
