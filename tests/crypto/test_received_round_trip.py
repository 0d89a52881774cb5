"""The whole way, as it happens: the KOV renders and seals a referral in an ASiC-E container and
encrypts it to two recipients; SKA decrypts it with its key, verifies the seal and validates
the referral (the three checks of step 3: target group, earlier service, justification)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from asendusdoc.cli import main

from .conftest import CertificateSet

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "asice"
REFERRAL = ROOT / "examples" / "family-support-referral.json"
TEST_CA = ("--trust", str(SHARED / "ca.crt"), "--trust", str(SHARED / "inter.crt"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def test_render_seal_encrypt_decrypt_verify_validate(
    capsys, tmp_path, certificates: CertificateSet
):
    password = tmp_path / "pitsat.password"
    password.write_text("signer1")
    sent = tmp_path / "suunamine.pdf.asice.cdoc"
    code, _out, err = run(
        capsys, "render", str(REFERRAL), "--format", "pdf", "-o", str(sent),
        "--asice-seal-with", str(SHARED / "signer1.p12"), "--seal-password-file", str(password),
        "--cdoc-to", str(certificates.rsa.pem), "--cdoc-to", str(certificates.ec_p384.pem),
    )  # fmt: skip
    assert code == 0, err
    assert sent.read_bytes().startswith(b"<?xml")  # an envelope, not the container

    ska_key = tmp_path / "ska.key"
    ska_key.write_bytes(
        certificates.rsa.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    arrived = tmp_path / "saabunud.asice"
    code, _out, err = run(capsys, "decrypt", str(sent), "-o", str(arrived), "--key", str(ska_key))
    assert code == 0, err

    code, out, err = run(capsys, "verify", str(arrived), *TEST_CA, "--json")
    assert code == 0, out + err
    report = json.loads(out)
    assert report["files"] == ["suunamine.pdf"]
    assert [s["status"] for s in report["signatures"]] == ["valid"]

    code, out, err = run(capsys, "validate", str(arrived), *TEST_CA)
    assert code == 0, out + err
    assert "valid" in out
    assert "signer1: valid" in err  # the signature's one-line summary

    # the same, straight from the envelope, with the key
    code, out, err = run(capsys, "validate", str(sent), "--key", str(ska_key), *TEST_CA)
    assert code == 0, out + err
    code, out, err = run(capsys, "verify", str(sent), "--key", str(ska_key), *TEST_CA)
    assert code == 0, out + err
    assert "signer1: valid" in out
