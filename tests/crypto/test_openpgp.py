"""OpenPGP encryption: round trips, signing, and every refusal with its own code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from asendusdoc.cli._protection import read_key_file
from asendusdoc.errors import EncryptionError
from asendusdoc.protect import KeyData
from asendusdoc.protect._gnupg_homes import home_base
from asendusdoc.protect.openpgp import (
    EncryptionResult,
    decrypt_and_verify,
    decrypt_bytes,
    encrypt_bytes,
)

from .conftest import PROTECTED_PASSPHRASE, KeySet

DOCX_LIKE = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8 + b"word/document.xml"
PDF_LIKE = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
JSON_CYRILLIC = json.dumps(
    {"form": "suunamine", "laps": "Õie Šarõpova", "примечание": "Ребёнок, № 5 «А»"},
    ensure_ascii=False,
).encode("utf-8")


@pytest.mark.parametrize(
    "payload", [DOCX_LIKE, PDF_LIKE, JSON_CYRILLIC], ids=["docx", "pdf", "json-cyrillic"]
)
def test_decrypting_gives_exactly_the_input_bytes(keys: KeySet, payload: bytes) -> None:
    result = encrypt_bytes(payload, [keys.good.public_key])

    assert payload not in result.data
    assert decrypt_bytes(result.data, keys.good.secret_key) == payload
    assert result.recipient_fingerprints == [keys.good.fingerprint]
    assert result.signer_fingerprint is None


def test_binary_key_file_works_like_armoured(keys: KeySet) -> None:
    result = encrypt_bytes(JSON_CYRILLIC, [keys.good.public_binary_key])

    assert result.recipient_fingerprints == [keys.good.fingerprint]
    assert decrypt_bytes(result.data, keys.good.secret_key) == JSON_CYRILLIC


def test_each_of_two_recipients_can_decrypt(keys: KeySet) -> None:
    result = encrypt_bytes(DOCX_LIKE, [keys.good.public_key, keys.second.public_key])

    assert result.recipient_fingerprints == [keys.good.fingerprint, keys.second.fingerprint]
    assert decrypt_bytes(result.data, keys.good.secret_key) == DOCX_LIKE
    assert decrypt_bytes(result.data, keys.second.secret_key) == DOCX_LIKE


def test_third_party_key_cannot_decrypt(keys: KeySet) -> None:
    result = encrypt_bytes(PDF_LIKE, [keys.good.public_key])

    with pytest.raises(EncryptionError) as caught:
        decrypt_bytes(result.data, keys.second.secret_key)
    assert caught.value.code == "decryption_failed"


def test_armor_output_is_an_ascii_pgp_message(keys: KeySet) -> None:
    result = encrypt_bytes(PDF_LIKE, [keys.good.public_key], armor=True)

    assert result.data.startswith(b"-----BEGIN PGP MESSAGE-----")
    assert decrypt_bytes(result.data, keys.good.secret_key) == PDF_LIKE


def test_binary_output_is_not_armoured(keys: KeySet) -> None:
    result = encrypt_bytes(PDF_LIKE, [keys.good.public_key])

    assert not result.data.startswith(b"-----BEGIN")
    # an OpenPGP packet: the high bit of the first byte is set
    assert result.data[0] & 0x80


def test_signed_message_verifies_against_the_signer_key(keys: KeySet) -> None:
    result = encrypt_bytes(
        JSON_CYRILLIC,
        [keys.second.public_key],
        sign_with=keys.protected.secret_key,
        sign_passphrase=PROTECTED_PASSPHRASE,
    )

    assert result.signer_fingerprint == keys.protected.fingerprint
    verified = decrypt_and_verify(result.data, keys.second.secret_key, keys.protected.public_key)
    assert verified.data == JSON_CYRILLIC
    assert verified.signer_fingerprint == keys.protected.fingerprint


def test_unsigned_message_fails_verification(keys: KeySet) -> None:
    result = encrypt_bytes(JSON_CYRILLIC, [keys.good.public_key])

    with pytest.raises(EncryptionError) as caught:
        decrypt_and_verify(result.data, keys.good.secret_key, keys.protected.public_key)
    assert caught.value.code == "signature_invalid"


def test_signature_by_another_key_fails_verification(keys: KeySet) -> None:
    result = encrypt_bytes(JSON_CYRILLIC, [keys.good.public_key], sign_with=keys.second.secret_key)

    with pytest.raises(EncryptionError) as caught:
        decrypt_and_verify(result.data, keys.good.secret_key, keys.protected.public_key)
    assert caught.value.code == "signature_invalid"


def test_wrong_sign_passphrase_is_refused(keys: KeySet) -> None:
    with pytest.raises(EncryptionError) as caught:
        encrypt_bytes(
            PDF_LIKE,
            [keys.good.public_key],
            sign_with=keys.protected.secret_key,
            sign_passphrase="vale",
        )
    assert caught.value.code == "bad_passphrase"


def test_keyring_dir_signs_with_a_secret_key_kept_there(keys: KeySet) -> None:
    keyring = Path(tempfile.gettempdir()) / f"asendusdoc-kr-{os.getpid()}"
    keyring.mkdir(mode=0o700)
    try:
        subprocess.run(
            ["gpg", "--homedir", str(keyring), "--batch", "--import", str(keys.good.secret)],
            check=True,
            capture_output=True,
        )
        result = encrypt_bytes(
            PDF_LIKE, [keys.second.public_key], sign_with=keys.good.public_key, keyring_dir=keyring
        )
    finally:
        subprocess.run(["gpgconf", "--homedir", str(keyring), "--kill", "all"], check=False)
        shutil.rmtree(keyring, ignore_errors=True)

    assert result.signer_fingerprint == keys.good.fingerprint
    verified = decrypt_and_verify(result.data, keys.second.secret_key, keys.good.public_key)
    assert verified.data == PDF_LIKE


# --------------------------------------------------------------------------- refusals


def _refusal(keys: KeySet, tmp_path: Path, case: str) -> EncryptionError:
    kwargs: dict[str, object] = {}
    recipients = [keys.good.public_key]
    if case == "not_a_key":
        recipients = [KeyData("Tere! See ei ole võti.\n".encode(), "SKA.asc")]
    elif case == "multiple_keys":
        both = keys.good.public.read_bytes() + keys.second.public.read_bytes()
        recipients = [KeyData(both, "both.asc")]
    elif case == "key_expired":
        recipients = [keys.good.public_key, keys.expired.public_key]
    elif case == "subkey_expired":
        recipients = [keys.expired_subkey.public_key]
    elif case == "key_revoked":
        recipients = [keys.revoked.public_key]
    elif case == "no_encryption_subkey":
        recipients = [keys.sign_only.public_key]
    elif case == "secret_key_missing":
        kwargs["sign_with"] = keys.second.public_key
    elif case == "sign_with_revoked":
        kwargs["sign_with"] = keys.revoked.secret_key
    else:  # pragma: no cover
        raise AssertionError(case)
    with pytest.raises(EncryptionError) as caught:
        encrypt_bytes(PDF_LIKE, recipients, **kwargs)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("not_a_key", "not_a_key"),
        ("multiple_keys", "multiple_keys"),
        ("key_expired", "key_expired"),
        ("subkey_expired", "key_expired"),
        ("key_revoked", "key_revoked"),
        ("no_encryption_subkey", "no_encryption_subkey"),
        ("secret_key_missing", "secret_key_missing"),
        ("sign_with_revoked", "key_revoked"),
    ],
    ids=lambda value: str(value),
)
def test_unusable_key_is_refused_with_a_specific_code(
    keys: KeySet, tmp_path: Path, case: str, code: str
) -> None:
    error = _refusal(keys, tmp_path, case)

    assert error.code == code
    assert error.exit_code == 2
    assert error.params["path"].endswith(".asc")


def test_a_bare_bytes_key_works_and_is_named_by_its_position(keys: KeySet) -> None:
    result = encrypt_bytes(PDF_LIKE, [keys.good.public.read_bytes()])
    assert decrypt_bytes(result.data, keys.good.secret.read_bytes()) == PDF_LIKE

    with pytest.raises(EncryptionError) as caught:
        encrypt_bytes(PDF_LIKE, [keys.good.public.read_bytes(), b"not a key"])
    assert caught.value.params["path"] == "key 2"


def test_a_key_file_missing_is_refused_by_the_cli_reader(tmp_path: Path) -> None:
    with pytest.raises(EncryptionError) as caught:
        read_key_file(tmp_path / "SKA.asc")
    assert caught.value.code == "key_file_missing"
    assert caught.value.params["path"] == str(tmp_path / "SKA.asc")


def test_crypto_reads_no_files_and_no_environment() -> None:
    import ast
    import inspect

    import asendusdoc.protect.openpgp

    tree = ast.parse(inspect.getsource(asendusdoc.protect.openpgp))
    names = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert not names & {"read_bytes", "read_text", "environ", "getenv", "open"}


def test_refused_key_error_names_the_fingerprint(keys: KeySet) -> None:
    with pytest.raises(EncryptionError) as caught:
        encrypt_bytes(PDF_LIKE, [keys.expired.public_key])
    assert caught.value.params["fingerprint"] == keys.expired.fingerprint
    assert caught.value.params["expires"] == 1580515200  # 2020-02-01T00:00:00Z
    assert caught.value.template.startswith("The key {fingerprint} from {path} has expired.")
    assert keys.expired.fingerprint in str(caught.value)


def test_missing_gpg_is_reported_with_install_hint(
    keys: KeySet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(EncryptionError) as caught:
        encrypt_bytes(PDF_LIKE, [keys.good.public_key])
    assert caught.value.code == "gpg_missing"
    assert "apt-get install gnupg" in caught.value.message


def test_decrypting_with_a_public_key_only_is_refused(keys: KeySet) -> None:
    result = encrypt_bytes(PDF_LIKE, [keys.good.public_key])

    with pytest.raises(EncryptionError) as caught:
        decrypt_bytes(result.data, keys.good.public_key)
    assert caught.value.code == "secret_key_missing"


def test_result_is_frozen(keys: KeySet) -> None:
    result = encrypt_bytes(PDF_LIKE, [keys.good.public_key])

    assert isinstance(result, EncryptionResult)
    with pytest.raises(AttributeError):
        result.data = b""  # type: ignore[misc]


def test_no_gnupg_home_or_agent_is_left_behind(keys: KeySet) -> None:
    base = Path(home_base() or tempfile.gettempdir())  # where the library puts its homes
    ours = f"asendusdoc-gpg-{os.getpid()}-"  # another worker's homes come and go meanwhile
    before = set(base.glob(f"{ours}*"))

    encrypt_bytes(PDF_LIKE, [keys.good.public_key], sign_with=keys.good.secret_key)

    assert set(base.glob(f"{ours}*")) == before
    assert _live_agents_for_our_homes() == []


def _live_agents_for_our_homes() -> list[str]:
    """Command lines of running (not zombie) processes started for one of our gpg homes."""
    if not Path("/proc/self/cmdline").exists():
        pytest.skip("needs /proc")
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if f"asendusdoc-gpg-{os.getpid()}-" in cmdline and state != "Z":
            found.append(cmdline)
    return found
