"""The evidence an LT signature carries: a timestamp token (RFC 3161) and an OCSP response.

Both are checked here on bytes, with ``cryptography`` and ``asn1crypto`` (which pyhanko brings):

* a timestamp token is CMS SignedData over a TSTInfo: its message imprint must be the digest of
  the bytes it claims to cover (the canonicalised ``ds:SignatureValue``), the digest of the
  TSTInfo must be the signed ``messageDigest`` attribute, and the TSA's certificate (carried in
  the token) must have signed the attributes. Its ``genTime`` is the trusted signing time;
* an OCSP response must be successful, about the signer's certificate and its issuer, "good",
  and signed by the issuer or a responder the issuer delegated (``id-kp-OCSPSigning``).

Whether the TSA's and the responder's certificates are trusted is the caller's business
(:mod:`asendusdoc.protect.asice_verify` builds their chains like the signer's). Every failure
is an :class:`EvidenceError` whose ``code`` names it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography import x509

__all__ = ["EvidenceError", "Timestamp", "check_ocsp", "check_timestamp", "verify_with"]


class EvidenceError(Exception):
    """A timestamp or OCSP response does not hold; ``code`` names why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Timestamp:
    """A checked timestamp: when, and the certificates it carries (the TSA's first)."""

    time: dt.datetime
    tsa_certificate: x509.Certificate
    certificates: tuple[x509.Certificate, ...]


def verify_with(certificate: x509.Certificate, signature: bytes, data: bytes, digest: str) -> bool:
    """Whether ``certificate``'s key made ``signature`` (RSA PKCS#1 v1.5 or DER ECDSA) over
    ``data`` with the ``digest`` (hashlib name)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    algorithms: dict[str, type[hashes.HashAlgorithm]] = {
        "sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
        "sha384": hashes.SHA384, "sha512": hashes.SHA512,
    }  # fmt: skip
    algorithm = algorithms[digest]()
    key = certificate.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm))
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


def check_timestamp(token: bytes, covered: bytes) -> Timestamp:
    """The timestamp in ``token`` (a DER ContentInfo), checked to cover ``covered``."""
    from asn1crypto import cms, tsp

    try:
        info = cms.ContentInfo.load(token)
        signed = info["content"]
        content = signed["encap_content_info"]
        tst_der = bytes(content["content"].contents)
        tst = tsp.TSTInfo.load(tst_der)
        imprint = tst["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        if hashlib.new(algorithm, covered).digest() != imprint["hashed_message"].native:
            raise EvidenceError("timestamp_other_data")
        signer_info = signed["signer_infos"][0]
        certificates = _certificates(signed)
        tsa = _signer_certificate(signer_info, certificates)
        _check_signed_attributes(signer_info, tst_der, tsa)
        time = tst["gen_time"].native
    except EvidenceError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise EvidenceError("timestamp_broken") from None
    return Timestamp(time=time, tsa_certificate=tsa, certificates=tuple(certificates))


def _certificates(signed: Any) -> list[x509.Certificate]:
    from cryptography import x509

    found = []
    for choice in signed["certificates"] or []:
        if choice.name == "certificate":
            found.append(x509.load_der_x509_certificate(choice.chosen.dump()))
    return found


def _signer_certificate(signer_info: Any, certificates: list[x509.Certificate]) -> Any:
    sid = signer_info["sid"]
    for certificate in certificates:
        if sid.name == "issuer_and_serial_number":
            if certificate.serial_number == sid.chosen["serial_number"].native:
                return certificate
        else:
            from cryptography import x509

            try:
                ski = certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
            except x509.ExtensionNotFound:
                continue
            if ski.value.digest == sid.chosen.native:
                return certificate
    raise EvidenceError("timestamp_no_certificate")


def _check_signed_attributes(signer_info: Any, tst_der: bytes, tsa: Any) -> None:
    digest = signer_info["digest_algorithm"]["algorithm"].native
    attributes = signer_info["signed_attrs"]
    message_digest = None
    for attribute in attributes:
        if attribute["type"].native == "message_digest":
            message_digest = attribute["values"][0].native
    if message_digest != hashlib.new(digest, tst_der).digest():
        raise EvidenceError("timestamp_broken")
    signed_bytes = attributes.untag().dump()
    if not verify_with(tsa, signer_info["signature"].native, signed_bytes, digest):
        raise EvidenceError("timestamp_signature")


def check_ocsp(
    response_der: bytes, certificate: x509.Certificate, issuer: x509.Certificate | None
) -> tuple[dt.datetime, x509.Certificate]:
    """When the response was produced and who signed it, checked to say "good" about
    ``certificate`` (issued by ``issuer``, when known)."""
    from cryptography.x509 import ocsp

    try:
        response = ocsp.load_der_ocsp_response(response_der)
    except ValueError:
        raise EvidenceError("ocsp_broken") from None
    if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise EvidenceError("ocsp_not_successful")
    if response.serial_number != certificate.serial_number:
        raise EvidenceError("ocsp_other_certificate")
    if response.certificate_status == ocsp.OCSPCertStatus.REVOKED:
        raise EvidenceError("ocsp_revoked")
    if response.certificate_status != ocsp.OCSPCertStatus.GOOD:
        raise EvidenceError("ocsp_unknown")
    responder = _responder(response, issuer)
    digest = response.signature_hash_algorithm
    name = digest.name if digest is not None else "sha256"
    if not verify_with(responder, response.signature, response.tbs_response_bytes, name):
        raise EvidenceError("ocsp_signature")
    return response.produced_at_utc, responder


def _responder(response: Any, issuer: x509.Certificate | None) -> x509.Certificate:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.x509.oid import ExtendedKeyUsageOID

    candidates = list(response.certificates) + ([issuer] if issuer is not None else [])
    for candidate in candidates:
        if response.responder_name is not None and candidate.subject != response.responder_name:
            continue
        if response.responder_key_hash is not None and response.responder_name is None:
            from cryptography.hazmat.primitives import hashes, serialization

            key = candidate.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            from asn1crypto import keys

            bits = keys.PublicKeyInfo.load(key)["public_key"].contents[1:]
            h = hashes.Hash(hashes.SHA1())
            h.update(bits)
            if h.finalize() != response.responder_key_hash:
                continue
        if issuer is not None and candidate != issuer:
            try:
                usage = candidate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
            except x509.ExtensionNotFound:
                continue
            if ExtendedKeyUsageOID.OCSP_SIGNING not in usage.value:
                continue
            try:
                candidate.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, InvalidSignature):
                continue
        found: x509.Certificate = candidate
        return found
    raise EvidenceError("ocsp_no_responder")
