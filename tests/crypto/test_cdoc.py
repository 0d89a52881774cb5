"""CDOC envelopes to X.509 certificates: what the recipient opens in DigiDoc4 with an ID card."""

from __future__ import annotations

import base64
import json
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import asendusdoc
from asendusdoc import CdocEnvelope, KeyData, Protection
from asendusdoc.cli import main
from asendusdoc.errors import EncryptionError
from asendusdoc.render import render_docx, render_pdf

from .cdoc_reader import decrypt_cdoc1
from .conftest import CertificateSet, KeySet

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"


def cli(capsys: pytest.CaptureFixture[str], *argv: str, lang: str = "en") -> tuple[int, str, str]:
    code = main([*argv, "--lang", lang])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_render_to_an_ec_p384_and_an_rsa_certificate_decrypts_with_each_key_to_the_plain_render(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, certificates: CertificateSet, fmt: str
) -> None:
    out = tmp_path / f"suunamine.{fmt}.cdoc"
    code, _out, err = cli(capsys, "render", str(REFERRAL), "--format", fmt, "-o", str(out),
                          "--cdoc-to", str(certificates.ec_p384.der),
                          "--cdoc-to", str(certificates.rsa.pem))  # fmt: skip
    assert code == 0, err
    plain = render_pdf(REFERRAL, "et") if fmt == "pdf" else render_docx(REFERRAL, "et")
    envelope = out.read_bytes()
    assert plain not in envelope
    for recipient in (certificates.ec_p384, certificates.rsa):
        opened = decrypt_cdoc1(envelope, recipient.private_key, recipient.certificate)
        assert opened.data == plain
        assert opened.file_name == f"suunamine.{fmt}"
    assert opened.properties["DocumentFormat"] == "ENCDOC-XML|1.1"
    assert opened.recipient_labels == ["TESTNIMI,MARI", "TESTNIMI,SKA"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_the_caseworker_sees_subject_serial_validity_and_fingerprint_of_each_recipient(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, certificates: CertificateSet
) -> None:
    from cryptography.hazmat.primitives import hashes

    out = tmp_path / "suunamine.pdf.cdoc"
    code, _out, err = cli(capsys, "render", str(REFERRAL), "-o", str(out),
                          "--cdoc-to", str(certificates.ec_p384.pem), lang="et")  # fmt: skip
    assert code == 0, err
    certificate = certificates.ec_p384.certificate
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex().upper()
    assert ":".join(fingerprint[i : i + 2] for i in range(0, 64, 2)) in err
    assert "sertifikaadile TESTNIMI MARI (" in err  # the name, never the personal code
    assert "60001019906" not in err and "CN=" not in err
    assert format(certificate.serial_number, "X") in err
    assert str(certificate.not_valid_after_utc.year) in err
    assert "krüpteeritud sertifikaadile" in err


def test_cdoc_1_1_is_the_default_and_out_dir_names_end_in_cdoc(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, certificates: CertificateSet
) -> None:
    code, out, err = cli(capsys, "render", str(REFERRAL), "--out-dir", str(tmp_path), "--json",
                         "--cdoc-to", str(certificates.ec_p256.pem))  # fmt: skip
    assert code == 0, err
    (written,) = tmp_path.iterdir()
    assert written.name == "family-support-referral.pdf.cdoc"
    assert written.read_bytes().startswith(b"<?xml")
    opened = decrypt_cdoc1(
        written.read_bytes(), certificates.ec_p256.private_key, certificates.ec_p256.certificate
    )
    assert opened.data == render_pdf(REFERRAL, "et")
    assert opened.file_name == "family-support-referral.pdf"
    (record,) = [json.loads(line) for line in out.splitlines()]
    (recipient,) = record["recipients"]
    assert recipient["kind"] == "x509"
    assert recipient["subject"].startswith("2.5.4.5=PNOEE-") or "TESTNIMI" in recipient["subject"]
    assert recipient["valid_until"].startswith(
        str(certificates.ec_p256.certificate.not_valid_after_utc.year)
    )


def test_encrypt_any_file_keeps_its_name_inside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, certificates: CertificateSet
) -> None:
    out = tmp_path / "suunamine.json.cdoc"
    code, _out, err = cli(capsys, "encrypt", str(REFERRAL), "--cdoc-to", str(certificates.rsa.der),
                          "-o", str(out))  # fmt: skip
    assert code == 0, err
    opened = decrypt_cdoc1(
        out.read_bytes(), certificates.rsa.private_key, certificates.rsa.certificate
    )
    assert opened.data == REFERRAL.read_bytes()
    assert opened.file_name == "family-support-referral.json"


def test_a_certificate_given_twice_is_one_recipient(certificates: CertificateSet) -> None:
    key = KeyData(certificates.ec_p384.pem.read_bytes(), "mari.pem")
    product = asendusdoc.produce(
        REFERRAL, "et", "pdf", Protection(envelope=CdocEnvelope((key, key)))
    )
    assert len(product.recipients) == 1
    assert product.file_name == "family-support-referral.pdf.cdoc"
    assert product.media_type == "application/x-cdoc"
    opened = decrypt_cdoc1(
        product.data, certificates.ec_p384.private_key, certificates.ec_p384.certificate
    )
    assert len(opened.recipient_labels) == 1


def test_another_certificates_key_cannot_open_it(certificates: CertificateSet) -> None:
    key = KeyData(certificates.ec_p384.der.read_bytes(), "mari.cer")
    product = asendusdoc.produce(REFERRAL, "et", "pdf", Protection(envelope=CdocEnvelope((key,))))
    with pytest.raises(AssertionError, match="no EncryptedKey"):
        decrypt_cdoc1(
            product.data, certificates.ec_p256.private_key, certificates.ec_p256.certificate
        )


REFUSALS: dict[str, tuple[str, dict[str, str]]] = {
    "expired": ("certificate_expired", {"en": "expired", "et": "aegus", "ru": "истёк"}),
    "not_yet_valid": (
        "certificate_not_yet_valid",
        {"en": "valid only from", "et": "kehtib alles", "ru": "действителен только с"},
    ),
    "signing_only": (
        "certificate_key_usage",
        {"en": "key usage", "et": "võtmekasutus", "ru": "назначение ключа"},
    ),
    "secp256k1": ("certificate_key_unsupported", dict.fromkeys(("en", "et", "ru"), "secp256k1")),
    "ed25519": ("certificate_key_unsupported", dict.fromkeys(("en", "et", "ru"), "Ed25519")),
    "private_key": (
        "not_a_certificate",
        {"en": "private key", "et": "privaatvõti", "ru": "закрытый ключ"},
    ),
    "openpgp": ("not_a_certificate", dict.fromkeys(("en", "et", "ru"), "OpenPGP")),
    "garbage": (
        "not_a_certificate",
        {"en": "not a certificate", "et": "ei ole sertifikaat", "ru": "не является сертификатом"},
    ),
    "empty": ("not_a_certificate", {"en": "empty", "et": "tühi", "ru": "пуст"}),
}


def _refused_file(case: str, tmp_path: Path, certificates: CertificateSet, keys: KeySet) -> Path:
    from cryptography.hazmat.primitives import serialization

    if hasattr(certificates, case):
        return getattr(certificates, case).pem
    path = tmp_path / f"{case}.pem"
    if case == "private_key":
        path.write_bytes(
            certificates.ec_p384.private_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    elif case == "openpgp":
        path.write_bytes(keys.good.public_binary.read_bytes())
    elif case == "garbage":
        path.write_bytes(b"\x30\x82garbage that is not DER" * 3)
    else:
        path.write_bytes(b"")
    return path


@pytest.mark.parametrize("lang", ["en", "et", "ru"])
@pytest.mark.parametrize("case", list(REFUSALS))
def test_every_certificate_refusal_exits_2_names_the_file_and_the_reason_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    certificates: CertificateSet,
    keys: KeySet,
    case: str,
    lang: str,
) -> None:
    bad = _refused_file(case, tmp_path, certificates, keys)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = str(out_dir / "x.pdf.cdoc")
    code, out, err = cli(capsys, "render", str(REFERRAL), "-o", target,
                         "--cdoc-to", str(certificates.rsa.pem), "--cdoc-to", str(bad),
                         lang=lang)  # fmt: skip
    assert code == 2
    assert str(bad) in err
    assert REFUSALS[case][1][lang] in err, err
    assert "Traceback" not in out + err
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("case", list(REFUSALS))
def test_the_library_refuses_with_a_stable_code(
    tmp_path: Path, certificates: CertificateSet, keys: KeySet, case: str
) -> None:
    bad = _refused_file(case, tmp_path, certificates, keys)
    envelope = CdocEnvelope((KeyData(bad.read_bytes(), bad.name),))
    with pytest.raises(EncryptionError) as caught:
        asendusdoc.produce(REFERRAL, "et", "pdf", Protection(envelope=envelope))
    assert caught.value.code == REFUSALS[case][0]
    assert caught.value.params["path"] == bad.name


def test_a_missing_certificate_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = cli(capsys, "render", str(REFERRAL), "-o", str(tmp_path / "x.pdf.cdoc"),
                          "--cdoc-to", str(tmp_path / "SKA.cer"))  # fmt: skip
    assert code == 2 and "SKA.cer" in err and "does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_cdoc_and_openpgp_together_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, certificates: CertificateSet, keys: KeySet
) -> None:
    code, _out, err = cli(capsys, "render", str(REFERRAL), "-o", str(tmp_path / "x.pdf.cdoc"),
                          "--cdoc-to", str(certificates.rsa.pem),
                          "--encrypt-to", str(keys.good.public))  # fmt: skip
    assert code == 2 and "not both" in err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- CDOC 2.0 (pycdoc)

PYCDOC_SERVES_THIS_PLATFORM = (sys.platform, platform.machine()) == ("linux", "x86_64")
"""pycdoc's wheels: manylinux_2_28 x86_64 and win_amd64; CDOC 2.0 also needs /dev/stdout."""


def _pycdoc() -> Any:
    """pycdoc, which CI installs (test extra) wherever it has a wheel; elsewhere, skip."""
    if not PYCDOC_SERVES_THIS_PLATFORM:
        pytest.skip("CDOC 2.0 is written on Linux x86_64 only (pycdoc's wheels, /dev/stdout)")
    import pycdoc  # the test extra installs it here: a missing pycdoc fails

    return pycdoc


def _open_with_libcdoc(path: Path, recipient: Any, certificates: CertificateSet) -> dict[str, Any]:
    """What ``libcdoc_open.py`` (libcdoc's reader, in its own process) finds in ``path``."""
    from cryptography.hazmat.primitives import serialization

    _pycdoc()
    key = path.with_name("recipient.key.pem")
    key.write_bytes(
        recipient.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("libcdoc_open.py")), str(path), str(key),
             str(recipient.der), str(certificates.ec_p384.der), str(certificates.rsa.der)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    finally:
        key.unlink()
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    found["data"] = base64.b64decode(found["data"])
    return found


@pytest.mark.parametrize("recipient_name", ["ec_p384", "rsa"])
def test_libcdoc_the_reader_of_digidoc4_opens_our_cdoc_1_1(
    tmp_path: Path, certificates: CertificateSet, recipient_name: str
) -> None:
    envelope = CdocEnvelope(
        (
            KeyData(certificates.ec_p384.pem.read_bytes(), "mari.pem"),
            KeyData(certificates.rsa.der.read_bytes(), "ska.cer"),
        )
    )
    product = asendusdoc.produce(
        REFERRAL, "et", "pdf", Protection(envelope=envelope), name="suunamine"
    )
    path = tmp_path / product.file_name
    path.write_bytes(product.data)
    found = _open_with_libcdoc(path, getattr(certificates, recipient_name), certificates)
    assert found["version"] == 1
    assert found["locks"] == [
        ["TESTNIMI,MARI", True, False, "http://www.w3.org/2001/04/xmlenc#kw-aes256"],
        ["TESTNIMI,SKA", True, True, "http://www.w3.org/2001/04/xmlenc#rsa-1_5"],
    ]
    assert found["has_lock"] == [True, True]
    assert (found["name"], found["data"], found["authentic"]) == (
        "suunamine.pdf",
        render_pdf(REFERRAL, "et"),
        True,
    )


def test_cdoc_version_2_writes_a_cdoc2_file_that_the_rsa_recipient_opens(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, certificates: CertificateSet
) -> None:
    _pycdoc()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _out, err = cli(capsys, "render", str(REFERRAL), "--out-dir", str(out_dir),
                          "--cdoc-version", "2", "--cdoc-to", str(certificates.ec_p384.pem),
                          "--cdoc-to", str(certificates.rsa.der))  # fmt: skip
    assert code == 0, err
    (written,) = out_dir.iterdir()
    assert written.name == "family-support-referral.pdf.cdoc"
    assert written.read_bytes().startswith(b"CDOC\x02")
    found = _open_with_libcdoc(written, certificates.rsa, certificates)
    assert found["version"] == 2
    assert [lock[1:3] for lock in found["locks"]] == [[True, False], [True, True]]
    assert found["has_lock"] == [True, True]
    assert (found["name"], found["data"], found["authentic"]) == (
        "family-support-referral.pdf",
        render_pdf(REFERRAL, "et"),
        True,
    )
    assert err.count("SHA-256") == 2


def test_a_changed_byte_in_a_cdoc2_file_does_not_open(
    tmp_path: Path, certificates: CertificateSet
) -> None:
    _pycdoc()
    key = KeyData(certificates.rsa.pem.read_bytes(), "ska.pem")
    product = asendusdoc.produce(
        REFERRAL, "et", "pdf", Protection(envelope=CdocEnvelope((key,), version=2))
    )
    assert product.file_name.endswith(".pdf.cdoc")
    assert product.media_type == "application/x-cdoc2"
    changed = bytearray(product.data)
    changed[-40] ^= 0x01
    path = tmp_path / "changed.cdoc2"
    path.write_bytes(bytes(changed))
    assert not _open_with_libcdoc(path, certificates.rsa, certificates)["authentic"]
    path.write_bytes(product.data)
    assert _open_with_libcdoc(path, certificates.rsa, certificates)["authentic"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "pycdoc"), ("et", "pycdoc"), ("ru", "pycdoc")],
)
def test_cdoc_2_without_pycdoc_is_refused_clearly_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    certificates: CertificateSet,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    expected: str,
) -> None:
    monkeypatch.setitem(sys.modules, "pycdoc", None)  # import pycdoc now raises ImportError
    code, out, err = cli(capsys, "render", str(REFERRAL), "-o", str(tmp_path / "x.pdf.cdoc2"),
                         "--cdoc-version", "2", "--cdoc-to", str(certificates.rsa.pem),
                         lang=lang)  # fmt: skip
    assert code == 2
    assert "asendusdoc[cdoc]" in err and expected in err
    assert {"en": "not installed", "et": "ei ole paigaldatud", "ru": "не установлен"}[lang] in err
    assert "Traceback" not in out + err
    assert list(tmp_path.iterdir()) == []


def test_encrypt_from_standard_input_names_the_document_after_the_output(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    certificates: CertificateSet,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(REFERRAL.read_bytes())))
    out = tmp_path / "suunamine.json.cdoc"
    code, _out, err = cli(capsys, "encrypt", "-", "--cdoc-to", str(certificates.rsa.der),
                          "-o", str(out))  # fmt: skip
    assert code == 0, err
    opened = decrypt_cdoc1(
        out.read_bytes(), certificates.rsa.private_key, certificates.rsa.certificate
    )
    assert (opened.file_name, opened.data) == ("suunamine.json", REFERRAL.read_bytes())


def test_a_der_certificate_ending_in_a_whitespace_byte_is_still_a_certificate() -> None:
    """DER is binary: a signature whose last byte is 0x20 or 0x0a must not be stripped away."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import NameOID

    from asendusdoc.protect._certificates import load_recipient_certificate

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TEST Mari")])
    now = dt.datetime.now(dt.UTC)
    for _attempt in range(2_000):
        key = ec.generate_private_key(ec.SECP256R1())
        der = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256())
            .public_bytes(Encoding.DER)
        )
        if der[-1:].isspace():
            break
    else:
        pytest.fail("no certificate ending in a whitespace byte was made")
    assert load_recipient_certificate(KeyData(der, "mari.cer")).public_bytes(Encoding.DER) == der
