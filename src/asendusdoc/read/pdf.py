"""The form data inside a PDF, read back: the associated files (``/AF``) of ``/Data``.

How a PDF carries its forms is written in :mod:`asendusdoc.render.embedding.pdf`: each form's
envelope (:mod:`asendusdoc.read.envelope`) is an embedded file listed in the catalog's ``/AF``
array, its file specification saying ``/AFRelationship /Data``, with the JSON subtype. Here
only such files are read, each inflated within the budget; a PDF is untrusted input.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from asendusdoc.errors import InputError
from asendusdoc.i18n.library_errors import library_reason
from asendusdoc.read.budget import MAX_EMBEDDED_FORMS, MAX_INPUT_BYTES, Budget, reading
from asendusdoc.read.envelope import MEDIA_TYPE, embedded_data_invalid, form_from_envelope
from asendusdoc.read.packages import inflate

__all__ = ["EmbeddedForm", "no_embedded_data", "read_pdf_forms"]

_SUBTYPE = "/" + MEDIA_TYPE


@dataclass(frozen=True)
class EmbeddedForm:
    """One form read from a document: the embedded file's name and the form's data."""

    name: str
    data: dict[str, Any]


def read_pdf_forms(data: bytes, password: str | None = None) -> list[EmbeddedForm]:
    """Every form a PDF carries, in document order; :class:`InputError` when none.

    A password-protected PDF needs ``password``. Only files associated as ``/Data`` with the
    JSON subtype are read; each is inflated up to :data:`MAX_INPUT_BYTES`, all together up to
    :data:`~asendusdoc.read.budget.MAX_DOCUMENT_DATA_BYTES`, and must be our envelope
    (:func:`~asendusdoc.read.envelope.form_from_envelope`). Whatever else is wrong with the
    file (a broken structure, objects of the wrong kind, nesting that exhausts the parser) is
    an :class:`InputError` too: the PDF is untrusted input.
    """
    with reading() as budget:  # the input's budget (a case's file's, when one is running)
        try:
            reader = _open(data, password)
            specifications = _associated_data_files(reader.trailer["/Root"].get_object())
            forms = [_read_one(specification, budget) for specification in specifications]
        except InputError:
            raise
        except Exception as exc:  # pypdf on hostile bytes: any failure is the file's
            raise pdf_broken(exc) from None
    if not forms:
        raise no_embedded_data()
    return forms


def _open(data: bytes, password: str | None) -> Any:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        if password is None:
            raise InputError(
                "the PDF is protected with a password; give the password to open it",
                code="pdf_password_needed",
            )
        if not reader.decrypt(password):
            raise InputError(
                "the password does not open the PDF; check the password file or variable",
                code="pdf_password_wrong",
            )
    return reader


def pdf_broken(exc: BaseException) -> InputError:
    """The refusal of a PDF that cannot be read (named by the kind of failure, not its text,
    which may quote the file)."""
    return InputError(
        "the file is not a readable PDF: {reason}",
        code="pdf_broken",
        reason=library_reason(exc),
    )


def no_embedded_data() -> InputError:
    """The refusal of a document that carries no form data."""
    return InputError(
        "the document carries no form data: it was not made by asendusdoc, or it was made "
        "without its form data. Use the form's JSON file instead.",
        code="no_embedded_data",
    )


def _associated_data_files(root: Any) -> list[Any]:
    from pypdf.generic import ArrayObject, DictionaryObject

    if not isinstance(root, DictionaryObject):
        raise embedded_data_invalid()
    files = root.get("/AF")
    files = files.get_object() if files is not None else None
    if not isinstance(files, ArrayObject):
        return []
    found = []
    for item in files:
        specification = item.get_object()
        if not isinstance(specification, DictionaryObject):
            raise embedded_data_invalid()
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
    """The embedded file of a file specification, None when it has none; a specification of
    the wrong shape (``/EF`` no dictionary, its entry no stream) is not our data."""
    from pypdf.generic import DictionaryObject, StreamObject

    embedded = specification.get("/EF")
    if embedded is None:
        return None
    embedded = embedded.get_object()
    if not isinstance(embedded, DictionaryObject):
        raise embedded_data_invalid()
    reference = embedded.get("/UF", embedded.get("/F"))
    if reference is None:
        return None
    stream = reference.get_object()
    if not isinstance(stream, StreamObject):
        raise embedded_data_invalid()
    return stream


def _read_one(specification: Any, budget: Budget) -> EmbeddedForm:
    from pypdf.generic import EncodedStreamObject

    stream = _file_stream(specification)
    name = str(specification.get("/UF", specification.get("/F", "")))
    filters = stream.get("/Filter")
    raw: bytes = stream._data if isinstance(stream, EncodedStreamObject) else stream.get_data()
    if filters == "/FlateDecode":
        raw = inflate(raw, MAX_INPUT_BYTES)
    elif filters is not None:
        raise embedded_data_invalid()
    budget.spend_inflated(len(raw))
    return EmbeddedForm(name, form_from_envelope(raw))
