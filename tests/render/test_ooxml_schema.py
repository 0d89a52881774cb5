"""Every shipped template and every rendered document is valid ECMA-376 (transitional).

Word is strict about the order of property elements (``tblPr``, ``pPr``, ``tcPr``); a file that
breaks it may open with a repair prompt or lose formatting. The schemas are vendored in
``ooxml_xsd/`` (see ``ooxml.py``); only Microsoft's extension namespaces are stripped first.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from tools.template_plan import VARIANTS, variant_forms

from asendusdoc._assets import asset_dir
from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.render import render_docx
from tests.render.ooxml import package_errors

FORM_IDS = tuple(FORM_MODELS)
LANGS = ("et", "ru")
CASES = [pytest.param(f, lang, id=f"{f}-{lang}") for f in FORM_IDS for lang in LANGS]


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_the_shipped_template_is_valid_ooxml(form_id: str, lang: str) -> None:
    data = (asset_dir("templates") / lang / f"{form_id}.docx").read_bytes()
    assert package_errors(data) == []


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_the_rendered_document_is_valid_ooxml(form_id: str, lang: str) -> None:
    assert package_errors(render_docx(example_data(form_id), lang)) == []


def test_every_shipped_template_is_checked() -> None:
    shipped = {(p.parent.name, p.stem) for p in asset_dir("templates").glob("*/*.docx")}
    assert shipped == {(lang, form_id) for form_id in FORM_IDS for lang in LANGS}


def _with_document_xml(data: bytes, change: tuple[bytes, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                assert change[0] in content
                content = content.replace(*change, 1)
            target.writestr(info, content)
    return out.getvalue()


def test_a_property_out_of_its_schema_order_is_reported() -> None:
    data = render_docx(example_data("support-plan"), "et")
    broken = _with_document_xml(data, (b'<w:tblLayout w:type="fixed"/>', b""))
    broken = _with_document_xml(broken, (b"<w:tblLook", b'<w:tblLayout w:type="fixed"/><w:tblLook'))
    errors = package_errors(broken)
    assert errors and "tblLayout" in errors[0]


def test_microsoft_extensions_are_stripped_but_an_unknown_element_is_not() -> None:
    data = render_docx(example_data("closure"), "ru")
    extended = _with_document_xml(
        data,
        (
            b"<w:body>",
            b'<w:body><w14:x xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"/>',
        ),
    )
    assert package_errors(extended) == []
    unknown = _with_document_xml(data, (b"<w:body>", b"<w:body><w:bogus/>"))
    assert package_errors(unknown)


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_the_fillable_blank_is_valid_ooxml(form_id: str, lang: str) -> None:
    from asendusdoc.blank import make_blank

    assert package_errors(make_blank(form_id, lang)) == []
    assert package_errors(make_blank(form_id, lang, example_data(form_id))) == []


@pytest.mark.parametrize("form_id", tuple(VARIANTS))
def test_the_variants_the_templates_are_made_from_render_valid_ooxml(form_id: str) -> None:
    """What the examples do not show: an end of service in the diary, goals without keys, ..."""
    for form in variant_forms(form_id):
        for lang in LANGS:
            assert package_errors(render_docx(form, lang)) == [], (form_id, lang)
