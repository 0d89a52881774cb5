"""The rendering context: what a document shows, already in its language.

One step (:func:`asendusdoc.render.build.build_document`) turns a form and a language into a
:class:`Document`. Both back ends (DOCX through docxtpl templates, PDF through reportlab) consume
it and format nothing themselves: every label and every value here is final text of the
document's language. A missing optional value is already the language's dash word
(``labels["missing"]``), so both back ends show it the same way.

Values are plain text. They may contain ``\\n`` (a line break inside the value) and any
characters XML 1.0 can hold; escaping is the back end's job (docxtpl autoescape, reportlab
``xml.sax.saxutils.escape``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from asendusdoc.errors import InputError

__all__ = [
    "Block",
    "Document",
    "FieldRow",
    "FieldsBlock",
    "ListBlock",
    "Party",
    "PreparedBy",
    "Section",
    "Signature",
    "TableBlock",
    "TextBlock",
    "check_length",
    "too_long",
    "value_at",
]


@dataclass(frozen=True)
class FieldRow:
    """One labelled value: "Teenuse algus: 1. märts 2026"."""

    label: str
    value: str
    path: str = ""
    """Where the value is in the form ("family.children.0.personal_code"), or "" when the row
    is computed from several fields. Templates and the fillable blank name fields by it."""
    key: str = ""
    """The name of a computed row's value in the template's ``form`` ("total_hours"), or ""."""


@dataclass(frozen=True)
class FieldsBlock:
    """Label/value pairs, shown as a two-column table without a header."""

    rows: list[FieldRow]
    heading: str = ""
    kind: Literal["fields"] = "fields"


@dataclass(frozen=True)
class TableBlock:
    """A table with a header row (repeated on every page) and one row per item.

    The first column is usually the item number ("Nr" / "№").
    """

    columns: list[str]
    rows: list[list[str]]
    heading: str = ""
    widths: list[float] = field(default_factory=list)
    """Relative column widths (sum 1.0), or empty for equal widths."""
    path: str = ""
    """Where the list of the rows is in the form ("goals"), or "" when it is computed."""
    row_paths: list[str] = field(default_factory=list)
    """Where each row's item is in the form ("entries.3": a table may sort its items)."""
    column_fields: list[str] = field(default_factory=list)
    """The item field each column after the number shows ("description"), "" for a column
    computed from several fields (a name, a contact)."""
    column_keys: list[str] = field(default_factory=list)
    """The name of each column's value in the item's template values: the field name, or the
    name of the computed value ("full_name", "contact", "duration")."""
    kind: Literal["table"] = "table"


@dataclass(frozen=True)
class ListBlock:
    """A numbered list of short texts (factors, activities)."""

    items: list[str]
    heading: str = ""
    path: str = ""
    """Where the list is in the form ("risk_factors"), or ""."""
    kind: Literal["list"] = "list"


@dataclass(frozen=True)
class TextBlock:
    """A paragraph of free text (may hold line breaks)."""

    text: str
    heading: str = ""
    path: str = ""
    """Where the text is in the form ("justification"); for the "none" line of an empty table
    or list, where that list is; "" when the text is computed."""
    kind: Literal["text"] = "text"


Block = FieldsBlock | TableBlock | ListBlock | TextBlock


@dataclass(frozen=True)
class Section:
    """A numbered part of the document: "2. Eesmärgid"."""

    heading: str
    blocks: list[Block]
    key: str = ""
    """The section's name in templates: the form field it shows ("goals"), "goals.0" for the
    section of the first goal, or ""."""
    number: str = ""
    """The section's number in the document ("2"); set when the document is built."""
    title: str = ""
    """The heading without its number ("Eesmärgid"); set when the document is built."""


@dataclass(frozen=True)
class Party:
    """One party of the document: its role and the lines that identify it."""

    role: str
    """E.g. "Kohalik omavalitsus", "Teenuseosutaja", "Pere"."""
    lines: list[str]
    """Name first, then worker, contacts; already formatted."""
    path: str = ""
    """Where the party is in the form ("municipality", "family"), or ""."""


@dataclass(frozen=True)
class Signature:
    """A signature block: role, printed name, and empty date and signature lines."""

    role: str
    name: str


@dataclass(frozen=True)
class PreparedBy:
    """The "Koostas" / "Составитель" block: who wrote the document, and when.

    The document is signed digitally (it travels as a file, DOMAIN.md), so the block says so
    instead of leaving a line for a handwritten signature.
    """

    name: str
    position: str
    """Empty when the form gives none."""
    date: str


@dataclass(frozen=True)
class Document:
    """Everything a document of one form shows, in one language."""

    form_id: str
    lang: str
    """"et" or "ru"."""
    title: str
    """The form's official name in the language: "Peretoe teenusele suunamise vorm"."""
    subtitle: str
    """A short line under the title, e.g. the service type; may be empty."""
    case_reference: str
    document_date: str
    """The form's own date in the language's long form: "22. november 2026"."""
    document_date_iso: str
    author: str
    """Who issues the document: the municipality or the provider (PDF author metadata)."""
    parties: list[Party]
    sections: list[Section]
    signatures: list[Signature]
    labels: dict[str, str]
    """Fixed words of the language: see :data:`asendusdoc.forms._words.LABELS`."""
    intro: str = ""
    """The form's fixed introductory sentence in the language (may be empty)."""
    prepared_by: PreparedBy | None = None
    """Who compiled the document (forms without their own signatures), or None."""
    restriction: list[str] = field(default_factory=list)
    """The access-restriction marking, a line per language (see render/restriction.py)."""
    form: dict[str, Any] = field(default_factory=dict)
    """Every value of the form by its field name, in display form (lists stay lists)."""

    def as_template_context(self) -> dict[str, Any]:
        """A plain dict of the document for Jinja (docxtpl templates).

        Besides the document's own fields, per-form templates get the parts by name:
        ``section`` (key → number, title; an absent section gives ""), ``party`` (path → role,
        lines), ``shown`` (the paths of every row, table, list and text shown), ``columns``
        (a table's path → its column keys) and ``rows`` (a table's path → its items' values in
        the document's order, e.g. the diary's entries by date).
        """
        context = asdict(replace(self, form={}))
        context["form"] = self.form
        context["section"] = _Absent(
            (s.key, {"number": s.number, "title": s.title, "heading": s.heading})
            for s in self.sections
            if s.key
        )
        context["party"] = _Absent((p.path, asdict(p)) for p in self.parties if p.path)
        shown: set[str] = set()
        columns: dict[str, list[str]] = {}
        rows: dict[str, list[Any]] = {}
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, FieldsBlock):
                    shown.update(row.path or row.key for row in block.rows)
                elif block.path:
                    shown.add(block.path)
                if isinstance(block, TableBlock) and block.path:
                    columns[block.path] = list(block.column_keys)
                    rows[block.path] = [value_at(self.form, p) for p in block.row_paths]
        shown.discard("")
        context["shown"] = shown
        context["columns"] = columns
        context["rows"] = rows
        return context


class _Absent(dict[str, Any]):
    """A mapping in which an absent key reads as "" (false in a template's ``if``)."""

    def __missing__(self, key: str) -> str:
        return ""


def value_at(values: Any, path: str) -> Any:
    """The value at ``path`` ("goals.0.description") in nested template values."""
    for part in path.split(".") if path else ():
        values = values[int(part)] if part.isdigit() else values[part]
    return values


def _line_breaks(document: Document) -> int:
    count = sum(len(party.lines) for party in document.parties)
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, FieldsBlock):
                count += sum(row.value.count("\n") for row in block.rows)
            elif isinstance(block, TableBlock):
                count += sum(cell.count("\n") for row in block.rows for cell in row)
            elif isinstance(block, ListBlock):
                count += sum(item.count("\n") for item in block.items)
            else:
                count += block.text.count("\n")
    return count


def too_long() -> InputError:
    """The refusal of a document longer than a document may be (in pages or line breaks)."""
    from asendusdoc.read.budget import MAX_DOCUMENT_PAGES

    return InputError(
        "the document would be longer than {pages} pages; it was not made: split the form "
        "(a diary by periods) or shorten its texts",
        code="document_too_long",
        pages=MAX_DOCUMENT_PAGES,
    )


def check_length(documents: Sequence[Document]) -> None:
    """Refuse documents whose texts break into more lines than a document may hold
    (:data:`~asendusdoc.read.budget.MAX_DOCUMENT_LINE_BREAKS`), before any is set."""
    from asendusdoc.read.budget import MAX_DOCUMENT_LINE_BREAKS

    if sum(_line_breaks(document) for document in documents) > MAX_DOCUMENT_LINE_BREAKS:
        raise too_long()
