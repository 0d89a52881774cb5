"""An ASiC-E container with an XAdES seal: any file (a PDF, a DOCX report) signed as DigiDoc4 does.

PAdES covers PDF only; a provider's system that seals DOCX reports seals them in a container.
The profile is B-B (offline: no service is asked); given a time-stamping service and an OCSP
responder (as callables on request bytes, so that the library itself opens no connection),
the signature becomes LT (DigiDoc4's default): a timestamp over the SignatureValue, the
OCSP response for the signer's certificate, and the certificates needed to check both.

The XML follows what libdigidocpp writes (see :mod:`asendusdoc.protect._xades`), so that
DigiDoc4 opens and accepts it.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from asendusdoc.errors import EncryptionError
from asendusdoc.i18n.library_errors import library_reason
from asendusdoc.protect._values import AsiceSeal, SealSummary, Services
from asendusdoc.protect._xades import (
    ASIC,
    C14N11,
    DS,
    SHA256,
    SIGNED_PROPERTIES_TYPE,
    XADES,
    canonical,
)
from asendusdoc.read.kinds import ASICE_MEDIA_TYPE, MANIFEST

if TYPE_CHECKING:
    from cryptography import x509
    from lxml import etree

__all__ = [
    "DataFile",
    "asice_seal_summary",
    "build_container",
    "seal_container",
    "seal_document",
    "sign_xades",
]

Exchange = Callable[[bytes], bytes]
"""Posts request bytes to a service and returns its answer's bytes (:class:`Services`)."""


@dataclass(frozen=True)
class DataFile:
    """A file to put in the container: its name there, its bytes and media type."""

    name: str
    data: bytes = field(repr=False)
    media_type: str = "application/octet-stream"


_SIGNATURE_METHODS = {
    "rsa": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "ec": "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
}


def build_container(files: Sequence[DataFile], signature_xml: bytes) -> bytes:
    """The ASiC-E zip: ``mimetype`` first and stored, the manifest, the files, the signature."""
    out = io.BytesIO()
    stamp = (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype", stamp), ASICE_MEDIA_TYPE)
        package.writestr(_member(MANIFEST, stamp), _manifest(files))
        for data_file in files:
            package.writestr(_member(data_file.name, stamp), data_file.data)
        package.writestr(_member("META-INF/signatures0.xml", stamp), signature_xml)
    return out.getvalue()


def _member(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _manifest(files: Sequence[DataFile]) -> bytes:
    from lxml import etree

    ns = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    root = etree.Element(f"{{{ns}}}manifest", nsmap={"manifest": ns})
    root.set(f"{{{ns}}}version", "1.2")
    for path, media_type in [("/", ASICE_MEDIA_TYPE), *((f.name, f.media_type) for f in files)]:
        entry = etree.SubElement(root, f"{{{ns}}}file-entry")
        entry.set(f"{{{ns}}}full-path", path)
        entry.set(f"{{{ns}}}media-type", media_type)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def sign_xades(
    files: Sequence[DataFile],
    key: Any,
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    *,
    services: Services | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The ``signatures0.xml`` of a seal over ``files`` by ``key`` and ``certificate``."""
    from lxml import etree

    root = etree.Element(
        f"{{{ASIC}}}XAdESSignatures", nsmap={"asic": ASIC, "ds": DS, "xades": XADES}
    )
    signature = etree.SubElement(root, f"{{{DS}}}Signature", Id="S0")
    signed_info = etree.SubElement(signature, f"{{{DS}}}SignedInfo")
    _sub(signed_info, "ds:CanonicalizationMethod", Algorithm=C14N11)
    kind = "ec" if _is_ec(key) else "rsa"
    _sub(signed_info, "ds:SignatureMethod", Algorithm=_SIGNATURE_METHODS[kind])
    for index, data_file in enumerate(files):
        _reference(signed_info, f"S0-RefId{index}", quote(data_file.name), data_file.data)
    value = _sub(signature, "ds:SignatureValue", Id="S0-SIG")
    key_info = _sub(_sub(signature, "ds:KeyInfo"), "ds:X509Data")
    _sub(key_info, "ds:X509Certificate", text=_b64(_der(certificate)))
    properties = _qualifying_properties(signature, files, certificate, now)
    properties_reference = _sub(
        signed_info, "ds:Reference", Id=f"S0-RefId{len(files)}",
        Type=SIGNED_PROPERTIES_TYPE, URI="#S0-SignedProperties",
    )  # fmt: skip
    _sub(_sub(properties_reference, "ds:Transforms"), "ds:Transform", Algorithm=C14N11)
    _sub(properties_reference, "ds:DigestMethod", Algorithm=SHA256)
    signed_properties = properties.find(f"{{{XADES}}}SignedProperties")
    assert signed_properties is not None
    _sub(properties_reference, "ds:DigestValue", text=_b64(_sha256(canonical(signed_properties))))
    value.text = _b64(_sign(key, canonical(signed_info)))
    if services is not None:
        _add_lt(properties, value, certificate, chain, services)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _qualifying_properties(
    signature: etree._Element, files: Sequence[DataFile], certificate: Any, now: dt.datetime | None
) -> etree._Element:
    properties = _sub(_sub(signature, "ds:Object"), "xades:QualifyingProperties", Target="#S0")
    signed = _sub(properties, "xades:SignedProperties", Id="S0-SignedProperties")
    signature_properties = _sub(signed, "xades:SignedSignatureProperties")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    _sub(signature_properties, "xades:SigningTime", text=moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    cert = _sub(_sub(signature_properties, "xades:SigningCertificate"), "xades:Cert")
    cert_digest = _sub(cert, "xades:CertDigest")
    _sub(cert_digest, "ds:DigestMethod", Algorithm=SHA256)
    _sub(cert_digest, "ds:DigestValue", text=_b64(_sha256(_der(certificate))))
    issuer_serial = _sub(cert, "xades:IssuerSerial")
    _sub(issuer_serial, "ds:X509IssuerName", text=certificate.issuer.rfc4514_string())
    _sub(issuer_serial, "ds:X509SerialNumber", text=str(certificate.serial_number))
    objects = _sub(signed, "xades:SignedDataObjectProperties")
    for index, data_file in enumerate(files):
        data_format = _sub(objects, "xades:DataObjectFormat", ObjectReference=f"#S0-RefId{index}")
        _sub(data_format, "xades:MimeType", text=data_file.media_type)
    return properties


def _reference(signed_info: etree._Element, ref_id: str, uri: str, data: bytes) -> None:
    reference = _sub(signed_info, "ds:Reference", Id=ref_id, URI=uri)
    _sub(reference, "ds:DigestMethod", Algorithm=SHA256)
    _sub(reference, "ds:DigestValue", text=_b64(_sha256(data)))


def _add_lt(
    properties: etree._Element,
    value: etree._Element,
    certificate: Any,
    chain: Sequence[Any],
    services: Services,
) -> None:
    issuer = _issuer_of(certificate, chain)
    token = _timestamp(services.timestamp, canonical(value))
    ocsp_response = _ocsp(services.ocsp, certificate, issuer)
    unsigned = _sub(
        _sub(properties, "xades:UnsignedProperties"), "xades:UnsignedSignatureProperties"
    )
    stamp = _sub(unsigned, "xades:SignatureTimeStamp", Id="S0-T0")
    _sub(stamp, "ds:CanonicalizationMethod", Algorithm=C14N11)
    _sub(stamp, "xades:EncapsulatedTimeStamp", text=_b64(token))
    values = _sub(unsigned, "xades:CertificateValues")
    for extra in chain:
        _sub(values, "xades:EncapsulatedX509Certificate", text=_b64(_der(extra)))
    revocation = _sub(_sub(unsigned, "xades:RevocationValues"), "xades:OCSPValues")
    _sub(revocation, "xades:EncapsulatedOCSPValue", text=_b64(ocsp_response))


def _issuer_of(certificate: Any, chain: Sequence[Any]) -> Any:
    for candidate in chain:
        if candidate.subject == certificate.issuer:
            return candidate
    raise EncryptionError(
        "An LT seal needs the certificate of the seal's issuer, to ask the OCSP responder; "
        "export the PKCS#12 file with its certificate chain.",
        code="asice_no_issuer",
    )


def _timestamp(exchange: Exchange, covered: bytes) -> bytes:
    from asn1crypto import algos, core, tsp

    request = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": tsp.MessageImprint(
                {
                    "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                    "hashed_message": _sha256(covered),
                }
            ),
            "nonce": core.Integer(int.from_bytes(os.urandom(8), "big")),
            "cert_req": True,
        }
    )
    answer = _ask(exchange, request.dump(), "time-stamping")
    try:
        response = tsp.TimeStampResp.load(answer)
        if response["status"]["status"].native not in ("granted", "granted_with_mods"):
            raise ValueError("not granted")
        return bytes(response["time_stamp_token"].dump())
    except (ValueError, TypeError, KeyError) as exc:
        raise _service_refused("time-stamping", str(exc)) from None


def _ocsp(exchange: Exchange, certificate: Any, issuer: Any) -> bytes:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509 import ocsp

    request = ocsp.OCSPRequestBuilder().add_certificate(certificate, issuer, hashes.SHA1()).build()
    answer = _ask(exchange, request.public_bytes(serialization.Encoding.DER), "OCSP")
    try:
        response = ocsp.load_der_ocsp_response(answer)
    except ValueError as exc:
        raise _service_refused("OCSP", str(exc)) from None
    if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise _service_refused("OCSP", response.response_status.name)
    if response.certificate_status != ocsp.OCSPCertStatus.GOOD:
        raise _service_refused("OCSP", response.certificate_status.name)
    return answer


def _ask(exchange: Exchange, request: bytes, service: str) -> bytes:
    try:
        return exchange(request)
    except OSError as exc:
        raise EncryptionError(
            "The {service} service could not be reached: {reason}. Check the address, or "
            "seal without it (B-B profile).",
            code="asice_service_unreachable",
            service=service,
            reason=library_reason(exc),
        ) from None


def _service_refused(service: str, reason: str) -> EncryptionError:
    return EncryptionError(
        "The {service} service refused the request or answered with something else ({reason}).",
        code="asice_service_refused",
        service=service,
        reason=reason,
    )


def _sign(key: Any, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        size = (key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    return bytes(key.sign(data, padding.PKCS1v15(), hashes.SHA256()))


def _is_ec(key: Any) -> bool:
    from cryptography.hazmat.primitives.asymmetric import ec

    return isinstance(key, ec.EllipticCurvePrivateKey)


_PREFIXES = {"ds": DS, "xades": XADES, "asic": ASIC}


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> Any:
    from lxml import etree

    prefix, _, local = tag.partition(":")
    element = etree.SubElement(parent, f"{{{_PREFIXES[prefix]}}}{local}", **attributes)
    if text is not None:
        element.text = text
    return element


def _der(certificate: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return bytes(certificate.public_bytes(serialization.Encoding.DER))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _sha256(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()


def seal_container(
    files: Sequence[DataFile], seal: AsiceSeal, *, now: dt.datetime | None = None
) -> tuple[bytes, SealSummary]:
    """An ASiC-E container holding ``files``, sealed; and who sealed it."""
    from asendusdoc.protect.seal import _check_certificate, _load_pkcs12, _summary

    if not files:
        raise ValueError("a container needs at least one file")
    names = [data_file.name for data_file in files]
    for name in names:
        if _unsafe_name(name) or names.count(name) > 1:
            raise EncryptionError(
                "The file name {name} cannot go into a signed container (empty, a path, or "
                "twice). Give the file a plain name.",
                code="asice_bad_file_name",
                name=name,
            )
    key, certificate, chain = _load_pkcs12(seal.pkcs12, seal.password)
    moment = now or dt.datetime.now(dt.UTC)
    _check_certificate(certificate, seal.pkcs12, moment)
    signature = sign_xades(files, key, certificate, chain, services=seal.services, now=moment)
    return build_container(files, signature), _summary(certificate, seal.pkcs12.name)


def seal_document(data: bytes, file_name: str, seal: AsiceSeal) -> tuple[bytes, SealSummary]:
    """One document (named ``file_name``, its media type from the name) in a sealed container."""
    import mimetypes

    media_type = _MEDIA_TYPES.get(file_name.rsplit(".", 1)[-1].lower())
    media_type = media_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    return seal_container([DataFile(file_name, data, media_type)], seal)


def asice_seal_summary(seal: AsiceSeal, *, now: dt.datetime | None = None) -> SealSummary:
    """Open and check ``seal``'s PKCS#12 as :func:`seal_container` does; who would seal."""
    from asendusdoc.protect.seal import _check_certificate, _load_pkcs12, _summary

    _key, certificate, _chain = _load_pkcs12(seal.pkcs12, seal.password)
    _check_certificate(certificate, seal.pkcs12, now or dt.datetime.now(dt.UTC))
    return _summary(certificate, seal.pkcs12.name)


_MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _unsafe_name(name: str) -> bool:
    return (
        not name
        or name in (".", "..")
        or "/" in name
        or "\\" in name
        or name == "mimetype"
        or name.upper().startswith("META-INF")
    )
