"""A PAdES seal on PDFs: valid for pyhanko and poppler's pdfsig, broken by any change."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import asendusdoc
from asendusdoc import KeyData, Protection, Seal
from asendusdoc.cli import main
from asendusdoc.errors import EncryptionError
from asendusdoc.protect.seal import seal_summary
from asendusdoc.render import render_pdf

from .cdoc_reader import decrypt_cdoc1
from .conftest import SEAL_PASSWORD, CertificateSet, SealFiles

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"


def cli(capsys: pytest.CaptureFixture[str], *argv: str, lang: str = "en") -> tuple[int, str]:
    code = main([*argv, "--lang", lang])
    out, err = capsys.readouterr()
    return code, out + err


def _seal(seal_files: SealFiles) -> Seal:
    return Seal(KeyData(seal_files.good.read_bytes(), "pitsat.p12"), SEAL_PASSWORD.encode())


def _pyhanko_status(pdf: bytes, seal_files: SealFiles) -> object:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(seal_files.certificate.public_bytes(Encoding.DER))
    (signature,) = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))


def _pdfsig(path: Path) -> str:
    if shutil.which("pdfsig") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdfsig (poppler-utils) is missing in CI")
        pytest.skip("pdfsig (poppler-utils) is not installed")
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def _changed(pdf: bytes) -> bytes:
    """One byte changed inside the signed part (a letter of the title), structure intact."""
    at = pdf.index(b"Peretoe teenusele")
    return pdf[:at] + b"X" + pdf[at + 1 :]


@pytest.fixture(scope="module")
def sealed(seal_files: SealFiles) -> bytes:
    product = asendusdoc.produce(REFERRAL, "et", "pdf", Protection(seal=_seal(seal_files)))
    return product.data


def test_a_sealed_pdf_validates_with_pyhanko(sealed: bytes, seal_files: SealFiles) -> None:
    status = _pyhanko_status(sealed, seal_files)
    assert status.bottom_line, status.pretty_print_details()  # type: ignore[attr-defined]
    assert status.intact and status.valid  # type: ignore[attr-defined]
    assert status.coverage.name == "ENTIRE_FILE"  # type: ignore[attr-defined]


def test_a_changed_byte_makes_pyhanko_say_invalid(sealed: bytes, seal_files: SealFiles) -> None:
    status = _pyhanko_status(_changed(sealed), seal_files)
    assert not status.intact  # type: ignore[attr-defined]
    assert not status.bottom_line  # type: ignore[attr-defined]


def test_pdfsig_says_valid_and_a_changed_byte_invalid(sealed: bytes, tmp_path: Path) -> None:
    good = tmp_path / "sealed.pdf"
    good.write_bytes(sealed)
    report = _pdfsig(good)
    assert "Signature is Valid" in report, report
    assert "ETSI.CAdES.detached" in report
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(_changed(sealed))
    report = _pdfsig(changed)
    assert "Signature is Valid" not in report
    assert "Signature is Invalid" in report or "Digest Mismatch" in report, report


def test_the_visible_document_is_unchanged(sealed: bytes) -> None:
    from pypdf import PdfReader

    plain = render_pdf(REFERRAL, "et")
    assert sealed.startswith(plain)  # an incremental update: the original bytes stay as they were
    sealed_pages = PdfReader(io.BytesIO(sealed)).pages
    plain_pages = PdfReader(io.BytesIO(plain)).pages
    assert [p.extract_text() for p in sealed_pages] == [p.extract_text() for p in plain_pages]
    widgets = [
        annotation.get_object()
        for page in sealed_pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/FT") == "/Sig"
    ]
    assert widgets and all([float(x) for x in w["/Rect"]] == [0.0, 0.0, 0.0, 0.0] for w in widgets)


def test_render_seal_then_cdoc_and_the_caseworker_sees_who_sealed(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seal_files: SealFiles,
    certificates: CertificateSet,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASENDUSDOC_SEAL_PASSWORD", SEAL_PASSWORD)
    out = tmp_path / "suunamine.pdf.cdoc"
    code, text = cli(capsys, "render", str(REFERRAL), "-o", str(out),
                     "--seal-with", str(seal_files.good),
                     "--seal-password-env", "ASENDUSDOC_SEAL_PASSWORD",
                     "--cdoc-to", str(certificates.rsa.pem))  # fmt: skip
    assert code == 0, text
    assert "sealed with the certificate" in text and "TESTNIMI PITSAT (" in text
    opened = decrypt_cdoc1(
        out.read_bytes(), certificates.rsa.private_key, certificates.rsa.certificate
    )
    assert opened.file_name == "suunamine.pdf"
    assert _pyhanko_status(opened.data, seal_files).bottom_line  # type: ignore[attr-defined]


def test_a_pkcs12_without_password_seals_and_the_password_file_works(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seal_files: SealFiles
) -> None:
    out = tmp_path / "a.pdf"
    code, text = cli(capsys, "render", str(REFERRAL), "-o", str(out),
                     "--seal-with", str(seal_files.no_password))  # fmt: skip
    assert code == 0, text
    password = tmp_path / "parool.txt"
    password.write_text(SEAL_PASSWORD + "\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, text = cli(capsys, "render", str(REFERRAL), "--out-dir", str(out_dir), "--json",
                     "--seal-with", str(seal_files.good),
                     "--seal-password-file", str(password))  # fmt: skip
    assert code == 0, text
    assert '"seal": {"source": "' in text
    (written,) = out_dir.iterdir()
    assert _pyhanko_status(written.read_bytes(), seal_files).bottom_line  # type: ignore[attr-defined]


REFUSALS = {
    "wrong_password": ("seal_bad_password", "wrong or missing"),
    "no_password_given": ("seal_bad_password", "wrong or missing"),
    "expired": ("seal_expired", "not valid now"),
    "signing_forbidden": ("seal_key_usage", "may not sign"),
    "certificate_only": ("seal_not_pkcs12", "not a PKCS#12"),
    "garbage": ("seal_not_pkcs12", "not a PKCS#12"),
    "empty": ("seal_not_pkcs12", "not a PKCS#12"),
}


def _refusal_case(case: str, tmp_path: Path, seal_files: SealFiles, certificates: CertificateSet
                  ) -> tuple[Path, str | None]:  # fmt: skip
    if case == "wrong_password":
        return seal_files.good, "vale-parool"
    if case == "no_password_given":
        return seal_files.good, None
    if case in ("expired", "signing_forbidden"):
        return getattr(seal_files, case), SEAL_PASSWORD
    path = tmp_path / f"{case}.p12"
    path.write_bytes(
        {"certificate_only": certificates.rsa.der.read_bytes(), "garbage": b"\x30\x03abc" * 9,
         "empty": b""}[case]
    )  # fmt: skip
    return path, SEAL_PASSWORD


@pytest.mark.parametrize("case", list(REFUSALS))
def test_every_seal_refusal_exits_2_names_the_file_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seal_files: SealFiles,
    certificates: CertificateSet,
    case: str,
) -> None:
    p12, password = _refusal_case(case, tmp_path, seal_files, certificates)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    argv = ["render", str(REFERRAL), "-o", str(out_dir / "a.pdf"), "--seal-with", str(p12)]
    if password is not None:
        password_file = tmp_path / "password.txt"
        password_file.write_text(password, encoding="utf-8")
        argv += ["--seal-password-file", str(password_file)]
    for lang in ("en", "et", "ru"):
        code, text = cli(capsys, *argv, lang=lang)
        assert code == 2
        assert str(p12) in text
        assert "Traceback" not in text
        if lang == "en":
            assert REFUSALS[case][1] in text, text
    assert list(out_dir.iterdir()) == []
    with pytest.raises(EncryptionError) as caught:
        seal_summary(
            Seal(KeyData(p12.read_bytes(), p12.name), password.encode() if password else None)
        )
    assert caught.value.code == REFUSALS[case][0]


def test_a_seal_with_a_pdf_password_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seal_files: SealFiles
) -> None:
    password = tmp_path / "parool.txt"
    password.write_text("pikk-parool\n", encoding="utf-8")
    out = tmp_path / "a.pdf"
    code, text = cli(capsys, "render", str(REFERRAL), "-o", str(out),
                     "--seal-with", str(seal_files.no_password),
                     "--password-file", str(password))  # fmt: skip
    assert code == 2 and "seal and a PDF password" in text
    assert not out.exists()


def test_a_seal_on_docx_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seal_files: SealFiles
) -> None:
    out = tmp_path / "a.docx"
    code, text = cli(capsys, "render", str(REFERRAL), "--format", "docx", "-o", str(out),
                     "--seal-with", str(seal_files.no_password))  # fmt: skip
    assert code == 2 and "PDF files only" in text
    assert not out.exists()
