"""A seal covers the form data the PDF carries: changing it breaks the seal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

import asendusdoc
from asendusdoc import KeyData, Protection, Seal
from asendusdoc.read.pdf import read_pdf_forms
from asendusdoc.render.embedding import form_data

from .conftest import SEAL_PASSWORD, SealFiles
from .test_seal import _pyhanko_status

REFERRAL = Path(__file__).resolve().parents[2] / "examples" / "family-support-referral.json"


@pytest.fixture(scope="module")
def sealed(seal_files: SealFiles) -> bytes:
    seal = Seal(KeyData(seal_files.good.read_bytes(), "pitsat.p12"), SEAL_PASSWORD.encode())
    return asendusdoc.produce(REFERRAL, "et", "pdf", Protection(seal=seal)).data


def _embedded_stream_bytes(pdf: bytes) -> bytes:
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    (specification,) = root["/AF"]
    raw: bytes = specification.get_object()["/EF"]["/F"].get_object()._data
    return raw


def test_a_sealed_pdf_still_carries_its_form(sealed: bytes) -> None:
    (form,) = read_pdf_forms(sealed)
    assert form.data == form_data(asendusdoc.load_form(REFERRAL))


def test_changing_the_embedded_data_breaks_the_seal(sealed: bytes, seal_files: SealFiles) -> None:
    assert _pyhanko_status(sealed, seal_files).intact  # type: ignore[attr-defined]
    raw = _embedded_stream_bytes(sealed)
    at = sealed.index(raw) + len(raw) // 2
    changed = sealed[:at] + bytes([sealed[at] ^ 0x01]) + sealed[at + 1 :]
    status = _pyhanko_status(changed, seal_files)
    assert not status.intact  # type: ignore[attr-defined]
    assert not status.bottom_line  # type: ignore[attr-defined]
