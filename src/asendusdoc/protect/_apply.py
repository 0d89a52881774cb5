"""Protection applied: the one place that calls the back ends a :class:`Protection` asks for.

The back ends are imported when called, so that describing protection (the values) never
loads gpg, pypdf, pyhanko or cryptography.
"""

from __future__ import annotations

from dataclasses import replace

from asendusdoc.errors import EncryptionError
from asendusdoc.protect._values import (
    ASICE_SUFFIX,
    CdocEnvelope,
    Protected,
    Protection,
    RecipientSummary,
)

__all__ = ["apply_protection", "check_protection"]


def check_protection(protection: Protection, fmt: str | None) -> None:
    """Refuse what cannot be done to a ``fmt`` document (``None``: any file), before work.

    Also opens every certificate and the seal's PKCS#12, so an unusable one is refused
    before anything is rendered.
    """
    if protection.seal is not None:
        from asendusdoc.protect.seal import seal_summary

        if protection.pdf_password is not None:
            raise EncryptionError(
                "a seal and a PDF password do not go together: the password would break "
                "the seal. Send the sealed PDF in an envelope to its recipients instead.",
                code="seal_with_password",
            )
        if fmt != "pdf":
            raise EncryptionError(
                "a seal goes on PDF files only; make the document a PDF",
                code="seal_needs_pdf",
                fmt=fmt,
            )
        seal_summary(protection.seal)
    if protection.asice_seal is not None:
        from asendusdoc.protect.asice import asice_seal_summary

        asice_seal_summary(protection.asice_seal)
    if protection.pdf_password is not None and fmt != "pdf":
        raise EncryptionError(
            "a password protects PDF files only; protect a {fmt} file with an envelope to its "
            "recipients",
            code="password_needs_pdf",
            fmt=fmt,
        )
    if isinstance(protection.envelope, CdocEnvelope):
        from asendusdoc.protect._certificates import recipient_summaries

        recipient_summaries(protection.envelope.recipients)


def apply_protection(
    data: bytes, fmt: str | None, protection: Protection, *, inner_name: str
) -> Protected:
    """Protect ``data`` in memory; the plain bytes never touch the disk.

    ``fmt`` is ``"pdf"``, ``"docx"`` or ``None`` for any file; a PDF password needs ``"pdf"``.
    Order: the PAdES seal or the PDF password, then the sealed ASiC-E container (any file),
    then the envelope, which then holds the container.
    ``inner_name`` is the document's own file name, kept inside envelopes that carry one.
    ``media_type`` of the result is ``None`` when the bytes are not in an envelope.
    """
    if (protection.seal or protection.pdf_password) and fmt != "pdf":
        check_protection(protection, fmt or inner_name)  # raises: a seal or password needs a PDF
    seal = None
    if protection.seal is not None:
        from asendusdoc.protect.seal import seal_pdf

        if protection.pdf_password is not None:
            check_protection(protection, fmt)  # raises: not both
        data, seal = seal_pdf(data, protection.seal)
    if protection.pdf_password is not None:
        from asendusdoc.protect.pdf_password import encrypt_pdf_with_password

        data = encrypt_pdf_with_password(data, protection.pdf_password.password)
    container = ""
    if protection.asice_seal is not None:
        from asendusdoc.protect.asice import seal_document

        data, seal = seal_document(data, inner_name, protection.asice_seal)
        inner_name, container = inner_name + ASICE_SUFFIX, ASICE_SUFFIX
    envelope = protection.envelope
    if envelope is None:
        media_type = "application/vnd.etsi.asic-e+zip" if container else None
        return Protected(data, container, media_type, seal=seal)
    if isinstance(envelope, CdocEnvelope):
        protected = _cdoc(data, envelope, inner_name)
        return replace(protected, suffix=container + protected.suffix, seal=seal)
    from asendusdoc.protect.openpgp import encrypt_bytes

    result = encrypt_bytes(
        data,
        envelope.recipients,
        sign_with=envelope.sign_with,
        sign_passphrase=envelope.sign_passphrase,
        armor=envelope.armor,
    )
    recipients = tuple(
        RecipientSummary(kind="openpgp", source=key.name, fingerprint=fingerprint)
        for key, fingerprint in zip(envelope.recipients, result.key_fingerprints, strict=True)
    )
    return Protected(
        result.data,
        container + envelope.suffix,
        envelope.media_type,
        _unique(recipients),
        seal=seal,
    )


def _cdoc(data: bytes, envelope: CdocEnvelope, inner_name: str) -> Protected:
    from asendusdoc.protect import cdoc
    from asendusdoc.protect._certificates import load_recipient_certificate, summarize_certificate

    if not envelope.recipients:
        raise ValueError("a CDOC envelope needs at least one recipient certificate")
    certificates = [load_recipient_certificate(key) for key in envelope.recipients]
    recipients = tuple(
        summarize_certificate(certificate, key.name)
        for certificate, key in zip(certificates, envelope.recipients, strict=True)
    )
    unique = {
        recipient.fingerprint: c for recipient, c in zip(recipients, certificates, strict=True)
    }
    if envelope.version == 1:
        sealed = cdoc.encrypt_cdoc1(data, inner_name, list(unique.values()))
    else:
        from cryptography.hazmat.primitives.serialization import Encoding

        ders = [certificate.public_bytes(Encoding.DER) for certificate in unique.values()]
        sealed = cdoc.encrypt_cdoc2(data, inner_name, ders)
    return Protected(sealed, envelope.suffix, envelope.media_type, _unique(recipients))


def _unique(recipients: tuple[RecipientSummary, ...]) -> tuple[RecipientSummary, ...]:
    seen: dict[str, RecipientSummary] = {}
    for recipient in recipients:
        seen.setdefault(recipient.fingerprint, recipient)
    return tuple(seen.values())
