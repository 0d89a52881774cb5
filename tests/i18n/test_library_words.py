"""The library's words are about the thing; the command line adds the hints about its options.

A library user has no ``--format`` or ``--cdoc-to``: a message of the library names what is
wrong and what to do in library terms, and the command adds its own option
(``asendusdoc.cli._hints``). Quotation marks are chosen in one place, ``asendusdoc.i18n.quotes``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from asendusdoc import KeyData, PdfPassword, Protection, Seal
from asendusdoc.cli import main
from asendusdoc.errors import EncryptionError, InputError
from asendusdoc.product import produce
from asendusdoc.protect import check_protection

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "asendusdoc"
CATALOG = PACKAGE / "i18n" / "locale" / "et" / "LC_MESSAGES" / "asendusdoc.po"
EXAMPLES = ROOT / "examples"


def _library_msgids() -> dict[str, list[str]]:
    """msgid → where the library (anything outside cli/) uses it."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    found: dict[str, list[str]] = {}
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        places = [path for path, _line in message.locations if "/cli/" not in path]
        if ids[0] and places:
            for msgid in ids:
                found[msgid] = places
    return found


def test_the_library_uses_catalog_entries() -> None:
    assert len(_library_msgids()) > 100


def test_no_library_message_names_a_command_line_option() -> None:
    naming = {msgid: places for msgid, places in _library_msgids().items() if "--" in msgid}
    assert naming == {}


@pytest.mark.parametrize(
    ("protection", "fmt", "code"),
    [
        (Protection(seal=Seal(KeyData(b"", "e-tempel.p12")), pdf_password=PdfPassword("x")), "pdf",
         "seal_with_password"),
        (Protection(seal=Seal(KeyData(b"", "e-tempel.p12"))), "docx", "seal_needs_pdf"),
        (Protection(pdf_password=PdfPassword("pikk-parool")), "docx", "password_needs_pdf"),
    ],
)  # fmt: skip
def test_protection_that_cannot_work_is_refused_as_an_encryption_error(
    protection: Protection, fmt: str, code: str
) -> None:
    with pytest.raises(EncryptionError) as caught:
        check_protection(protection, fmt)
    assert type(caught.value) is EncryptionError
    assert caught.value.code == code
    assert "--" not in str(caught.value)


def test_the_library_refuses_several_forms_in_a_docx_without_naming_an_option() -> None:
    forms = [EXAMPLES / "support-plan.json", EXAMPLES / "progress-report.json"]
    with pytest.raises(InputError) as caught:
        produce(forms, "et", "docx")
    assert caught.value.code == "bundle_needs_pdf"
    assert "--" not in str(caught.value)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "several forms go into one document only as a PDF. Give --format pdf, or "
               "--out-dir DIR to render each form to its own file."),
        ("et", "mitu vormi saab ühte dokumenti panna ainult PDF-ina. Andke --format pdf või "
               "--out-dir KAUST, et iga vorm oleks eraldi failis."),
    ],
)  # fmt: skip
def test_the_command_adds_the_hint_about_its_own_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, said: str
) -> None:
    forms = [str(EXAMPLES / "support-plan.json"), str(EXAMPLES / "progress-report.json")]
    code = main(["render", *forms, "-o", str(tmp_path / "both.docx"), "--lang", lang])
    assert code == 2
    assert said in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


QUOTE_MARKS = set("„“”«»")


def _quote_mark_literals(path: Path) -> list[str]:
    """String literals made of quotation marks only (``"«"``, ``"„“"``): a choice of marks."""
    tree = ast.parse(path.read_text("utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value
        and set(node.value) <= QUOTE_MARKS
    ]


def test_quotation_marks_are_chosen_only_in_i18n() -> None:
    owner = PACKAGE / "i18n" / "quotes.py"
    choosing = {
        str(path.relative_to(PACKAGE)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != owner and (found := _quote_mark_literals(path))
    }
    assert choosing == {}
    assert _quote_mark_literals(owner)
