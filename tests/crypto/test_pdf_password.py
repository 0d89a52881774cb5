"""PDF passwords (AES-256) and where the password may come from."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from asendusdoc.cli._protection import read_password
from asendusdoc.errors import EncryptionError
from asendusdoc.protect.pdf_password import encrypt_pdf_with_password

PASSWORD = "Õunapuu-2026-пароль"


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Suunamine asendushooldusteenusele", "/Author": "Mari Tamm"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_opens_with_the_password_only(small_pdf: bytes) -> None:
    protected = encrypt_pdf_with_password(small_pdf, PASSWORD)

    reader = PdfReader(io.BytesIO(protected))
    assert reader.is_encrypted
    assert reader.decrypt("vale parool") == 0
    assert reader.decrypt(PASSWORD) != 0
    assert len(reader.pages) == 1


def test_pdf_uses_aes_256(small_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(encrypt_pdf_with_password(small_pdf, PASSWORD)))

    encrypt_dict = reader.trailer["/Encrypt"].get_object()
    assert encrypt_dict["/V"] == 5
    assert encrypt_dict["/R"] == 6
    assert encrypt_dict["/CF"]["/StdCF"]["/CFM"] == "/AESV3"


def test_pdf_metadata_is_kept(small_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(encrypt_pdf_with_password(small_pdf, PASSWORD)))
    reader.decrypt(PASSWORD)

    assert reader.metadata is not None
    assert reader.metadata.title == "Suunamine asendushooldusteenusele"
    assert reader.metadata.author == "Mari Tamm"


def test_empty_pdf_password_is_refused(small_pdf: bytes) -> None:
    with pytest.raises(EncryptionError) as caught:
        encrypt_pdf_with_password(small_pdf, "")
    assert caught.value.code == "password_missing"


def test_bytes_that_are_not_a_pdf_are_refused() -> None:
    with pytest.raises(EncryptionError) as caught:
        encrypt_pdf_with_password(b"PK\x03\x04 not a pdf", PASSWORD)
    assert caught.value.code == "pdf_unreadable"


def test_password_from_the_first_line_of_a_file(tmp_path: Path) -> None:
    password_file = tmp_path / "parool.txt"
    password_file.write_text(f"  {PASSWORD}  \nteine rida\n", encoding="utf-8")

    assert read_password(password_file=password_file, env_var=None) == PASSWORD


def test_password_from_an_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASENDUSDOC_TEST_PASSWORD", PASSWORD)

    assert read_password(password_file=None, env_var="ASENDUSDOC_TEST_PASSWORD") == PASSWORD


@pytest.mark.parametrize("content", ["", "\n", "   \nparool teisel real\n"], ids=repr)
def test_empty_password_file_is_refused(tmp_path: Path, content: str) -> None:
    password_file = tmp_path / "parool.txt"
    password_file.write_text(content, encoding="utf-8")

    with pytest.raises(EncryptionError) as caught:
        read_password(password_file=password_file, env_var=None)
    assert caught.value.code == "password_missing"


def test_missing_password_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EncryptionError) as caught:
        read_password(password_file=tmp_path / "puudub.txt", env_var=None)
    assert caught.value.code == "password_missing"
    assert caught.value.params["source"] == "file"


@pytest.mark.parametrize("value", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_unset_or_empty_environment_variable_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("ASENDUSDOC_TEST_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("ASENDUSDOC_TEST_PASSWORD", value)

    with pytest.raises(EncryptionError) as caught:
        read_password(password_file=None, env_var="ASENDUSDOC_TEST_PASSWORD")
    assert caught.value.code == "password_missing"
    assert caught.value.params["variable"] == "ASENDUSDOC_TEST_PASSWORD"


def test_no_password_source_is_refused() -> None:
    with pytest.raises(EncryptionError) as caught:
        read_password(password_file=None, env_var=None)
    assert caught.value.code == "password_missing"
