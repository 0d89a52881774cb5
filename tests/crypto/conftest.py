"""Test keys, generated once per session with fast elliptic-curve key types.

Each key is exported to files in a session temp folder:
``<name>.asc`` (armoured public key), ``<name>.gpg`` (binary public key) and, where the tests need
it, ``<name>.secret.asc``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    home = Path(tempfile.gettempdir()) / f"asendusdoc-test-{os.getpid()}"  # the run's own
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


# --------------------------------------------------------------------------- X.509 (CDOC)


@dataclass(frozen=True)
class RecipientCertificate:
    """A recipient's certificate (PEM and DER files) and its private key, for decrypting."""

    certificate: Any
    private_key: Any
    pem: Path
    der: Path


@dataclass(frozen=True)
class CertificateSet:
    ec_p384: RecipientCertificate
    ec_p256: RecipientCertificate
    rsa: RecipientCertificate
    expired: RecipientCertificate
    not_yet_valid: RecipientCertificate
    signing_only: RecipientCertificate
    secp256k1: RecipientCertificate
    ed25519: RecipientCertificate
    folder: Path


def make_certificate(
    folder: Path,
    name: str,
    private_key: Any,
    *,
    days_valid: tuple[int, int] = (-1, 365),
    key_usage: str | None = None,
    digital_signature: bool = True,
) -> RecipientCertificate:
    """A self-signed certificate like an ID card's authentication certificate (fictional)."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "EE"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"TESTNIMI,{name.upper()}"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "PNOEE-60001019906"),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days_valid[0]))
        .not_valid_after(now + dt.timedelta(days=days_valid[1]))
    )
    is_ec = isinstance(private_key, ec.EllipticCurvePrivateKey)
    usage = key_usage or ("key_agreement" if is_ec else "key_encipherment")
    flags = dict.fromkeys(
        ("content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
         "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"), False,
    )  # fmt: skip
    if usage != "digital_signature":
        flags[usage] = True
    builder = builder.add_extension(
        x509.KeyUsage(digital_signature=digital_signature, **flags), critical=True
    )
    signer = private_key
    algorithm = None if isinstance(private_key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    if is_ec and private_key.curve.name == "secp256k1":
        algorithm = hashes.SHA256()
    certificate = builder.sign(signer, algorithm)
    pem = folder / f"{name}.pem"
    der = folder / f"{name}.cer"
    pem.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    der.write_bytes(certificate.public_bytes(serialization.Encoding.DER))
    return RecipientCertificate(certificate, private_key, pem, der)


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> CertificateSet:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    folder = tmp_path_factory.mktemp("certificates")

    def rsa_key() -> Any:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    return CertificateSet(
        ec_p384=make_certificate(folder, "mari", ec.generate_private_key(ec.SECP384R1())),
        ec_p256=make_certificate(folder, "jaan", ec.generate_private_key(ec.SECP256R1())),
        rsa=make_certificate(folder, "ska", rsa_key()),
        expired=make_certificate(
            folder, "vana", ec.generate_private_key(ec.SECP384R1()), days_valid=(-400, -30)
        ),
        not_yet_valid=make_certificate(
            folder, "tulevane", ec.generate_private_key(ec.SECP384R1()), days_valid=(30, 400)
        ),
        signing_only=make_certificate(
            folder,
            "allkiri",
            ec.generate_private_key(ec.SECP384R1()),
            key_usage="digital_signature",
        ),
        secp256k1=make_certificate(folder, "k1", ec.generate_private_key(ec.SECP256K1())),
        ed25519=make_certificate(folder, "ed", ed25519.Ed25519PrivateKey.generate()),
        folder=folder,
    )


# --------------------------------------------------------------------------- PKCS#12 (seal)

SEAL_PASSWORD = "Pitsat-2026-печать"


@dataclass(frozen=True)
class SealFiles:
    good: Path
    certificate: Any
    no_password: Path
    expired: Path
    signing_forbidden: Path
    folder: Path


def _pkcs12(folder: Path, name: str, recipient: RecipientCertificate, password: str | None) -> Path:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, NoEncryption
    from cryptography.hazmat.primitives.serialization.pkcs12 import serialize_key_and_certificates

    encryption = BestAvailableEncryption(password.encode()) if password else NoEncryption()
    path = folder / f"{name}.p12"
    path.write_bytes(
        serialize_key_and_certificates(
            name.encode(), recipient.private_key, recipient.certificate, None, encryption
        )
    )
    return path


@pytest.fixture(scope="session")
def seal_files(tmp_path_factory: pytest.TempPathFactory) -> SealFiles:
    """An organisation's e-seal (fictional), as PKCS#12 files: good, expired, and others."""
    from cryptography.hazmat.primitives.asymmetric import ec

    folder = tmp_path_factory.mktemp("seal")

    def key() -> Any:
        return ec.generate_private_key(ec.SECP256R1())

    good = make_certificate(folder, "pitsat", key(), key_usage="content_commitment")
    return SealFiles(
        good=_pkcs12(folder, "pitsat", good, SEAL_PASSWORD),
        certificate=good.certificate,
        no_password=_pkcs12(folder, "avatud", good, None),
        expired=_pkcs12(
            folder,
            "aegunud",
            make_certificate(folder, "aegunud", key(), days_valid=(-400, -1)),
            SEAL_PASSWORD,
        ),
        signing_forbidden=_pkcs12(
            folder,
            "ainult-krypteerimiseks",
            make_certificate(
                folder, "krypt", key(), key_usage="key_agreement", digital_signature=False
            ),
            SEAL_PASSWORD,
        ),
        folder=folder,
    )
