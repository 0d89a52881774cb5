"""The ending of ``render -o`` names what is written: every ending the command accepts.

``suunamine.docx.cdoc`` is a CDOC envelope holding a DOCX, ``suunamine.pdf.asc`` an armoured
OpenPGP message holding a PDF: the document's format is read from the ending under the
envelope's, whichever envelope it is (the envelope endings are ``asendusdoc.protect``'s).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.protect import ENVELOPE_SUFFIXES
from asendusdoc.protect.openpgp import decrypt_bytes
from asendusdoc.render import render_docx, render_pdf

from .cdoc_reader import decrypt_cdoc1
from .conftest import SEAL_PASSWORD, CertificateSet, KeySet, SealFiles

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"
FORMATS = {"pdf": b"%PDF", "docx": b"PK\x03\x04"}
ENVELOPES = ["", ".cdoc", ".gpg", ".asc", ".asice", ".asice.cdoc"]


def test_the_cases_below_are_every_envelope_ending() -> None:
    assert {e for e in ENVELOPES if e.count(".") == 1} == set(ENVELOPE_SUFFIXES)


def _options(
    envelope: str, keys: KeySet, certificates: CertificateSet, seal: SealFiles
) -> list[str]:
    if envelope.startswith(".asice"):
        rest = _options(envelope.removeprefix(".asice"), keys, certificates, seal)
        return [
            "--asice-seal-with",
            str(seal.good),
            "--seal-password-env",
            "ASENDUSDOC_SEAL",
            *rest,
        ]
    if envelope == ".cdoc":
        return ["--cdoc-to", str(certificates.ec_p384.pem)]
    if envelope == ".gpg":
        return ["--encrypt-to", str(keys.good.public)]
    if envelope == ".asc":
        return ["--encrypt-to", str(keys.good.public), "--armor"]
    return []


def _opened(data: bytes, envelope: str, keys: KeySet, certificates: CertificateSet) -> bytes:
    if envelope.startswith(".asice"):
        container = _opened(data, envelope.removeprefix(".asice"), keys, certificates)
        with zipfile.ZipFile(io.BytesIO(container)) as archive:
            (name,) = [n for n in archive.namelist() if n != "mimetype" and "/" not in n]
            return archive.read(name)
    if envelope == ".cdoc":
        recipient = certificates.ec_p384
        return decrypt_cdoc1(data, recipient.private_key, recipient.certificate).data
    if envelope in (".gpg", ".asc"):
        return decrypt_bytes(data, keys.good.secret_key)
    return data


@pytest.mark.parametrize("envelope", ENVELOPES, ids=lambda e: e or "plain")
@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("upper", [False, True], ids=["lower", "upper"])
def test_render_writes_the_format_its_ending_names_inside_the_envelope_it_names(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    keys: KeySet,
    certificates: CertificateSet,
    seal_files: SealFiles,
    fmt: str,
    envelope: str,
    upper: bool,
) -> None:
    monkeypatch.setenv("ASENDUSDOC_SEAL", SEAL_PASSWORD)
    name = f"suunamine.{fmt}{envelope}"
    out = tmp_path / (name.upper() if upper else name)
    options = _options(envelope, keys, certificates, seal_files)
    code = main(["render", str(REFERRAL), "-o", str(out), *options, "--lang", "en"])
    assert code == 0, capsys.readouterr().err
    data = out.read_bytes()
    if envelope == ".asc":
        assert data.startswith(b"-----BEGIN PGP MESSAGE-----")
    plain = _opened(data, envelope, keys, certificates)
    assert plain.startswith(FORMATS[fmt])
    rendered = render_pdf(REFERRAL, "et") if fmt == "pdf" else render_docx(REFERRAL, "et")
    assert plain == rendered


@pytest.mark.parametrize("name", ["suunamine.docx.cdoc", "suunamine.pdf.gpg"])
def test_a_format_option_against_the_ending_under_the_envelope_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    keys: KeySet,
    certificates: CertificateSet,
    seal_files: SealFiles,
    name: str,
) -> None:
    other = "pdf" if ".docx" in name else "docx"
    options = _options(Path(name).suffix, keys, certificates, seal_files)
    argv = ["render", str(REFERRAL), "-o", str(tmp_path / name), "--format", other, *options]
    code = main([*argv, "--lang", "en"])
    assert code == 2
    assert "does not match the ending" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
