"""Forms read from documents: a PDF or DOCX rendered by asendusdoc, or a filled Word blank.

The one place where a file that is not JSON becomes a form's data. Every input that takes a
form file (``validate``, ``render``, ``check``, ``redact``, ``extract``,
:func:`asendusdoc.load_form` on bytes or a path, the testing kit) comes through
:func:`read_document_input` (:func:`read_form_document` for the data alone)::

    bytes ─┬─ %PDF-          → the forms the PDF carries (asendusdoc.embedded.pdf)
           ├─ PK (zip)       → DocxPackage (asendusdoc.untrusted: limits, no macros, safe XML)
           │                     ├─ our custom XML part → its form (asendusdoc.embedded.docx)
           │                     └─ none → each registered filled-blank reader, in turn
           └─ OLE container  → a password-protected (or old .doc) Word file: refused

What a file is, is told by its content; the name only adds a refusal (``.docm``) or says which
kind a damaged file was meant to be. A file is untrusted input: nothing in it is run, and
every refusal is an :class:`~asendusdoc.errors.InputError` (exit 2) with a translated message.

**Filled blanks** (``asendusdoc blank``) are read by a :class:`FilledBlankReader`. This module
does not know how a blank looks; the blank's own module does, and is named in
:data:`BLANK_READERS` (imported only when a Word file without our data arrives), or is added
at run time with :func:`register_blank_reader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Literal, Protocol

from asendusdoc.errors import InputError
from asendusdoc.forms import _limits

if TYPE_CHECKING:
    from asendusdoc.embedded.pdf import EmbeddedForm
    from asendusdoc.loading import FormInput
    from asendusdoc.untrusted import DocxPackage

__all__ = [
    "BLANK_READERS",
    "MAX_TABLE_ROWS",
    "FilledBlankReader",
    "document_kind",
    "embedded_docx_form",
    "not_made_by_asendusdoc",
    "read_document_input",
    "read_form_document",
    "read_form_documents",
    "register_blank_reader",
]

DocumentKind = Literal["pdf", "docx", "ole"]

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".docm", ".dotx", ".dotm"})
"""Endings of files meant to be documents (a damaged one is refused as that kind)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FilledBlankReader(Protocol):
    """Reads the form out of a filled Word blank (``asendusdoc blank``).

    Called with the already opened, checked package (:class:`~asendusdoc.untrusted.DocxPackage`:
    size limits, no macros; read its parts with ``package.xml(part)``, which refuses DTDs and
    entities) and the file's name for messages. Returns the form's data (a dict with its
    ``form`` id), or a :class:`~asendusdoc.loading.FormInput` of the data and the places of
    its fields (problems are then named by those places), when the package is one of its
    blanks; ``None`` when it is not (the next reader is asked). Raises
    :class:`~asendusdoc.errors.InputError` for a blank it cannot read (a table with more rows
    than :data:`MAX_TABLE_ROWS` of its form's maxima, a drop-down value from another language,
    ...). Empty rows are the reader's to drop.
    """

    def __call__(self, package: DocxPackage, name: str) -> dict[str, Any] | FormInput | None: ...


BLANK_READERS: tuple[str, ...] = ("asendusdoc.blank._input:read_filled_blank",)
"""``"module:function"`` of the filled-blank readers shipped with asendusdoc, asked in order
(each a :class:`FilledBlankReader`); a module is imported only when a Word file without our
data arrives."""

_registered: list[FilledBlankReader] = []


def register_blank_reader(reader: FilledBlankReader) -> None:
    """Ask ``reader`` too (after :data:`BLANK_READERS`) for Word files without our data."""
    if reader not in _registered:
        _registered.append(reader)


def _blank_readers() -> list[FilledBlankReader]:
    readers: list[FilledBlankReader] = []
    for entry in BLANK_READERS:
        module, _, function = entry.partition(":")
        readers.append(getattr(import_module(module), function))
    return readers + _registered


def document_kind(data: bytes, name: str = "") -> DocumentKind | None:
    """``"pdf"``, ``"docx"`` (any zip), ``"ole"`` or None (not a document: JSON, presumably)."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    suffix = PurePath(name).suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return "pdf" if suffix == ".pdf" else "docx"  # damaged: refused below as that kind
    return None


MAX_TABLE_ROWS = max(getattr(_limits, limit) for limit in _limits.__all__)
"""The most entries any list of any form may hold (the client diary's 5,000: forms/_limits.py).

Data read from a document with a longer list is refused outright (exit 2), before it is
validated: a form's own, smaller maxima are then checked by validation (exit 1).
"""


def read_form_documents(
    data: bytes, name: str = "", *, password: str | None = None
) -> list[EmbeddedForm]:
    """Every form a document holds (several in a bundle PDF), with the name each would have
    as a file (``<form id>.json``, in a bundle ``01-<form id>.json``, ...).

    ``password`` opens a password-protected PDF (only ``extract`` takes one).
    """
    from asendusdoc.embedded.pdf import EmbeddedForm, read_pdf_forms

    kind = document_kind(data, name)
    if kind == "docx":
        docx_form = _read_docx(data, name).data  # checked as read data
        return [EmbeddedForm(f"{docx_form['form']}.json", docx_form)]
    if kind == "pdf":
        forms = read_pdf_forms(data, password)
    elif kind == "ole":
        from asendusdoc.untrusted import encrypted_word_file

        raise encrypted_word_file()
    else:
        raise InputError(
            "the file is neither a PDF nor a Word (DOCX) document", code="document_unknown"
        )
    for embedded in forms:
        _check_read_data(embedded.data)
    return forms


def read_form_document(
    data: bytes, name: str = "", *, password: str | None = None
) -> dict[str, Any]:
    """The one form a document holds; a bundle PDF is refused (``extract --out-dir`` splits it)."""
    return read_document_input(data, name, password=password).data


def read_document_input(data: bytes, name: str = "", *, password: str | None = None) -> FormInput:
    """The one form a document holds, with the places of a filled blank's fields (for
    messages); a bundle PDF is refused (``extract --out-dir`` splits it)."""
    from asendusdoc.loading import FormInput

    if document_kind(data, name) == "docx":
        return _read_docx(data, name)
    forms = read_form_documents(data, name, password=password)
    if len(forms) != 1:
        raise InputError(
            "the PDF holds {count} forms (a bundle); write them to files with "
            "'asendusdoc extract FILE --out-dir DIR' and give those",
            code="document_bundle",
            count=len(forms),
        )
    return FormInput(forms[0].data)


def embedded_docx_form(data: bytes, name: str = "") -> tuple[dict[str, Any] | None, DocxPackage]:
    """The form a DOCX rendered by asendusdoc carries (checked as read data), or None for a
    Word file without our data, with the opened, checked package (for a blank reader)."""
    from asendusdoc.embedded.docx import read_docx_form
    from asendusdoc.untrusted import DocxPackage, macros_refused

    if PurePath(name).suffix.lower() in (".docm", ".dotm"):
        raise macros_refused()
    package = DocxPackage(data)
    form = read_docx_form(package)
    if form is not None:
        _check_read_data(form)
    return form, package


def not_made_by_asendusdoc() -> InputError:
    """The refusal of a Word file that carries no form and is no blank."""
    return InputError(
        "this Word file was not made by 'asendusdoc blank' or 'asendusdoc render': it carries "
        "no form. Fill in a blank made with 'asendusdoc blank', or give the form's JSON file.",
        code="docx_not_ours",
    )


def _read_docx(data: bytes, name: str) -> FormInput:
    from asendusdoc.loading import FormInput

    form, package = embedded_docx_form(data, name)
    if form is not None:
        return FormInput(form)
    for reader in _blank_readers():
        read = reader(package, name)
        if read is not None:
            read = read if isinstance(read, FormInput) else FormInput(read)
            _check_read_data(read.data)
            return read
    raise not_made_by_asendusdoc()


def _check_read_data(data: Mapping[str, Any]) -> None:
    """What a reader returned: a form's object, no list longer than :data:`MAX_TABLE_ROWS`."""
    from asendusdoc.loading import check_form_id, check_mapping

    check_form_id(data)
    check_mapping(data)
    _check_rows(data)


def _check_rows(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            if len(item) > MAX_TABLE_ROWS:
                raise InputError(
                    "a table of the document has {count} rows; no form has more than {limit}: "
                    "the file was not read",
                    code="document_too_many_rows",
                    count=len(item),
                    limit=MAX_TABLE_ROWS,
                )
            stack.extend(item)
        elif isinstance(item, Mapping):
            stack.extend(item.values())
