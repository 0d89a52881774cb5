"""Rendering: a form → its documents (DOCX from docxtpl templates, PDF from reportlab).

Every function takes a form (a model, or anything :func:`asendusdoc.load_form` reads: it is
validated first) and a document language, ``"et"`` or ``"ru"``, and returns bytes. Both formats
come from one rendering context (:func:`build_document`), so they show the same content, order
and labels. The back ends are imported only when used.

Every document carries the form(s) it shows as data (:mod:`asendusdoc.render.embedding`), which
``asendusdoc extract`` and :func:`asendusdoc.load_form` read back; ``embedded_data=False``
leaves it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from asendusdoc.errors import InputError
from asendusdoc.forms import FormModel
from asendusdoc.i18n import DOCUMENT_LANGUAGES
from asendusdoc.read.loading import FormSource, load_form
from asendusdoc.render.document import Document
from asendusdoc.render.restriction import AccessRestriction

__all__ = [
    "FORMATS",
    "build_document",
    "render_document",
    "render_docx",
    "render_pdf",
    "render_pdf_bundle",
]

FORMATS = ("docx", "pdf")
Format = Literal["docx", "pdf"]


def build_document(
    form: FormSource, lang: str, restriction: AccessRestriction | None = None
) -> Document:
    """The rendering context of ``form`` in ``lang``: every label and value, formatted.

    ``restriction``: the holder, term and basis of the access-restriction marking.
    """
    from asendusdoc.render.build import build_document as build

    if lang not in DOCUMENT_LANGUAGES:
        raise InputError(
            "documents are written in Estonian (et) or Russian (ru), not '{lang}'",
            code="document_language_unknown",
            lang=lang,
        )
    return build(load_form(form), lang, restriction)


def render_docx(
    form: FormSource,
    lang: str,
    *,
    template_dir: Path | None = None,
    restriction: AccessRestriction | None = None,
    embedded_data: bool = True,
) -> bytes:
    """The DOCX document of ``form``; a template in ``template_dir/<lang>/<id>.docx`` wins."""
    from asendusdoc.render import docx

    model = load_form(form)
    data = docx.render_docx(build_document(model, lang, restriction), template_dir=template_dir)
    return _with_data(data, "docx", [model], embedded_data)


def render_pdf(
    form: FormSource,
    lang: str,
    *,
    restriction: AccessRestriction | None = None,
    embedded_data: bool = True,
) -> bytes:
    """The PDF document of ``form``."""
    from asendusdoc.render import pdf

    model = load_form(form)
    data = pdf.render_pdf(build_document(model, lang, restriction))
    return _with_data(data, "pdf", [model], embedded_data)


def render_pdf_bundle(
    forms: Sequence[FormSource], lang: str, *, embedded_data: bool = True
) -> bytes:
    """Several forms in one PDF, one bookmark per document (e.g. support plan + report)."""
    from asendusdoc.render import pdf

    models = [load_form(form) for form in forms]
    data = pdf.render_pdf_bundle([build_document(model, lang) for model in models])
    return _with_data(data, "pdf", models, embedded_data)


def render_document(
    form: FormSource,
    lang: str,
    fmt: str,
    *,
    template_dir: Path | None = None,
    embedded_data: bool = True,
) -> bytes:
    """The document of ``form`` in format ``fmt`` (``"docx"`` or ``"pdf"``)."""
    if fmt == "docx":
        return render_docx(form, lang, template_dir=template_dir, embedded_data=embedded_data)
    if fmt == "pdf":
        return render_pdf(form, lang, embedded_data=embedded_data)
    raise InputError("unknown format '{fmt}'; use docx or pdf", code="format_unknown", fmt=fmt)


def _with_data(data: bytes, fmt: str, forms: list[FormModel], embedded_data: bool) -> bytes:
    if not embedded_data:
        return data
    from asendusdoc.render.embedding import embed

    return embed(data, fmt, forms)
