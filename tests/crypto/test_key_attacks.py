"""Keys that must not be used are refused (issue 23): an OpenPGP secret key given as a recipient
(it was sent by mistake, as CDOC refuses a private key), and a seal key over 8,192 bits (signing
with it takes minutes and holds up SIGTERM). In the CLI under 2 GB and 60 s, and the library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.errors import EncryptionError
from asendusdoc.examples import example_data
from asendusdoc.protect.openpgp import encrypt_bytes
from tests.attacks.limits import cli
from tests.crypto.conftest import SEAL_PASSWORD, KeySet, _pkcs12, make_certificate

LARGE_SEAL_KEY = Path(__file__).with_name("data") / "rsa-8200-fictional.pem"


def test_a_secret_key_as_a_recipient_is_refused(keys: KeySet, tmp_path: Path) -> None:
    from asendusdoc.protect import KeyData

    secret = KeyData(keys.good.secret.read_bytes(), "mari-secret.asc")
    with pytest.raises(EncryptionError) as caught:
        encrypt_bytes(b"%PDF-1.7 data", [secret])
    assert caught.value.code == "secret_key_as_recipient"
    form = tmp_path / "lopetamine.json"
    form.write_text(json.dumps(example_data("closure")))
    out = tmp_path / "lopetamine.pdf"
    run = cli("render", form, "-o", out, "--encrypt-to", keys.good.secret)
    assert run.returncode == 2, run.stderr
    assert "secret key" in run.stderr
    assert not any(tmp_path.glob("lopetamine.pdf*"))


def test_a_public_key_is_still_a_recipient(keys: KeySet) -> None:
    assert encrypt_bytes(b"%PDF-1.7 data", [keys.good.public_key]).data


def test_a_seal_key_over_8192_bits_is_refused(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    # the key is ours and fictional: its checks (9 s for 8,200 bits) are the program's to make
    key = load_pem_private_key(
        LARGE_SEAL_KEY.read_bytes(), password=None, unsafe_skip_rsa_key_validation=True
    )
    seal = make_certificate(tmp_path, "suur", key, key_usage="content_commitment")
    p12 = _pkcs12(tmp_path, "suur", seal, SEAL_PASSWORD)
    (tmp_path / "password").write_text(SEAL_PASSWORD)
    form = tmp_path / "lopetamine.json"
    form.write_text(json.dumps(example_data("closure")))
    out = tmp_path / "lopetamine.pdf"
    run = cli(
        "render", form, "-o", out, "--seal-with", p12,
        "--seal-password-file", tmp_path / "password",
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert "8192" in run.stderr.replace(",", "").replace("\u00a0", "").replace(" ", "")
    assert not out.exists()
