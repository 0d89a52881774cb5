"""A filled blank as a form source: its data for validation, its places for the messages."""

from __future__ import annotations

from typing import Any

from asendusdoc.blank._read import FilledBlank, read_blank
from asendusdoc.problems import Problem

__all__ = ["ZIP_SIGNATURE", "describe_blank_problem", "form_data", "is_docx"]

ZIP_SIGNATURE = b"PK\x03\x04"


def is_docx(raw: bytes) -> bool:
    """``raw`` is a zip package (a DOCX), not JSON text."""
    return raw[:4] == ZIP_SIGNATURE


def form_data(raw: bytes) -> tuple[dict[str, Any], FilledBlank | None]:
    """The form data of a form file: JSON text, or a filled blank (with its places)."""
    from asendusdoc.loading import parse_form_json

    if is_docx(raw):
        blank = read_blank(raw)
        return blank.data, blank
    return parse_form_json(raw), None


def describe_blank_problem(problem: Problem, blank: FilledBlank, lang: str) -> str:
    """ "3. Eesmärgid, rida 2, Eesmärk: kohustuslik väli puudub": the place as the caseworker
    sees it in the blank, never a JSON path."""
    from asendusdoc.i18n.messages import field_label, problem_message

    where = blank.where(problem.path)
    place = field_label(problem, blank.form_id, lang) if where is None else where.describe(lang)
    return f"{place}: {problem_message(problem, lang, blank.form_id)}"
