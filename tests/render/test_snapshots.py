"""The text of every example's DOCX, per language, as a reviewable snapshot.

A change of wording, order or formatting in a template, a layout, a label or a title shows up
here as a readable diff. Regenerate on purpose with
``python -m pytest tests/render/test_snapshots.py --snapshot-update`` and read the diff.
"""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from asendusdoc.examples import example_data
from asendusdoc.render import render_docx
from tests.render.test_forms_docx import CASES, docx_text


class TextSnapshotExtension(SingleFileSnapshotExtension):
    """One UTF-8 text file per snapshot: ``__snapshots__/test_snapshots/<test>[<id>].txt``."""

    _write_mode = WriteMode.TEXT
    file_extension = "txt"


@pytest.fixture
def text_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(TextSnapshotExtension)


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_docx_text(text_snapshot: SnapshotAssertion, form_id: str, lang: str) -> None:
    text = docx_text(render_docx(example_data(form_id), lang))
    lines = [line.rstrip() for line in text.splitlines()]
    assert "\n".join(lines).strip() + "\n" == text_snapshot
