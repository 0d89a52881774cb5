"""LT seals: a timestamp and an OCSP response from services on 127.0.0.1 (or in memory) give a
trusted signing time; a timestamp over other bytes, or a revoked certificate, is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import asendusdoc
from asendusdoc import AsiceSeal, DataFile, KeyData, Services
from asendusdoc.cli import main

from .asice_pki import PKCS12_PASSWORD, Pki, make_pki, serving


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


def _seal(pki: Pki, services: Services) -> bytes:
    seal = AsiceSeal(KeyData(pki.seal_pkcs12(), "pitsat.p12"), PKCS12_PASSWORD, services)
    data, _summary = asendusdoc.seal_container([DataFile("aruanne.docx", b"PK-report")], seal)
    return data


def test_an_lt_seal_from_local_services_verifies_with_a_trusted_time(capsys, pki, tmp_path):
    document = tmp_path / "aruanne.docx"
    document.write_bytes(asendusdoc.produce(_referral(), "et", "docx").data)
    p12 = tmp_path / "pitsat.p12"
    p12.write_bytes(pki.seal_pkcs12())
    root = tmp_path / "juur.pem"
    root.write_bytes(pki.root_pem)
    password = tmp_path / "password"
    password.write_bytes(PKCS12_PASSWORD)
    target = tmp_path / "aruanne.docx.asice"
    with serving(pki) as address:
        code = main(
            [
                "seal",
                str(document),
                "--asice-seal-with",
                str(p12),
                "--seal-password-file",
                str(password),
                "--tsa-url",
                f"{address}/tsa",
                "--ocsp-url",
                f"{address}/ocsp",
                "-o",
                str(target),
                "--lang",
                "en",
            ]
        )
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    code = main(["verify", str(target), "--trust", str(root), "--json", "--lang", "en"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    (signature,) = report["signatures"]
    assert (signature["profile"], signature["time"], signature["status"]) == (
        "LT",
        "trusted",
        "valid",
    )
    assert signature["organisation"] == "Näidisvalla Vallavalitsus"


def test_a_timestamp_over_other_bytes_is_refused(pki):
    data = _seal(pki, Services(lambda r: pki.timestamp(r, other_bytes=True), pki.ocsp))
    report = asendusdoc.verify_container(data, [pki.root_pem])
    (signature,) = report.signatures
    assert (signature.status, signature.reason) == ("invalid", "timestamp_other_data")
    assert not signature.time_trusted


def test_an_lt_seal_in_memory_is_valid_and_its_tsa_must_be_trusted(pki):
    data = _seal(pki, Services(pki.timestamp, pki.ocsp))
    (signature,) = asendusdoc.verify_container(data, [pki.root_pem]).signatures
    assert (signature.status, signature.profile, signature.time_trusted) == ("valid", "LT", True)
    (untrusted,) = asendusdoc.verify_container(data).signatures
    assert (untrusted.status, untrusted.reason) == ("indeterminate", "timestamp_untrusted")


def test_a_revoked_certificate_is_not_sealed(pki):
    with pytest.raises(asendusdoc.EncryptionError) as raised:
        _seal(pki, Services(pki.timestamp, lambda r: pki.ocsp(r, status="revoked")))
    assert raised.value.code == "asice_service_refused"


def test_an_unreachable_service_exits_2_and_writes_nothing(capsys, pki, tmp_path):
    document = tmp_path / "a.txt"
    document.write_text("a")
    p12 = tmp_path / "pitsat.p12"
    p12.write_bytes(pki.seal_pkcs12())
    password = tmp_path / "password"
    password.write_bytes(PKCS12_PASSWORD)
    target = tmp_path / "a.asice"
    code = main(
        [
            "seal",
            str(document),
            "--asice-seal-with",
            str(p12),
            "--seal-password-file",
            str(password),
            "--tsa-url",
            "http://127.0.0.1:9/tsa",
            "--ocsp-url",
            "http://127.0.0.1:9/ocsp",
            "-o",
            str(target),
            "--lang",
            "en",
        ]
    )
    assert code == 2
    assert "could not be reached" in capsys.readouterr().err
    assert not target.exists()


def _referral() -> Path:
    return Path(__file__).resolve().parents[2] / "examples" / "family-support-referral.json"
