"""Problems: what is wrong with a form, one entry per field, ready for a person or a program.

A :class:`~asendusdoc.errors.Problem` (defined beside the
:class:`~asendusdoc.errors.FormValidationError` that carries it) is made here from pydantic's
validation errors and our rules' violations; :mod:`.messages` says it in a person's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from string import Formatter
from typing import Any

from pydantic import BaseModel, ValidationError

from asendusdoc.errors import FormPlaces, PathPart, Problem
from asendusdoc.forms._base import RuleViolation
from asendusdoc.i18n.field_errors import field_template
from asendusdoc.titles import Titles, titles_of

__all__ = [
    "UNKNOWN_FIELD_PATH",
    "field_titles",
    "model_of",
    "placed",
    "problems_from_validation_error",
]


def placed(problems: list[Problem], places: FormPlaces | None) -> list[Problem]:
    """``problems`` with the place of each in the document the form was read from."""
    if places is None:
        return problems
    return [replace(problem, place=places.where(problem.path)) for problem in problems]


def _safe_params(ctx: Mapping[str, Any] | None) -> dict[str, Any]:
    if not ctx:
        return {}
    return {k: v for k, v in ctx.items() if isinstance(v, str | int | float | bool)}


def problems_from_validation_error(
    error: ValidationError, *, tag: str | None = None
) -> list[Problem]:
    """One problem per pydantic error; rule errors unfold into one problem per violation.

    ``tag`` is the form id when the error comes from the discriminated union: it is removed
    from the front of every path.
    """
    problems: list[Problem] = []
    unknown: dict[tuple[PathPart, ...], int] = {}
    for item in error.errors(include_input=False, include_url=False):
        loc = tuple(item["loc"])
        if tag is not None and loc[:1] == (tag,):
            loc = loc[1:]
        # pydantic puts the validator kind into the path for function validators
        loc = tuple(part for part in loc if not _is_validator_segment(part))
        if item["type"] == "extra_forbidden" and loc:
            loc = _unknown_by_position(loc, unknown)
        ctx = item.get("ctx") or {}
        if item["type"] == "form_rules":
            violations: list[RuleViolation] = ctx.get("violations", [])
            problems.extend(
                Problem((*loc, *v.path), v.code, v.message.format(**v.params), v.params, v.message)
                for v in violations
            )
        else:
            problems.append(_pydantic_problem(loc, item["type"], item["msg"], _safe_params(ctx)))
    return problems


def _pydantic_problem(
    loc: tuple[PathPart, ...], code: str, msg: str, params: dict[str, Any]
) -> Problem:
    """A problem of one of pydantic's own error types, in our English template.

    pydantic's own text and ctx may quote what was typed (the reason email-validator gives,
    the tag of a union): only the params our template names are kept.
    """
    from asendusdoc.i18n.pydantic_messages import pydantic_template

    found = pydantic_template(code, loc, params)
    if found is None:  # one of our field types: its template by code
        return Problem(loc, code, msg, params, field_template(code, msg, params))
    template, values = found
    text = template.singular
    if template.plural is not None and template.count is not None:
        text = template.singular if values.get(template.count) == 1 else template.plural
    names = {field for _, field, _, _ in Formatter().parse(text) if field}
    if template.count is not None:
        names.add(template.count)
    kept = {name: value for name, value in params.items() if name in names}
    try:
        message = text.format(**values)
    except (KeyError, IndexError, ValueError):
        message = text
    return Problem(loc, code, message, kept)


UNKNOWN_FIELD_PATH = "(unknown field {position})"
"""The last part of an unknown key's path: its position among the unknown keys of its object
("family.children[0].(unknown field 2)"), never the key as typed (it may hold a personal code,
or characters that forge what a terminal shows)."""


def _unknown_by_position(
    loc: tuple[PathPart, ...], counted: dict[tuple[PathPart, ...], int]
) -> tuple[PathPart, ...]:
    """``loc`` with its typed key replaced by the key's position among its object's unknown
    keys (pydantic reports them in the order they were written)."""
    parent = loc[:-1]
    counted[parent] = counted.get(parent, 0) + 1
    return (*parent, UNKNOWN_FIELD_PATH.format(position=counted[parent]))


def _is_validator_segment(part: PathPart) -> bool:
    return isinstance(part, str) and (part.startswith("function-") or part.startswith("chain["))


def field_titles(model: type[BaseModel], path: tuple[PathPart, ...]) -> Titles | None:
    """The titles of the field at ``path`` in ``model`` (list indices skipped); None if unknown."""
    current: Any = model
    titles: Titles | None = None
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return titles if part in ("[]",) else None
        info = fields[part]
        titles = titles_of(info, part)
        current = model_of(info.annotation)
    return titles


def model_of(annotation: Any) -> Any:
    """The BaseModel inside ``X``, ``X | None`` or ``list[X]``; None when there is none."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = model_of(arg)
        if found is not None:
            return found
    return None
