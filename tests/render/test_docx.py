"""The DOCX back end: safe, complete, reproducible output from shipped and custom templates."""

from __future__ import annotations

import dataclasses
import io
import shutil
import tempfile
import zipfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

from asendusdoc._assets import asset_dir
from asendusdoc.errors import TemplateError
from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.render import build_document
from asendusdoc.render.document import (
    Document,
    FieldsBlock,
    ListBlock,
    Section,
    TableBlock,
    TextBlock,
)
from asendusdoc.render.docx import render_docx
from tests.render.sample_documents import sample_document

FORM_IDS = tuple(FORM_MODELS)
LANGS = ("et", "ru")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOSTILE = {
    "xml-tag": "<w:t>",
    "ampersand": "Tamm & Poeg",
    "quotes": "\"jutumärgid\" 'üks'",
    "jinja-expression": "{{ x }}",
    "docxtpl-paragraph-tag": "{%p if x %}",
    "docxtpl-row-tag": "{%tr for %}",
    "all-at-once": '<w:t> & " {{ x }} {%p if x %} {%tr for %} </w:p> 🙂',
}


def free_texts(document: Document) -> list[str]:
    """Every value of the document a reader must find in the output."""
    texts = [document.title, document.subtitle, document.case_reference, document.document_date]
    texts.append(document.author)
    for party in document.parties:
        texts += [party.role, *party.lines]
    for section in document.sections:
        texts.append(section.heading)
        for block in section.blocks:
            texts.append(block.heading)
            if isinstance(block, FieldsBlock):
                texts += [text for row in block.rows for text in (row.label, row.value)]
            elif isinstance(block, TableBlock):
                texts += block.columns + [cell for row in block.rows for cell in row]
            elif isinstance(block, ListBlock):
                texts += block.items
            else:
                texts.append(block.text)
    for signer in document.signatures:
        texts += [signer.role, signer.name]
    return [text for text in texts if text]


def all_text(data: bytes) -> str:
    """Body paragraphs, table cells, headers and footers, as python-docx reads them."""
    opened = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in opened.paragraphs]
    for table in opened.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in opened.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
        parts += [paragraph.text for paragraph in section.footer.paragraphs]
    return "\n".join(parts)


GENERIC_TEMPLATE = Path(__file__).parent / "data" / "generic-context-closure-et.docx"
"""A template for the generic context (a loop over sections and blocks, no named field): the
back end is tested with it on hand-made documents, whose forms have no values by name."""


def render_generic(document: Document) -> bytes:
    """``document`` through the generic template (any form id, either language)."""
    return render_docx(document, template_dir=_generic_dir(document.form_id, document.lang))


@cache
def _generic_dir(form_id: str, lang: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="generic-template-"))  # in the run's temp folder
    (folder / lang).mkdir()
    shutil.copy(GENERIC_TEMPLATE, folder / lang / f"{form_id}.docx")
    return folder


def body_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def write_template(path: Path, *paragraphs: str) -> Path:
    """A minimal custom template with one paragraph (one run) per text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    template = docx.Document()
    for text in paragraphs:
        template.add_paragraph(text)
    template.save(path)
    return path


@pytest.fixture(scope="module", params=LANGS)
def rendered(request: pytest.FixtureRequest) -> tuple[Document, bytes]:
    document = sample_document(request.param)
    return document, render_generic(document)


def test_every_xml_part_parses(rendered: tuple[Document, bytes]) -> None:
    _, data = rendered
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
        assert "word/document.xml" in names
        for name in names:
            etree.fromstring(archive.read(name))  # raises on a broken part


def test_every_free_text_value_appears(rendered: tuple[Document, bytes]) -> None:
    document, data = rendered
    text = all_text(data)
    missing = [value for value in free_texts(document) if value not in text]
    assert missing == []


def test_fixed_words_come_from_the_labels(rendered: tuple[Document, bytes]) -> None:
    document, data = rendered
    labels = document.labels
    text = all_text(data)
    assert f"{labels['case_reference']}: {document.case_reference}" in text
    assert f"{labels['document_date']}: {document.document_date}" in text
    assert f"{labels['date']}: ___" in text
    assert f"{labels['signature']}: ___" in text


def test_footer_numbers_pages_with_fields(rendered: tuple[Document, bytes]) -> None:
    document, data = rendered
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if "footer" in n]
    footer = "".join(footers)
    assert " PAGE " in footer and " NUMPAGES " in footer
    expected = f"{document.labels['page']} 1 {document.labels['page_of']} 1"
    assert expected in all_text(data)


def test_two_renders_give_identical_bytes() -> None:
    document = sample_document("et", hostile="<x> & {{ y }}")
    assert render_generic(document) == render_generic(dataclasses.replace(document))


def test_zip_entries_are_sorted_with_a_fixed_time(rendered: tuple[Document, bytes]) -> None:
    _, data = rendered
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_core_properties_come_from_the_document(rendered: tuple[Document, bytes]) -> None:
    document, data = rendered
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == document.title
    assert properties.author == document.author
    assert properties.language == {"et": "et-EE", "ru": "ru-RU"}[document.lang]
    assert properties.created == datetime(2026, 11, 22, tzinfo=UTC)
    assert properties.modified == datetime(2026, 11, 22, tzinfo=UTC)
    assert properties.last_modified_by == ""


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_values_appear_literally_and_nothing_after_them_is_lost(hostile: str) -> None:
    document = sample_document("et", hostile=hostile)
    data = render_generic(document)
    text = all_text(data)
    missing = [value for value in free_texts(document) if value not in text]
    assert missing == []
    assert text.count(hostile) >= 5  # parties, goals, list, text block
    # the last things of the document, after every hostile value, are still there
    assert document.signatures[-1].name in text
    assert document.labels["signature"] in text


def test_line_break_in_a_value_is_a_word_line_break() -> None:
    xml = body_xml(render_generic(sample_document("et")))
    assert "{{ x }}</w:t><w:br/><w:t" in xml
    assert "Pere</w:t><w:br/><w:t" in xml


def test_table_columns_get_the_blocks_relative_widths() -> None:
    data = render_generic(sample_document("et"))
    tree = etree.fromstring(body_xml(data).encode())
    tables = [t for t in tree.iter(f"{W}tbl") if "Eesmärk" in "".join(t.itertext())]
    grid = [int(c.get(f"{W}w")) for c in tables[-1].find(f"{W}tblGrid")]
    assert len(grid) == 3
    assert grid[0] < grid[2] < grid[1]
    assert grid[1] / sum(grid) == pytest.approx(0.62, abs=0.01)


def test_a_200_row_table_renders_with_a_repeating_header() -> None:
    document = sample_document("ru", goals=200)
    data = render_generic(document)
    tree = etree.fromstring(body_xml(data).encode())
    table = next(t for t in tree.iter(f"{W}tbl") if "Цель 200" in "".join(t.itertext()))
    rows = table.findall(f"{W}tr")
    assert len(rows) == 201
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert rows[1].find(f"{W}trPr/{W}tblHeader") is None
    assert all(len(row.findall(f"{W}tc")) == 3 for row in rows)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_each_shipped_template_puts_the_intro_under_the_date(form_id: str, lang: str) -> None:
    document = build_document(example_data(form_id), lang)
    opened = docx.Document(io.BytesIO(render_docx(document)))
    texts = [p.text for p in opened.paragraphs]
    date = texts.index(f"{document.labels['document_date']}: {document.document_date}")
    if document.intro:  # the form's own fixed sentence sits between the date line and the parties
        assert texts[date + 1] == document.intro
    else:
        assert texts[date + 1] in (document.labels["parties"], document.sections[0].heading)


def test_an_empty_document_renders_without_optional_parts() -> None:
    document = dataclasses.replace(
        sample_document("et"), subtitle="", parties=[], signatures=[], sections=[]
    )
    data = render_generic(document)
    lines = all_text(data).splitlines()
    assert document.title in lines
    assert document.labels["signatures"] not in lines
    assert document.labels["parties"] not in lines
    assert docx.Document(io.BytesIO(data)).tables == []


def test_blocks_of_one_section_follow_each_other_in_order() -> None:
    document = dataclasses.replace(
        sample_document("et"),
        sections=[
            Section(
                "9. Järjekord",
                [TextBlock("esimene"), ListBlock(["teine"]), TextBlock("kolmas", heading="Pealk")],
            )
        ],
    )
    text = all_text(render_generic(document))
    assert (
        text.index("esimene") < text.index("1.\tteine") < text.index("Pealk") < text.index("kolmas")
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_shipped_templates_ask_only_for_context_keys(form_id: str, lang: str) -> None:
    path = asset_dir("templates") / lang / f"{form_id}.docx"
    template = DocxTemplate(io.BytesIO(path.read_bytes()))
    keys = set(build_document(example_data(form_id), lang).as_template_context())
    assert template.get_undeclared_template_variables() <= keys


def test_custom_template_dir_overrides_one_form_and_falls_back_for_others(tmp_path: Path) -> None:
    write_template(tmp_path / "et" / "cooperation-agreement.docx", "OMA PÕHI {{ title }}")
    document = sample_document("et")
    custom = all_text(render_docx(document, template_dir=tmp_path))
    assert f"OMA PÕHI {document.title}" in custom
    closure = build_document(example_data("closure"), "et")
    shipped = all_text(render_docx(closure, template_dir=tmp_path))
    assert "OMA PÕHI" not in shipped
    assert shipped == all_text(render_docx(closure))


def test_custom_template_asking_for_an_unknown_variable_names_it(tmp_path: Path) -> None:
    path = write_template(tmp_path / "ru" / "cooperation-agreement.docx", "{{ municipality_logo }}")
    with pytest.raises(TemplateError) as caught:
        render_docx(sample_document("ru"), template_dir=tmp_path)
    assert caught.value.code == "template_variable_missing"
    assert "municipality_logo" in caught.value.message
    assert str(path) in caught.value.message


def test_custom_template_asking_for_an_unknown_attribute_names_it(tmp_path: Path) -> None:
    write_template(tmp_path / "et" / "cooperation-agreement.docx", "{{ labels.fax_number }}")
    with pytest.raises(TemplateError) as caught:
        render_docx(sample_document("et"), template_dir=tmp_path)
    assert caught.value.code == "template_variable_missing"
    assert "fax_number" in caught.value.message


@pytest.mark.parametrize(
    "text",
    ["{% if title %} no end", "{{ title.__class__.__mro__ }}"],
    ids=["syntax-error", "sandbox-escape"],
)
def test_broken_custom_template_raises_template_broken(tmp_path: Path, text: str) -> None:
    write_template(tmp_path / "et" / "cooperation-agreement.docx", text)
    with pytest.raises(TemplateError) as caught:
        render_docx(sample_document("et"), template_dir=tmp_path)
    assert caught.value.code == "template_broken"


def test_custom_template_that_is_no_docx_raises_template_broken(tmp_path: Path) -> None:
    path = tmp_path / "et" / "cooperation-agreement.docx"
    path.parent.mkdir()
    path.write_bytes(b"not a zip")
    with pytest.raises(TemplateError) as caught:
        render_docx(sample_document("et"), template_dir=tmp_path)
    assert caught.value.code == "template_broken"


def test_missing_template_names_the_files_searched(tmp_path: Path) -> None:
    document = dataclasses.replace(sample_document("et"), form_id="no-such-form")
    with pytest.raises(TemplateError) as caught:
        render_docx(document, template_dir=tmp_path)
    assert caught.value.code == "template_missing"
    assert str(tmp_path / "et" / "no-such-form.docx") in caught.value.message
    assert "no-such-form.docx" in caught.value.message.split(",")[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_templates_are_the_generators_output(lang: str) -> None:
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "tools" / "make_templates.py"
    if not script.is_file():
        pytest.skip("not a checkout: tools/make_templates.py absent")
    spec = importlib.util.spec_from_file_location("make_templates", script)
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    stale = [
        form_id
        for form_id in FORM_IDS
        if generator.build_template(form_id, lang)
        != (asset_dir("templates") / lang / f"{form_id}.docx").read_bytes()
    ]
    assert stale == [], "run python tools/make_templates.py and commit the templates"
