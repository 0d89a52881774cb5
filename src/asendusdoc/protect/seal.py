"""A PAdES seal on a PDF: the organisation's e-seal certificate (PKCS#12) signs the document.

The seal is an invisible signature (PAdES baseline B, ``ETSI.CAdES.detached``) made with
pyhanko, added as an incremental update: the visible document is unchanged, and any later
change to the signed bytes makes the seal invalid (DigiDoc4, Adobe Reader and poppler's
``pdfsig`` show that). No time stamp is added: that needs a time-stamping service online.

Refusals (:class:`~asendusdoc.errors.EncryptionError`, exit code 2), before anything is signed:

=============================  ========================================================
code                           meaning
=============================  ========================================================
``seal_not_pkcs12``            the file is no PKCS#12 (``.p12`` / ``.pfx``) file
``seal_bad_password``          the PKCS#12 password is wrong or missing
``seal_no_key``                the file holds no private key with its certificate
``seal_expired``               the certificate's validity ended (or has not begun)
``seal_key_usage``             the certificate may not sign
``seal_needs_pdf``             a seal on something that is not a PDF
``seal_failed``                pyhanko refused (``reason`` param)
=============================  ========================================================
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from asendusdoc.errors import EncryptionError
from asendusdoc.i18n.library_errors import library_reason
from asendusdoc.protect._values import KeyData, Seal, SealSummary

__all__ = ["seal_pdf", "seal_summary"]


def seal_pdf(
    pdf: bytes, seal: Seal, *, now: dt.datetime | None = None
) -> tuple[bytes, SealSummary]:
    """``pdf`` with a PAdES seal by the key and certificate in ``seal``, and who sealed it."""
    key, certificate, chain = _load_pkcs12(seal.pkcs12, seal.password)
    _check_certificate(certificate, seal.pkcs12, now or dt.datetime.now(dt.UTC))
    return _sign(pdf, key, certificate, chain), _summary(certificate, seal.pkcs12.name)


def seal_summary(seal: Seal, *, now: dt.datetime | None = None) -> SealSummary:
    """Open and check ``seal`` as :func:`seal_pdf` does, and say who would seal."""
    _key, certificate, _chain = _load_pkcs12(seal.pkcs12, seal.password)
    _check_certificate(certificate, seal.pkcs12, now or dt.datetime.now(dt.UTC))
    return _summary(certificate, seal.pkcs12.name)


def _summary(certificate: Any, source: str) -> SealSummary:
    from asendusdoc.protect._certificates import summarize_certificate

    summary = summarize_certificate(certificate, source)
    return SealSummary(
        source=source,
        subject=summary.subject or "",
        serial_number=summary.serial_number or "",
        valid_until=certificate.not_valid_after_utc,
        fingerprint=summary.fingerprint,
    )


MAX_SEAL_KEY_BITS = 8192
"""The largest seal key signed with: RSA signing grows with the cube of the key size, and a
16,384-bit key took minutes (and held up SIGTERM for half a minute); e-seal keys issued in
Estonia are 2,048 to 4,096 bits (or elliptic curves)."""


def _load_pkcs12(pkcs12: KeyData, password: bytes | None) -> tuple[Any, Any, list[Any]]:
    from asn1crypto import pkcs12 as asn1_pkcs12
    from cryptography.hazmat.primitives.serialization import pkcs12 as crypto_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(pkcs12.data)
        is_pkcs12 = bool(pkcs12.data) and pfx["version"].native == "v3" and pfx.contents is not None
    except (ValueError, TypeError, KeyError):
        is_pkcs12 = False
    if not is_pkcs12:
        raise EncryptionError(
            "The file {path} is not a PKCS#12 file (.p12 or .pfx) holding the seal's key and "
            "certificate. Export the e-seal certificate with its key as PKCS#12.",
            code="seal_not_pkcs12",
            path=pkcs12.name,
        )
    try:
        key, certificate, chain = crypto_pkcs12.load_key_and_certificates(pkcs12.data, password)
    except ValueError as exc:
        raise EncryptionError(
            "The password of {path} is wrong or missing. Give the password the seal's "
            "PKCS#12 file was protected with.",
            code="seal_bad_password",
            path=pkcs12.name,
        ) from exc
    if key is None or certificate is None:
        raise EncryptionError(
            "The file {path} holds no private key with its certificate: a seal needs both.",
            code="seal_no_key",
            path=pkcs12.name,
        )
    bits: int = getattr(key, "key_size", 0)
    if bits > MAX_SEAL_KEY_BITS:
        raise EncryptionError(
            "The seal key in {path} has {bits} bits; asendusdoc takes keys of at most {limit} "
            "bits (a larger one takes minutes to sign with). Use the organisation's e-seal "
            "certificate, whose key is 2,048 to 4,096 bits.",
            code="seal_key_too_large",
            path=pkcs12.name,
            bits=bits,
            limit=MAX_SEAL_KEY_BITS,
        )
    return key, certificate, list(chain)


def _check_certificate(certificate: Any, pkcs12: KeyData, now: dt.datetime) -> None:
    from cryptography import x509

    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise EncryptionError(
            "The seal certificate in {path} is not valid now (valid {start} to {end}). "
            "Use a current e-seal certificate.",
            code="seal_expired",
            path=pkcs12.name,
            start=certificate.not_valid_before_utc.date().isoformat(),
            end=certificate.not_valid_after_utc.date().isoformat(),
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise EncryptionError(
            "The certificate in {path} may not sign (its key usage forbids it). Use the "
            "organisation's e-seal certificate.",
            code="seal_key_usage",
            path=pkcs12.name,
        )


def _sign(pdf: bytes, key: Any, certificate: Any, chain: list[Any]) -> bytes:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1(cert: Any) -> Any:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    signing_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1(certificate),
        signing_key=signing_key,
        cert_registry=SimpleCertificateStore.from_certs([asn1(c) for c in chain]),  # type: ignore[no-untyped-call]
    )
    metadata = signers.PdfSignatureMetadata(
        field_name="Seal", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        output = signers.sign_pdf(writer, metadata, signer=signer)
    except (PdfError, ValueError, OSError) as exc:
        raise EncryptionError(
            "The PDF could not be sealed: {reason}.",
            code="seal_failed",
            reason=library_reason(exc),
        ) from exc
    return bytes(output.getvalue())
