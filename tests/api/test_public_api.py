"""The public surface: one sorted __all__, lazy imports, schemas that match the models."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import asendusdoc
from asendusdoc.forms import FORM_MODELS
from asendusdoc.schemas import json_schema, json_schema_text
from asendusdoc.titles import TITLES_KEYWORD

ROOT = Path(__file__).resolve().parents[2]
FORM_IDS = list(FORM_MODELS)


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert asendusdoc.__all__ == sorted(asendusdoc.__all__)
    for name in asendusdoc.__all__:
        assert getattr(asendusdoc, name) is not None


def test_importing_the_package_loads_no_heavy_module() -> None:
    code = (
        "import sys, asendusdoc; "
        "heavy = [m for m in ('pydantic', 'reportlab', 'docxtpl', 'gnupg', 'babel') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_form_ids_are_the_contract() -> None:
    assert FORM_IDS == [
        "family-support-referral",
        "support-person-referral",
        "family-conference-referral",
        "cooperation-agreement",
        "support-plan",
        "action-plan",
        "client-diary",
        "progress-report",
        "closure",
        "family-needs-feedback",
    ]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_committed_schema_is_up_to_date(form_id: str) -> None:
    committed = (ROOT / "schemas" / f"{form_id}.schema.json").read_text("utf-8")
    assert committed == json_schema_text(form_id), (
        f"schemas/{form_id}.schema.json is out of date: run `python -m asendusdoc.schemas schemas`"
    )


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_schema_is_valid_draft_2020_12_and_accepts_the_example(form_id: str) -> None:
    schema = json_schema(form_id)
    jsonschema.Draft202012Validator.check_schema(schema)
    example = json.loads((ROOT / "examples" / f"{form_id}.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(example)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_field_has_titles_in_three_languages(form_id: str) -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if name == "form":
                    continue
                titles = prop.get(TITLES_KEYWORD, {})
                assert prop.get("title"), f"{where}.{name} lacks an Estonian title"
                assert titles.get("et") == prop["title"], f"{where}.{name}: two Estonian titles"
                assert titles.get("ru"), f"{where}.{name} lacks a Russian title"
                assert titles.get("en"), f"{where}.{name} lacks an English title"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(json_schema(form_id), form_id)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_enumeration_value_has_titles(form_id: str) -> None:
    defs = json_schema(form_id).get("$defs", {})
    for name, definition in defs.items():
        titles = definition.get(TITLES_KEYWORD)
        if "enum" in definition and definition.get("type") == "string" and titles is not None:
            for lang in ("et", "ru", "en"):
                assert set(titles[lang]) == set(definition["enum"]), (name, lang)


def _names_in_the_guides() -> list[str]:
    """Every ``asendusdoc.…`` name README.md and the integrator guide give a reader: dotted
    names in the text and the names of their ``from asendusdoc… import …`` lines."""
    names: set[str] = set()
    for doc in (ROOT / "README.md", ROOT / "docs" / "integrator-guide.md"):
        text = doc.read_text("utf-8")
        for found in re.finditer(r"from (asendusdoc[\w.]*) import ([\w, ]+)", text):
            names.update(
                f"{found[1]}.{name.strip()}" for name in found[2].split(",") if name.strip()
            )
        names.update(re.findall(r"(?<![/\w.])asendusdoc(?:\.[A-Za-z_]\w*)+", text))
    return sorted(names)


def _resolve(name: str) -> object:
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:end]))
        except ModuleNotFoundError:
            continue
        for part in parts[end:]:
            found = getattr(found, part)
        return found
    raise ModuleNotFoundError(name)


def test_the_guides_name_public_names() -> None:
    names = _names_in_the_guides()
    assert len(names) > 40
    assert "asendusdoc.cli.output.write_output" in names


@pytest.mark.parametrize("name", _names_in_the_guides())
def test_every_name_the_readme_and_the_integrator_guide_give_imports(name: str) -> None:
    assert _resolve(name) is not None
