"""The one call: form(s) → validated → rendered → protected bytes, in memory, with no disk.

::

    import asendusdoc
    from asendusdoc.protect import KeyData, OpenPGPEnvelope, Protection

    ska = KeyData(Path("SKA.asc").read_bytes(), "SKA.asc")
    product = asendusdoc.produce(form, "et", "pdf", Protection(envelope=OpenPGPEnvelope((ska,))))
    product.data            # the bytes to send
    product.file_name       # "family-support-referral.pdf.gpg"
    product.recipients      # what the caseworker compares with what the recipient gave

:func:`produce` does what ``asendusdoc render`` does; :func:`protect_file` what
``asendusdoc encrypt`` does (any file's bytes). Errors are those of validation
(:class:`~asendusdoc.errors.FormValidationError`), rendering and protection
(:class:`~asendusdoc.errors.EncryptionError`); no bytes come back then.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from asendusdoc._quiet import quiet_libraries
from asendusdoc.errors import InputError
from asendusdoc.protect import Protection, RecipientSummary, SealSummary, apply_protection

if TYPE_CHECKING:
    from asendusdoc.read.loading import FormSource
    from asendusdoc.render.restriction import AccessRestriction

__all__ = ["MEDIA_TYPES", "Product", "check_bundle", "produce", "protect_file", "quiet_libraries"]

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
"""The media type of each document format."""


@dataclass(frozen=True)
class Product:
    """A finished, protected document: its bytes and what to do with them.

    ``file_name`` is a suggestion (the document's name, its format's ending and the
    envelope's, e.g. ``suunamine.pdf.gpg``); ``media_type`` is that of the outermost layer;
    ``recipients`` says, per recipient, what a person compares before sending; ``seal`` who
    sealed the PDF (``None``: not sealed).
    """

    data: bytes = field(repr=False)
    file_name: str
    media_type: str
    recipients: tuple[RecipientSummary, ...] = ()
    seal: SealSummary | None = None
    pages: int | None = None
    """The document's pages (PDF; None for DOCX, whose pages the word processor sets)."""


def produce(
    forms: FormSource | Sequence[FormSource],
    lang: str,
    fmt: str = "pdf",
    protection: Protection | None = None,
    *,
    name: str | None = None,
    template_dir: Path | None = None,
    restriction: AccessRestriction | None = None,
    embedded_data: bool = True,
) -> Product:
    """Validate, render and protect ``forms`` in document language ``lang`` (et or ru).

    ``forms`` is one form (a model, dict, JSON text or bytes, or a path) or a list of them;
    several forms go into one PDF, one bookmark each. ``fmt`` is ``"pdf"`` or ``"docx"``.
    ``name`` is the document's own file name without ending (default: the first form's id);
    ``template_dir`` holds own DOCX templates (``DIR/<lang>/<form_id>.docx``);
    ``restriction`` sets the holder and term of the access-restriction marking (default: the
    issuer, 75 years). The document carries its form(s) as data
    (:mod:`asendusdoc.render.embedding`), before any seal or password, so both cover it;
    ``embedded_data=False`` leaves it out. Library warnings (pypdf, pyhanko, cryptography)
    are silenced while it runs (:func:`quiet_libraries`).
    """
    with quiet_libraries():
        return _produce(
            forms,
            lang,
            fmt,
            protection,
            name=name,
            template_dir=template_dir,
            restriction=restriction,
            embedded_data=embedded_data,
        )


def _produce(
    forms: FormSource | Sequence[FormSource],
    lang: str,
    fmt: str,
    protection: Protection | None,
    *,
    name: str | None,
    template_dir: Path | None,
    restriction: AccessRestriction | None,
    embedded_data: bool,
) -> Product:
    from asendusdoc.read.loading import load_form
    from asendusdoc.render import FORMATS, build_document

    if fmt not in FORMATS:
        raise InputError("unknown format '{fmt}'; use docx or pdf", code="format_unknown", fmt=fmt)
    sources: list[FormSource] = list(forms) if isinstance(forms, list | tuple) else [forms]  # type: ignore[list-item]
    if not sources:
        raise ValueError("produce needs at least one form")
    check_bundle(len(sources), fmt)
    models = [load_form(source) for source in sources]
    documents = [build_document(model, lang, restriction) for model in models]
    if fmt == "docx":
        from asendusdoc.render.docx import render_docx

        data = render_docx(documents[0], template_dir=template_dir)
    else:
        from asendusdoc.render.pdf import render_pdf, render_pdf_bundle

        data = render_pdf(documents[0]) if len(documents) == 1 else render_pdf_bundle(documents)
    if embedded_data:
        from asendusdoc.render.embedding import embed

        data = embed(data, fmt, models)
    document_name = f"{name or documents[0].form_id}.{fmt}"
    product = _protect(data, document_name, fmt, MEDIA_TYPES[fmt], protection or Protection())
    return replace(product, pages=_page_count(data) if fmt == "pdf" else None)


def _page_count(pdf: bytes) -> int:
    """The pages of a PDF that reportlab wrote (its page objects are never compressed)."""
    return len(_PAGE_OBJECT.findall(pdf))


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")


def check_bundle(count: int, fmt: str) -> None:
    """Refuse ``count`` forms in one ``fmt`` document unless it is a PDF (one bookmark each):
    the one place this rule is written, asked by :func:`produce` and, before any work, by the
    command line."""
    if count > 1 and fmt != "pdf":
        raise InputError(
            "several forms go into one document only as a PDF", code="bundle_needs_pdf"
        )


def protect_file(data: bytes, file_name: str, protection: Protection) -> Product:
    """Protect the bytes of any file called ``file_name`` (what ``asendusdoc encrypt`` does).

    A PDF password needs a ``.pdf`` file name.
    """
    suffix = Path(file_name).suffix.lower().lstrip(".")
    fmt = suffix if suffix in MEDIA_TYPES else None
    media_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    with quiet_libraries():
        return _protect(data, file_name, fmt, MEDIA_TYPES.get(suffix, media_type), protection)


def _protect(
    data: bytes, file_name: str, fmt: str | None, media_type: str, protection: Protection
) -> Product:
    protected = apply_protection(data, fmt, protection, inner_name=file_name)
    return Product(
        data=protected.data,
        file_name=file_name + protected.suffix,
        media_type=protected.media_type or media_type,
        recipients=protected.recipients,
        seal=protected.seal,
    )
