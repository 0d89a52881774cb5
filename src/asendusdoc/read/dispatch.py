"""Forms read from documents: a PDF or DOCX rendered by asendusdoc, or a filled Word blank.

The one place where a form file's bytes become a form's data. Every input that takes a
form file (``validate``, ``render``, ``check``, ``redact``, ``extract``,
:func:`asendusdoc.load_form` on bytes or a path, the testing kit) comes through
:func:`read_form_input`, a document through :func:`read_document_input`
(:func:`read_form_document` for the data alone)::

    bytes ─┬─ %PDF-          → the forms the PDF carries (asendusdoc.read.pdf)
           ├─ PK + ODF text  → OdtPackage (asendusdoc.read.odf: the same limits, safe XML)
           │                     └─ each registered filled-blank reader, in turn
           ├─ PK (zip)       → DocxPackage (asendusdoc.read.packages: limits, no macros, safe XML)
           │                     ├─ our custom XML part → its form (asendusdoc.read.docx)
           │                     └─ none → each registered filled-blank reader, in turn
           ├─ OLE container  → a password-protected (or old .doc) Word file: refused
           └─ anything else  → JSON (asendusdoc.read.parse)

What a file is, is told by its content; the name only adds a refusal (``.docm``) or says which
kind a damaged file was meant to be. A file is untrusted input: nothing in it is run, and
every refusal is an :class:`~asendusdoc.errors.InputError` (exit 2) with a translated message.

**Filled blanks** (``asendusdoc blank``) are read by a :class:`FilledBlankReader`. This module
does not know how a blank looks, and never imports the blank's package (it is a layer above):
the blank's reader registers itself with :func:`register_blank_reader` (the root package
``asendusdoc`` does so when it is imported, so every reader of a form file has it), and gets
from here only the checked package: its bytes and its XML parsed safely. A blank LibreOffice
saved as OpenDocument (``.odt``) comes to the same readers as an
:class:`~asendusdoc.read.odf.OdtPackage`; an ``.odt`` no reader takes is refused as no blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from asendusdoc.errors import InputError
from asendusdoc.read import _blank_readers
from asendusdoc.read.budget import MAX_TABLE_ROWS, reading

if TYPE_CHECKING:
    from asendusdoc.errors import FormPlaces, Problem
    from asendusdoc.migrations import Migration
    from asendusdoc.read.odf import OdtPackage
    from asendusdoc.read.packages import DocxPackage
    from asendusdoc.read.pdf import EmbeddedForm

__all__ = [
    "FilledBlankReader",
    "FormInput",
    "document_kind",
    "embedded_docx_form",
    "not_made_by_asendusdoc",
    "read_document_input",
    "read_form_document",
    "read_form_documents",
    "read_form_input",
    "register_blank_reader",
]


@dataclass(frozen=True)
class FormInput:
    """A form's data as read from a file, with the places of its fields when the file is a
    filled Word blank: its problems are then named by section, row and label."""

    data: dict[str, Any]
    places: FormPlaces | None = None
    migrations: tuple[Migration, ...] = ()
    """What the reader read the new way (a blank's choice with a title since corrected); the
    data's own old shapes are :func:`asendusdoc.migrations.form_migrations`."""
    problems: tuple[Problem, ...] = ()
    """Fields the reader found wrong as it read them (a blank's choice that is not in its
    list): problems of the form, which validation reports beside the model's."""


DocumentKind = Literal["pdf", "asice", "docx", "odt", "ole"]

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".docm", ".dotx", ".dotm", ".odt"})
"""Endings of files meant to be documents (a damaged one is refused as that kind)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FilledBlankReader(Protocol):
    """Reads the form out of a filled Word blank (``asendusdoc blank``).

    Called with the already opened, checked package
    (:class:`~asendusdoc.read.packages.DocxPackage`: size limits, no macros; or an
    :class:`~asendusdoc.read.odf.OdtPackage` for a file saved as OpenDocument; read its parts
    with ``package.xml(part)``, its main one ``package.main_part``, which refuses DTDs and
    entities) and the file's name for messages. Returns the form's data (a dict with its
    ``form`` id), or a :class:`FormInput` of the data and the places of its fields (problems
    are then named by those places), when the package is one of its blanks; ``None`` when it
    is not (the next reader is asked). Raises :class:`~asendusdoc.errors.InputError` for a
    blank it cannot read (a table with more rows than
    :data:`~asendusdoc.read.budget.MAX_TABLE_ROWS` of its form's maxima, ...); a field it can
    read but not take (a drop-down value not in the list) is one of the
    :attr:`FormInput.problems`. Empty rows are the reader's to drop.
    """

    def __call__(
        self, package: DocxPackage | OdtPackage, name: str
    ) -> dict[str, Any] | FormInput | None: ...


def register_blank_reader(reader: FilledBlankReader) -> None:
    """Ask ``reader`` too (after those registered before it) for Word files without our data."""
    _blank_readers.register_blank_reader(reader)


_registered = cast("list[FilledBlankReader]", _blank_readers.registered)
"""The registered readers (kept apart in :mod:`asendusdoc.read._blank_readers`)."""


def read_form_input(raw: bytes, name: str = "") -> FormInput:
    """A form file's bytes → the form's object: JSON, or a document told by its content, with
    the places of a filled Word blank's fields.

    A PDF or DOCX rendered by asendusdoc gives the form it carries, a filled Word blank the
    form filled in (:func:`read_document_input`); anything else is read as JSON. ``name`` (the
    file's name) is used for messages and to refuse a ``.docm``.

    Every command that reads a form file reads it here (or through
    :func:`~asendusdoc.read.loading.load_form` and
    :func:`~asendusdoc.read.loading.validate_form` on bytes or a path), so that a problem of a
    filled blank is named by its place in every command and in the API alike.
    """
    from asendusdoc.read.parse import parse_form_json

    if document_kind(raw, name) is not None:
        return read_document_input(raw, name)
    return FormInput(parse_form_json(raw))


def document_kind(data: bytes, name: str = "") -> DocumentKind | None:
    """``"pdf"``, ``"asice"`` (a signed container), ``"odt"`` (an OpenDocument text),
    ``"docx"`` (any other zip), ``"ole"`` or None (not a document: JSON, presumably)."""
    from asendusdoc.read.kinds import looks_like_asice, looks_like_odt

    if b"%PDF-" in data[:1024]:
        return "pdf"
    if looks_like_odt(data):
        return "odt"
    if looks_like_asice(data):
        return "asice"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    suffix = PurePath(name).suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return "pdf" if suffix == ".pdf" else "docx"  # damaged: refused below as that kind
    return None


def read_form_documents(
    data: bytes, name: str = "", *, password: str | None = None
) -> list[EmbeddedForm]:
    """Every form a document holds (several in a bundle PDF), with the name each would have
    as a file (``<form id>.json``, in a bundle ``01-<form id>.json``, ...).

    ``password`` opens a password-protected PDF (only ``extract`` takes one).
    """
    from asendusdoc.read.pdf import EmbeddedForm, read_pdf_forms

    kind = document_kind(data, name)
    if kind == "asice":
        return _container_forms(data, name, password)
    if kind in ("docx", "odt"):
        docx_form = _read_word(data, name, kind).data  # checked as read data
        return [EmbeddedForm(f"{docx_form['form']}.json", docx_form)]
    if kind == "pdf":
        forms = read_pdf_forms(data, password)
    elif kind == "ole":
        from asendusdoc.read.packages import encrypted_word_file

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
    kind = document_kind(data, name)
    if kind in ("docx", "odt"):
        return _read_word(data, name, kind)
    if kind == "asice":
        documents = _container_documents(data, name)
        if len(documents) == 1:  # a filled blank inside keeps its places
            return read_document_input(documents[0][1], documents[0][0], password=password)
    forms = read_form_documents(data, name, password=password)
    if len(forms) != 1:
        raise InputError(
            "the PDF holds {count} forms (a bundle); take the forms out of it and give them "
            "one by one",
            code="document_bundle",
            count=len(forms),
        )
    return FormInput(forms[0].data)


def _container_documents(data: bytes, name: str) -> list[tuple[str, bytes]]:
    """The PDF and Word files in a signed container (ASiC-E), each with its name there."""
    from asendusdoc.read.asice import open_asice

    container = open_asice(data, name or "container")
    documents = [
        (file_name, content)
        for file_name, content in container.data_files.items()
        if document_kind(content, file_name) in ("pdf", "docx", "odt")
    ]
    if not documents:
        raise InputError(
            "the signed container holds no PDF or Word document; asendusdoc reads the forms "
            "of the documents it made",
            code="asice_no_document",
        )
    return documents


def _container_forms(data: bytes, name: str, password: str | None) -> list[EmbeddedForm]:
    """The forms of every document in a signed container; with several documents each
    form's file name starts with its document's name."""
    from asendusdoc.read.pdf import EmbeddedForm

    documents = _container_documents(data, name)
    forms: list[EmbeddedForm] = []
    for file_name, content in documents:
        for form in read_form_documents(content, file_name, password=password):
            if len(documents) > 1:
                form = EmbeddedForm(f"{PurePath(file_name).stem}-{form.name}", form.data)
            forms.append(form)
    return forms


def embedded_docx_form(data: bytes, name: str = "") -> tuple[dict[str, Any] | None, DocxPackage]:
    """The form a DOCX rendered by asendusdoc carries (checked as read data), or None for a
    Word file without our data, with the opened, checked package (for a blank reader)."""
    from asendusdoc.read.docx import read_docx_form
    from asendusdoc.read.packages import DocxPackage, macros_refused

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


def _read_word(data: bytes, name: str, kind: Literal["docx", "odt"]) -> FormInput:
    """A Word file's form: the data it carries, else a registered reader's filled blank; an
    OpenDocument text can only be a blank (it carries no data of ours)."""
    from asendusdoc.read.odf import OdtPackage, odt_not_blank

    package: DocxPackage | OdtPackage
    if kind == "odt":
        package = OdtPackage(data)
    else:
        form, package = embedded_docx_form(data, name)
        if form is not None:
            return FormInput(form)
    for reader in _registered:
        with reading():  # a reader that loops over the file is bounded in time (in_time)
            read = reader(package, name)
        if read is not None:
            read = read if isinstance(read, FormInput) else FormInput(read)
            _check_read_data(read.data)
            return read
    raise odt_not_blank() if kind == "odt" else not_made_by_asendusdoc()


def _check_read_data(data: Mapping[str, Any]) -> None:
    """What a reader returned: a form's object, no list longer than :data:`MAX_TABLE_ROWS`."""
    from asendusdoc.read.parse import check_form_id, check_mapping

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
