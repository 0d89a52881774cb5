"""The filled-blank readers registered with the way in, apart from :mod:`~asendusdoc.read.dispatch`.

The root package registers asendusdoc's own blank reader each time it is imported, so the
registering must import nothing: ``asendusdoc --version`` imports the root package too, and
the dispatch (dataclasses, its readers' types) is not needed there.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["register_blank_reader", "registered"]

registered: list[Callable[..., object]] = []
"""The readers, in the order they registered; the dispatch asks each in turn (and types them
as its ``FilledBlankReader``)."""


def register_blank_reader(reader: Callable[..., object]) -> None:
    """Ask ``reader`` too (after those registered before it) for Word files without our data."""
    if reader not in registered:
        registered.append(reader)
