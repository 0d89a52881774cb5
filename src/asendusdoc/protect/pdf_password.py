"""Password protection of a PDF itself (AES-256), for a recipient without a key.

The password travels to the recipient another way (a phone call, a separate message). Every
refusal is an :class:`~asendusdoc.errors.EncryptionError` raised before any output exists:

==========================  ============================================================
code                        meaning
==========================  ============================================================
``password_missing``        the PDF password is empty
``pdf_unreadable``          the bytes to protect are not a readable, unencrypted PDF
==========================  ============================================================
"""

from __future__ import annotations

import io

from asendusdoc.errors import EncryptionError
from asendusdoc.i18n.library_errors import library_reason

__all__ = ["encrypt_pdf_with_password"]


def encrypt_pdf_with_password(pdf: bytes, password: str) -> bytes:
    """Protect a PDF with ``password`` (AES-256, PDF 2.0 security handler R6).

    The same password is set as user and owner password: whoever may open the file may also
    print and copy it. Document metadata (title, author, ...) is kept.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    if not password:
        raise EncryptionError(
            "The PDF password is empty. Put the password in the file or variable first.",
            code="password_missing",
            source="argument",
        )
    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            raise EncryptionError(
                "The PDF is already encrypted.", code="pdf_unreadable", reason="encrypted"
            )
        writer = PdfWriter(clone_from=reader)
        if reader.metadata is not None:
            writer.add_metadata(dict(reader.metadata))
        writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, OSError) as exc:
        raise EncryptionError(
            "The document could not be read as a PDF: {reason}.",
            code="pdf_unreadable",
            reason=library_reason(exc),
        ) from exc
    return out.getvalue()
