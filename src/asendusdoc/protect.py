"""How a finished document is protected, as values holding bytes (never paths).

A :class:`Protection` says what :func:`asendusdoc.produce` does after rendering:

* ``envelope``: encrypt the document for its recipients: a :class:`CdocEnvelope` (``.cdoc``)
  to their X.509 certificates (an ID card's authentication certificate, an organisation's
  e-seal certificate), which DigiDoc4 opens, or an :class:`OpenPGPEnvelope` (``.gpg`` /
  ``.asc``) to their OpenPGP public keys;
* ``pdf_password``: a :class:`PdfPassword` protects a PDF itself (AES-256), for a recipient
  without a key; the password travels another way.

Every key is a :class:`KeyData`: the bytes of the key file and the name to show in messages
(usually the file name). Reading files, password files and environment variables is the
caller's business (the CLI does it in ``cli/_protection.py``): the library takes bytes only,
so a municipal system can hand in keys from its own store.

After protection the caseworker must compare what the document was encrypted for with what
the recipient gave by another way: each recipient is described by a :class:`RecipientSummary`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from asendusdoc.errors import AsendusdocError

__all__ = [
    "CdocEnvelope",
    "KeyData",
    "OpenPGPEnvelope",
    "PdfPassword",
    "Protected",
    "Protection",
    "RecipientSummary",
    "apply_protection",
]


@dataclass(frozen=True)
class KeyData:
    """A key or certificate as bytes, and the name messages call it by (e.g. ``SKA.asc``)."""

    data: bytes = field(repr=False)
    name: str = "key"


@dataclass(frozen=True)
class OpenPGPEnvelope:
    """OpenPGP (gpg) encryption to one or more public keys, optionally signed.

    Each recipient key holds exactly one public key. ``sign_with`` holds the sender's secret
    key, unlocked by ``sign_passphrase``. ``armor`` gives an ASCII message (``.asc``) instead
    of a binary one (``.gpg``).
    """

    recipients: tuple[KeyData, ...]
    sign_with: KeyData | None = None
    sign_passphrase: str | None = field(default=None, repr=False)
    armor: bool = False

    @property
    def suffix(self) -> str:
        """The file ending the envelope adds: ``.asc`` or ``.gpg``."""
        return ".asc" if self.armor else ".gpg"

    @property
    def media_type(self) -> str:
        """The media type of the envelope (RFC 3156)."""
        return "application/pgp-encrypted"


@dataclass(frozen=True)
class CdocEnvelope:
    """A CDOC envelope to one or more X.509 certificates (PEM or DER bytes).

    ``version`` 1 writes CDOC 1.1, which every DigiDoc4 opens (``.cdoc``); 2 writes CDOC 2.0
    (``.cdoc2``, needs the ``asendusdoc[cdoc]`` extra). Inside, the document keeps its name.
    """

    recipients: tuple[KeyData, ...]
    version: Literal[1, 2] = 1

    @property
    def suffix(self) -> str:
        """The file ending the envelope adds: ``.cdoc`` (1.1) or ``.cdoc2`` (2.0)."""
        return ".cdoc" if self.version == 1 else ".cdoc2"

    @property
    def media_type(self) -> str:
        """The media type of the envelope."""
        return "application/x-cdoc" if self.version == 1 else "application/x-cdoc2"

    def summaries(self) -> tuple[RecipientSummary, ...]:
        """Check every certificate (validity, key usage, key type) and describe it.

        Raises :class:`~asendusdoc.errors.EncryptionError` for the first unusable one.
        """
        from asendusdoc.cdoc import load_recipient_certificate, summarize_certificate

        return tuple(
            summarize_certificate(load_recipient_certificate(key), key.name)
            for key in self.recipients
        )


@dataclass(frozen=True)
class PdfPassword:
    """A password that protects a PDF itself (AES-256); the same opens and edits it."""

    password: str = field(repr=False)


@dataclass(frozen=True)
class Protection:
    """What happens to a rendered document: a PDF password, then an envelope (either or both)."""

    envelope: OpenPGPEnvelope | CdocEnvelope | None = None
    pdf_password: PdfPassword | None = None

    @property
    def suffix(self) -> str:
        """The file ending protection adds to the document's own name (``""`` for none)."""
        return self.envelope.suffix if self.envelope is not None else ""


@dataclass(frozen=True)
class RecipientSummary:
    """What a person compares to make sure the document is encrypted for the right recipient.

    ``kind`` is ``"openpgp"`` (then ``fingerprint`` is the key's fingerprint) or ``"x509"``
    (a certificate: ``fingerprint`` is its SHA-256 fingerprint, with ``subject``,
    ``serial_number`` and ``valid_until``). ``source`` is the :attr:`KeyData.name` it came from.
    """

    kind: Literal["openpgp", "x509"]
    source: str
    fingerprint: str
    subject: str | None = None
    serial_number: str | None = None
    valid_until: dt.datetime | None = None

    def as_json(self) -> dict[str, Any]:
        """The summary as JSON-ready values (dates in ISO 8601)."""
        return {
            "kind": self.kind,
            "source": self.source,
            "fingerprint": self.fingerprint,
            "subject": self.subject,
            "serial_number": self.serial_number,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }


@dataclass(frozen=True)
class Protected:
    """Protected bytes, the ending and media type they call for, and who can open them."""

    data: bytes = field(repr=False)
    suffix: str
    media_type: str | None
    recipients: tuple[RecipientSummary, ...] = ()


def apply_protection(
    data: bytes, fmt: str | None, protection: Protection, *, inner_name: str
) -> Protected:
    """Protect ``data`` in memory; the plain bytes never touch the disk.

    ``fmt`` is ``"pdf"``, ``"docx"`` or ``None`` for any file; a PDF password needs ``"pdf"``.
    ``inner_name`` is the document's own file name, kept inside envelopes that carry one.
    ``media_type`` of the result is ``None`` when the bytes are not in an envelope.
    """
    if protection.pdf_password is not None:
        from asendusdoc.crypto import encrypt_pdf_with_password

        if fmt != "pdf":
            raise AsendusdocError(
                "a password protects PDF files only; use --encrypt-to for {fmt}",
                code="password_needs_pdf",
                fmt=fmt or inner_name,
            )
        data = encrypt_pdf_with_password(data, protection.pdf_password.password)
    envelope = protection.envelope
    if envelope is None:
        return Protected(data, "", None)
    if isinstance(envelope, CdocEnvelope):
        return _cdoc(data, envelope, inner_name)
    from asendusdoc.crypto import encrypt_bytes

    result = encrypt_bytes(
        data,
        envelope.recipients,
        sign_with=envelope.sign_with,
        sign_passphrase=envelope.sign_passphrase,
        armor=envelope.armor,
    )
    recipients = tuple(
        RecipientSummary(kind="openpgp", source=key.name, fingerprint=fingerprint)
        for key, fingerprint in zip(envelope.recipients, result.key_fingerprints, strict=True)
    )
    return Protected(result.data, envelope.suffix, envelope.media_type, _unique(recipients))


def _cdoc(data: bytes, envelope: CdocEnvelope, inner_name: str) -> Protected:
    from asendusdoc import cdoc

    if not envelope.recipients:
        raise ValueError("a CDOC envelope needs at least one recipient certificate")
    certificates = [cdoc.load_recipient_certificate(key) for key in envelope.recipients]
    recipients = tuple(
        cdoc.summarize_certificate(certificate, key.name)
        for certificate, key in zip(certificates, envelope.recipients, strict=True)
    )
    unique = {
        recipient.fingerprint: c for recipient, c in zip(recipients, certificates, strict=True)
    }
    if envelope.version == 1:
        sealed = cdoc.encrypt_cdoc1(data, inner_name, list(unique.values()))
    else:
        from cryptography.hazmat.primitives.serialization import Encoding

        ders = [certificate.public_bytes(Encoding.DER) for certificate in unique.values()]
        sealed = cdoc.encrypt_cdoc2(data, inner_name, ders)
    return Protected(sealed, envelope.suffix, envelope.media_type, _unique(recipients))


def _unique(recipients: tuple[RecipientSummary, ...]) -> tuple[RecipientSummary, ...]:
    seen: dict[str, RecipientSummary] = {}
    for recipient in recipients:
        seen.setdefault(recipient.fingerprint, recipient)
    return tuple(seen.values())
