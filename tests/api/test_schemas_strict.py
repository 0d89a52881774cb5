"""The schemas work in a strict validator: Ajv 2020 in strict mode compiles every one of them
(the titles keyword declared with ``schemas/meta/titles-keyword.schema.json``, as the integrator
guide says), accepts every example, and its formats agree with ``validate`` except where the
guide says they differ.

Ajv runs under Node (``tests/api/ajv/``, installed with ``npm ci`` into a temporary folder).
Without node or npm these tests skip, except in CI (``CI=true``), where ``.ci/run`` provides them.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from asendusdoc.forms import FORM_MODELS
from asendusdoc.read.loading import validate_form
from asendusdoc.schemas import (
    TITLES_KEYWORD_SCHEMA_PATH,
    json_schema,
    titles_keyword_schema,
    titles_keyword_schema_text,
)
from asendusdoc.titles import TITLES_KEYWORD

ROOT = Path(__file__).resolve().parents[2]
AJV = Path(__file__).parent / "ajv"
FORM_IDS = list(FORM_MODELS)
GUIDE = (ROOT / "docs" / "integrator-guide.md").read_text("utf-8")


def _example(form_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / f"{form_id}.json").read_text("utf-8"))
    return data


def _annotations(node: object) -> list[object]:
    if isinstance(node, dict):
        found = [node[TITLES_KEYWORD]] if TITLES_KEYWORD in node else []
        return found + [a for value in node.values() for a in _annotations(value)]
    if isinstance(node, list):
        return [a for value in node for a in _annotations(value)]
    return []


def test_the_titles_keyword_schema_is_committed_and_up_to_date() -> None:
    committed = (ROOT / "schemas" / TITLES_KEYWORD_SCHEMA_PATH).read_text("utf-8")
    assert committed == titles_keyword_schema_text(), "run `python -m asendusdoc.schemas schemas`"


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_title_is_in_the_one_declared_keyword(form_id: str) -> None:
    schema = json_schema(form_id)
    text = json.dumps(schema)
    for old in ('"title_ru"', '"title_en"', '"x-titles"'):
        assert old not in text
    annotations = _annotations(schema)
    assert len(annotations) > 5
    keyword = jsonschema.Draft202012Validator(titles_keyword_schema())
    for annotation in annotations:
        keyword.validate(annotation)


# --- Ajv ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def ajv_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node and npm are needed in CI (.ci/run installs them)")
        pytest.skip("node and npm are not installed")
    folder = tmp_path_factory.mktemp("ajv")
    for name in ("package.json", "package-lock.json", "check.mjs"):
        shutil.copy(AJV / name, folder / name)
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"npm ci failed: {done.stderr}")
        pytest.skip(f"npm ci failed (no registry?): {done.stderr[-300:]}")
    return folder


def _ajv(folder: Path, **request: Any) -> dict[str, Any]:
    request = {"schemas": {}, "instances": {}, "formats": [], **request}
    request["keywordSchema"] = titles_keyword_schema()
    done = subprocess.run(
        ["node", "check.mjs"],
        cwd=folder,
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_every_schema_compiles_in_ajv_2020_strict_mode_and_accepts_its_example(
    ajv_folder: Path,
) -> None:
    schemas = {form_id: json_schema(form_id) for form_id in FORM_IDS}
    instances = {form_id: [_example(form_id)] for form_id in FORM_IDS}
    result = _ajv(ajv_folder, schemas=schemas, instances=instances)
    assert result["compiled"] == dict.fromkeys(FORM_IDS)
    assert result["instances"] == {form_id: [True] for form_id in FORM_IDS}


def test_ajv_strict_mode_refuses_an_undeclared_keyword(ajv_folder: Path) -> None:
    """The check above can fail: a keyword outside the declared one is an error."""
    schema = copy.deepcopy(json_schema("closure"))
    schema["title_en"] = "Closure"
    result = _ajv(ajv_folder, schemas={"closure": schema})
    assert "unknown keyword" in result["compiled"]["closure"]


def test_the_integrator_guides_ajv_example_runs(ajv_folder: Path) -> None:
    # the guide has other JavaScript too (the service's client): take the block that uses Ajv
    [block] = [b for b in re.findall(r"```js\n(.*?)```", GUIDE, flags=re.DOTALL) if "ajv" in b]
    folder = ajv_folder / "guide"
    shutil.copytree(ROOT / "schemas", folder / "schemas")
    (folder / "example.mjs").write_text(
        block + "\nconsole.log(validateClosure(JSON.parse(process.argv[2])));\n", "utf-8"
    )
    (folder / "node_modules").symlink_to(ajv_folder / "node_modules")
    done = subprocess.run(
        ["node", "example.mjs", json.dumps(_example("closure"))],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (0, "true\n"), done.stderr


# What ``validate`` and the schema's ``format`` say about a value: (value, schema, validate).
DATES: list[tuple[str | int, bool, bool]] = [
    ("2026-11-18", True, True),
    ("2026-02-30", False, False),
    ("20261118", False, False),
    ("2026-11-18T10:00:00", False, False),
    ("2026-11-18T00:00:00", False, True),
    ("2026-11-18 00:00", False, True),
    ("1794960000", False, True),
    (1794960000, False, True),
]
EMAILS: list[tuple[str | int, bool, bool]] = [
    ("olga.kuznetsova@example.com", True, True),
    ("Mari.Tamm+kool@Example.EE", True, True),
    ("a..b@example.com", False, False),
    ("mari@example", False, False),
    ("mari@example.com.", False, False),
    ("Olga Kuznetsova <olga@example.com>", False, True),
    ("õie@näide.ee", False, True),
    ("mari@kool.test", True, False),
]


def _validate_accepts(form_id: str, path: tuple[str, ...], value: str | int) -> bool:
    data = _example(form_id)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return not [p for p in validate_form(data) if tuple(p.path) == path]


@pytest.mark.parametrize(
    ("fmt", "samples", "form_id", "path"),
    [
        ("date", DATES, "closure", ("document_date",)),
        ("email", EMAILS, "closure", ("worker", "email")),
    ],
)
def test_the_schema_formats_agree_with_validate_or_the_guide_names_the_difference(
    ajv_folder: Path,
    fmt: str,
    samples: list[tuple[str | int, bool, bool]],
    form_id: str,
    path: tuple[str, ...],
) -> None:
    assert _example(form_id)["document_date"] == "2026-11-18"  # the dates above are that day
    result = _ajv(ajv_folder, formats=[[fmt, value] for value, _, _ in samples])
    assert result["formats"] == [schema for _, schema, _ in samples]
    assert [_validate_accepts(form_id, path, value) for value, _, _ in samples] == [
        accepted for _, _, accepted in samples
    ]
    for value, schema, accepted in samples:
        if schema != accepted:
            assert f"`{value}`" in GUIDE, f"the integrator guide does not name {value!r}"
