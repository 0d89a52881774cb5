"""The second opinion of libdigidocpp (DigiDoc4's library, through pydigidoc): it accepts the
containers we make, and we verify the containers it makes.

libdigidocpp trusts only the EU trust lists, which hold no test CA: with our test keys it
reports the signer's certificate as not verifiable, and nothing else. A changed file makes it
report more; that is what the tests tell apart. pydigidoc has wheels for Linux x86_64 and
CPython 3.11 only: elsewhere these tests are skipped (in CI on that platform they must run).
"""

from __future__ import annotations

import os
import platform
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import asendusdoc
from asendusdoc import AsiceSeal, DataFile, KeyData

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "asice"
TRUST_ONLY = {
    "Signature validation",
    "Unable to verify signing certificate",
    "unable to get local issuer certificate",
    "QualifyingProperties block 'UnsignedProperties' is missing.",  # B-B: no LT data
}


@pytest.fixture(scope="module")
def digidoc() -> Any:
    try:
        import pydigidoc
    except ImportError:
        supported = sys.platform == "linux" and platform.machine() == "x86_64"
        if os.environ.get("CI") == "true" and supported and sys.version_info[:2] == (3, 11):
            pytest.fail("pydigidoc is in the test extra for this platform")
        pytest.skip("pydigidoc has no wheel for this platform")
    pydigidoc.initialize("asendusdoc-tests")
    return pydigidoc


def _problems(digidoc: Any, path: Path) -> list[tuple[str, str, set[str]]]:
    container = digidoc.Container.open(str(path))
    found = []
    for signature in container.signatures():
        try:
            signature.validate()
            problems: set[str] = set()
        except RuntimeError as exc:
            problems = {line.strip() for line in str(exc).splitlines() if line.strip()}
        found.append((signature.signed_by(), signature.profile(), problems))
    return found


def _ours(tmp_path: Path, p12: str, data: bytes = b"%PDF-1.7 aruanne") -> Path:
    seal = AsiceSeal(KeyData((SHARED / p12).read_bytes(), p12), Path(p12).stem.encode())
    container, _summary = asendusdoc.seal_container(
        [DataFile("aruanne.pdf", data, "application/pdf")], seal
    )
    path = tmp_path / f"{Path(p12).stem}.asice"
    path.write_bytes(container)
    return path


@pytest.mark.parametrize("p12", ["signer1.p12", "signerEC.p12"])
def test_libdigidocpp_accepts_what_we_seal(digidoc, tmp_path, p12):
    ((signer, profile, problems),) = _problems(digidoc, _ours(tmp_path, p12))
    assert signer == {"signer1.p12": "signer1", "signerEC.p12": "signer EC"}[p12]
    assert profile == "BES"
    assert problems <= TRUST_ONLY, problems


def test_libdigidocpp_sees_a_changed_file_in_what_we_seal(digidoc, tmp_path):
    path = _ours(tmp_path, "signer1.p12")
    with zipfile.ZipFile(path) as package:
        members = {i.filename: package.read(i) for i in package.infolist()}
    members["aruanne.pdf"] = b"%PDF-1.7 muudetud"
    changed = tmp_path / "changed.asice"
    with zipfile.ZipFile(changed, "w") as package:
        for name, data in members.items():
            package.writestr(zipfile.ZipInfo(name), data)
    ((_signer, _profile, problems),) = _problems(digidoc, changed)
    assert not problems <= TRUST_ONLY, problems


@pytest.mark.parametrize("p12", ["signer1.p12", "signerEC.p12"])
def test_we_verify_what_libdigidocpp_seals(digidoc, tmp_path, p12):
    document = tmp_path / "aruanne.pdf"
    document.write_bytes(b"%PDF-1.7 aruanne")
    path = tmp_path / "digidoc.asice"
    container = digidoc.Container.create(str(path))
    container.add_data_file(str(document), "application/pdf")
    signer = digidoc.PKCS12Signer(str(SHARED / p12), Path(p12).stem)
    signer.set_profile("BES")
    container.sign(signer)
    container.save()
    trusted = [(SHARED / "ca.crt").read_bytes(), (SHARED / "inter.crt").read_bytes()]
    report = asendusdoc.verify_container(path.read_bytes(), trusted)
    (signature,) = report.signatures
    assert (signature.status, signature.reason) == ("valid", "signature_valid")
    assert report.files == ("aruanne.pdf",)
