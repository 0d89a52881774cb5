"""The suppression rule on its own: what a reader could work out is hidden too."""

from __future__ import annotations

from asendusdoc.needs.suppression import Relation, determined_cells, suppress


def test_a_count_under_5_is_hidden_and_a_lone_one_takes_another_cell_with_it() -> None:
    values = {"a": 3, "b": 20, "c": 30, "total": 53}
    hidden = suppress(values, [Relation("total", ("a", "b", "c"))])
    assert hidden == {"a": "primary", "b": "secondary"}  # the smallest other part


def test_two_under_5_that_must_both_be_4_are_protected() -> None:
    values = {"a": 4, "b": 4, "c": 12, "total": 20}  # 20 - 12 = 8 = 4 + 4: both pinned
    hidden = suppress(values, [Relation("total", ("a", "b", "c"))])
    assert hidden["a"] == hidden["b"] == "primary"
    assert "c" in hidden or "total" in hidden


def test_two_zeros_beside_a_shown_total_are_protected() -> None:
    values = {"none": 24, "some": 0, "great": 0, "answered": 24}
    hidden = suppress(values, [Relation("answered", ("none", "some", "great"))])
    assert hidden == {"some": "primary", "great": "primary", "none": "secondary"}


def test_a_count_under_5_cannot_be_worked_out_through_a_row_and_a_column() -> None:
    # a 2 x 2 table with row and column sums: one small cell would be found by either sum
    values = {
        ("r1", "c1"): 2, ("r1", "c2"): 10, ("r1", "t"): 12,
        ("r2", "c1"): 9, ("r2", "c2"): 11, ("r2", "t"): 20,
        ("t", "c1"): 11, ("t", "c2"): 21, ("t", "t"): 32,
    }  # fmt: skip
    relations = [Relation((r, "t"), ((r, "c1"), (r, "c2"))) for r in ("r1", "r2", "t")] + [
        Relation(("t", c), (("r1", c), ("r2", c))) for c in ("c1", "c2", "t")
    ]
    hidden = suppress(values, relations)
    assert ("r1", "c1") in hidden
    assert determined_cells(values, hidden, relations) == set()


def test_nothing_is_hidden_when_every_count_is_5_or_more() -> None:
    values = {"a": 5, "b": 7, "total": 12}
    assert suppress(values, [Relation("total", ("a", "b"))]) == {}
