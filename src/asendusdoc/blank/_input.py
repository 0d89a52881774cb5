"""A filled blank as a form source: its data for validation, its places for the messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asendusdoc.blank._read import FilledBlank, blank_identity, read_blank_document
from asendusdoc.i18n import N_, translations
from asendusdoc.problems import Problem

if TYPE_CHECKING:
    from asendusdoc.untrusted import DocxPackage

__all__ = [
    "ZIP_SIGNATURE",
    "describe_blank_problem",
    "form_data",
    "is_docx",
    "read_filled_blank",
]

ZIP_SIGNATURE = b"PK\x03\x04"


def is_docx(raw: bytes) -> bool:
    """``raw`` is a zip package (a DOCX), not JSON text."""
    return raw[:4] == ZIP_SIGNATURE


def form_data(raw: bytes, name: str = "") -> tuple[dict[str, Any], FilledBlank | None]:
    """The form data of a form file: JSON, a rendered PDF or DOCX, or a filled blank (with its
    places, so that problems are named as the caseworker sees them)."""
    from asendusdoc.documents_in import embedded_docx_form, not_made_by_asendusdoc
    from asendusdoc.loading import parse_form_input

    if not is_docx(raw):
        return parse_form_input(raw, name), None
    embedded, package = embedded_docx_form(raw, name)
    if embedded is not None:
        return embedded, None
    root = package.xml(package.main_part)
    if blank_identity(root) is None:
        raise not_made_by_asendusdoc()
    blank = read_blank_document(root)
    return blank.data, blank


def read_filled_blank(package: DocxPackage, name: str) -> dict[str, Any] | None:
    """The :class:`~asendusdoc.documents_in.FilledBlankReader` of asendusdoc's blanks: the
    form data of a filled blank, None for a Word file that is no blank."""
    root = package.xml(package.main_part)
    if blank_identity(root) is None:
        return None
    return read_blank_document(root).data


def describe_blank_problem(problem: Problem, blank: FilledBlank, lang: str) -> str:
    """ "3. Eesmärgid, rida 2, Eesmärk: kohustuslik väli puudub": the place as the caseworker
    sees it in the blank, never a JSON path."""
    from asendusdoc.i18n.messages import field_label, problem_message

    where = blank.where(problem.path)
    place = field_label(problem, blank.form_id, lang) if where is None else where.describe(lang)
    if where is not None and where.kind == "date" and problem.code in _NOT_A_DATE:
        return f"{place}: " + translations(lang).gettext(_TYPE_A_DATE)
    return f"{place}: {problem_message(problem, lang, blank.form_id)}"


_NOT_A_DATE = frozenset(
    {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}
)
_TYPE_A_DATE = N_("is not a valid date; pick it from the calendar or type it as dd.mm.yyyy")
"""A blank's date is typed as the blank shows it, not as JSON writes it (YYYY-MM-DD)."""
