"""A custom template's failed lookup never shows the looked-up value (issue 23): a name the
template computes from the form's data (a case number, a personal code) is a value, not a
variable the template wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from tests.attacks.limits import cli
from tests.render.test_docx import write_template

CASE_REFERENCE = "NAR-LK-2026-014"


@pytest.mark.parametrize(
    ("tag", "named"),
    [
        ("{{ form[form.case_reference] }}", "…"),
        ("{{ form.case_reference.upper()[form.case_reference] }}", "…"),
        ("{{ form.no_such_field }}", "no_such_field"),
    ],
)
def test_a_failed_lookup_names_only_what_the_template_wrote(
    tmp_path: Path, tag: str, named: str
) -> None:
    data = example_data("closure")
    data["case_reference"] = CASE_REFERENCE
    form = tmp_path / "lopetamine.json"
    form.write_text(json.dumps(data))
    write_template(tmp_path / "templates" / "et" / "closure.docx", f"Juhtum: {tag}")
    run = cli(
        "render", form, "--format", "docx", "-o", tmp_path / "x.docx",
        "--template-dir", tmp_path / "templates",
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert CASE_REFERENCE not in run.stderr
    assert named in run.stderr
