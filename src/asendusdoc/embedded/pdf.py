"""The form data inside a PDF: an associated file (``/AF``, ``/AFRelationship /Data``).

As Factur-X does, each form's envelope (:mod:`asendusdoc.embedded`) is an embedded file

* listed in the catalog's ``/AF`` array (PDF 2.0 associated files; PDF/A-3), its file
  specification saying ``/AFRelationship /Data`` (the document's data, shown by the pages),
* listed in ``/Names /EmbeddedFiles`` as well, so every PDF reader shows it as an attachment,
* with ``/Subtype /application#2Fjson``, ``/Params`` (``/Size``, ``/CheckSum``) and deflated.

A single document's file is called ``<form id>.json``; a bundle's are ``01-<form id>.json``,
``02-…`` in the order of the documents (``/AF`` has the same order).

The files are added with pypdf to reportlab's finished output, before any seal or password:
a seal (an incremental update) covers them, a password encrypts them. The result is
byte-identical for the same input (pypdf keeps reportlab's fixed ``/ID``). The header says
PDF 1.7 (see :data:`PDF_VERSION`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from asendusdoc.embedded import MEDIA_TYPE, embedded_data_invalid, form_from_envelope
from asendusdoc.errors import InputError
from asendusdoc.loading import MAX_INPUT_BYTES
from asendusdoc.untrusted import inflate

__all__ = ["MAX_EMBEDDED_FORMS", "EmbeddedForm", "embed_in_pdf", "read_pdf_forms"]

MAX_EMBEDDED_FORMS = 100
"""The most forms one PDF may carry (a whole case in one bundle is about ten)."""

PDF_VERSION = b"%PDF-1.7"
"""The header of a PDF with data: embedded files are PDF 1.3+, ``/AF`` comes from PDF/A-3
(built on 1.7) and PDF 2.0; older readers show the files as attachments."""

_SUBTYPE = "/" + MEDIA_TYPE
_DESCRIPTION = "asendusdoc form data (JSON)"


@dataclass(frozen=True)
class EmbeddedForm:
    """One form read from a document: the embedded file's name and the form's data."""

    name: str
    data: dict[str, Any]


def embedded_names(form_ids: Sequence[str]) -> list[str]:
    """The file names of the forms of one PDF: ``<id>.json``, or ``NN-<id>.json`` in a bundle."""
    if len(form_ids) == 1:
        return [f"{form_ids[0]}.json"]
    return [f"{index:02d}-{form_id}.json" for index, form_id in enumerate(form_ids, 1)]


def embed_in_pdf(pdf: bytes, files: Sequence[tuple[str, bytes]]) -> bytes:
    """``pdf`` with each ``(name, envelope)`` of ``files`` as an associated data file."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pdf_header = PDF_VERSION
    associated = ArrayObject()
    names = ArrayObject()
    for name, content in sorted(files):
        stream = DecodedStreamObject()
        stream.set_data(content)
        stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
        stream[NameObject("/Subtype")] = NameObject(_SUBTYPE)
        stream[NameObject("/Params")] = DictionaryObject(
            {
                NameObject("/Size"): NumberObject(len(content)),
                NameObject("/CheckSum"): ByteStringObject(
                    hashlib.md5(content, usedforsecurity=False).digest()
                ),
            }
        )
        stream_reference = writer._add_object(stream.flate_encode(level=9))
        file_name = TextStringObject(name)
        specification = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Filespec"),
                NameObject("/F"): file_name,
                NameObject("/UF"): file_name,
                NameObject("/Desc"): TextStringObject(_DESCRIPTION),
                NameObject("/AFRelationship"): NameObject("/Data"),
                NameObject("/EF"): DictionaryObject(
                    {NameObject("/F"): stream_reference, NameObject("/UF"): stream_reference}
                ),
            }
        )
        reference = writer._add_object(specification)
        associated.append(reference)
        names += [file_name, reference]
    root = writer.root_object
    root[NameObject("/AF")] = writer._add_object(associated)
    root[NameObject("/Names")] = writer._add_object(
        DictionaryObject(
            {
                NameObject("/EmbeddedFiles"): writer._add_object(
                    DictionaryObject({NameObject("/Names"): names})
                )
            }
        )
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def read_pdf_forms(data: bytes, password: str | None = None) -> list[EmbeddedForm]:
    """Every form a PDF carries, in document order; :class:`InputError` when none.

    A password-protected PDF needs ``password``. Only files associated as ``/Data`` with the
    JSON subtype are read; each is inflated up to :data:`MAX_INPUT_BYTES` and must be our
    envelope (:func:`~asendusdoc.embedded.form_from_envelope`).
    """
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            if password is None:
                raise InputError(
                    "the PDF is protected with a password; give it with --password-file or "
                    "--password-env",
                    code="pdf_password_needed",
                )
            if not reader.decrypt(password):
                raise InputError(
                    "the password does not open the PDF; check the password file or variable",
                    code="pdf_password_wrong",
                )
        specifications = _associated_data_files(reader.trailer["/Root"].get_object())
        forms = [_read_one(specification) for specification in specifications]
    except InputError:
        raise
    except (FileNotDecryptedError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(
            "the file is not a readable PDF: {reason}",
            code="pdf_broken",
            reason=type(exc).__name__,
        ) from None
    if not forms:
        raise no_embedded_data()
    return forms


def no_embedded_data() -> InputError:
    """The refusal of a document that carries no form data."""
    return InputError(
        "the document carries no form data: it was not made by asendusdoc, or it was rendered "
        "with --no-embedded-data. Use the form's JSON file instead.",
        code="no_embedded_data",
    )


def _associated_data_files(root: Any) -> list[Any]:
    from pypdf.generic import ArrayObject

    files = root.get("/AF")
    files = files.get_object() if files is not None else None
    if not isinstance(files, ArrayObject):
        return []
    found = []
    for item in files:
        specification = item.get_object()
        if specification.get("/AFRelationship") != "/Data":
            continue
        stream = _file_stream(specification)
        if stream is not None and stream.get("/Subtype") == _SUBTYPE:
            found.append(specification)
    if len(found) > MAX_EMBEDDED_FORMS:
        raise InputError(
            "the PDF carries more than {limit} forms; such a file was not read",
            code="embedded_data_too_many",
            limit=MAX_EMBEDDED_FORMS,
        )
    return found


def _file_stream(specification: Any) -> Any:
    embedded = specification.get("/EF")
    if embedded is None:
        return None
    embedded = embedded.get_object()
    reference = embedded.get("/UF", embedded.get("/F"))
    return reference.get_object() if reference is not None else None


def _read_one(specification: Any) -> EmbeddedForm:
    from pypdf.generic import EncodedStreamObject

    stream = _file_stream(specification)
    name = str(specification.get("/UF", specification.get("/F", "")))
    filters = stream.get("/Filter")
    raw: bytes = stream._data if isinstance(stream, EncodedStreamObject) else stream.get_data()
    if filters == "/FlateDecode":
        raw = inflate(raw, MAX_INPUT_BYTES)
    elif filters is not None:
        raise embedded_data_invalid()
    return EmbeddedForm(name, form_from_envelope(raw))
