"""JSON Schemas of the forms, generated from the models; ``schemas/<id>.schema.json`` is their
committed copy. Regenerate with ``python -m asendusdoc.schemas schemas/``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from asendusdoc.forms import FORM_MODELS

__all__ = ["SCHEMA_BASE_URI", "json_schema", "json_schema_text"]

SCHEMA_BASE_URI = "https://asendusdoc.example/schemas/"


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
        "title_ru": titles.ru,
        "title_en": titles.en,
    }


def json_schema_text(form_id: str) -> str:
    """The schema as the exact text of ``schemas/<id>.schema.json``."""
    return json.dumps(json_schema(form_id), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _write_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for form_id in FORM_MODELS:
        (folder / f"{form_id}.schema.json").write_text(json_schema_text(form_id), "utf-8")


if __name__ == "__main__":
    _write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas"))
