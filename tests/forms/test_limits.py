"""Every list of every form has a real-world maximum: at the maximum a form is valid, one more
entry is a ``too_long`` problem at that list (forms/_limits.py, docs/decisions.md)."""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from annotated_types import MaxLen
from pydantic import BaseModel

from asendusdoc.forms import FORM_MODELS
from asendusdoc.read.loading import validate_form
from tests.forms.helpers import example

ListPath = tuple[str | int, ...]


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (list, tuple, set, frozenset):
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation))


def _list_fields(
    model: type[BaseModel], path: ListPath = ()
) -> Iterator[tuple[ListPath, int | None]]:
    """(path, max_length) of every list field in ``model`` and the blocks inside it."""
    for name, info in model.model_fields.items():
        here = (*path, name)
        if _is_list(info.annotation):
            limits = [m.max_length for m in info.metadata if isinstance(m, MaxLen)]
            yield here, (limits[0] if limits else None)
        for block in _models_in(info.annotation):
            step = (*here, 0) if _is_list(info.annotation) else here
            yield from _list_fields(block, step)


LISTS = [
    pytest.param(form_id, path, limit, id=f"{form_id}:{'.'.join(map(str, path))}")
    for form_id, model in FORM_MODELS.items()
    for path, limit in _list_fields(model)
]


def test_the_walk_finds_the_lists_we_know_of() -> None:
    found = {(p.values[0], p.values[1]) for p in LISTS}
    assert ("client-diary", ("entries",)) in found
    assert ("support-plan", ("goals", 0, "activities")) in found
    assert ("closure", ("family", "children")) in found


@pytest.mark.parametrize(("form_id", "path", "limit"), LISTS)
def test_every_list_has_a_maximum(form_id: str, path: ListPath, limit: int | None) -> None:
    assert limit is not None, f"{form_id}: {path} has no max_length (forms/_limits.py)"


def _at(data: Any, path: ListPath) -> Any:
    for part in path:
        data = data[part]
    return data


@pytest.mark.parametrize(("form_id", "path", "limit"), LISTS)
def test_a_list_holds_its_maximum_and_not_one_more(
    form_id: str, path: ListPath, limit: int | None
) -> None:
    assert limit is not None
    data = example(form_id)
    parent = _at(data, path[:-1])
    items = parent.get(path[-1]) or []
    assert items, f"the example of {form_id} has no entry in {path} to repeat"
    # the example's own entries, repeated: goals keep their keys for the activities
    parent[path[-1]] = [copy.deepcopy(items[i % len(items)]) for i in range(limit)]
    assert validate_form(data) == []

    parent[path[-1]].append(copy.deepcopy(items[0]))
    problems = [(p.path, p.code, p.params["max_length"]) for p in validate_form(data)]
    assert problems == [(path, "too_long", limit)]
