"""CDOC envelopes to X.509 certificates: what a recipient opens in DigiDoc4 with an ID card.

Estonian public bodies send confidential files as ``.cdoc``: the recipient's ID-card
authentication certificate (or an organisation's e-seal certificate) selects who can open it.

* **CDOC 1.1** (the default; every DigiDoc4 opens it) is written here with ``cryptography`` and
  ``lxml``, following the XML structure of libcdoc's ``CDoc1Writer`` (XML-ENC): the document is
  encrypted with AES-256-GCM under a random key; the key is wrapped for each recipient,
  with ECDH-ES + ConcatKDF + AES-256 key wrap for an EC certificate (P-256, P-384, P-521) or
  RSA PKCS#1 v1.5 key transport for an RSA certificate. Inside, the document keeps its name.
* **CDOC 2.0** is written by pycdoc (libcdoc's bindings), an optional extra
  (``pip install asendusdoc[cdoc]``): its wheels exist for few platforms only.

A certificate is refused (:class:`~asendusdoc.errors.EncryptionError`, exit code 2) before
anything is encrypted:

=================================  ====================================================
code                               meaning
=================================  ====================================================
``not_a_certificate``              empty, a private key, an OpenPGP key, or garbage
``certificate_expired``            its validity ended
``certificate_not_yet_valid``      its validity has not begun
``certificate_key_usage``          its key usage forbids key agreement (EC) or key
                                   encipherment (RSA)
``certificate_key_unsupported``    a key type or curve CDOC does not serve
``cdoc2_unavailable``              CDOC 2.0 asked for, pycdoc not installed
``cdoc2_failed``                   pycdoc refused (``reason`` param)
=================================  ====================================================
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from asendusdoc.errors import EncryptionError
from asendusdoc.protect._certificates import CURVES

if TYPE_CHECKING:
    from cryptography import x509

__all__ = [
    "CDOC1_MEDIA_TYPE",
    "CDOC2_MEDIA_TYPE",
    "encrypt_cdoc1",
    "encrypt_cdoc2",
]

CDOC1_MEDIA_TYPE = "application/x-cdoc"
CDOC2_MEDIA_TYPE = "application/x-cdoc2"

_DENC = "http://www.w3.org/2001/04/xmlenc#"
_DS = "http://www.w3.org/2000/09/xmldsig#"
_XENC11 = "http://www.w3.org/2009/xmlenc11#"
_DSIG11 = "http://www.w3.org/2009/xmldsig11#"
_AES256_GCM = _XENC11 + "aes256-gcm"
_KW_AES256 = _DENC + "kw-aes256"
_RSA_1_5 = _DENC + "rsa-1_5"
_ECDH_ES = _XENC11 + "ECDH-ES"
_CONCAT_KDF = _XENC11 + "ConcatKDF"
_DOCUMENT_FORMAT = "ENCDOC-XML|1.1"


def encrypt_cdoc1(data: bytes, file_name: str, certificates: Sequence[x509.Certificate]) -> bytes:
    """A CDOC 1.1 envelope holding ``data`` as ``file_name``, for each of ``certificates``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from lxml import etree

    if not certificates:
        raise ValueError("a CDOC envelope needs at least one recipient")
    transport_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    sealed = nonce + AESGCM(transport_key).encrypt(nonce, data, None)

    root = etree.Element(
        _q(_DENC, "EncryptedData"),
        {"MimeType": "application/octet-stream"},
        nsmap={"denc": _DENC, "ds": _DS, "xenc11": _XENC11, "dsig11": _DSIG11},
    )
    etree.SubElement(root, _q(_DENC, "EncryptionMethod"), {"Algorithm": _AES256_GCM})
    key_info = etree.SubElement(root, _q(_DS, "KeyInfo"))
    for certificate in certificates:
        key_info.append(_encrypted_key(certificate, transport_key))
    _cipher_data(root, sealed)
    properties = etree.SubElement(root, _q(_DENC, "EncryptionProperties"))
    name = os.path.basename(file_name.replace("\\", "/")).replace("|", "_") or "document"
    for property_name, value in (
        ("LibraryVersion", f"asendusdoc|{_version()}"),
        ("DocumentFormat", _DOCUMENT_FORMAT),
        ("Filename", name),
        ("orig_file", f"{name}|{len(data)}|application/octet-stream|D0"),
    ):
        element = etree.SubElement(properties, _q(_DENC, "EncryptionProperty"))
        element.set("Name", property_name)
        element.text = value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def encrypt_cdoc2(data: bytes, file_name: str, certificates: Sequence[bytes]) -> bytes:
    """A CDOC 2.0 envelope, written by pycdoc (the ``asendusdoc[cdoc]`` extra).

    pycdoc writes to a path only, and closes its file reliably only once per process: a
    child process (:mod:`asendusdoc.protect._cdoc2_writer`) gets the document on its standard input
    and has pycdoc write to its standard output, a pipe. Neither the document nor the envelope
    touches the disk.
    """
    try:
        import pycdoc  # noqa: F401  (only to say clearly that it is missing)
    except ImportError as exc:
        raise EncryptionError(
            "CDOC 2.0 needs the pycdoc package, which is not installed. Install it with "
            "pip install 'asendusdoc[cdoc]', or write CDOC 1.1 (the default), which every "
            "DigiDoc4 opens.",
            code="cdoc2_unavailable",
        ) from exc
    if not os.path.exists("/dev/stdout"):
        raise EncryptionError(
            "CDOC 2.0 cannot be written on this system (no /dev/fd); write CDOC 1.1.",
            code="cdoc2_unavailable",
        )
    header = {
        "file_name": file_name,
        "certificates": [base64.b64encode(der).decode("ascii") for der in certificates],
    }
    request = json.dumps(header).encode("utf-8") + b"\n" + data
    try:
        done = subprocess.run(
            [sys.executable, "-m", "asendusdoc.protect._cdoc2_writer"],
            input=request,
            capture_output=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise _cdoc2_failed(type(exc).__name__) from exc
    if done.returncode != 0 or not done.stdout.startswith(b"CDOC\x02"):
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _cdoc2_failed(reason[-1] if reason else f"exit code {done.returncode}")
    return done.stdout


def _cdoc2_failed(reason: str) -> EncryptionError:
    return EncryptionError(
        "pycdoc could not write the CDOC 2.0 envelope: {reason}.",
        code="cdoc2_failed",
        reason=reason,
    )


def _encrypted_key(certificate: x509.Certificate, transport_key: bytes) -> Any:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
    from cryptography.hazmat.primitives.keywrap import aes_key_wrap
    from cryptography.x509.oid import NameOID
    from lxml import etree

    der = certificate.public_bytes(serialization.Encoding.DER)
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    label = str(names[0].value) if names else certificate.subject.rfc4514_string()
    encrypted_key = etree.Element(_q(_DENC, "EncryptedKey"), {"Recipient": label})
    public_key = certificate.public_key()
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        etree.SubElement(encrypted_key, _q(_DENC, "EncryptionMethod"), {"Algorithm": _KW_AES256})
        ephemeral = ec.generate_private_key(public_key.curve)
        shared = ephemeral.exchange(ec.ECDH(), public_key)
        originator = ephemeral.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        digest_name = CURVES[public_key.curve.name]
        algorithm_id = _DOCUMENT_FORMAT.encode("ascii")
        kek = ConcatKDFHash(
            getattr(hashes, digest_name.upper())(), 32, algorithm_id + originator + der
        ).derive(shared)
        wrapped = aes_key_wrap(kek, transport_key)
        info = etree.SubElement(encrypted_key, _q(_DS, "KeyInfo"))
        agreement = etree.SubElement(info, _q(_DENC, "AgreementMethod"), {"Algorithm": _ECDH_ES})
        derivation = etree.SubElement(
            agreement, _q(_XENC11, "KeyDerivationMethod"), {"Algorithm": _CONCAT_KDF}
        )
        params = etree.SubElement(
            derivation,
            _q(_XENC11, "ConcatKDFParams"),
            {
                "AlgorithmID": "00" + algorithm_id.hex().upper(),
                "PartyUInfo": "00" + originator.hex().upper(),
                "PartyVInfo": "00" + der.hex().upper(),
            },
        )
        etree.SubElement(params, _q(_DS, "DigestMethod"), {"Algorithm": _DENC + digest_name})
        key_value = etree.SubElement(
            etree.SubElement(agreement, _q(_DENC, "OriginatorKeyInfo")), _q(_DS, "KeyValue")
        )
        ec_value = etree.SubElement(key_value, _q(_DSIG11, "ECKeyValue"))
        etree.SubElement(
            ec_value, _q(_DSIG11, "NamedCurve"), {"URI": "urn:oid:" + _curve_oid(public_key)}
        )
        etree.SubElement(ec_value, _q(_DSIG11, "PublicKey")).text = _b64(originator)
        recipient_info = etree.SubElement(agreement, _q(_DENC, "RecipientKeyInfo"))
        _x509_data(recipient_info, der)
    else:  # RSA: load_recipient_certificate let nothing else through
        etree.SubElement(encrypted_key, _q(_DENC, "EncryptionMethod"), {"Algorithm": _RSA_1_5})
        wrapped = public_key.encrypt(transport_key, padding.PKCS1v15())  # type: ignore[union-attr]
        _x509_data(etree.SubElement(encrypted_key, _q(_DS, "KeyInfo")), der)
    _cipher_data(encrypted_key, wrapped)
    return encrypted_key


def _curve_oid(public_key: Any) -> str:
    return {"secp256r1": "1.2.840.10045.3.1.7", "secp384r1": "1.3.132.0.34"}.get(
        public_key.curve.name, "1.3.132.0.35"
    )


def _x509_data(parent: Any, der: bytes) -> None:
    from lxml import etree

    data = etree.SubElement(parent, _q(_DS, "X509Data"))
    etree.SubElement(data, _q(_DS, "X509Certificate")).text = _b64(der)


def _cipher_data(parent: Any, value: bytes) -> None:
    from lxml import etree

    cipher = etree.SubElement(parent, _q(_DENC, "CipherData"))
    etree.SubElement(cipher, _q(_DENC, "CipherValue")).text = _b64(value)


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _version() -> str:
    from asendusdoc._version import __version__

    return __version__
