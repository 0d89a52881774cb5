"""The filled-blank readers registered with the way in, apart from :mod:`~asendusdoc.read.dispatch`.

The root package registers asendusdoc's own blank reader each time it is imported, so the
registering must import nothing: ``asendusdoc --version`` imports the root package too, and
the dispatch (dataclasses, its readers' types) is not needed there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asendusdoc.read.dispatch import FilledBlankReader

__all__ = ["register_blank_reader", "registered"]

registered: list[FilledBlankReader] = []
"""The readers, in the order they registered; the dispatch asks each in turn."""


def register_blank_reader(reader: FilledBlankReader) -> None:
    """Ask ``reader`` too (after those registered before it) for Word files without our data."""
    if reader not in registered:
        registered.append(reader)
