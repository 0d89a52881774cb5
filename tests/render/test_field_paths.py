"""Every value a document shows knows where it is in the form.

Per-form templates and the fillable Word blank name their fields by these paths
("family.children.0.personal_code"), so a path that points elsewhere would put a value under
the wrong label.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from asendusdoc import load_form
from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.render.build import build_document
from asendusdoc.render.context import Context
from asendusdoc.render.document import FieldsBlock, ListBlock, TableBlock, TextBlock

FORM_IDS = sorted(FORM_MODELS)


def _at(form: BaseModel, path: str) -> Any:
    value: Any = form
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    return value


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_field_row_shows_the_value_at_its_path(form_id: str, lang: str) -> None:
    form = load_form(example_data(form_id))
    context = Context(lang, form)
    document = build_document(form, lang)
    rows = [
        row
        for section in document.sections
        for block in section.blocks
        if isinstance(block, FieldsBlock)
        for row in block.rows
    ]
    named = [row for row in rows if row.path]
    assert named, f"{form_id}: no row says where its value is"
    for row in named:
        assert row.value == context.value(_at(form, row.path)), row.path
    computed = {row.label for row in rows if not row.path}
    # What no single field holds: the diary's totals, the county and region of a municipality.
    assert computed <= {
        context.labels["total_contacts"],
        context.labels["total_hours"],
        context.labels.get("county"),
        context.labels.get("region"),
    }, computed


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_tables_lists_and_texts_point_at_their_part_of_the_form(form_id: str) -> None:
    form = load_form(example_data(form_id))
    context = Context("et", form)
    blocks = [b for s in build_document(form, "et").sections for b in s.blocks]
    for block in blocks:
        if isinstance(block, TableBlock) and block.path:
            assert len(block.rows) == len(_at(form, block.path)), block.path
            assert all(p.startswith(block.path + ".") for p in block.row_paths), block.path
            for row, row_path in zip(block.rows, block.row_paths, strict=True):
                item = _at(form, row_path)
                for cell, name in zip(row[1:], block.column_fields, strict=True):
                    if name:
                        assert cell == context.value(getattr(item, name)), (block.path, name)
        elif isinstance(block, ListBlock):
            assert block.path, f"{form_id}: a list does not say where it is"
            assert block.items == [context.value(v) for v in _at(form, block.path)]
        elif isinstance(block, TextBlock) and block.path:
            value = _at(form, block.path)
            if isinstance(value, list):
                assert value == [] and block.text == context.labels["none"], block.path
            else:
                assert block.text == context.value(value), block.path
    paths = {b.path for b in blocks if isinstance(b, TableBlock | ListBlock | TextBlock)}
    assert paths - {""}, f"{form_id}: no block knows where it is in the form"


def test_a_value_the_form_does_not_hold_has_no_path() -> None:
    form = load_form(example_data("support-plan"))
    context = Context("et", form)
    assert context.path_of(form) == ""
    assert context.path_of(form.goals) == "goals"
    assert context.path_of(form.goals[0].activities) == "goals.0.activities"
    assert context.path_of([]) is None
