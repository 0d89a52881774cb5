"""Protection of finished documents: values holding bytes, and the back ends they ask for.

What protection can do is described by values (:mod:`asendusdoc.protect._values`, where each
is explained): an envelope to recipients (:class:`CdocEnvelope`, :class:`OpenPGPEnvelope`), a
:class:`PdfPassword`, a :class:`Seal`, all in a :class:`Protection`; :func:`apply_protection`
does it to bytes, in memory, and :func:`check_protection` refuses what cannot work before any
work.

The package, bottom to top: the values (they call nothing), the certificates
(``_certificates``), the back ends (:mod:`.openpgp`, :mod:`.pdf_password`, :mod:`.cdoc`,
:mod:`.seal`), and ``_apply``, the one place that calls the back ends.
"""

from __future__ import annotations

from asendusdoc.protect._apply import apply_protection, check_protection
from asendusdoc.protect._values import (
    CDOC_SUFFIX,
    ENVELOPE_SUFFIXES,
    OPENPGP_ARMOR_SUFFIX,
    OPENPGP_SUFFIX,
    CdocEnvelope,
    KeyData,
    OpenPGPEnvelope,
    PdfPassword,
    Protected,
    Protection,
    RecipientSummary,
    Seal,
    SealSummary,
    envelope_suffix,
    without_envelope_suffix,
)

__all__ = [
    "CDOC_SUFFIX",
    "ENVELOPE_SUFFIXES",
    "OPENPGP_ARMOR_SUFFIX",
    "OPENPGP_SUFFIX",
    "CdocEnvelope",
    "KeyData",
    "OpenPGPEnvelope",
    "PdfPassword",
    "Protected",
    "Protection",
    "RecipientSummary",
    "Seal",
    "SealSummary",
    "apply_protection",
    "check_protection",
    "envelope_suffix",
    "without_envelope_suffix",
]
