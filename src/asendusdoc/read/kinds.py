"""What received bytes are, told by their first bytes alone: a CDOC envelope, a signed
container (ASiC-E), an OpenDocument text (a blank LibreOffice saved as ``.odt``). Light on
purpose: every reading command asks it of every file (``cli``'s ``open_received``), and a plain
JSON form should not pay for importing what opens envelopes and containers
(:mod:`asendusdoc.protect.cdoc_open`, :mod:`asendusdoc.read.asice`).
"""

from __future__ import annotations

import io

__all__ = [
    "ASICE_MEDIA_TYPE",
    "MANIFEST",
    "ODT_MEDIA_TYPE",
    "XML_ENCRYPTION",
    "is_cdoc",
    "looks_like_asice",
    "looks_like_odt",
]

ASICE_MEDIA_TYPE = "application/vnd.etsi.asic-e+zip"
"""The media type an ASiC-E container names in its ``mimetype`` member."""

MANIFEST = "META-INF/manifest.xml"
"""The container's list of its data files."""

ODT_MEDIA_TYPE = "application/vnd.oasis.opendocument.text"
"""The media type an OpenDocument text names in its ``mimetype`` member."""

XML_ENCRYPTION = "http://www.w3.org/2001/04/xmlenc#"
"""The namespace of XML Encryption, in which a CDOC 1.1 envelope is written."""


def is_cdoc(data: bytes) -> bool:
    """Whether ``data`` looks like a CDOC envelope (1.1 XML or 2.0 binary)."""
    if data.startswith(b"CDOC\x02"):
        return True
    head = data[:2048]
    return b"EncryptedData" in head and XML_ENCRYPTION.encode() in head


def looks_like_asice(data: bytes) -> bool:
    """Whether ``data`` is a zip that means to be an ASiC-E container (a ``mimetype`` member
    naming ASiC-E, or one named like it): told by content, the name does not matter."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    head = data[:256]
    if b"mimetype" in head and ASICE_MEDIA_TYPE.encode() in head:
        return True
    if b"application/vnd.oasis.opendocument" in head:
        return False  # an OpenDocument file (LibreOffice's .odt) has a mimetype and a manifest too
    import zipfile  # only for a zip: a form's JSON never needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return False
    return "mimetype" in names and MANIFEST in names


def looks_like_odt(data: bytes) -> bool:
    """Whether ``data`` is a zip whose first member, ``mimetype``, names an OpenDocument text
    (as the format asks: stored, at the start, so that its head tells it)."""
    return data.startswith(b"PK\x03\x04") and (b"mimetype" + ODT_MEDIA_TYPE.encode()) in data[:128]
