"""How a finished document is protected, as values holding bytes (never paths).

A :class:`Protection` says what :func:`asendusdoc.produce` does after rendering:

* ``envelope``: encrypt the document for its recipients: a :class:`CdocEnvelope` (``.cdoc``)
  to their X.509 certificates (an ID card's authentication certificate, an organisation's
  e-seal certificate), which DigiDoc4 opens, or an :class:`OpenPGPEnvelope` (``.gpg`` /
  ``.asc``) to their OpenPGP public keys;
* ``pdf_password``: a :class:`PdfPassword` protects a PDF itself (AES-256), for a recipient
  without a key; the password travels another way;
* ``seal``: a :class:`Seal` puts the organisation's PAdES seal (e-seal certificate, PKCS#12)
  on a PDF, before it is encrypted. A seal and a PDF password do not go together (a
  password-protected PDF is rewritten, which would break the seal).
* ``asice_seal``: an :class:`AsiceSeal` puts any document (a DOCX too) in an ASiC-E container
  (``.asice``) with an XAdES seal, as DigiDoc4 signs; then the envelope encrypts the container.

Every key is a :class:`KeyData`: the bytes of the key file and the name to show in messages
(usually the file name). Reading files, password files and environment variables is the
caller's business (the CLI does it in ``cli/_protection.py``): the library takes bytes only,
so a municipal system can hand in keys from its own store.

After protection the caseworker must compare what the document was encrypted for with what
the recipient gave by another way: each recipient is described by a :class:`RecipientSummary`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "CDOC_SUFFIX",
    "ENVELOPE_SUFFIXES",
    "OPENPGP_ARMOR_SUFFIX",
    "OPENPGP_SUFFIX",
    "AsiceSeal",
    "CdocEnvelope",
    "KeyData",
    "OpenPGPEnvelope",
    "PdfPassword",
    "Protected",
    "Protection",
    "RecipientSummary",
    "Seal",
    "SealSummary",
    "Services",
    "envelope_suffix",
    "without_envelope_suffix",
]

CDOC_SUFFIX = ".cdoc"
"""The ending of a CDOC envelope, 1.1 and 2.0 alike (DigiDoc4 reads the version from the file)."""
OPENPGP_SUFFIX = ".gpg"
"""The ending of a binary OpenPGP message."""
OPENPGP_ARMOR_SUFFIX = ".asc"
"""The ending of an ASCII-armoured OpenPGP message."""
ASICE_SUFFIX = ".asice"
"""The ending of an ASiC-E container with an XAdES seal, inside any envelope."""
ENVELOPE_SUFFIXES = (ASICE_SUFFIX, CDOC_SUFFIX, OPENPGP_SUFFIX, OPENPGP_ARMOR_SUFFIX)
"""Every ending protection adds to a document's own name, the sealed container's and the
envelopes' (``suunamine.docx.cdoc``, ``suunamine.pdf.asice.cdoc``)."""


def envelope_suffix(*, cdoc: bool, openpgp: bool, armor: bool = False, asice: bool = False) -> str:
    """The endings protection will add, known before any key is read: ``.asice`` for a sealed
    container (``asice``), then CDOC's when ``cdoc``, OpenPGP's (``.asc`` when ``armor``) when
    ``openpgp``; ``""`` for none."""
    container = ASICE_SUFFIX if asice else ""
    if cdoc:
        return container + CDOC_SUFFIX
    if openpgp:
        return container + (OPENPGP_ARMOR_SUFFIX if armor else OPENPGP_SUFFIX)
    return container


def without_envelope_suffix(name: str) -> str:
    """``name`` without the envelope endings it ends in (any case): ``a.docx.cdoc`` → ``a.docx``."""
    while True:
        for suffix in ENVELOPE_SUFFIXES:
            if name.lower().endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
                break
        else:
            return name


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
        return envelope_suffix(cdoc=False, openpgp=True, armor=self.armor)

    @property
    def media_type(self) -> str:
        """The media type of the envelope (RFC 3156)."""
        return "application/pgp-encrypted"


@dataclass(frozen=True)
class CdocEnvelope:
    """A CDOC envelope to one or more X.509 certificates (PEM or DER bytes).

    ``version`` 1 writes CDOC 1.1, which every DigiDoc4 opens (``.cdoc``); 2 writes CDOC 2.0
    (also ``.cdoc``, needs the ``asendusdoc[cdoc]`` extra). Inside, the document keeps its name.
    """

    recipients: tuple[KeyData, ...]
    version: Literal[1, 2] = 1

    @property
    def suffix(self) -> str:
        """The file ending the envelope adds: ``.cdoc`` for both versions (DigiDoc4 reads the
        version from the file's own header)."""
        return CDOC_SUFFIX

    @property
    def media_type(self) -> str:
        """The media type of the envelope."""
        return "application/x-cdoc" if self.version == 1 else "application/x-cdoc2"


@dataclass(frozen=True)
class PdfPassword:
    """A password that protects a PDF itself (AES-256); the same opens and edits it."""

    password: str = field(repr=False)


@dataclass(frozen=True)
class Seal:
    """A PAdES seal by the key and certificate in a PKCS#12 file (``.p12``), and its password."""

    pkcs12: KeyData
    password: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Services:
    """The services an LT signature needs: a time-stamping authority (RFC 3161) and an OCSP
    responder (RFC 6960), each a function from request bytes to response bytes (so that the
    library opens no connection itself; the CLI posts to ``--tsa-url`` / ``--ocsp-url``)."""

    timestamp: Callable[[bytes], bytes]
    ocsp: Callable[[bytes], bytes]


@dataclass(frozen=True)
class AsiceSeal:
    """An XAdES seal in an ASiC-E container by the key and certificate in a PKCS#12 file.

    With ``services`` the signature is LT (a timestamp and the OCSP response, DigiDoc4's
    default); without, B-B, made offline. The PKCS#12 must then also hold the issuer's
    certificate (the OCSP request names it).
    """

    pkcs12: KeyData
    password: bytes | None = field(default=None, repr=False)
    services: Services | None = None


@dataclass(frozen=True)
class Protection:
    """What happens to a rendered document: a seal or a PDF password, a sealed container,
    then an envelope."""

    envelope: OpenPGPEnvelope | CdocEnvelope | None = None
    pdf_password: PdfPassword | None = None
    seal: Seal | None = None
    asice_seal: AsiceSeal | None = None

    @property
    def suffix(self) -> str:
        """The file endings protection adds to the document's own name (``""`` for none):
        ``.asice`` for a sealed container, then the envelope's."""
        container = ASICE_SUFFIX if self.asice_seal is not None else ""
        return container + (self.envelope.suffix if self.envelope is not None else "")


@dataclass(frozen=True)
class RecipientSummary:
    """What a person compares to make sure the document is encrypted for the right recipient.

    ``kind`` is ``"openpgp"`` (then ``fingerprint`` is the key's fingerprint) or ``"x509"``
    (a certificate: ``fingerprint`` is its SHA-256 fingerprint, with ``subject``,
    ``serial_number`` and ``valid_until``). ``source`` is the :attr:`KeyData.name` it came from.
    ``subject`` is the certificate's name as a person knows it ("Kadri Kask"), never its personal
    code (:func:`asendusdoc.protect._certificates.certificate_name`).
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
class SealSummary:
    """Who sealed the document: the seal certificate's subject, serial number, validity end
    and SHA-256 fingerprint, and ``source``, the :attr:`KeyData.name` of the PKCS#12 file."""

    source: str
    subject: str
    serial_number: str
    valid_until: dt.datetime
    fingerprint: str

    def as_json(self) -> dict[str, Any]:
        """The summary as JSON-ready values (dates in ISO 8601)."""
        return {
            "source": self.source,
            "subject": self.subject,
            "serial_number": self.serial_number,
            "valid_until": self.valid_until.isoformat(),
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True)
class Protected:
    """Protected bytes, the endings and media type they call for, who can open them, and the
    outermost seal (the container's, else the PDF's)."""

    data: bytes = field(repr=False)
    suffix: str
    media_type: str | None
    recipients: tuple[RecipientSummary, ...] = ()
    seal: SealSummary | None = None
