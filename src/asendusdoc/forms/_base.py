"""The base of every form model and of its building blocks, and the rule mechanism.

Structure and field types are checked by pydantic. The rules of the seeds that look at several
fields of one form (service start against placement, consent, ...) are written as
:meth:`FormModel.rule_violations`, one method per form, returning every violation with the path
of the field it concerns. A model validator raises them together as one ``form_rules`` error,
so ``Model.model_validate`` refuses a form that breaks a rule, and
:func:`asendusdoc.validate_form` unfolds that error into one problem per violation.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from asendusdoc.forms._types import Date, ShortText, birth_date_of
from asendusdoc.titles import Titles
from asendusdoc.titles import field as titled

__all__ = ["Block", "FormModel", "Path", "RuleViolation", "add_months", "no_items"]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class RuleViolation:
    """One broken rule: where (path inside the form), what (stable code), and the details."""

    path: Path
    code: str
    message: str
    """English message with the params filled in."""
    params: dict[str, Any] = field(default_factory=dict)


def no_items() -> list[Any]:
    """The ``default_factory`` of a list that may be left out. A function of ours, not
    ``list``: pydantic reads a built-in's signature by tokenizing its text, which cost a
    noticeable part of a validating command's start-up."""
    return []


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months (31 March + 1 month = 30 April)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last_day))


class Block(BaseModel):
    """A building block of forms: unknown fields rejected, inputs kept out of error texts."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, defer_build=True)


class FormModel(Block):
    """A filled form. Subclasses set ``form`` to a ``Literal`` of their id."""

    form_id: ClassVar[str]
    titles: ClassVar[Titles]
    """The form's official name in the three languages."""
    titles_in_sentence: ClassVar[Titles]
    """The form's name as a sentence uses it: "peretoe teenusele suunamise vorm"."""

    case_reference: ShortText = titled(
        "Juhtumi number",
        "Номер случая",
        "Case reference",
        "The reference that ties the forms of one case together (e.g. the case plan number).",
    )
    document_date: Date = titled(
        "Koostamise kuupäev",
        "Дата составления",
        "Document date",
        "The date the document was drawn up; also the date of the rendered files.",
    )

    def data_titles(self, name: str) -> Titles | None:
        """The title of field ``name`` where it depends on this form's data (the worker's role
        depends on the service); None where the field's own title holds."""
        return None

    def rule_violations(self) -> list[RuleViolation]:
        """Every rule of this form that the data breaks; none by default."""
        return []

    @model_validator(mode="after")
    def _check_rules(self) -> FormModel:
        violations = [*births_after(self, self.document_date), *self.rule_violations()]
        if violations:
            raise PydanticCustomError(
                "form_rules",
                "{count} rule(s) broken: {summary}",
                {
                    "count": len(violations),
                    "summary": "; ".join(f"{v.code} at {_dotted(v.path)}" for v in violations),
                    "violations": violations,
                },
            )
        return self


def births_after(block: BaseModel, day: dt.date, path: Path = ()) -> list[RuleViolation]:
    """Every person of ``block`` born after ``day`` (the document date), by the birth date or,
    without one, by the personal code; the path names the field the date came from.

    Only the fields that can hold a person are walked (:func:`_walk_plan`, once per model): the
    walk runs on every validation, so it must cost little beside pydantic's own checks.
    """
    found: list[RuleViolation] = []
    values = block.__dict__
    for name in _walk_plan(type(block)):
        value = values[name]
        if isinstance(value, BaseModel):
            here = (*path, name)
            found += _born_after(value, day, here)
            found += births_after(value, day, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    here = (*path, name, index)
                    found += _born_after(item, day, here)
                    found += births_after(item, day, here)
    return found


@cache
def _walk_plan(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose type can hold a person (a block with a birth date or a
    personal code), directly, in a list or optional, or deeper down."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(_may_hold_person(block) for block in _blocks_in(info.annotation))
    )


@cache
def _may_hold_person(model: type[BaseModel]) -> bool:
    fields = model.model_fields
    return "birth_date" in fields or "personal_code" in fields or bool(_walk_plan(model))


def _blocks_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The block types named in a field's type (``list[Child] | None`` → ``Child``)."""
    if get_origin(annotation) is None and isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            yield annotation
        return
    for argument in get_args(annotation):
        yield from _blocks_in(argument)


def _born_after(person: BaseModel, day: dt.date, path: Path) -> list[RuleViolation]:
    values = person.__dict__
    birth_date = values.get("birth_date")
    code = values.get("personal_code")
    if isinstance(birth_date, dt.date):
        born, field_name = birth_date, "birth_date"
    elif isinstance(code, str):
        born, field_name = birth_date_of(code), "personal_code"
    else:
        return []
    if born <= day:
        return []
    return [
        RuleViolation(
            (*path, field_name),
            "born_after_document_date",
            "the person is born after the document date; check the birth date or the personal code",
        )
    ]


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(form)"
