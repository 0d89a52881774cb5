"""Protection of finished documents: values holding bytes, and the back ends they ask for.

What protection can do is described by values (:mod:`asendusdoc.protect._values`, where each
is explained): an envelope to recipients (:class:`CdocEnvelope`, :class:`OpenPGPEnvelope`), a
:class:`PdfPassword`, a :class:`Seal` (PAdES), an :class:`AsiceSeal` (a sealed ASiC-E container),
all in a :class:`Protection`; :func:`apply_protection`
does it to bytes, in memory, and :func:`check_protection` refuses what cannot work before any
work.

The package, bottom to top: the values (they call nothing), the certificates
(``_certificates``), the back ends (:mod:`.openpgp`, :mod:`.pdf_password`, :mod:`.cdoc`,
:mod:`.seal`, :mod:`.asice`), and ``_apply``, the one place that calls the back ends.

What comes back is opened and checked here too: :mod:`.cdoc_open` decrypts a CDOC envelope
with a :mod:`.recipient_keys` key (a file, or a token through PKCS#11); :mod:`.asice_verify`
verifies the signatures of an ASiC-E container (XAdES: :mod:`._xades`; timestamps and OCSP:
:mod:`._evidence`), which :mod:`asendusdoc.read.asice` opened.
"""

from __future__ import annotations

from asendusdoc.protect._apply import apply_protection, check_protection
from asendusdoc.protect._values import (
    ASICE_SUFFIX,
    CDOC_SUFFIX,
    ENVELOPE_SUFFIXES,
    OPENPGP_ARMOR_SUFFIX,
    OPENPGP_SUFFIX,
    AsiceSeal,
    CdocEnvelope,
    KeyData,
    OpenPGPEnvelope,
    PdfPassword,
    Protected,
    Protection,
    RecipientSummary,
    Seal,
    SealSummary,
    Services,
    envelope_suffix,
    without_envelope_suffix,
)

__all__ = [
    "ASICE_SUFFIX",
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
    "apply_protection",
    "check_protection",
    "envelope_suffix",
    "without_envelope_suffix",
]
