"""XAdES in ASiC-E: the names, the canonicalisation and the digests both sealing and verifying use.

What DigiDoc4 (libdigidocpp) writes, and what :mod:`asendusdoc.protect.asice` writes alike::

    asic:XAdESSignatures
      ds:Signature Id="S0"
        ds:SignedInfo               canonicalised (C14N 1.1), then signed
          ds:Reference URI="<data file, URI-encoded>"            digest of the file's bytes
          ds:Reference URI="#S0-SignedProperties" Type=...#SignedProperties
        ds:SignatureValue Id="S0-SIG"                            LT: the timestamp covers it
        ds:KeyInfo/ds:X509Data/ds:X509Certificate                the signer's certificate
        ds:Object/xades:QualifyingProperties
          xades:SignedProperties    signing time, certificate digest, role, media types
          xades:UnsignedProperties  LT: SignatureTimeStamp, CertificateValues, RevocationValues

C14N 1.1 differs from C14N 1.0 only in how ``xml:id`` / ``xml:base`` attributes are inherited;
lxml has C14N 1.0, which gives the same bytes for signatures without ``xml:`` attributes (a
signature that carries them is reported as a profile we do not check).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "ASIC",
    "C14N_ALGORITHMS",
    "DIGESTS",
    "DS",
    "SIGNATURE_METHODS",
    "SIGNED_PROPERTIES_TYPE",
    "XADES",
    "canonical",
    "digest",
]

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XADES141 = "http://uri.etsi.org/01903/v1.4.1#"
ASIC = "http://uri.etsi.org/02918/v1.2.1#"
SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"
C14N11 = "http://www.w3.org/2006/12/xml-c14n11"
C14N_ALGORITHMS: dict[str, tuple[bool, bool]] = {
    # algorithm → (exclusive, with comments)
    C14N11: (False, False),
    "http://www.w3.org/2006/12/xml-c14n11#WithComments": (False, True),
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": (False, False),
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": (False, True),
    "http://www.w3.org/2001/10/xml-exc-c14n#": (True, False),
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments": (True, True),
}
DIGESTS: dict[str, str] = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
    "http://www.w3.org/2001/04/xmldsig-more#sha224": "sha224",
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
}
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SIGNATURE_METHODS: dict[str, tuple[str, str]] = {
    # algorithm → (key kind, digest)
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": ("rsa", "sha256"),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": ("rsa", "sha384"),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": ("rsa", "sha512"),
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1": ("rsa", "sha1"),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": ("ec", "sha256"),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": ("ec", "sha384"),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": ("ec", "sha512"),
}


def canonical(element: etree._Element, algorithm: str = C14N11) -> bytes:
    """``element`` canonicalised in its document (inherited namespaces included), or
    :class:`KeyError` for an algorithm not in :data:`C14N_ALGORITHMS`."""
    from lxml import etree

    exclusive, with_comments = C14N_ALGORITHMS[algorithm]
    text = etree.tostring(element, method="c14n", exclusive=exclusive, with_comments=with_comments)
    return bytes(text)


def digest(data: bytes, name: str) -> bytes:
    """The ``name`` (hashlib's) digest of ``data``."""
    import hashlib

    return hashlib.new(name, data).digest()
