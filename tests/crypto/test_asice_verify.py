"""``verify``: libdigidocpp's own test containers, and our documents sealed in ASiC-E containers,
whole and tampered with in five ways."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

import asendusdoc
from asendusdoc.cli import main

from .conftest import SealFiles

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "asice"
REFERRAL = ROOT / "examples" / "family-support-referral.json"
TEST_CA = ("--trust", str(SHARED / "ca.crt"), "--trust", str(SHARED / "inter.crt"))


def cli(capsys: pytest.CaptureFixture[str], *argv: str, lang: str = "en") -> tuple[int, str, str]:
    code = main([*argv, "--lang", lang])
    out, err = capsys.readouterr()
    return code, out, err


def verify_json(capsys: pytest.CaptureFixture[str], path: Path, *trust: str) -> tuple[int, dict]:
    code, out, _err = cli(capsys, "verify", str(path), "--json", *trust)
    return code, json.loads(out)


@pytest.fixture(autouse=True)
def _shared_data() -> None:
    if not SHARED.is_dir():
        pytest.fail(f"the shared ASiC-E test data is missing: {SHARED}")


# --------------------------------------------------------------- libdigidocpp's containers


def test_libdigidocpp_time_mark_container_is_read_and_not_confirmed(capsys):
    code, report = verify_json(capsys, SHARED / "test.asice", *TEST_CA)
    assert code == 1
    assert report["files"] == ["test1.txt"]
    (signature,) = report["signatures"]
    assert signature["status"] == "indeterminate"
    assert signature["profile"] == "time-mark"
    assert signature["signer"] == "signer1"
    assert signature["reason"] == "chain_untrusted"  # its issuer is not among these files


def test_libdigidocpp_time_mark_container_says_why_in_words(capsys):
    code, out, err = cli(capsys, "verify", str(SHARED / "test.asice"), *TEST_CA)
    assert code == 1 and not err
    assert "does not lead to a trusted certificate" in out
    assert "time-mark" in out


def test_a_data_file_in_a_folder_is_read_and_there_is_no_signature(capsys):
    code, report = verify_json(capsys, SHARED / "asice-path.asice")
    assert code == 1
    assert report["files"] == ["folder/test1.txt"]
    assert report["signatures"] == []
    code, out, _err = cli(capsys, "verify", str(SHARED / "asice-path.asice"))
    assert "no signature" in out


@pytest.mark.parametrize("name", ["dot.asice", "pt-empty.asice"])
def test_a_manifest_entry_that_is_dot_or_empty_is_refused(capsys, name):
    code, out, err = cli(capsys, "verify", str(SHARED / name))
    assert code == 2
    assert not out
    assert "leads out of the container" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("path", ["../evil.txt", "/etc/passwd", "a/../../b", "a\\b"])
def test_a_member_outside_the_container_is_refused(tmp_path, capsys, path):
    container = _container({"ok.txt": b"1", path: b"2"}, manifest=["ok.txt"])
    target = tmp_path / "evil.asice"
    target.write_bytes(container)
    code, _out, err = cli(capsys, "verify", str(target))
    assert code == 2
    assert "leads out of the container" in err


def test_a_zip_whose_mimetype_is_not_first_is_not_a_container(tmp_path, capsys):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("META-INF/manifest.xml", _manifest(["a.txt"]))
        package.writestr("mimetype", "application/vnd.etsi.asic-e+zip")
        package.writestr("a.txt", "1")
    target = tmp_path / "wrong.asice"
    target.write_bytes(buffer.getvalue())
    code, _out, err = cli(capsys, "verify", str(target))
    assert code == 2
    assert "mimetype" in err


def _manifest(names: list[str]) -> str:
    ns = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    entries = "".join(
        f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type="text/plain"/>'
        for n in names
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{ns}">'
        '<manifest:file-entry manifest:full-path="/" '
        f'manifest:media-type="application/vnd.etsi.asic-e+zip"/>{entries}</manifest:manifest>'
    )


def _container(files: dict[str, bytes], manifest: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.etsi.asic-e+zip")
        package.writestr("META-INF/manifest.xml", _manifest(manifest))
        for name, data in files.items():
            package.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


# --------------------------------------------------------------- our documents, sealed


SIGNERS = {"signer1": "signer1.p12", "signerEC": "signerEC.p12"}


@pytest.fixture(scope="module")
def sealed(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Our referral as PDF and DOCX, each sealed with signer1 and signerEC (B-B)."""
    folder = tmp_path_factory.mktemp("sealed")
    made: dict[tuple[str, str], Path] = {}
    for fmt in ("pdf", "docx"):
        document = folder / f"suunamine.{fmt}"
        document.write_bytes(asendusdoc.produce(REFERRAL, "et", fmt).data)
        for signer, p12 in SIGNERS.items():
            target = folder / f"{signer}-suunamine.{fmt}.asice"
            password = folder / f"{signer}.password"
            password.write_text(signer)
            code = main(
                [
                    "seal",
                    str(document),
                    "--asice-seal-with",
                    str(SHARED / p12),
                    "--seal-password-file",
                    str(password),
                    "-o",
                    str(target),
                ]
            )
            assert code == 0
            made[fmt, signer] = target
    return made


CASES = [(fmt, signer) for fmt in ("pdf", "docx") for signer in SIGNERS]


@pytest.mark.parametrize(("fmt", "signer"), CASES, ids=[f"{f}-{s}" for f, s in CASES])
def test_our_sealed_document_verifies_as_valid(capsys, sealed, fmt, signer):
    code, report = verify_json(capsys, sealed[fmt, signer], *TEST_CA)
    assert code == 0, report
    (signature,) = report["signatures"]
    assert signature["status"] == "valid"
    assert signature["profile"] == "B-B"
    assert signature["time"] == "claimed"
    assert report["files"] == [f"suunamine.{fmt}"]


@pytest.mark.parametrize(("fmt", "signer"), CASES, ids=[f"{f}-{s}" for f, s in CASES])
def test_extract_gives_back_the_form_from_the_container(capsys, sealed, tmp_path, fmt, signer):
    out = tmp_path / "form.json"
    code, _out, err = cli(capsys, "extract", str(sealed[fmt, signer]), "-o", str(out), *TEST_CA)
    assert code == 0, err
    assert json.loads(out.read_text()) == json.loads(REFERRAL.read_text())
    assert "valid" in err  # the one-line signature summary


def test_without_the_test_ca_the_signature_is_not_confirmed(capsys, sealed):
    code, report = verify_json(capsys, sealed["pdf", "signer1"])
    assert code == 1
    assert report["signatures"][0]["reason"] == "chain_untrusted"


def _rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the container with ``change(members)`` applied to its members' bytes."""
    with zipfile.ZipFile(source) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    change(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in members.items():
            kind = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            package.writestr(zipfile.ZipInfo(name), data, compress_type=kind)
    target.write_bytes(buffer.getvalue())
    return target


def _change_pdf_byte(members):
    pdf = members["suunamine.pdf"]
    at = pdf.index(b"/Producer") + 2
    members["suunamine.pdf"] = pdf[:at] + bytes([pdf[at] ^ 1]) + pdf[at + 1 :]


def _change_signing_time(members):
    xml = members["META-INF/signatures0.xml"]
    at = xml.index(b"<xades:SigningTime>") + len(b"<xades:SigningTime>")
    members["META-INF/signatures0.xml"] = xml[:at] + b"1999" + xml[at + 4 :]


def _replace_certificate(members):
    import base64
    import re

    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _key, other, _chain = pkcs12.load_key_and_certificates(
        (SHARED / "signer2.p12").read_bytes(), b"signer2"
    )
    der = base64.b64encode(other.public_bytes(Encoding.DER))
    members["META-INF/signatures0.xml"] = re.sub(
        rb"<ds:X509Certificate>[^<]+</ds:X509Certificate>",
        b"<ds:X509Certificate>" + der + b"</ds:X509Certificate>",
        members["META-INF/signatures0.xml"],
    )


def _remove_file(members):
    del members["suunamine.pdf"]


def _add_unsigned_file(members):
    members["lisa.txt"] = b"added after signing"
    members["META-INF/manifest.xml"] = members["META-INF/manifest.xml"].replace(
        b"</manifest:manifest>",
        b'<manifest:file-entry manifest:full-path="lisa.txt" manifest:media-type="text/plain"/>'
        b"</manifest:manifest>",
    )


TAMPERINGS = {
    "changed-pdf-byte": (_change_pdf_byte, "file_changed"),
    "changed-signatures0-xml": (_change_signing_time, "signed_properties_changed"),
    "replaced-certificate": (_replace_certificate, "certificate_replaced"),
    "removed-file": (_remove_file, "file_missing"),
    "added-unsigned-file": (_add_unsigned_file, "file_unsigned"),
}


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_each_tampering_is_invalid_with_its_own_reason(capsys, sealed, tmp_path, tampering):
    change, reason = TAMPERINGS[tampering]
    target = _rewrite(sealed["pdf", "signer1"], tmp_path / "t.asice", change)
    code, report = verify_json(capsys, target, *TEST_CA)
    assert code == 1
    (signature,) = report["signatures"]
    assert (signature["status"], signature["reason"]) == ("invalid", reason)


def test_reading_commands_refuse_an_invalid_container_unless_told(capsys, sealed, tmp_path):
    target = _rewrite(sealed["pdf", "signer1"], tmp_path / "t.asice", _change_signing_time)
    code, _out, err = cli(capsys, "validate", str(target), *TEST_CA)
    assert code == 1
    assert "INVALID" in err and "--ignore-signatures" in err
    code, out, _err = cli(capsys, "validate", str(target), *TEST_CA, "--ignore-signatures")
    assert code == 0
    assert "valid" in out


def test_the_report_never_shows_a_personal_code(capsys, seal_files: SealFiles, tmp_path):
    from cryptography.hazmat.primitives.serialization import Encoding

    from .conftest import SEAL_PASSWORD

    document = tmp_path / "aruanne.txt"
    document.write_text("aruanne")
    password = tmp_path / "password"
    password.write_text(SEAL_PASSWORD)
    target = tmp_path / "aruanne.asice"
    assert (
        main(
            [
                "seal",
                str(document),
                "--asice-seal-with",
                str(seal_files.good),
                "--seal-password-file",
                str(password),
                "-o",
                str(target),
            ]
        )
        == 0
    )
    trusted = tmp_path / "pitsat.pem"
    trusted.write_bytes(seal_files.certificate.public_bytes(Encoding.PEM))
    for extra in ((), ("--json",)):
        code, out, err = cli(capsys, "verify", str(target), "--trust", str(trusted), *extra)
        assert code == 0, out + err
        assert "60001019906" not in out + err
        assert "TESTNIMI" in out


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_the_report_speaks_the_language_asked(capsys, sealed, lang):
    code, out_en, _ = cli(capsys, "verify", str(sealed["pdf", "signer1"]), *TEST_CA)
    code, out, _ = cli(capsys, "verify", str(sealed["pdf", "signer1"]), *TEST_CA, lang=lang)
    assert code == 0
    assert out != out_en


def test_a_signing_time_outside_the_signed_properties_is_not_believed(capsys, sealed, tmp_path):
    def forged_time(members):
        xml = members["META-INF/signatures0.xml"]
        forged = (
            b"<xades:SignedSignatureProperties><xades:SigningTime>2001-01-01T00:00:00Z"
            b"</xades:SigningTime></xades:SignedSignatureProperties></ds:KeyInfo>"
        )
        members["META-INF/signatures0.xml"] = xml.replace(b"</ds:KeyInfo>", forged, 1)

    target = _rewrite(sealed["pdf", "signer1"], tmp_path / "t.asice", forged_time)
    code, report = verify_json(capsys, target, *TEST_CA)
    assert code == 0, report
    assert not report["signatures"][0]["signing_time"].startswith("2001")


def test_a_certificate_not_valid_at_the_signing_time_is_invalid():
    import datetime as dt

    from cryptography.hazmat.primitives.serialization import pkcs12

    from asendusdoc.protect.asice import DataFile, build_container, sign_xades

    key, certificate, _chain = pkcs12.load_key_and_certificates(
        (SHARED / "signer1.p12").read_bytes(), b"signer1"
    )
    files = [DataFile("a.txt", b"aruanne", "text/plain")]
    before = certificate.not_valid_before_utc - dt.timedelta(days=30)
    data = build_container(files, sign_xades(files, key, certificate, now=before))
    trusted = [(SHARED / "ca.crt").read_bytes(), (SHARED / "inter.crt").read_bytes()]
    (signature,) = asendusdoc.verify_container(data, trusted).signatures
    assert (signature.status, signature.reason) == ("invalid", "certificate_not_valid_at_time")
