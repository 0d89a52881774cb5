"""The example forms validate; each invalid example fails in exactly the way its name says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from asendusdoc.errors import InputError
from asendusdoc.forms import FORM_MODELS
from asendusdoc.read.loading import load_form, validate_form

from .helpers import EXAMPLES, FORM_IDS, INVALID, example

INVALID_FILES = sorted(INVALID.glob("*.json"))


def test_there_is_one_example_per_form_and_no_other() -> None:
    assert set(FORM_IDS) == set(FORM_MODELS)
    assert sorted(p.stem for p in EXAMPLES.glob("*.json")) == sorted(FORM_IDS)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_example_is_valid(form_id: str) -> None:
    path = EXAMPLES / f"{form_id}.json"
    assert validate_form(path) == []
    assert load_form(path).form == form_id  # type: ignore[attr-defined]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_example_round_trips_through_the_model(form_id: str) -> None:
    form = load_form(example(form_id))
    # exclude_none: an explicit null in an optional text crashes today (see test_field_types)
    assert validate_form(form.model_dump(mode="json", exclude_none=True)) == []


@pytest.mark.parametrize("path", INVALID_FILES, ids=[p.stem for p in INVALID_FILES])
def test_invalid_example_has_exactly_the_problem_in_its_name(path: Any) -> None:
    form_id, expected_code = path.stem.split("--")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["form"] == form_id
    assert [p.code for p in validate_form(path)] == [expected_code]


def _rule_codes() -> set[str]:
    """Every stable code the rule methods and field types of the package can produce."""
    import re
    from pathlib import Path

    import asendusdoc
    from asendusdoc.i18n.field_errors import FIELD_ERRORS

    source = Path(asendusdoc.__file__).parent
    found: set[str] = {key.partition(":")[0] for key in FIELD_ERRORS}  # code:variant
    for module in [*(source / "forms").glob("*.py"), source / "reference" / "__init__.py"]:
        text = module.read_text(encoding="utf-8")
        found.update(
            re.findall(r'RuleViolation\(\s*(?:\(.*?\)|\w+),\s*"([a-z_]+)"', text, re.DOTALL)
        )
    found.discard("form_rules")  # the wrapper that carries the violations
    return found


def test_every_rule_code_has_an_invalid_example() -> None:
    covered = {p.stem.split("--")[1] for p in INVALID_FILES}
    cooperation_missing = {
        f"{name}_missing"
        for name in (
            "family",
            "family_activities",
            "worker_activities",
            "young_person",
            "communication_principles",
            "confidentiality",
            "communication_language",
        )
    }
    codes = _rule_codes()
    assert len(codes) >= 35  # the scan still finds the rules
    assert codes | cooperation_missing <= covered


# --- removing a required property ------------------------------------------------------------


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and pick the object branch of ``anyOf`` (``X | None``)."""
    while True:
        if "$ref" in schema:
            schema = defs[schema["$ref"].split("/")[-1]]
        elif "anyOf" in schema:
            branches = [s for s in schema["anyOf"] if s.get("type") != "null"]
            schema = branches[0]
        else:
            return schema


def _required_paths(
    data: Any, schema: dict[str, Any], defs: dict[str, Any], path: tuple[Any, ...]
) -> Iterator[tuple[Any, ...]]:
    schema = _resolve(schema, defs)
    if isinstance(data, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key in data:
                yield (*path, key)
        for key, value in data.items():
            if key in properties:
                yield from _required_paths(value, properties[key], defs, (*path, key))
    elif isinstance(data, list) and "items" in schema:
        for index, value in enumerate(data):
            yield from _required_paths(value, schema["items"], defs, (*path, index))


def _removal_cases() -> Iterator[Any]:
    for form_id in FORM_IDS:
        schema = FORM_MODELS[form_id].model_json_schema()
        data = example(form_id)
        for path in _required_paths(data, schema, schema.get("$defs", {}), ()):
            if path == ("form",):
                continue  # without its id the input is not a form at all: see below
            dotted = ".".join(str(p) for p in path)
            yield pytest.param(form_id, path, id=f"{form_id}:{dotted}")


REMOVAL_CASES = list(_removal_cases())


def test_the_schemas_list_required_properties() -> None:
    # guards the walk below: if the schema shape changes, the parametrization must not go empty
    assert len(REMOVAL_CASES) > 150


@pytest.mark.parametrize(("form_id", "path"), REMOVAL_CASES)
def test_removing_a_required_property_is_a_problem(form_id: str, path: tuple[Any, ...]) -> None:
    data = example(form_id)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    problems = validate_form(data)
    assert problems, f"removing {path} went unnoticed"
    assert any(p.path[: len(path)] == path or p.path == path[:-1] for p in problems)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_a_form_without_its_id_is_an_input_error(form_id: str) -> None:
    data = example(form_id)
    del data["form"]
    with pytest.raises(InputError):
        validate_form(data)
