"""Small counts never reach a report, and cannot be worked out from what does.

* **Primary suppression**: every count under :data:`THRESHOLD` (0 included) is shown as "< 5".
* **Secondary suppression**: a table also publishes totals (a row's "answered" is the sum of
  its levels; the "all" row is the sum of the groups). Whenever these sums would pin a hidden
  count down to one value, one more cell of that sum is hidden (shown as "x"): its smallest
  shown part, else its total. Two checks decide "pinned", and hiding goes on
  until neither finds anything:

  1. per sum, with what a reader knows of a hidden cell (a "< 5" is 0–4, an "x" is 5 or more):
     exactly one hidden part, or bounds that leave one value (two "< 5" summing to 8);
  2. over all sums of the table together (exact linear algebra over the rationals): a hidden
     cell that a combination of the sums determines, e.g. through a row and a column.

Shares are published only where every count they are computed from is shown, so a share
never tells more than the counts.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

__all__ = ["THRESHOLD", "Hidden", "Relation", "determined_cells", "suppress"]

THRESHOLD = 5
"""Counts below this are never shown."""

Hidden = Literal["primary", "secondary"]


@dataclass(frozen=True)
class Relation:
    """``total`` = sum of ``parts``: a sum a reader can check in the published table."""

    total: Hashable
    parts: tuple[Hashable, ...]


def _bounds(kind: Hidden) -> tuple[float, float]:
    return (0.0, THRESHOLD - 1.0) if kind == "primary" else (float(THRESHOLD), math.inf)


def _pinned_by(
    relation: Relation, values: Mapping[Hashable, int], hidden: Mapping[Hashable, Hidden]
) -> bool:
    """Does this one sum, with the readers' bounds, leave a hidden cell a single value?"""
    terms = [(relation.total, -1), *((part, 1) for part in relation.parts)]
    known = sum(sign * values[cell] for cell, sign in terms if cell not in hidden)
    unknown = [(cell, sign, *_bounds(hidden[cell])) for cell, sign in terms if cell in hidden]
    if not unknown:
        return False
    for index, (_cell, sign, low, high) in enumerate(unknown):
        others_low = others_high = 0.0
        for other, (_c, s, lo, hi) in enumerate(unknown):
            if other != index:
                others_low += s * (lo if s > 0 else hi)
                others_high += s * (hi if s > 0 else lo)
        # sign * x = -known - others
        if sign > 0:
            low_x, high_x = -known - others_high, -known - others_low
        else:
            low_x, high_x = known + others_low, known + others_high
        low_x, high_x = max(low, low_x), min(high, high_x)
        if low_x == high_x:
            return True
    return False


def determined_cells(
    values: Mapping[Hashable, int],
    hidden: Mapping[Hashable, Hidden] | Iterable[Hashable],
    relations: Sequence[Relation],
) -> set[Hashable]:
    """The hidden cells whose value the published sums determine exactly (linear algebra)."""
    unknown = sorted(set(hidden), key=repr)
    if not unknown:
        return set()
    column = {cell: index for index, cell in enumerate(unknown)}
    rows: list[list[Fraction]] = []
    for relation in relations:
        row = [Fraction(0)] * len(unknown)
        for cell, sign in [(relation.total, -1), *((p, 1) for p in relation.parts)]:
            if cell in column:
                row[column[cell]] += sign
        if any(row):
            rows.append(row)
    pivots = _reduce(rows)
    found: set[Hashable] = set()
    for row, pivot in zip(rows, pivots, strict=True):
        if sum(1 for value in row if value) == 1:
            found.add(unknown[pivot])
    return found


def _reduce(rows: list[list[Fraction]]) -> list[int]:
    """Reduced row echelon form in place (zero rows dropped); the pivot column of each row."""
    pivots: list[int] = []
    width = len(rows[0]) if rows else 0
    rank = 0
    for col in range(width):
        pick = next((r for r in range(rank, len(rows)) if rows[r][col]), None)
        if pick is None:
            continue
        rows[rank], rows[pick] = rows[pick], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [value / lead for value in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][col]:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append(col)
        rank += 1
    del rows[rank:]
    return pivots


def _complement(
    relation: Relation, values: Mapping[Hashable, int], hidden: Mapping[Hashable, Hidden]
) -> Hashable | None:
    """The cell to hide next in ``relation``: its smallest shown part, else its total.

    A part rather than the total: the totals ("all families", "answered") are what readers use
    most, and hiding one total would spread to every sum it is part of.
    """
    shown = [part for part in relation.parts if part not in hidden]
    if shown:
        return min(shown, key=lambda cell: (values[cell], repr(cell)))
    if relation.total not in hidden:
        return relation.total
    return None


def suppress(values: Mapping[Any, int], relations: Sequence[Relation]) -> dict[Hashable, Hidden]:
    """The cells to hide, each marked primary (under 5) or secondary (hidden to protect one)."""
    hidden: dict[Hashable, Hidden] = {
        cell: "primary" for cell, value in values.items() if value < THRESHOLD
    }
    while True:
        changed = False
        for relation in relations:
            while _pinned_by(relation, values, hidden):
                cell = _complement(relation, values, hidden)
                if cell is None:
                    break
                hidden[cell] = "secondary"
                changed = True
        if changed:
            continue
        for cell in sorted(determined_cells(values, hidden, relations), key=repr):
            for relation in relations:
                if cell == relation.total or cell in relation.parts:
                    extra = _complement(relation, values, hidden)
                    if extra is not None:
                        hidden[extra] = "secondary"
                        changed = True
                        break
            if changed:
                break
        if not changed:
            return hidden
