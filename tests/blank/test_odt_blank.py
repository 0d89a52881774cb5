"""A blank saved in LibreOffice's own format (issue 26, stumble 15).

"Save As" in LibreOffice keeps OpenDocument (``.odt``) unless the worker changes the type;
``validate`` said only "a zip archive but not a Word document", then how to save it as Word.
Now the ``.odt`` is read as the blank it was: its bookmarks, tables, fields and content
controls survive, so ``validate``, ``render`` and ``check`` give what the ``.docx`` gives. An
``.odt`` that is no blank is refused as no blank (exit 2).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from asendusdoc.blank import make_blank, read_blank
from asendusdoc.cli import main
from asendusdoc.examples import example_data
from asendusdoc.render import render_docx
from tests.blank.test_libreoffice_blank import filled_in_libreoffice, through_libreoffice
from tests.blank.test_one_pass import WRONG

ODT = "application/vnd.oasis.opendocument.text"


@pytest.fixture(scope="module")
def saved_as_odt(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A rendered document and a prefilled blank, saved by LibreOffice as .odt (every form's
    blank is read back from .odt in tests/blank/test_libreoffice_blank.py)."""
    files = {
        "rendered-closure.docx": render_docx(example_data("closure"), "et"),
        "support-plan-ru.docx": make_blank("support-plan", "ru", example_data("support-plan")),
    }
    return through_libreoffice(files, tmp_path_factory.mktemp("odt"), to="odt")


@pytest.fixture(scope="module")
def filled_both_ways(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same typing in LibreOffice (UNO), saved once as Word and once as OpenDocument: with
    a family type not in the list and a personal code one digit off, so that problems and
    places are compared too."""
    folder = tmp_path_factory.mktemp("both")
    docx, odt = folder / "suunamine.docx", folder / "suunamine.odt"
    for path in (docx, odt):
        work = folder / path.suffix.lstrip(".")
        work.mkdir()
        path.write_bytes(filled_in_libreoffice(work, f"filled{path.suffix}", *WRONG))
    return docx, odt


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_blank_filled_in_libreoffice_reads_the_same_from_odt_and_docx(
    filled_both_ways: tuple[Path, Path],
) -> None:
    docx, odt = (read_blank(path.read_bytes()) for path in filled_both_ways)
    assert odt.data == docx.data
    assert odt.data["justification"] == "Pere vajab tuge kohanemisel.\nLaps tuli perre novembris."
    assert odt.problems == docx.problems


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_validate_says_the_same_of_the_odt_as_of_the_docx(
    filled_both_ways: tuple[Path, Path], capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    docx, odt = filled_both_ways
    said = {}
    for path in (docx, odt):
        code, shown = _run(capsys, "validate", str(path), "--json", "--lang", lang)
        assert code == 1
        said[path.suffix] = [{**entry, "file": ""} for entry in json.loads(shown)]
    assert said[".odt"] == said[".docx"]
    assert {entry["path"] for entry in said[".odt"]} == {
        "family_type",
        "family.children[0].personal_code",
    }


def test_render_and_check_take_a_filled_odt_as_the_docx(
    tmp_path: Path, saved_as_odt: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    odt, docx = tmp_path / "odt" / "plaan.odt", tmp_path / "docx" / "plaan.docx"
    blank = make_blank("support-plan", "ru", example_data("support-plan"))
    for path, data in ((odt, saved_as_odt["support-plan-ru.docx"]), (docx, blank)):
        path.parent.mkdir()
        path.write_bytes(data)
    for path in (odt, docx):
        code, shown = _run(capsys, "render", str(path), "--lang", "ru", "-o", str(path) + ".pdf")
        assert code == 0, shown
        code, shown = _run(capsys, "extract", str(path) + ".pdf")
        assert code == 0 and json.loads(shown) == example_data("support-plan")
    checked = [_run(capsys, "check", str(path.parent), "--json") for path in (odt, docx)]
    assert checked[0] == checked[1]
    assert checked[0][0] == 0


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("et", "OpenDocument-fail (.odt) ei ole asendusdoc’i plank"),
        ("ru", "файл OpenDocument (.odt) не является бланком asendusdoc"),
        ("en", "the OpenDocument file (.odt) is not an asendusdoc blank"),
    ],
)
def test_an_odt_that_is_no_blank_is_refused_as_no_blank(
    tmp_path: Path,
    saved_as_odt: dict[str, bytes],
    capsys: pytest.CaptureFixture[str],
    lang: str,
    says: str,
) -> None:
    """A rendered document saved as .odt has lost the form it carried: there is nothing to
    read, and saving it as Word would not bring the form back."""
    saved = tmp_path / "lopetamine.odt"
    saved.write_bytes(saved_as_odt["rendered-closure.docx"])
    code, shown = _run(capsys, "validate", str(saved), "--lang", lang)
    assert code == 2
    assert says in shown and "asendusdoc blank" in shown, shown
    assert "Traceback" not in shown


def _odt(content: bytes, manifest: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", ODT, compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", content)
        if manifest:
            package.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(
            _odt(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'),
            "docx_xml_doctype",
            id="doctype",
        ),
        pytest.param(
            _odt(
                b"<x/>",
                b'<m:manifest xmlns:m="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                b'<m:file-entry m:full-path="content.xml"><m:encryption-data/></m:file-entry>'
                b"</m:manifest>",
            ),
            "docx_encrypted",
            id="password",
        ),
        pytest.param(_odt(b"<x/>" * 2), "docx_xml_broken", id="broken"),
    ],
)
def test_a_hostile_odt_is_refused_by_the_guarded_way_in(data: bytes, code: str) -> None:
    from asendusdoc.errors import InputError
    from asendusdoc.read.dispatch import read_form_input

    with pytest.raises(InputError) as refused:
        read_form_input(data, "plank.odt")
    assert refused.value.code == code
