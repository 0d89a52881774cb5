"""Test keys, generated once per session with fast elliptic-curve key types.

Each key is exported to files in a session temp folder:
``<name>.asc`` (armoured public key), ``<name>.gpg`` (binary public key) and, where the tests need
it, ``<name>.secret.asc``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from asendusdoc.protect import KeyData

PROTECTED_PASSPHRASE = "salajane-пароль-õun"


@dataclass(frozen=True)
class GeneratedKey:
    fingerprint: str
    public: Path
    public_binary: Path
    secret: Path

    @property
    def public_key(self) -> KeyData:
        """The armoured public key as the library takes it: bytes and a name."""
        return KeyData(self.public.read_bytes(), self.public.name)

    @property
    def public_binary_key(self) -> KeyData:
        return KeyData(self.public_binary.read_bytes(), self.public_binary.name)

    @property
    def secret_key(self) -> KeyData:
        return KeyData(self.secret.read_bytes(), self.secret.name)


@dataclass(frozen=True)
class KeySet:
    good: GeneratedKey
    second: GeneratedKey
    protected: GeneratedKey
    expired: GeneratedKey
    expired_subkey: GeneratedKey
    revoked: GeneratedKey
    sign_only: GeneratedKey
    folder: Path


def _gpg(home: Path, *args: str, passphrase: str = "") -> str:
    command = [
        "gpg",
        "--homedir",
        str(home),
        "--batch",
        "--no-tty",
        "--pinentry-mode",
        "loopback",
        "--passphrase",
        passphrase,
        *args,
    ]
    done = subprocess.run(command, capture_output=True, check=True, timeout=60)
    return done.stdout.decode()


def _fingerprint(home: Path, uid: str) -> str:
    listing = _gpg(home, "--with-colons", "--list-keys", uid)
    return next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))


def _make_key(
    home: Path,
    folder: Path,
    name: str,
    *,
    encrypt: bool = True,
    passphrase: str = "",
    faked_time: str | None = None,
    expire: str = "0",
    subkey_expire: str | None = None,
    revoke: bool = False,
) -> GeneratedKey:
    uid = f"{name} <{name}@example.org>"
    faked = ["--faked-system-time", faked_time] if faked_time else []
    _gpg(
        home, *faked, "--quick-gen-key", uid, "ed25519", "cert,sign", expire, passphrase=passphrase
    )
    fingerprint = _fingerprint(home, f"<{name}@example.org>")
    if encrypt:
        _gpg(
            home,
            *faked,
            "--quick-add-key",
            fingerprint,
            "cv25519",
            "encr",
            subkey_expire or expire,
            passphrase=passphrase,
        )
    if revoke:
        certificate = home / "openpgp-revocs.d" / f"{fingerprint}.rev"
        text = certificate.read_text().replace(":-----BEGIN", "-----BEGIN")
        revocation = folder / f"{name}.rev"
        revocation.write_text(text)
        _gpg(home, "--import", str(revocation))
    public = folder / f"{name}.asc"
    public_binary = folder / f"{name}.gpg"
    secret = folder / f"{name}.secret.asc"
    _gpg(home, "--armor", "--output", str(public), "--export", fingerprint)
    _gpg(home, "--output", str(public_binary), "--export", fingerprint)
    _gpg(
        home,
        "--armor",
        "--output",
        str(secret),
        "--export-secret-keys",
        fingerprint,
        passphrase=passphrase,
    )
    return GeneratedKey(fingerprint, public, public_binary, secret)


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeySet]:
    if shutil.which("gpg") is None:
        pytest.skip("gpg is not installed")
    folder = tmp_path_factory.mktemp("keys")
    home = Path(os.path.realpath("/tmp")) / f"asendusdoc-test-{os.getpid()}"
    home.mkdir(mode=0o700)
    try:
        yield KeySet(
            good=_make_key(home, folder, "good"),
            second=_make_key(home, folder, "second"),
            protected=_make_key(home, folder, "protected", passphrase=PROTECTED_PASSPHRASE),
            expired=_make_key(
                home,
                folder,
                "expired",
                faked_time="20200101T000000!",
                expire="20200201T000000",
            ),
            expired_subkey=_make_key(
                home,
                folder,
                "oldsub",
                faked_time="20200101T000000!",
                subkey_expire="20200201T000000",
            ),
            revoked=_make_key(home, folder, "revoked", revoke=True),
            sign_only=_make_key(home, folder, "signonly", encrypt=False),
            folder=folder,
        )
    finally:
        subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], check=False)
        shutil.rmtree(home, ignore_errors=True)
