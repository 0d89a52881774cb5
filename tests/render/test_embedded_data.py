"""Every rendered PDF and DOCX carries the form it shows, and gives it back exactly."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import StreamObject

import asendusdoc
from asendusdoc.case.redact import redact_for_provider
from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.read.docx import read_docx_form
from asendusdoc.read.packages import DocxPackage
from asendusdoc.read.pdf import read_pdf_forms
from asendusdoc.render import render_docx, render_pdf, render_pdf_bundle
from asendusdoc.render.embedding import form_data

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
CASES = [
    pytest.param(path, fmt, lang, id=f"{path.stem}-{fmt}-{lang}")
    for path in EXAMPLES
    for fmt in ("pdf", "docx")
    for lang in ("et", "ru")
]
PERSONAL_CODE = re.compile(r"(?<!\d)[1-6]\d{10}(?!\d)")


def embedded(document: bytes, fmt: str) -> list[dict[str, object]]:
    if fmt == "pdf":
        return [form.data for form in read_pdf_forms(document)]
    found = read_docx_form(DocxPackage(document))
    return [] if found is None else [found]


def test_every_example_is_checked() -> None:
    assert {path.stem for path in EXAMPLES} == set(FORM_MODELS)


@pytest.mark.parametrize(("path", "fmt", "lang"), CASES)
def test_the_document_carries_exactly_its_form(path: Path, fmt: str, lang: str) -> None:
    form = asendusdoc.load_form(path)
    render = render_pdf if fmt == "pdf" else render_docx
    (data,) = embedded(render(form, lang), fmt)
    assert data == form_data(form)
    assert asendusdoc.load_form(data) == form
    source = json.loads(path.read_text("utf-8"))
    assert {key: data[key] for key in source} == source  # all that the file says, unchanged


def test_the_embedded_pdf_file_is_associated_data_of_the_json_type() -> None:
    pdf = render_pdf(example_data("closure"), "et")
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    (specification,) = [item.get_object() for item in root["/AF"]]
    assert specification["/AFRelationship"] == "/Data"
    assert specification["/UF"] == "closure.json"
    stream = specification["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/json"
    assert stream["/Params"]["/Size"] == len(stream.get_data())
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == "closure.json" and names[1].get_object() == specification
    envelope = json.loads(stream.get_data())
    assert envelope["asendusdoc"] == asendusdoc.__version__
    assert envelope["schema"] == "https://asendusdoc.example/schemas/closure.schema.json"
    assert list(envelope) == ["asendusdoc", "schema", "form"]
    assert pdf.startswith(b"%PDF-1.7")


def test_the_docx_holds_the_form_in_a_custom_xml_part_the_document_refers_to() -> None:
    form = example_data("closure")
    docx = render_docx(form, "ru")
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        names = archive.namelist()
        relationships = archive.read("word/_rels/document.xml.rels").decode()
        item = archive.read("customXml/item2.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert "customXml/item1.xml" in names  # the template's own bibliography part is kept
    assert {"customXml/itemProps2.xml", "customXml/_rels/item2.xml.rels"} <= set(names)
    assert 'Target="../customXml/item2.xml"' in relationships
    assert 'PartName="/customXml/itemProps2.xml"' in types
    root = etree.fromstring(item.encode())
    assert root.tag == "{urn:asendusdoc:form-data:1}formData"
    assert json.loads(root.text or "")["form"] == form_data(asendusdoc.load_form(form))


def test_a_bundle_carries_each_of_its_forms_under_its_own_name() -> None:
    forms = [example_data("support-plan"), example_data("progress-report")]
    bundle = render_pdf_bundle(forms, "ru")
    read = read_pdf_forms(bundle)
    assert [form.name for form in read] == ["01-support-plan.json", "02-progress-report.json"]
    assert [form.data for form in read] == [form_data(asendusdoc.load_form(form)) for form in forms]


def test_two_forms_of_the_same_kind_in_a_bundle_stay_apart() -> None:
    first = example_data("progress-report")
    second = {**first, "case_reference": "TEINE-2026-1"}
    read = read_pdf_forms(render_pdf_bundle([first, second], "et"))
    assert [form.name for form in read] == ["01-progress-report.json", "02-progress-report.json"]
    assert [form.data["case_reference"] for form in read] == [
        first["case_reference"],
        "TEINE-2026-1",
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_repeated_renders_give_identical_bytes_with_the_data(fmt: str) -> None:
    render = render_pdf if fmt == "pdf" else render_docx
    form = example_data("support-plan")
    assert render(form, "et") == render(form, "et")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_without_embedded_data_the_document_carries_none(fmt: str) -> None:
    render = render_pdf if fmt == "pdf" else render_docx
    form = example_data("closure")
    plain = render(form, "et", embedded_data=False)
    assert b"closure.json" not in plain and b"customXml/item2" not in plain
    assert plain != render(form, "et")
    product = asendusdoc.produce(form, "et", fmt, embedded_data=False)
    assert product.data == plain


def _decoded_parts(document: bytes, fmt: str) -> list[bytes]:
    """The raw bytes and every part of the document unpacked (zip members, PDF streams)."""
    parts = [document]
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(document)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
        return parts
    reader = PdfReader(io.BytesIO(document))
    for number in range(1, int(reader.trailer["/Size"])):
        value = reader.get_object(number)
        if isinstance(value, StreamObject):
            parts.append(value.get_data())
    parts += [page.extract_text().encode("utf-8") for page in reader.pages]
    return parts


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("form_id", ["family-support-referral", "support-person-referral"])
def test_the_providers_referral_carries_no_personal_code(form_id: str, fmt: str) -> None:
    original = example_data(form_id)
    codes = set(PERSONAL_CODE.findall(json.dumps(original)))
    assert codes, "the example must hold personal codes for this test to mean anything"
    reduced = redact_for_provider(asendusdoc.load_form(original))
    document = (render_pdf if fmt == "pdf" else render_docx)(reduced, "et")
    (data,) = embedded(document, fmt)
    assert data == form_data(reduced)
    text = json.dumps(data, ensure_ascii=False).encode("utf-8")
    for part in [*_decoded_parts(document, fmt), text]:
        for code in codes:
            assert code.encode() not in part


def test_the_data_survives_saving_the_docx_in_libreoffice(tmp_path: Path) -> None:
    """A caseworker who opens the document in LibreOffice and saves it keeps its data."""
    from tests.system_tools import require_tool

    soffice = require_tool("soffice")
    forms = {lang: asendusdoc.load_form(example_data("support-plan")) for lang in ("et", "ru")}
    for lang, form in forms.items():
        (tmp_path / f"plan-{lang}.docx").write_bytes(render_docx(form, lang))
    saved = tmp_path / "saved"
    command = [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
               "--convert-to", "docx", "--outdir", str(saved),
               *(str(tmp_path / f"plan-{lang}.docx") for lang in forms)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    for lang, form in forms.items():
        resaved = (saved / f"plan-{lang}.docx").read_bytes()
        assert resaved != render_docx(form, lang)  # LibreOffice wrote its own package
        assert embedded(resaved, "docx") == [form_data(form)]
