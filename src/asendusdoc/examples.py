"""The bundled example of each form (``examples/<id>.json``)."""

from __future__ import annotations

import json
from typing import Any

from asendusdoc._assets import asset_dir

__all__ = ["example_data", "example_text"]


def example_text(form_id: str) -> str:
    """The example file of a form id, as its text."""
    return (asset_dir("examples") / f"{form_id}.json").read_text("utf-8")


def example_data(form_id: str) -> dict[str, Any]:
    """A fresh copy of the example of a form id, as a dict."""
    data: dict[str, Any] = json.loads(example_text(form_id))
    return data
