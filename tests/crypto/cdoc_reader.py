"""A small CDOC 1.1 decryptor for the tests, written from the XML-ENC profile, not from our writer.

ECDH-ES on the recipient's private key with the originator's ephemeral key, ConcatKDF (digest
named in ``ConcatKDFParams``; OtherInfo = AlgorithmID ‖ PartyUInfo ‖ PartyVInfo, each hex value
without its leading 00 pad byte), AES key unwrap; or RSA PKCS#1 v1.5 for an RSA recipient; then
AES-256-GCM over the payload (12-byte IV ‖ ciphertext ‖ 16-byte tag).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
from cryptography.hazmat.primitives.keywrap import aes_key_unwrap
from lxml import etree

NS = {
    "denc": "http://www.w3.org/2001/04/xmlenc#",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
    "xenc11": "http://www.w3.org/2009/xmlenc11#",
    "dsig11": "http://www.w3.org/2009/xmldsig11#",
}
DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmlenc#sha384": hashes.SHA384,
    "http://www.w3.org/2001/04/xmlenc#sha512": hashes.SHA512,
}


@dataclass(frozen=True)
class Opened:
    data: bytes
    file_name: str
    properties: dict[str, str]
    recipient_labels: list[str]


def _hex(value: str) -> bytes:
    return bytes.fromhex(value[2:] if value.startswith("00") else value)


def _text(element: etree._Element, path: str) -> bytes:
    found = element.find(path, NS)
    assert found is not None and found.text, path
    return base64.b64decode(found.text)


def decrypt_cdoc1(envelope: bytes, private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
                  certificate: x509.Certificate) -> Opened:  # fmt: skip
    root = etree.fromstring(envelope)
    assert root.tag == "{" + NS["denc"] + "}EncryptedData"
    method = root.find("denc:EncryptionMethod", NS)
    assert method is not None
    assert method.get("Algorithm") == "http://www.w3.org/2009/xmlenc11#aes256-gcm"
    der = certificate.public_bytes(serialization.Encoding.DER)
    keys = root.findall("ds:KeyInfo/denc:EncryptedKey", NS)
    transport_key = None
    for encrypted_key in keys:
        certificates = encrypted_key.findall(".//ds:X509Certificate", NS)
        if [base64.b64decode(c.text or "") for c in certificates] != [der]:
            continue
        wrapped = _text(encrypted_key, "denc:CipherData/denc:CipherValue")
        algorithm = encrypted_key.find("denc:EncryptionMethod", NS).get("Algorithm")  # type: ignore[union-attr]
        if isinstance(private_key, rsa.RSAPrivateKey):
            assert algorithm == "http://www.w3.org/2001/04/xmlenc#rsa-1_5"
            transport_key = private_key.decrypt(wrapped, padding.PKCS1v15())
        else:
            assert algorithm == "http://www.w3.org/2001/04/xmlenc#kw-aes256"
            agreement = encrypted_key.find("ds:KeyInfo/denc:AgreementMethod", NS)
            assert agreement is not None
            assert agreement.get("Algorithm") == "http://www.w3.org/2009/xmlenc11#ECDH-ES"
            params = agreement.find("xenc11:KeyDerivationMethod/xenc11:ConcatKDFParams", NS)
            assert params is not None
            digest = params.find("ds:DigestMethod", NS).get("Algorithm")  # type: ignore[union-attr]
            other_info = b"".join(
                _hex(params.get(name, "")) for name in ("AlgorithmID", "PartyUInfo", "PartyVInfo")
            )
            originator = _text(
                agreement, "denc:OriginatorKeyInfo/ds:KeyValue/dsig11:ECKeyValue/dsig11:PublicKey"
            )
            assert _hex(params.get("PartyUInfo", "")) == originator
            assert _hex(params.get("PartyVInfo", "")) == der
            peer = ec.EllipticCurvePublicKey.from_encoded_point(private_key.curve, originator)
            shared = private_key.exchange(ec.ECDH(), peer)
            kek = ConcatKDFHash(DIGESTS[str(digest)](), 32, other_info).derive(shared)
            transport_key = aes_key_unwrap(kek, wrapped)
        break
    assert transport_key is not None, "no EncryptedKey for this certificate"
    payload = _text(root, "denc:CipherData/denc:CipherValue")
    data = AESGCM(transport_key).decrypt(payload[:12], payload[12:], None)
    properties = {
        p.get("Name", ""): p.text or ""
        for p in root.findall("denc:EncryptionProperties/denc:EncryptionProperty", NS)
    }
    return Opened(
        data=data,
        file_name=properties["Filename"],
        properties=properties,
        recipient_labels=[k.get("Recipient", "") for k in keys],
    )
