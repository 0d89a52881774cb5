"""The pytest plugin: the asendusdoc_example fixture, and a light import."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from asendusdoc.forms import FORM_MODELS
from asendusdoc.read.loading import validate_form


@pytest.mark.parametrize("form_id", list(FORM_MODELS))
def test_the_fixture_gives_the_valid_example_of_each_form(
    asendusdoc_example: Callable[[str], dict[str, Any]], form_id: str
) -> None:
    data = asendusdoc_example(form_id)
    assert data["form"] == form_id
    assert validate_form(data) == []


def test_the_fixture_gives_a_fresh_copy_each_time(
    asendusdoc_example: Callable[[str], dict[str, Any]],
) -> None:
    first = asendusdoc_example("closure")
    first["family"]["children"].clear()
    assert asendusdoc_example("closure")["family"]["children"]


def test_the_plugin_imports_neither_hypothesis_nor_heavy_modules() -> None:
    code = (
        "import sys, asendusdoc.testing.plugin\n"
        "heavy = ('hypothesis', 'syrupy', 'pydantic', 'docx', 'docxtpl', 'reportlab', 'pypdf',"
        " 'asendusdoc.forms', 'asendusdoc.render')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_plugin_is_registered_as_a_pytest11_entry_point() -> None:
    from importlib.metadata import entry_points

    plugins = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert plugins.get("asendusdoc") == "asendusdoc.testing.plugin"
