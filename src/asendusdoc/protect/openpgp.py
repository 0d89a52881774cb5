"""OpenPGP encryption of finished documents.

Documents about children in substitute care go to the Social Insurance Board
(Sotsiaalkindlustusamet, SKA) or to a service provider (teenuseosutaja). With OpenPGP
(:func:`encrypt_bytes`) they are encrypted to the public key(s) the recipient gave us,
optionally signed. Only the keys handed in are used: each call works in a fresh, private GnuPG
home that is deleted afterwards, unless the caller names a keyring. (A PDF password, for
recipients without a key, is :mod:`asendusdoc.protect.pdf_password`.)

Keys come in as bytes (:class:`~asendusdoc.protect.KeyData`, or plain ``bytes``): nothing here
opens a file or reads the environment. Reading key files and passwords is the CLI's part
(``asendusdoc.cli._protection``); the keys reach gpg through its standard input.

Every refusal is an :class:`~asendusdoc.errors.EncryptionError` with a stable ``code`` and is
raised before any output exists:

==========================  ============================================================
code                        meaning
==========================  ============================================================
``gpg_missing``             the ``gpg`` program is not installed
``not_a_key``               a file holds no OpenPGP key
``multiple_keys``           a file holds more than one key (like ``gpg --recipient-file``)
``key_expired``             the key, or every encryption subkey, has expired
``key_revoked``             the key, or every encryption subkey, is revoked
``no_encryption_subkey``    the key cannot encrypt at all (e.g. a signing-only key)
``no_signing_key``          the ``sign_with`` key cannot sign
``secret_key_missing``      signing or decrypting, but the file has no secret key
``secret_key_as_recipient`` a recipient's key file holds a secret key
``bad_passphrase``          the secret key's passphrase is wrong or missing
``encryption_failed``       anything else gpg refused (``status`` param)
``decryption_failed``       the data could not be decrypted (``status`` param)
``signature_invalid``       no valid signature by the expected key
==========================  ============================================================

Signatures: :func:`decrypt_bytes` only decrypts; :func:`decrypt_and_verify` decrypts *and*
requires a valid signature by a given signer key, returning that key's fingerprint.

Nothing here logs or prints document data or passphrases. python-gnupg logs the first bytes of
what it imports at DEBUG level, so keys are imported by running ``gpg --import`` ourselves, the
key on its standard input.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asendusdoc.errors import EncryptionError
from asendusdoc.protect._gnupg_homes import (
    HOME_PREFIX,
    home_base,
    kill_gpg_processes,
    remove_stale_homes,
    stop_gpg_daemons,
)
from asendusdoc.protect._values import KeyData

__all__ = [
    "DecryptionResult",
    "EncryptionResult",
    "decrypt_and_verify",
    "decrypt_bytes",
    "encrypt_bytes",
]

Key = KeyData | bytes
"""A key as :class:`~asendusdoc.protect.KeyData` (bytes and a name for messages) or bare bytes."""

_LOOPBACK = ["--pinentry-mode", "loopback"]


@dataclass(frozen=True)
class EncryptionResult:
    """Encrypted bytes and the keys used, so the caller can show the fingerprints to check."""

    data: bytes
    recipient_fingerprints: list[str]
    """The recipients' fingerprints, each once."""
    signer_fingerprint: str | None
    key_fingerprints: list[str] = field(default_factory=list)
    """The fingerprint of each key handed in, in their order (a key given twice twice)."""


@dataclass(frozen=True)
class DecryptionResult:
    """Decrypted bytes and the fingerprint of the (primary) key whose signature was verified."""

    data: bytes
    signer_fingerprint: str


# --------------------------------------------------------------------------- public API


def encrypt_bytes(
    data: bytes,
    recipient_keys: Sequence[Key],
    *,
    sign_with: Key | None = None,
    sign_passphrase: str | None = None,
    armor: bool = False,
    keyring_dir: Path | None = None,
) -> EncryptionResult:
    """Encrypt ``data`` to every key in ``recipient_keys`` (armoured or binary key bytes).

    Each key must hold exactly one public key. The keys are trusted because the caller handed
    them in; their fingerprints are returned so a person can check them against the ones the
    recipient read out on the phone.

    ``sign_with`` holds the signer's secret key (``sign_passphrase`` unlocks
    it). Without ``keyring_dir`` all work happens in a throw-away GnuPG home. With
    ``keyring_dir`` (e.g. ``~/.gnupg``) that keyring is used instead: the given keys are
    imported into it, and ``sign_with`` may then be just the public key of a secret key kept
    there. gpg never opens a pinentry window here (loopback mode): a protected key needs
    ``sign_passphrase`` unless gpg-agent has it cached, else ``bad_passphrase``.
    """
    if not recipient_keys:
        raise ValueError("encrypt_bytes needs at least one recipient key")
    keys = [_key_data(key, f"key {number}") for number, key in enumerate(recipient_keys, 1)]
    signer_key = _key_data(sign_with, "signing key") if sign_with is not None else None

    with _gpg_session(keyring_dir) as gpg:
        per_key: list[str] = []
        for key in keys:
            fingerprint = _import_one_key(gpg, key, recipient=True)
            _check_can_encrypt(gpg, fingerprint, key.name)
            per_key.append(fingerprint)
        recipients = list(dict.fromkeys(per_key))

        signer: str | None = None
        if signer_key is not None:
            signer = _import_one_key(gpg, signer_key)
            _check_can_sign(gpg, signer, signer_key.name)

        try:
            result = gpg.encrypt(
                data,
                recipients,
                always_trust=True,  # only the fingerprints of the files handed in
                armor=armor,
                sign=signer,
                passphrase=sign_passphrase,
                extra_args=_LOOPBACK if signer else None,
            )
        except ValueError as exc:  # python-gnupg refuses passphrases with newlines
            raise _bad_passphrase(signer_key) from exc
        if not result.ok:
            status = str(result.status or "")
            if signer and "passphrase" in (status + str(result.stderr)).lower():
                raise _bad_passphrase(signer_key)
            raise EncryptionError(
                "gpg could not encrypt: {status}.",
                code="encryption_failed",
                status=status,
            )
        return EncryptionResult(
            data=bytes(result.data),
            recipient_fingerprints=recipients,
            signer_fingerprint=signer,
            key_fingerprints=per_key,
        )


def decrypt_bytes(data: bytes, secret_key: Key, *, passphrase: str | None = None) -> bytes:
    """Decrypt ``data`` with ``secret_key`` (a secret key's bytes); signatures are not checked.

    Useful for a caseworker who wants to check what was sent, and for tests.
    """
    return _decrypt(data, _key_data(secret_key, "secret key"), None, passphrase).data


def decrypt_and_verify(
    data: bytes,
    secret_key: Key,
    signer_key: Key,
    *,
    passphrase: str | None = None,
) -> DecryptionResult:
    """Decrypt ``data`` and require a valid signature by ``signer_key`` (its public key).

    Raises ``EncryptionError(code="signature_invalid")`` when the message is unsigned, the
    signature is bad, or it was made by another key.
    """
    return _decrypt(
        data, _key_data(secret_key, "secret key"), _key_data(signer_key, "signer key"), passphrase
    )


# --------------------------------------------------------------------------- gpg plumbing


@contextmanager
def _gpg_session(keyring_dir: Path | None) -> Iterator[Any]:
    """A python-gnupg ``GPG`` on ``keyring_dir`` or on a fresh private home removed afterwards."""
    gpg_binary = shutil.which("gpg")
    if gpg_binary is None:
        raise _gpg_missing("gpg not found on PATH")
    if keyring_dir is not None:
        yield _new_gpg(gpg_binary, Path(keyring_dir))
        return
    base = home_base()
    remove_stale_homes(gpg_binary, base)
    with tempfile.TemporaryDirectory(
        prefix=f"{HOME_PREFIX}{os.getpid()}-", dir=base, ignore_cleanup_errors=True
    ) as home:
        try:
            yield _new_gpg(gpg_binary, Path(home))
        finally:
            # also on a signal (cli/_signals.py raises then): no secret key outlives the call
            stop_gpg_daemons(gpg_binary, home)
            kill_gpg_processes(home)


def _new_gpg(gpg_binary: str, home: Path) -> Any:
    import gnupg

    try:
        gpg = gnupg.GPG(gpgbinary=gpg_binary, gnupghome=str(home))
    except (OSError, ValueError) as exc:
        raise _gpg_missing(str(exc)) from exc
    gpg.encoding = "utf-8"  # passphrases and status text; the data itself is passed as bytes
    return gpg


def _gpg_missing(reason: str) -> EncryptionError:
    return EncryptionError(
        "GnuPG (gpg) is needed for encryption but was not found. Install it: "
        "apt-get install gnupg (Debian, Ubuntu), dnf install gnupg2 (Fedora), "
        "brew install gnupg (macOS) or Gpg4win (Windows); or the gnupg package of your system.",
        code="gpg_missing",
        reason=reason,
    )


def _key_data(key: Key, default_name: str) -> KeyData:
    return key if isinstance(key, KeyData) else KeyData(bytes(key), default_name)


_IMPORT_OK = re.compile(
    r"^\[GNUPG:\] IMPORT_OK (?P<flags>\d+) (?P<fingerprint>[0-9A-F]+)", re.MULTILINE
)
_CONTAINS_SECRET_KEY = 16
"""IMPORT_OK's flag for a key imported with its secret part (gpg's doc/DETAILS)."""


def _import_one_key(gpg: Any, key: KeyData, *, recipient: bool = False) -> str:
    """Import ``key`` and return the fingerprint of the single primary key it holds. A
    ``recipient``'s key must be a public key: a file that holds a secret key is refused (as
    CDOC refuses a private key), it was sent by mistake and must not be used or kept.

    gpg reads the key from its standard input: python-gnupg's ``import_keys`` would log the
    first bytes of a secret key at DEBUG level.
    """
    try:
        done = subprocess.run(
            [gpg.gpgbinary, "--homedir", gpg.gnupghome, "--batch", "--no-tty",
             "--status-fd", "1", "--import"],
            input=key.data,
            capture_output=True,
            timeout=60,
            check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        raise _gpg_missing(str(exc)) from exc
    status = done.stdout.decode("utf-8", "replace")
    fingerprints = list(dict.fromkeys(m["fingerprint"] for m in _IMPORT_OK.finditer(status)))
    if not fingerprints:
        raise EncryptionError(
            "{path} contains no OpenPGP key. Ask for the key file again (.asc, .gpg or .pgp).",
            code="not_a_key",
            path=key.name,
        )
    if len(fingerprints) > 1:
        raise EncryptionError(
            "{path} contains {count} keys; a key file must hold exactly one.",
            code="multiple_keys",
            path=key.name,
            count=len(fingerprints),
            fingerprints=fingerprints,
        )
    secret = any(int(m["flags"]) & _CONTAINS_SECRET_KEY for m in _IMPORT_OK.finditer(status))
    if recipient and secret:
        raise EncryptionError(
            "{path} holds a secret key; a recipient gives only their public key. Do not send "
            "or keep this file: delete it and ask the recipient for their public key.",
            code="secret_key_as_recipient",
            path=key.name,
        )
    return fingerprints[0]


def _key_info(gpg: Any, fingerprint: str, *, secret: bool = False) -> dict[str, Any] | None:
    for key in gpg.list_keys(secret=secret, keys=[fingerprint]):
        if key.get("fingerprint") == fingerprint:
            return dict(key)
    return None


def _check_key_valid(key: dict[str, Any], fingerprint: str, path: str) -> None:
    """Refuse a revoked or expired primary key."""
    validity = key.get("trust", "")
    expires = key.get("expires") or ""
    if validity == "r":
        raise _key_revoked(fingerprint, path)
    if validity == "e" or (expires.isdigit() and int(expires) <= time.time()):
        raise _key_expired(fingerprint, path, expires)


def _check_can_encrypt(gpg: Any, fingerprint: str, path: str) -> None:
    key = _key_info(gpg, fingerprint)
    if key is None:  # pragma: no cover - gpg just imported it
        raise EncryptionError(
            "The key is not usable.", code="encryption_failed", status="not listed"
        )
    _check_key_valid(key, fingerprint, path)
    if "E" in key.get("cap", ""):
        return  # gpg marks the whole key 'E' when some key or subkey can still encrypt
    # Say why no part of the key can encrypt: all encryption subkeys expired/revoked, or none.
    encryption_parts = [
        info for info in key.get("subkey_info", {}).values() if "e" in info.get("cap", "")
    ]
    if "e" in key.get("cap", ""):
        encryption_parts.append(key)
    if encryption_parts and all(part.get("trust") == "r" for part in encryption_parts):
        raise _key_revoked(fingerprint, path)
    if encryption_parts and all(part.get("trust") in ("e", "r") for part in encryption_parts):
        raise _key_expired(fingerprint, path, str(encryption_parts[0].get("expires") or ""))
    raise EncryptionError(
        "The key {fingerprint} from {path} cannot encrypt (it has no encryption subkey; "
        "it may be a signing-only key). Ask the recipient for their encryption key.",
        code="no_encryption_subkey",
        fingerprint=fingerprint,
        path=path,
    )


def _check_can_sign(gpg: Any, fingerprint: str, path: str) -> None:
    if _key_info(gpg, fingerprint, secret=True) is None:
        raise EncryptionError(
            "{path} holds no secret key for {fingerprint}; signing needs your secret key.",
            code="secret_key_missing",
            fingerprint=fingerprint,
            path=path,
        )
    key = _key_info(gpg, fingerprint)
    if key is None:  # pragma: no cover - a secret key always comes with its public key
        raise EncryptionError(
            "The key is not usable.", code="encryption_failed", status="not listed"
        )
    _check_key_valid(key, fingerprint, path)
    if "S" not in key.get("cap", ""):
        raise EncryptionError(
            "The key {fingerprint} from {path} cannot sign.",
            code="no_signing_key",
            fingerprint=fingerprint,
            path=path,
        )


def _key_revoked(fingerprint: str, path: str) -> EncryptionError:
    return EncryptionError(
        "The key {fingerprint} from {path} has been revoked. Ask the recipient for a new key.",
        code="key_revoked",
        fingerprint=fingerprint,
        path=path,
    )


def _key_expired(fingerprint: str, path: str, expires: str) -> EncryptionError:
    return EncryptionError(
        "The key {fingerprint} from {path} has expired. Ask the recipient for a current key.",
        code="key_expired",
        fingerprint=fingerprint,
        path=path,
        expires=int(expires) if expires.isdigit() else None,
    )


def _bad_passphrase(key: KeyData | None) -> EncryptionError:
    return EncryptionError(
        "The passphrase of the secret key is wrong or missing.",
        code="bad_passphrase",
        path=key.name if key is not None else None,
    )


def _decrypt(
    data: bytes,
    secret_key: KeyData,
    signer_key: KeyData | None,
    passphrase: str | None,
) -> DecryptionResult:
    with _gpg_session(None) as gpg:
        own = _import_one_key(gpg, secret_key)
        if _key_info(gpg, own, secret=True) is None:
            raise EncryptionError(
                "{path} holds no secret key; decrypting needs the secret key.",
                code="secret_key_missing",
                fingerprint=own,
                path=secret_key.name,
            )
        signer = _import_one_key(gpg, signer_key) if signer_key else None
        try:
            result = gpg.decrypt(
                data, passphrase=passphrase, always_trust=True, extra_args=_LOOPBACK
            )
        except ValueError as exc:
            raise _bad_passphrase(secret_key) from exc
        if not result.ok:
            status = str(result.status or "")
            if "passphrase" in (status + str(result.stderr)).lower():
                raise _bad_passphrase(secret_key)
            raise EncryptionError(
                "gpg could not decrypt: {status}.",
                code="decryption_failed",
                status=status,
            )
        if signer is None:
            return DecryptionResult(data=bytes(result.data), signer_fingerprint="")
        if not result.valid or signer not in (result.pubkey_fingerprint, result.fingerprint):
            raise EncryptionError(
                "The data is not signed by {expected}.",
                code="signature_invalid",
                expected=signer,
                status=str(result.status or ""),
            )
        return DecryptionResult(data=bytes(result.data), signer_fingerprint=signer)
