"""The filled-blank readers registered with the way in, apart from :mod:`~asendusdoc.read.dispatch`.

The root package registers asendusdoc's own blank reader each time it is imported, so the
registering must import nothing: ``asendusdoc --version`` imports the root package too, and
the dispatch (dataclasses, its readers' types) is not needed there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register_blank_reader", "registered"]

BlankReader = Callable[[Any, str], Any]
"""A reader as this list holds it; its full type is
:class:`asendusdoc.read.dispatch.FilledBlankReader` (which names the dispatch's own types, so
it cannot be named here without a circle)."""

registered: list[BlankReader] = []
"""The readers, in the order they registered; the dispatch asks each in turn."""


def register_blank_reader(reader: BlankReader) -> None:
    """Ask ``reader`` too (after those registered before it) for Word files without our data."""
    if reader not in registered:
        registered.append(reader)
