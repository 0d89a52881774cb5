"""X.509 certificates: read, checked for use, and described for a person to compare.

One home for what :mod:`~asendusdoc.protect.cdoc` (a recipient's certificate) and
:mod:`~asendusdoc.protect.seal` (the seal's certificate) both need. Refusals are
:class:`~asendusdoc.errors.EncryptionError`, listed in :mod:`asendusdoc.protect.cdoc`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from asendusdoc.errors import EncryptionError
from asendusdoc.i18n import N_
from asendusdoc.protect._values import KeyData, RecipientSummary

if TYPE_CHECKING:
    from cryptography import x509

__all__ = ["CURVES", "load_recipient_certificate", "recipient_summaries", "summarize_certificate"]

CURVES = {"secp256r1": "sha256", "secp384r1": "sha384", "secp521r1": "sha512"}
"""The curves DigiDoc4 serves, and the ConcatKDF digest libcdoc picks for each."""
_MIN_RSA_BITS = 2048


def load_recipient_certificate(key: KeyData, *, now: dt.datetime | None = None) -> x509.Certificate:
    """The certificate in ``key`` (PEM or DER), checked to be usable for a CDOC recipient."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    certificate = _parse_certificate(key)
    moment = now or dt.datetime.now(dt.UTC)
    until = certificate.not_valid_after_utc
    if moment > until:
        raise EncryptionError(
            "The certificate {path} expired on {date}. Ask the recipient for a current one.",
            code="certificate_expired",
            path=key.name,
            date=until.date().isoformat(),
        )
    if moment < certificate.not_valid_before_utc:
        raise EncryptionError(
            "The certificate {path} is valid only from {date}. Check the computer's clock, "
            "or ask the recipient for a valid certificate.",
            code="certificate_not_yet_valid",
            path=key.name,
            date=certificate.not_valid_before_utc.date().isoformat(),
        )
    public_key = certificate.public_key()
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        if public_key.curve.name not in CURVES:
            raise _unsupported(key, f"EC {public_key.curve.name}")
        needed = "key_agreement"
    elif isinstance(public_key, rsa.RSAPublicKey):
        if public_key.key_size < _MIN_RSA_BITS:
            raise _unsupported(key, f"RSA {public_key.key_size}")
        needed = "key_encipherment"
    else:
        raise _unsupported(key, _algorithm(public_key))
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return certificate  # no key usage: every use is allowed
    if not getattr(usage, needed):
        raise EncryptionError(
            "The certificate {path} may not be used for encryption (its key usage forbids "
            "it); it is probably a signing certificate. Use the recipient's authentication "
            "certificate.",
            code="certificate_key_usage",
            path=key.name,
            needed=needed,
        )
    return certificate


_PERSONAL_CODE = re.compile(r"(?:PNO[A-Z]{2}-)?\d{11}")
"""A personal code in a certificate's name (an ID card's "KASK,KADRI,48304122749")."""


def certificate_name(certificate: x509.Certificate) -> str:
    """The name a person knows a certificate by, never its personal code: "Kadri Kask" for an
    ID card (its given name and surname), else its common name without codes ("Vald e-tempel"),
    else its organisation."""
    from cryptography.x509.oid import NameOID

    def first(oid: x509.ObjectIdentifier) -> str:
        values = certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value).strip() if values else ""

    given, surname = first(NameOID.GIVEN_NAME), first(NameOID.SURNAME)
    if given and surname:
        name = f"{given} {surname}"
        return name.title() if name.isupper() else name
    common = [
        part.strip()
        for part in first(NameOID.COMMON_NAME).split(",")
        if part.strip() and not _PERSONAL_CODE.fullmatch(part.strip())
    ]
    return " ".join(common) or first(NameOID.ORGANIZATION_NAME) or "?"


def summarize_certificate(certificate: x509.Certificate, source: str) -> RecipientSummary:
    """Name, serial number, validity end and SHA-256 fingerprint, for a person to compare."""
    from cryptography.hazmat.primitives import hashes

    digest = certificate.fingerprint(hashes.SHA256()).hex().upper()
    serial = format(certificate.serial_number, "X")
    return RecipientSummary(
        kind="x509",
        source=source,
        fingerprint=":".join(digest[i : i + 2] for i in range(0, len(digest), 2)),
        subject=certificate_name(certificate),
        serial_number=serial if len(serial) % 2 == 0 else "0" + serial,
        valid_until=certificate.not_valid_after_utc,
    )


def recipient_summaries(keys: tuple[KeyData, ...]) -> tuple[RecipientSummary, ...]:
    """Check every certificate (validity, key usage, key type) and describe it.

    Raises :class:`~asendusdoc.errors.EncryptionError` for the first unusable one.
    """
    return tuple(summarize_certificate(load_recipient_certificate(key), key.name) for key in keys)


_NOT_A_CERTIFICATE = {
    "empty": N_(
        "The file {path} is empty. Save the recipient's certificate again "
        "(a .cer, .crt or .pem file)."
    ),
    "private": N_(
        "The file {path} holds a private key, not a certificate. Never send private keys; "
        "use the recipient's certificate (a .cer, .crt or .pem file)."
    ),
    "openpgp": N_(
        "The file {path} holds an OpenPGP key, not a certificate: encrypt to it with "
        "OpenPGP, or ask for the recipient's certificate."
    ),
    "several": N_(
        "The file {path} holds several certificates; give each recipient's certificate "
        "in its own file."
    ),
    "unreadable": N_(
        "The file {path} is not a certificate. Save the recipient's certificate from DigiDoc4 "
        "or the public certificate search (a .cer, .crt or .pem file)."
    ),
}


def _parse_certificate(key: KeyData) -> x509.Certificate:
    from cryptography import x509

    # DER (a SEQUENCE, 0x30) is binary: its last signature byte may be a whitespace byte, so
    # only text (PEM) is stripped.
    data = key.data if key.data[:1] == b"\x30" else key.data.strip()
    reason = _not_a_certificate_reason(data)
    if reason is None:
        try:
            if b"-----BEGIN CERTIFICATE-----" in data:
                found = x509.load_pem_x509_certificates(data)
                if len(found) == 1:
                    return found[0]
                reason = "several"
            else:
                return x509.load_der_x509_certificate(data)
        except ValueError:
            reason = "unreadable"
    raise EncryptionError(
        _NOT_A_CERTIFICATE[reason], code="not_a_certificate", path=key.name, reason=reason
    )


_OPENPGP_FIRST_BYTES = {0x94, 0x95, 0x98, 0x99, 0xC5, 0xC6}
"""The first byte of a binary OpenPGP public or secret key (old and new packet formats)."""


def _not_a_certificate_reason(data: bytes) -> str | None:
    if not data:
        return "empty"
    if b"PRIVATE KEY-----" in data:
        return "private"
    if b"-----BEGIN PGP" in data[:100] or data[0] in _OPENPGP_FIRST_BYTES:
        return "openpgp"
    return None


def _algorithm(public_key: object) -> str:
    """The key's algorithm as a person names it ("Ed25519", "DSA"), not its Python class."""
    name = type(public_key).__name__.removeprefix("_")
    return name.removesuffix("PublicKey").removesuffix("Key") or name


def _unsupported(key: KeyData, kind: str) -> EncryptionError:
    return EncryptionError(
        "The certificate {path} has a key CDOC cannot encrypt to ({kind}); DigiDoc4 serves "
        "RSA keys of 2048 bits or more and EC keys on the curves P-256, P-384 and P-521.",
        code="certificate_key_unsupported",
        path=key.name,
        kind=kind,
    )
