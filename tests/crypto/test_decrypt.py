"""``decrypt``: our CDOC 1.1 opened with a PEM key, a PKCS#12 key and a SoftHSM2 token, to
exactly the bytes encrypted; every refusal exit 2 with nothing written."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

import asendusdoc
from asendusdoc import CdocEnvelope, KeyData, Protection
from asendusdoc.cli import main

from .conftest import CertificateSet, RecipientCertificate
from .softhsm import softhsm_token

DOCUMENT = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
KEY_PASSWORD = "võti-ключ-2026"
RECIPIENTS = ["ec_p256", "ec_p384", "rsa"]


def cli(capsys: pytest.CaptureFixture[str], *argv: str, lang: str = "en") -> tuple[int, str]:
    code = main([*argv, "--lang", lang])
    out, err = capsys.readouterr()
    return code, out + err


def envelope(*recipients: RecipientCertificate, data: bytes = DOCUMENT) -> bytes:
    keys = tuple(KeyData(r.pem.read_bytes(), r.pem.name) for r in recipients)
    return asendusdoc.protect_file(data, "suunamine.pdf", Protection(CdocEnvelope(keys))).data


def pem_key(recipient: RecipientCertificate, folder: Path) -> Path:
    path = folder / f"{recipient.pem.stem}.key"
    path.write_bytes(
        recipient.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def p12_key(recipient: RecipientCertificate, folder: Path) -> Path:
    path = folder / f"{recipient.pem.stem}.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"key",
            recipient.private_key,
            recipient.certificate,
            None,
            serialization.BestAvailableEncryption(KEY_PASSWORD.encode()),
        )
    )
    return path


@pytest.fixture
def sent(tmp_path: Path, certificates: CertificateSet) -> Path:
    path = tmp_path / "suunamine.pdf.cdoc"
    path.write_bytes(envelope(certificates.ec_p256, certificates.ec_p384, certificates.rsa))
    return path


@pytest.mark.parametrize("recipient", RECIPIENTS)
def test_a_pem_key_opens_the_envelope_to_the_exact_bytes(
    capsys, tmp_path, certificates, sent, recipient
):
    key = pem_key(getattr(certificates, recipient), tmp_path)
    out = tmp_path / "out.pdf"
    code, text = cli(capsys, "decrypt", str(sent), "-o", str(out), "--key", str(key))
    assert code == 0, text
    assert out.read_bytes() == DOCUMENT


@pytest.mark.parametrize("recipient", RECIPIENTS)
def test_a_pkcs12_key_opens_the_envelope_to_the_exact_bytes(
    capsys, tmp_path, certificates, sent, recipient, monkeypatch
):
    key = p12_key(getattr(certificates, recipient), tmp_path)
    monkeypatch.setenv("KEY_PASSWORD", KEY_PASSWORD)
    out = tmp_path / "out.pdf"
    code, text = cli(
        capsys,
        "decrypt",
        str(sent),
        "-o",
        str(out),
        "--key",
        str(key),
        "--key-password-env",
        "KEY_PASSWORD",
    )
    assert code == 0, text
    assert out.read_bytes() == DOCUMENT


def test_a_softhsm2_token_opens_the_envelope_through_pkcs11(capsys, tmp_path, certificates, sent):
    chosen = [getattr(certificates, name) for name in RECIPIENTS]
    with softhsm_token(tmp_path, [(r.private_key, r.certificate) for r in chosen]) as token:
        pin = tmp_path / "pin"
        pin.write_text(token.pin)
        for recipient in chosen:
            alone = tmp_path / f"{recipient.pem.stem}.cdoc"
            alone.write_bytes(envelope(recipient))
            out = tmp_path / f"{recipient.pem.stem}.pdf"
            code, text = cli(
                capsys,
                "decrypt",
                str(alone),
                "-o",
                str(out),
                "--pkcs11",
                token.module,
                "--pin-file",
                str(pin),
            )
            assert code == 0, text
            assert out.read_bytes() == DOCUMENT
        wrong = tmp_path / "wrong-pin"
        wrong.write_text("0000")
        out = tmp_path / "refused.pdf"
        code, text = cli(
            capsys,
            "decrypt",
            str(sent),
            "-o",
            str(out),
            "--pkcs11",
            token.module,
            "--pin-file",
            str(wrong),
        )
        assert code == 2 and "PIN" in text and not out.exists()


def test_the_library_decrypts_bytes_with_a_key(certificates):
    recipient = certificates.ec_p384
    key = asendusdoc.FileKey.load(
        KeyData(
            recipient.private_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
            "mari.key",
        )
    )
    (opened,) = asendusdoc.decrypt(envelope(recipient), key)
    assert (opened.name, opened.data) == ("suunamine.pdf", DOCUMENT)


def _changed_byte(data: bytes) -> bytes:
    start = data.rindex(b"<denc:CipherValue>") + len(b"<denc:CipherValue>")
    payload = bytearray(base64.b64decode(data[start : data.index(b"<", start)]))
    payload[40] ^= 1
    end = data.index(b"<", start)
    return data[:start] + base64.b64encode(bytes(payload)) + data[end:]


REFUSALS = {
    "wrong-key": ("not encrypted for this key", lambda data: data),
    "changed-byte": ("damaged", _changed_byte),
    "truncated": ("damaged", lambda data: data[: len(data) * 2 // 3]),
}


@pytest.mark.parametrize("refusal", REFUSALS)
def test_a_refused_envelope_exits_2_and_writes_nothing(capsys, tmp_path, certificates, refusal):
    message, change = REFUSALS[refusal]
    recipient = certificates.ec_p256
    data = envelope(certificates.rsa if refusal == "wrong-key" else recipient)
    sent = tmp_path / "x.cdoc"
    sent.write_bytes(change(data))
    out = tmp_path / "out.pdf"
    code, text = cli(
        capsys, "decrypt", str(sent), "-o", str(out), "--key", str(pem_key(recipient, tmp_path))
    )
    assert code == 2
    assert message in text
    assert not out.exists()
    assert "Traceback" not in text


def test_a_wrong_pkcs12_password_exits_2(capsys, tmp_path, certificates, sent, monkeypatch):
    key = p12_key(certificates.rsa, tmp_path)
    monkeypatch.setenv("KEY_PASSWORD", "vale")
    out = tmp_path / "out.pdf"
    code, text = cli(
        capsys,
        "decrypt",
        str(sent),
        "-o",
        str(out),
        "--key",
        str(key),
        "--key-password-env",
        "KEY_PASSWORD",
    )
    assert code == 2 and "password" in text and not out.exists()


def test_an_envelope_of_several_files_needs_out_dir(capsys, tmp_path, certificates):
    ddoc = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<SignedDoc xmlns="http://www.sk.ee/DigiDoc/v1.3.0/digidoc.xsd" format="DIGIDOC-XML">'
        b'<DataFile ContentType="EMBEDDED_BASE64" Filename="a.pdf" Id="D0">'
        + base64.b64encode(b"first")
        + b'</DataFile><DataFile ContentType="EMBEDDED_BASE64" Filename="b.docx" Id="D1">'
        + base64.b64encode(b"second")
        + b"</DataFile></SignedDoc>"
    )
    data = envelope(certificates.rsa, data=ddoc).replace(
        b'MimeType="application/octet-stream"',
        b'MimeType="http://www.sk.ee/DigiDoc/v1.3.0/digidoc.xsd"',
        1,
    )
    sent = tmp_path / "kaks.cdoc"
    sent.write_bytes(data)
    key = pem_key(certificates.rsa, tmp_path)
    code, text = cli(capsys, "decrypt", str(sent), "-o", str(tmp_path / "x"), "--key", str(key))
    assert code == 2 and "--out-dir" in text
    folder = tmp_path / "out"
    folder.mkdir()
    code, text = cli(capsys, "decrypt", str(sent), "--out-dir", str(folder), "--key", str(key))
    assert code == 0, text
    assert (folder / "a.pdf").read_bytes() == b"first"
    assert (folder / "b.docx").read_bytes() == b"second"


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_refusals_are_translated(capsys, tmp_path, certificates, lang):
    sent = tmp_path / "x.cdoc"
    sent.write_bytes(envelope(certificates.rsa))
    code, text = cli(
        capsys,
        "decrypt",
        str(sent),
        "-o",
        str(tmp_path / "o"),
        "--key",
        str(pem_key(certificates.ec_p256, tmp_path)),
        lang=lang,
    )
    _code, english = cli(
        capsys,
        "decrypt",
        str(sent),
        "-o",
        str(tmp_path / "o"),
        "--key",
        str(pem_key(certificates.ec_p256, tmp_path)),
    )
    assert code == 2 and text != english


def _pycdoc() -> None:
    import os
    import platform
    import sys

    try:
        import pycdoc  # noqa: F401
    except ImportError:
        on_wheel_platform = sys.platform == "linux" and platform.machine() == "x86_64"
        if os.environ.get("CI") == "true" and on_wheel_platform:
            pytest.fail("pycdoc is in the test extra for this platform")
        pytest.skip("pycdoc has no wheel for this platform")


def cdoc2_envelope(*recipients: RecipientCertificate) -> bytes:
    keys = tuple(KeyData(r.pem.read_bytes(), r.pem.name) for r in recipients)
    protection = Protection(CdocEnvelope(keys, version=2))
    return asendusdoc.protect_file(DOCUMENT, "suunamine.pdf", protection).data


@pytest.mark.parametrize("recipient", ["rsa", "ec_p384"])
def test_a_cdoc2_envelope_opens_to_the_exact_bytes(capsys, tmp_path, certificates, recipient):
    _pycdoc()
    sent = tmp_path / "suunamine.pdf.cdoc"
    sent.write_bytes(cdoc2_envelope(certificates.rsa, certificates.ec_p384))
    assert sent.read_bytes().startswith(b"CDOC\x02")
    out = tmp_path / "out.pdf"
    key = pem_key(getattr(certificates, recipient), tmp_path)
    code, text = cli(capsys, "decrypt", str(sent), "-o", str(out), "--key", str(key))
    assert code == 0, text
    assert out.read_bytes() == DOCUMENT


def test_a_cdoc2_envelope_refuses_another_key_and_a_changed_byte(capsys, tmp_path, certificates):
    _pycdoc()
    data = cdoc2_envelope(certificates.rsa)
    changed = bytearray(data)
    changed[-40] ^= 1
    for content, message, key in (
        (data, "not encrypted for this key", certificates.ec_p384),
        (bytes(changed), "damaged", certificates.rsa),
    ):
        sent = tmp_path / "x.cdoc"
        sent.write_bytes(content)
        out = tmp_path / "out.pdf"
        code, text = cli(capsys, "decrypt", str(sent), "-o", str(out),
                         "--key", str(pem_key(key, tmp_path)))  # fmt: skip
        assert code == 2 and message in text and not out.exists()


def test_a_cdoc2_envelope_opens_through_pkcs11(capsys, tmp_path, certificates):
    """EC P-384, as an ID card's key (SoftHSM2 has no RSA-OAEP with SHA-256)."""
    _pycdoc()
    chosen = [certificates.ec_p384]
    with softhsm_token(tmp_path, [(r.private_key, r.certificate) for r in chosen]) as token:
        pin = tmp_path / "pin"
        pin.write_text(token.pin)
        for recipient in chosen:
            sent = tmp_path / f"{recipient.pem.stem}.cdoc"
            sent.write_bytes(cdoc2_envelope(recipient))
            out = tmp_path / f"{recipient.pem.stem}.pdf"
            code, text = cli(capsys, "decrypt", str(sent), "-o", str(out),
                             "--pkcs11", token.module, "--pin-file", str(pin))  # fmt: skip
            assert code == 0, text
            assert out.read_bytes() == DOCUMENT


def test_an_envelope_larger_than_a_form_file_opens(capsys, tmp_path, certificates):
    """A scanned annex makes a document (and its envelope) larger than a form file's limit."""
    import os

    large = b"%PDF-1.7\n" + os.urandom(11 * 1024 * 1024)
    sent = tmp_path / "suur.pdf.cdoc"
    sent.write_bytes(envelope(certificates.rsa, data=large))
    out = tmp_path / "suur.pdf"
    key = pem_key(certificates.rsa, tmp_path)
    code, text = cli(capsys, "decrypt", str(sent), "-o", str(out), "--key", str(key))
    assert code == 0, text
    assert out.read_bytes() == large
