"""Signed containers and envelopes where forms are read: ``load_form``, ``extract`` of a
container with several documents, ``redact`` and ``check`` of what arrived."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

import asendusdoc
from asendusdoc import AsiceSeal, DataFile, KeyData
from asendusdoc.cli import main

from .conftest import CertificateSet

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "asice"
REFERRAL = ROOT / "examples" / "family-support-referral.json"
PLAN = ROOT / "examples" / "support-plan.json"
TEST_CA = ("--trust", str(SHARED / "ca.crt"), "--trust", str(SHARED / "inter.crt"))
SIGNER = AsiceSeal(KeyData((SHARED / "signerEC.p12").read_bytes(), "signerEC.p12"), b"signerEC")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def _sealed(*documents: tuple[str, Path, str]) -> bytes:
    files = [
        DataFile(name, asendusdoc.produce(source, "et", fmt).data, f"application/{fmt}")
        for name, source, fmt in documents
    ]
    return asendusdoc.seal_container(files, SIGNER)[0]


def test_load_form_reads_the_form_of_the_document_in_a_container():
    container = _sealed(("suunamine.pdf", REFERRAL, "pdf"))
    assert asendusdoc.load_form(container) == asendusdoc.load_form(REFERRAL)
    assert asendusdoc.validate_form(container) == []


def test_a_container_with_two_documents_gives_both_forms(capsys, tmp_path):
    target = tmp_path / "kaks.asice"
    target.write_bytes(_sealed(("suunamine.pdf", REFERRAL, "pdf"), ("plaan.docx", PLAN, "docx")))
    folder = tmp_path / "vormid"
    folder.mkdir()
    code, _out, err = cli(capsys, "extract", str(target), "--out-dir", str(folder), *TEST_CA)
    assert code == 0, err
    written = {json.loads(p.read_text())["form"]: p for p in folder.iterdir()}
    assert sorted(written) == ["family-support-referral", "support-plan"]
    assert json.loads(written["support-plan"].read_text()) == json.loads(PLAN.read_text())
    code, _out, err = cli(capsys, "validate", str(target), *TEST_CA)
    assert code == 2 and "extract" in err  # one form expected: says how to split


def test_redact_reads_an_envelope_with_the_recipients_key(
    capsys, tmp_path, certificates: CertificateSet
):
    from asendusdoc import CdocEnvelope, Protection

    container = _sealed(("suunamine.pdf", REFERRAL, "pdf"))
    recipient = KeyData(certificates.ec_p256.pem.read_bytes(), "jaan.pem")
    envelope = asendusdoc.protect_file(
        container, "suunamine.pdf.asice", Protection(CdocEnvelope((recipient,)))
    ).data
    sent = tmp_path / "suunamine.pdf.asice.cdoc"
    sent.write_bytes(envelope)
    out = tmp_path / "teenuseosutajale.json"
    code, _out, err = cli(capsys, "redact", str(sent), "--for", "provider", "-o", str(out))
    assert code == 2 and "--key" in err and not out.exists()
    key = tmp_path / "jaan.key"
    key.write_bytes(
        certificates.ec_p256.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    code, _out, err = cli(capsys, "redact", str(sent), "--for", "provider", "-o", str(out),
                          "--key", str(key), *TEST_CA)  # fmt: skip
    assert code == 0, err
    assert "signer EC: valid" in err
    assert json.loads(out.read_text())["form"] == "family-support-referral"


def test_check_reads_a_signed_container_in_the_case_folder(capsys, tmp_path):
    folder = tmp_path / "juhtum"
    shutil.copytree(ROOT / "examples" / "cases" / "tartu-ok", folder)
    code, out, err = cli(capsys, "check", str(folder), "--json")
    findings = json.loads(out)["findings"]
    first = sorted(folder.glob("01-*.json"))[0]
    (folder / f"{first.stem}.pdf.asice").write_bytes(
        asendusdoc.seal_container(
            [DataFile(f"{first.stem}.pdf", asendusdoc.produce(first, "et", "pdf").data)], SIGNER
        )[0]
    )
    first.unlink()
    code_signed, out, err = cli(capsys, "check", str(folder), "--json", *TEST_CA)
    assert code_signed == code, err
    assert json.loads(out)["findings"] == findings
    assert "signer EC: valid" in err
