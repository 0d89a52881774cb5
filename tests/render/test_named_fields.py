"""Templates name a form's fields (``{{ form.service_type }}``), and older templates still work."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from asendusdoc._assets import asset_dir
from asendusdoc.cli import main
from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.render import build_document, render_docx
from asendusdoc.render.document import TableBlock
from tests.render.test_forms_docx import W, docx_text

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
    computed = set(document.form) - set(FORM_MODELS[form_id].model_fields)
    assert set(document.form) >= set(FORM_MODELS[form_id].model_fields)
    # Beside the form's own values only what the document computes from several of them.
    assert computed <= {"total_contacts", "total_hours", "county", "region"}
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


def _shipped(form_id: str, lang: str) -> bytes:
    return (asset_dir("templates") / lang / f"{form_id}.docx").read_bytes()


def _template_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_the_shipped_templates_of_different_forms_differ_and_name_their_own_fields(
    lang: str,
) -> None:
    texts = {form_id: _template_text(_shipped(form_id, lang)) for form_id in FORM_MODELS}
    assert len(set(texts.values())) == len(texts)
    for form_id, text in texts.items():
        named = set(re.findall(r"form\.(\w+)", text))
        own = set(FORM_MODELS[form_id].model_fields)
        assert named and named <= own | {"total_contacts", "total_hours", "county", "region"}
        assert "for section in sections" not in text  # no generic loop over the sections


def test_moving_one_field_of_the_shipped_template_moves_it_in_the_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A municipality's edit in Word: the service type out of its table, above the title."""
    opened = docx.Document(io.BytesIO(_shipped("family-support-referral", "et")))
    row = next(
        row
        for table in opened.tables
        for row in table.rows
        if "{{ form.service_type }}" in row.cells[1].text
    )
    label = row.cells[0].text
    row._tr.getparent().remove(row._tr)
    opened.paragraphs[0].insert_paragraph_before(f"{label}: {{{{ form.service_type }}}}")
    (tmp_path / "mallid" / "et").mkdir(parents=True)
    opened.save(tmp_path / "mallid" / "et" / "family-support-referral.docx")
    out = tmp_path / "suunamine.docx"
    code = main(
        [
            "render",
            str(Path(__file__).parents[2] / "examples" / "family-support-referral.json"),
            "--lang", "et", "--format", "docx", "-o", str(out),
            "--template-dir", str(tmp_path / "mallid"), "--quiet",
        ]
    )  # fmt: skip
    assert (code, capsys.readouterr().err) == (0, "")
    rendered = docx.Document(str(out))
    assert rendered.paragraphs[0].text == "Teenuse liik: vajaduspõhine teenus"
    assert rendered.paragraphs[1].text == "Peretoe teenusele suunamise vorm"
    rows = [row.cells[0].text for table in rendered.tables for row in table.rows]
    assert "Teenuse liik" not in rows and "Teenuse soovitud algus" in rows
    data = example_data("family-support-referral")
    text = docx_text(out.read_bytes())
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


def _xml_parts(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [
            n
            for n in archive.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)
        ]
        return [etree.fromstring(archive.read(name)) for name in names]


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("form_id", tuple(FORM_MODELS))
def test_every_tag_of_the_shipped_template_is_in_one_run_and_alone_where_docxtpl_wants_it(
    form_id: str, lang: str
) -> None:
    """Word keeps a tag that is one run; docxtpl removes the paragraph of a ``{%p %}`` tag and
    the row of a ``{%tr %}`` tag, so nothing else may stand there."""
    for part in _xml_parts(_shipped(form_id, lang)):
        for text in part.iter(f"{W}t"):
            value = text.text or ""
            assert value.count("{%") == value.count("%}"), value
            assert value.count("{{") == value.count("}}"), value
        for paragraph in part.iter(f"{W}p"):
            value = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
            if "{%p " in value:
                assert re.fullmatch(r"\{%p [^%]*%\}", value), value
        for row in part.iter(f"{W}tr"):
            value = "".join(t.text or "" for t in row.iter(f"{W}t"))
            if "{%tr " in value:
                assert re.fullmatch(r"\{%tr [^%]*%\}", value), value


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_the_diary_through_its_template_is_landscape_with_the_measured_column_widths(
    lang: str,
) -> None:
    from asendusdoc.render.measure import table_widths

    document = build_document(example_data("client-diary"), lang)
    body = _xml_parts(render_docx(example_data("client-diary"), lang))[0]
    size = body.find(f".//{W}sectPr/{W}pgSz")
    assert size is not None and size.get(f"{W}orient") == "landscape"
    table = next(b for s in document.sections for b in s.blocks if isinstance(b, TableBlock))
    expected = [int(w * 20) for w in table_widths(table, lang, landscape_page=True)]
    grids = [
        [int(c.get(f"{W}w")) for c in tbl.find(f"{W}tblGrid")]
        for tbl in body.iter(f"{W}tbl")
        if len(tbl.find(f"{W}tblGrid")) == len(table.columns)
    ]
    assert expected in grids
