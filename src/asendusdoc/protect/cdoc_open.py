"""CDOC envelopes opened with the recipient's key: what an organisation does with what arrived.

**CDOC 1.1** (XML-ENC, what DigiDoc4 and :mod:`asendusdoc.protect.cdoc` write): the recipient
is found by the public key of the certificate in its ``EncryptedKey``; the transport key is
unwrapped (ECDH-ES on the recipient's key with the sender's ephemeral key, ConcatKDF, AES key
unwrap; or RSA PKCS#1 v1.5), then the payload is decrypted with AES-256-GCM, whose tag also
proves that no byte was changed. A payload that is a DigiDoc XML container (several files)
gives each file.

**CDOC 2.0** (``CDOC\\x02``) is opened by :mod:`.cdoc2_open` (pycdoc parses it).

Every refusal is an :class:`~asendusdoc.errors.EncryptionError` (exit 2) and nothing is given
back: ``cdoc_not_recipient`` (encrypted for someone else: another key or certificate),
``cdoc_damaged`` (a changed byte, a truncated file), ``cdoc_unsupported`` (an algorithm we do
not open), ``cdoc_not_envelope`` (not CDOC at all).
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from asendusdoc.errors import EncryptionError, InputError
from asendusdoc.protect._opened import DecryptedFile, damaged, not_recipient
from asendusdoc.protect.recipient_keys import RecipientKey
from asendusdoc.read.kinds import XML_ENCRYPTION, is_cdoc

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["DecryptedFile", "damaged", "decrypt", "not_recipient"]

_DENC = XML_ENCRYPTION
_DS = "http://www.w3.org/2000/09/xmldsig#"
_XENC11 = "http://www.w3.org/2009/xmlenc11#"
_DSIG11 = "http://www.w3.org/2009/xmldsig11#"
_NS = {"denc": _DENC, "ds": _DS, "xenc11": _XENC11, "dsig11": _DSIG11}
_DDOC = "http://www.sk.ee/DigiDoc/v1.3.0/digidoc.xsd"
_KDF_DIGESTS = {
    _DENC + "sha256": "SHA256",
    _DENC + "sha384": "SHA384",
    _DENC + "sha512": "SHA512",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "SHA384",
}
_CURVE_OIDS = {"1.2.840.10045.3.1.7": "SECP256R1", "1.3.132.0.34": "SECP384R1",
               "1.3.132.0.35": "SECP521R1"}  # fmt: skip


def decrypt(data: bytes, key: RecipientKey, name: str = "envelope") -> list[DecryptedFile]:
    """The files in the CDOC envelope ``data``, opened with ``key``."""
    if data.startswith(b"CDOC\x02"):
        from asendusdoc.protect.cdoc2_open import decrypt_cdoc2

        return decrypt_cdoc2(data, key, name)
    root = _parse(data, name)
    method = root.find("denc:EncryptionMethod", _NS)
    if method is None or method.get("Algorithm") != _XENC11 + "aes256-gcm":
        raise _unsupported(name)
    transport_key = _transport_key(root, key, name)
    sealed = _b64(root.find("denc:CipherData/denc:CipherValue", _NS), name)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(sealed) < 12 + 16:
        raise damaged(name)
    try:
        plain = AESGCM(transport_key).decrypt(sealed[:12], sealed[12:], None)
    except InvalidTag:
        raise damaged(name) from None
    if root.get("MimeType") == _DDOC:
        return _ddoc_files(plain, name)
    return [DecryptedFile(_file_name(root), plain)]


def _envelope_xml(data: bytes, name: str) -> etree._Element:
    """The envelope's XML root: no DTD, no entities, no network (as :func:`parse_xml`), but
    with lxml's huge-tree option, since the payload is one base64 text node, longer than
    libxml2's 10 MB default for a document of 7.5 MB. The size is bounded by whoever read the
    bytes (the CLI: a document's limit)."""
    import io

    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_pis=True
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError:
        raise damaged(name) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise damaged(name)
    return tree.getroot()


def _parse(data: bytes, name: str) -> etree._Element:
    if not is_cdoc(data):
        raise InputError(
            "{name} is not a CDOC envelope (.cdoc)", code="cdoc_not_envelope", name=name
        )
    root = _envelope_xml(data, name)
    if root.tag != f"{{{_DENC}}}EncryptedData":
        raise damaged(name)
    return root


def _transport_key(root: etree._Element, key: RecipientKey, name: str) -> bytes:
    from cryptography import x509

    ours = key.public_keys()
    for encrypted_key in root.iterfind("ds:KeyInfo/denc:EncryptedKey", _NS):
        certificate_element = encrypted_key.find(".//ds:X509Certificate", _NS)
        try:
            certificate = x509.load_der_x509_certificate(_b64(certificate_element, name))
        except ValueError:
            continue
        public_key = certificate.public_key()
        if public_key not in ours:
            continue
        return _unwrap(encrypted_key, key, public_key, name)
    raise not_recipient(name)


def _unwrap(encrypted_key: etree._Element, key: RecipientKey, public_key: Any, name: str) -> bytes:
    from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap

    method = encrypted_key.find("denc:EncryptionMethod", _NS)
    algorithm = method.get("Algorithm") if method is not None else None
    wrapped = _b64(encrypted_key.find("denc:CipherData/denc:CipherValue", _NS), name)
    if algorithm == _DENC + "rsa-1_5":
        try:
            transport_key = key.rsa_decrypt(public_key, wrapped)
        except ValueError:
            raise damaged(name) from None
    elif algorithm == _DENC + "kw-aes256":
        agreement = encrypted_key.find("ds:KeyInfo/denc:AgreementMethod", _NS)
        if agreement is None or agreement.get("Algorithm") != _XENC11 + "ECDH-ES":
            raise _unsupported(name)
        kek = _key_encryption_key(agreement, key, public_key, name)
        try:
            transport_key = aes_key_unwrap(kek, wrapped)
        except (InvalidUnwrap, ValueError):
            raise damaged(name) from None
    else:
        raise _unsupported(name)
    if len(transport_key) != 32:
        raise damaged(name)
    return transport_key


def _key_encryption_key(
    agreement: etree._Element, key: RecipientKey, public_key: Any, name: str
) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash

    params = agreement.find("xenc11:KeyDerivationMethod/xenc11:ConcatKDFParams", _NS)
    curve = agreement.find(".//dsig11:ECKeyValue/dsig11:NamedCurve", _NS)
    point = _b64(agreement.find(".//dsig11:ECKeyValue/dsig11:PublicKey", _NS), name)
    if params is None or curve is None:
        raise damaged(name)
    digest_method = params.find("ds:DigestMethod", _NS)
    digest = _KDF_DIGESTS.get(
        digest_method.get("Algorithm", "") if digest_method is not None else ""
    )
    curve_name = _CURVE_OIDS.get((curve.get("URI") or "").removeprefix("urn:oid:"))
    if digest is None or curve_name is None:
        raise _unsupported(name)
    try:
        peer = ec.EllipticCurvePublicKey.from_encoded_point(getattr(ec, curve_name)(), point)
        other_info = b"".join(
            _hex(params.get(part) or "") for part in ("AlgorithmID", "PartyUInfo", "PartyVInfo")
        )
    except ValueError:
        raise damaged(name) from None
    shared = key.ecdh(public_key, peer)
    return ConcatKDFHash(getattr(hashes, digest)(), 32, other_info).derive(shared)


def _hex(value: str) -> bytes:
    """A ConcatKDF parameter: hex, its first byte the count of padding bits (00)."""
    raw = bytes.fromhex(value)
    return raw[1:] if raw[:1] == b"\x00" else raw


def _file_name(root: etree._Element) -> str:
    for prop in root.iterfind("denc:EncryptionProperties/denc:EncryptionProperty", _NS):
        if prop.get("Name") == "Filename" and prop.text:
            return str(prop.text).strip()
    return "document"


def _ddoc_files(plain: bytes, name: str) -> list[DecryptedFile]:
    root = _envelope_xml(plain, name)
    files = []
    for element in root.iter(f"{{{_DDOC}}}DataFile"):
        files.append(DecryptedFile(element.get("Filename") or "document", _b64(element, name)))
    if not files:
        raise damaged(name)
    return files


def _b64(element: etree._Element | None, name: str) -> bytes:
    if element is None or not element.text:
        raise damaged(name)
    try:
        return base64.b64decode("".join(element.text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise damaged(name) from None


def _unsupported(name: str) -> EncryptionError:
    return EncryptionError(
        "The envelope {name} uses an encryption asendusdoc does not open (it opens CDOC 1.1 "
        "with AES-256-GCM and CDOC 2.0, as DigiDoc4 writes them). Open it in DigiDoc4.",
        code="cdoc_unsupported",
        name=name,
    )
