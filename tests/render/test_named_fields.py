"""Templates name a form's fields (``{{ form.service_type }}``), and older templates still work."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.render import build_document, render_docx
from tests.render.test_forms_docx import docx_text

DATA = Path(__file__).parent / "data"


def test_the_generated_variable_reference_is_up_to_date() -> None:
    from tools.make_template_reference import OUT, reference

    assert OUT.read_text(encoding="utf-8") == reference(), (
        "a form changed: run python tools/make_template_reference.py and commit the result"
    )


@pytest.mark.parametrize("form_id", tuple(FORM_MODELS))
def test_every_form_value_is_in_the_context_by_name_in_display_form(form_id: str) -> None:
    data = example_data(form_id)
    document = build_document(data, "ru")
    assert set(document.form) == set(FORM_MODELS[form_id].model_fields)
    assert document.form["case_reference"] == data["case_reference"]
    assert "г." in document.form["document_date"]  # a date, written out


def test_a_list_stays_a_list_of_named_values() -> None:
    document = build_document(example_data("family-support-referral"), "ru")
    assert document.form["service_type"] == "услуга по потребностям семьи"
    goals = document.form["goals"]
    assert isinstance(goals, list) and goals[0]["description"]


def test_a_custom_template_that_moves_one_named_field_renders(tmp_path: Path) -> None:
    folder = tmp_path / "et"
    folder.mkdir()
    template = docx.Document()
    template.add_paragraph("Teenuse liik: {{ form.service_type }}")  # moved above the title
    template.add_paragraph("{{ title }}")
    template.add_paragraph("{%p for goal in form.goals %}")
    template.add_paragraph("{{ goal.description }}")
    template.add_paragraph("{%p endfor %}")
    template.save(folder / "family-support-referral.docx")
    data = example_data("family-support-referral")
    text = docx_text(render_docx(data, "et", template_dir=tmp_path))
    assert text.index("Teenuse liik: vajaduspõhine teenus") < text.index(
        "Peretoe teenusele suunamise vorm"
    )
    assert all(goal["description"] in text for goal in data["goals"])


def test_a_template_made_for_the_generic_context_keeps_working(tmp_path: Path) -> None:
    """The shipped closure template of 2026-11 (one loop over sections, no named fields)."""
    (tmp_path / "et").mkdir()
    shutil.copy(DATA / "generic-context-closure-et.docx", tmp_path / "et" / "closure.docx")
    data = example_data("closure")
    text = docx_text(render_docx(data, "et", template_dir=tmp_path))
    assert data["further_needs"] in text
    assert data["recommendations"] in text
    assert "Teenuse lõpetamise kokkulepe" in text
