"""Reading forms: JSON text, bytes, dicts or files in; a form model or its problems out.

Two kinds of failure, kept apart on purpose:

* :class:`~asendusdoc.errors.InputError` — we cannot tell what form this is (not JSON, not an
  object, no or an unknown ``form`` id, too large, unreadable file). Exit code 2.
* problems (:class:`~asendusdoc.errors.Problem`) — the form is known and its content is wrong.
  :func:`validate_form` returns them; :func:`load_form` raises them as
  :class:`~asendusdoc.errors.FormValidationError`. Exit code 1.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from asendusdoc.errors import FormValidationError, Problem
from asendusdoc.forms import FORM_MODELS, FormModel, form_adapter
from asendusdoc.problems import placed, problems_from_validation_error
from asendusdoc.read.dispatch import FormInput, read_form_input
from asendusdoc.read.files import read_form_file
from asendusdoc.read.parse import check_form_id, check_mapping, parse_form_json

__all__ = ["FormSource", "form_input", "load_form", "validate_form"]


FormSource = Mapping[str, Any] | str | bytes | os.PathLike[str] | FormModel | FormInput
"""What the loading functions take: a dict, JSON text, a model, or bytes or a file path of a
JSON form, a PDF or DOCX rendered by asendusdoc, or a filled Word blank (or what
:func:`~asendusdoc.read.dispatch.read_form_input` read from one)."""


def form_input(source: FormSource) -> FormInput:
    """``source`` read as a form's data, with the places of a filled Word blank's fields."""
    if isinstance(source, FormInput):
        return source
    if isinstance(source, FormModel):
        return FormInput(source.model_dump(mode="json"))
    if isinstance(source, str):
        return FormInput(parse_form_json(source))
    if isinstance(source, bytes):
        return read_form_input(source)
    if isinstance(source, os.PathLike):
        return read_form_input(read_form_file(source), os.fspath(source))
    check_mapping(source)
    return FormInput(check_form_id(dict(source)))


def _parse(source: FormSource) -> tuple[FormModel | None, list[Problem], str]:
    read = form_input(source)
    form_id = read.data["form"]
    model = FORM_MODELS.get(form_id)  # only this form's model is built (they build on first use)
    try:
        form: FormModel = (
            form_adapter().validate_python(read.data)
            if model is None
            else model.model_validate(read.data)
        )
    except ValidationError as exc:
        problems = problems_from_validation_error(exc, tag=form_id)
        return None, placed(_with_read(problems, read.problems), read.places), form_id
    if read.problems:
        return None, placed(list(read.problems), read.places), form_id
    return form, [], form_id


def _with_read(problems: list[Problem], read: tuple[Problem, ...]) -> list[Problem]:
    """The model's problems with the reader's (a blank's choice not in its list) in their
    stead at the same field, in the form's order; those at fields the model found right
    last."""
    by_path = {problem.path: problem for problem in read}
    merged: list[Problem] = []
    for problem in problems:
        if problem.path not in by_path:
            merged.append(problem)
        elif by_path[problem.path] not in merged:
            merged.append(by_path[problem.path])
    return merged + [problem for problem in read if problem not in merged]


def validate_form(source: FormSource) -> list[Problem]:
    """Every problem of the form; an empty list when it is valid.

    A problem of a filled Word blank (bytes, a path or a :class:`FormInput`) carries its
    :attr:`~asendusdoc.errors.Problem.place`, and its messages name that place. Raises
    :class:`InputError` only when the input is not a form at all.
    """
    return _parse(source)[1]


def load_form(source: FormSource) -> FormModel:
    """The form model of ``source``; raises :class:`FormValidationError` with every problem
    (those of a filled Word blank named by their places, as :func:`validate_form`'s)."""
    if isinstance(source, FormModel):
        return source
    form, problems, form_id = _parse(source)
    if form is None:
        raise FormValidationError(problems, form_id=form_id)
    return form
