"""``asendusdoc.produce``: the one call from form to protected bytes, with no disk."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

import asendusdoc
from asendusdoc import KeyData, OpenPGPEnvelope, PdfPassword, Protection
from asendusdoc.errors import EncryptionError, FormValidationError, InputError
from asendusdoc.protect.openpgp import decrypt_bytes
from asendusdoc.render import render_docx, render_pdf, render_pdf_bundle

from .conftest import KeySet

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"
PLAN = ROOT / "examples" / "support-plan.json"
REPORT = ROOT / "examples" / "progress-report.json"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_unprotected_product_is_exactly_the_plain_render(fmt: str) -> None:
    product = asendusdoc.produce(REFERRAL, "et", fmt)

    plain = render_pdf(REFERRAL, "et") if fmt == "pdf" else render_docx(REFERRAL, "et")
    assert product.data == plain
    assert product.file_name == f"family-support-referral.{fmt}"
    assert product.media_type == asendusdoc.product.MEDIA_TYPES[fmt]
    assert product.recipients == ()


def test_several_forms_make_one_pdf_and_the_name_is_the_callers() -> None:
    product = asendusdoc.produce([PLAN, REPORT], "ru", "pdf", name="peretoe-plaan")

    assert product.data == render_pdf_bundle([PLAN, REPORT], "ru")
    assert product.file_name == "peretoe-plaan.pdf"


def test_several_forms_as_docx_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        asendusdoc.produce([PLAN, REPORT], "et", "docx")
    assert caught.value.code == "bundle_needs_pdf"


def test_an_invalid_form_raises_with_its_problems_and_returns_nothing() -> None:
    data = json.loads(REFERRAL.read_text("utf-8"))
    data["child"] = {}
    with pytest.raises(FormValidationError) as caught:
        asendusdoc.produce(data, "et", "pdf")
    assert caught.value.problems


def test_openpgp_product_decrypts_and_names_its_recipients(keys: KeySet) -> None:
    envelope = OpenPGPEnvelope((keys.good.public_key, keys.second.public_key, keys.good.public_key))
    product = asendusdoc.produce(REFERRAL, "et", "pdf", Protection(envelope=envelope))

    assert decrypt_bytes(product.data, keys.second.secret_key) == render_pdf(REFERRAL, "et")
    assert product.file_name == "family-support-referral.pdf.gpg"
    assert product.media_type == "application/pgp-encrypted"
    assert [(r.kind, r.source, r.fingerprint) for r in product.recipients] == [
        ("openpgp", "good.asc", keys.good.fingerprint),
        ("openpgp", "second.asc", keys.second.fingerprint),
    ]


def test_pdf_password_then_envelope(keys: KeySet) -> None:
    protection = Protection(
        envelope=OpenPGPEnvelope((keys.good.public_key,), armor=True),
        pdf_password=PdfPassword("Tõrva-2026-пароль"),
    )
    product = asendusdoc.produce(REFERRAL, "et", "pdf", protection)

    assert product.file_name.endswith(".pdf.asc")
    reader = PdfReader(io.BytesIO(decrypt_bytes(product.data, keys.good.secret_key)))
    assert reader.is_encrypted and reader.decrypt("Tõrva-2026-пароль") != 0


def test_a_pdf_password_on_docx_is_refused() -> None:
    with pytest.raises(asendusdoc.AsendusdocError) as caught:
        asendusdoc.produce(REFERRAL, "et", "docx", Protection(pdf_password=PdfPassword("x")))
    assert caught.value.code == "password_needs_pdf"


def test_an_unusable_key_raises_before_any_bytes(keys: KeySet) -> None:
    envelope = OpenPGPEnvelope((KeyData(b"garbage", "SKA.asc"),))
    with pytest.raises(EncryptionError) as caught:
        asendusdoc.produce(REFERRAL, "et", "pdf", Protection(envelope=envelope))
    assert (caught.value.code, caught.value.params["path"]) == ("not_a_key", "SKA.asc")


def test_protect_file_keeps_the_files_own_name(keys: KeySet) -> None:
    data = REFERRAL.read_bytes()
    product = asendusdoc.protect_file(
        data, "suunamine.json", Protection(envelope=OpenPGPEnvelope((keys.good.public_key,)))
    )
    assert product.file_name == "suunamine.json.gpg"
    assert decrypt_bytes(product.data, keys.good.secret_key) == data


def test_key_bytes_never_show_in_a_repr(keys: KeySet) -> None:
    key = keys.good.secret_key
    protection = Protection(
        envelope=OpenPGPEnvelope(
            (keys.good.public_key,), sign_with=key, sign_passphrase="salajane"
        ),
        pdf_password=PdfPassword("parool-123"),
    )
    text = repr(protection)
    assert "PRIVATE" not in text and "salajane" not in text and "parool-123" not in text
