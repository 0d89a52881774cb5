"""JSON Schemas of the forms, generated from the models; ``schemas/<id>.schema.json`` is their
committed copy. Regenerate with ``python -m asendusdoc.schemas schemas/``.

Every title beyond the Estonian ``title`` travels in one annotation keyword,
``x-asendusdoc-titles`` (:data:`asendusdoc.titles.TITLES_KEYWORD`). Strict validators such as
Ajv refuse a keyword they do not know, so ``schemas/meta/titles-keyword.schema.json`` describes
its value: declare the keyword with it (``ajv.addKeyword({keyword, metaSchema})``). The forms'
``$schema`` stays the standard Draft 2020-12 dialect, so every validator reads them as before.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from asendusdoc.forms import FORM_MODELS
from asendusdoc.i18n import LANGUAGES
from asendusdoc.titles import TITLES_KEYWORD

__all__ = [
    "SCHEMA_BASE_URI",
    "TITLES_KEYWORD_SCHEMA_PATH",
    "json_schema",
    "json_schema_text",
    "titles_keyword_schema",
    "titles_keyword_schema_text",
]

SCHEMA_BASE_URI = "https://asendusdoc.example/schemas/"
TITLES_KEYWORD_SCHEMA_PATH = "meta/titles-keyword.schema.json"
"""Where the schema of the titles keyword lies, under ``schemas/`` (and :data:`SCHEMA_BASE_URI`)."""


def json_schema(form_id: str) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of one form, titles in three languages included."""
    model = FORM_MODELS[form_id]
    schema = model.model_json_schema()
    titles = model.titles
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}{form_id}.schema.json",
        **schema,
        "title": titles.et,
        TITLES_KEYWORD: titles.schema_annotation(),
    }


def titles_keyword_schema() -> dict[str, Any]:
    """The schema of the value of ``x-asendusdoc-titles``: per language, either the title of
    the schema it stands in, or (in an enumeration) the title of each value."""
    value_titles = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": {"type": "string", "minLength": 1},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}{TITLES_KEYWORD_SCHEMA_PATH}",
        "title": TITLES_KEYWORD,
        "description": (
            "An annotation: the title of a form, a field or an enumeration's values in Estonian, "
            "Russian and English. It has no effect on validation."
        ),
        "type": "object",
        "required": list(LANGUAGES),
        "additionalProperties": False,
        "properties": {
            lang: {"anyOf": [{"type": "string", "minLength": 1}, value_titles]}
            for lang in LANGUAGES
        },
    }


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def json_schema_text(form_id: str) -> str:
    """The schema as the exact text of ``schemas/<id>.schema.json``."""
    return _text(json_schema(form_id))


def titles_keyword_schema_text() -> str:
    """The exact text of ``schemas/meta/titles-keyword.schema.json``."""
    return _text(titles_keyword_schema())


def _write_all(folder: Path) -> None:
    (folder / TITLES_KEYWORD_SCHEMA_PATH).parent.mkdir(parents=True, exist_ok=True)
    for form_id in FORM_MODELS:
        (folder / f"{form_id}.schema.json").write_text(json_schema_text(form_id), "utf-8")
    (folder / TITLES_KEYWORD_SCHEMA_PATH).write_text(titles_keyword_schema_text(), "utf-8")


if __name__ == "__main__":
    _write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas"))
