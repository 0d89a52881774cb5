"""Where the shipped assets are: templates, examples, schemas.

In a built wheel they live inside the package (``asendusdoc/_templates`` and so on, put there by
the build). In a checkout (editable install) they are the repository's top-level folders, which
stay the single source of truth. Both are found through :mod:`importlib.resources`.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["asset_dir"]

_TOP_LEVEL = {"templates": "_templates", "examples": "_examples", "schemas": "_schemas"}


@cache
def asset_dir(name: str) -> Traversable:
    """The folder of the named asset kind: ``"templates"``, ``"examples"`` or ``"schemas"``."""
    package = files("asendusdoc")
    inside = package / _TOP_LEVEL[name]
    if inside.is_dir():
        return inside
    checkout = Path(str(package)).parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"asendusdoc assets '{name}' not found (broken installation?)")
