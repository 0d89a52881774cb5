"""Reading forms: JSON text, bytes, dicts or files in; a form model or its problems out.

Two kinds of failure, kept apart on purpose:

* :class:`~asendusdoc.errors.InputError` — we cannot tell what form this is (not JSON, not an
  object, no or an unknown ``form`` id, too large, unreadable file). Exit code 2.
* problems (:class:`~asendusdoc.problems.Problem`) — the form is known and its content is wrong.
  :func:`validate_form` returns them; :func:`load_form` raises them as
  :class:`~asendusdoc.errors.FormValidationError`. Exit code 1.
"""

from __future__ import annotations

import json
import math
import os
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from asendusdoc.errors import FormValidationError, InputError
from asendusdoc.forms import FORM_MODELS, FormModel, form_adapter
from asendusdoc.problems import FormPlaces, Problem, placed, problems_from_validation_error
from asendusdoc.reference import closest_names, quoted

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_INPUT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_CHARS",
    "FormInput",
    "FormSource",
    "check_form_id",
    "check_mapping",
    "form_input",
    "load_form",
    "parse_form_json",
    "parse_json",
    "read_bounded",
    "read_form_file",
    "read_form_input",
    "validate_form",
]

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""The largest form file accepted (10 MiB): a 5,000-entry diary is well under 5 MiB."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest file ``encrypt`` takes (64 MiB): the PDF of the largest form the limits allow
(5,000 diary entries of long text) is about 16 MB."""


@dataclass(frozen=True)
class FormInput:
    """A form's data as read from a file, with the places of its fields when the file is a
    filled Word blank: its problems are then named by section, row and label."""

    data: dict[str, Any]
    places: FormPlaces | None = None


FormSource = Mapping[str, Any] | str | bytes | os.PathLike[str] | FormModel | FormInput
"""What the loading functions take: a dict, JSON text, a model, or bytes or a file path of a
JSON form, a PDF or DOCX rendered by asendusdoc, or a filled Word blank (or what
:func:`read_form_input` read from one)."""


def read_form_file(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a form file (or of another file up to ``limit`` bytes), refusing what is
    not a readable file of sensible size.

    Reading stops one byte after the limit whatever the file is (a FIFO, a device such as
    ``/dev/zero``, a file that grows while it is read): the size is never taken on trust.
    """
    file = Path(path)
    if not file.exists():
        raise InputError("file not found: {path}", code="file_missing", path=str(file))
    if file.is_dir():
        raise InputError(
            "is a directory, not a form file: {path}", code="file_is_directory", path=str(file)
        )
    try:
        with file.open("rb") as stream:
            return read_bounded(stream, limit)
    except OSError as exc:
        raise InputError(
            "cannot read {path}: {reason}",
            code="file_unreadable",
            path=str(file),
            reason=exc.strerror or "",
        ) from exc


def read_bounded(stream: BinaryIO, limit: int = MAX_INPUT_BYTES) -> bytes:
    """At most ``limit`` bytes from ``stream``; :class:`InputError` if there is more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            "the input is larger than the limit of {limit} bytes",
            code="input_too_large",
            limit=limit,
        )
    return data


def _too_large(size: int) -> InputError:
    return InputError(
        "the input is {size} bytes; the limit is {limit} bytes",
        code="input_too_large",
        size=size,
        limit=MAX_INPUT_BYTES,
    )


def read_form_input(raw: bytes, name: str = "") -> FormInput:
    """A form file's bytes → the form's object: JSON, or a document told by its content, with
    the places of a filled Word blank's fields.

    A PDF or DOCX rendered by asendusdoc gives the form it carries, a filled Word blank the
    form filled in (:func:`asendusdoc.documents_in.read_document_input`); anything else is read
    as JSON. ``name`` (the file's name) is used for messages and to refuse a ``.docm``.

    Every command that reads a form file reads it here (or through :func:`load_form` and
    :func:`validate_form` on bytes or a path), so that a problem of a filled blank is named
    by its place in every command and in the API alike.
    """
    from asendusdoc.documents_in import document_kind, read_document_input

    if document_kind(raw, name) is not None:
        return read_document_input(raw, name)
    return FormInput(parse_form_json(raw))


def parse_form_json(raw: str | bytes) -> dict[str, Any]:
    """JSON text or bytes → the form's object, with a known ``form`` id.

    A UTF-8 byte-order mark is accepted. Raises :class:`InputError` for everything that is
    not a JSON object of a known form.
    """
    return check_form_id(parse_json(raw))


def parse_json(raw: str | bytes) -> Any:
    """JSON text or bytes → its value, within the limits of size, depth and numbers.

    What :func:`parse_form_json` checks before it looks for a form; also used for the data
    a rendered document carries (:mod:`asendusdoc.embedded`).
    """
    if len(raw) > MAX_INPUT_BYTES:
        raise _too_large(len(raw))
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                "the input is not UTF-8 text (byte {position})",
                code="input_not_text",
                position=exc.start + 1,
            ) from None
    else:
        text = raw.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("the input is empty", code="input_empty")
    if "\x00" in text:
        raise InputError("the input is binary, not JSON text", code="input_not_text", position=0)
    if _SURROGATE.search(text):
        raise _lone_surrogate()
    check_json_depth(text.encode("utf-8"))
    try:
        data = json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_no_constant
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            "not valid JSON: {detail} at line {line}, column {column}",
            code="json_invalid",
            line=exc.lineno,
            column=exc.colno,
            detail=exc.msg,
        ) from None
    if _SURROGATE_ESCAPE.search(text):
        _check_strings(data)
    return data


MAX_JSON_DEPTH = 32
"""How deep arrays and objects may nest; the deepest form (a plan's activities) needs 5."""

MAX_NUMBER_CHARS = 40
"""The longest number literal accepted; no field of a form needs more than a few digits."""

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = bytes(range(256)).translate(None, b"[]{}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def check_json_depth(raw: bytes) -> None:
    """Refuse JSON nested deeper than :data:`MAX_JSON_DEPTH` before any parser recurses into it.

    Linear and in C: the strings are cut out, only the brackets kept, and innermost pairs
    removed level by level; what is left after 32 levels is measured exactly.
    """
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKET)
    remaining = brackets
    for _ in range(MAX_JSON_DEPTH):
        shorter = remaining.replace(b"{}", b"").replace(b"[]", b"")
        if shorter == remaining:
            break
        remaining = shorter
    if not remaining:
        return
    steps = array("b")
    steps.frombytes(brackets.translate(_DEPTH_STEPS))
    if max(accumulate(steps), default=0) > MAX_JSON_DEPTH:
        raise _too_deep()


_DEPTH_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


def _too_deep() -> InputError:
    return InputError(
        "the input is nested more than {limit} levels deep; a form needs far fewer: "
        "check that the file is a form",
        code="json_too_deep",
        limit=MAX_JSON_DEPTH,
    )


def _number_too_long() -> InputError:
    return InputError(
        "a number in the input has more than {limit} characters",
        code="json_number_too_long",
        limit=MAX_NUMBER_CHARS,
    )


def _parse_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _number_too_long()
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _number_too_long()
    value = float(text)
    if not math.isfinite(value):
        raise _no_constant(text)
    return value


def _no_constant(text: str) -> Any:
    raise InputError(
        "a number in the input is out of range (NaN, Infinity or too large)",
        code="json_number_invalid",
    )


def _lone_surrogate() -> InputError:
    return InputError(
        "a text in the input holds a broken character (half of a UTF-16 surrogate pair); "
        "type that text again",
        code="input_lone_surrogate",
    )


def check_mapping(data: Any) -> None:
    """Data that no JSON scan has seen (a dict, what a document reader returned): no lone
    surrogate in any text, nesting no deeper than :data:`MAX_JSON_DEPTH`."""
    _check_strings(data)


def _check_strings(data: Any) -> None:
    """Refuse a lone surrogate (``"\\ud800"``) anywhere in parsed data, and (for data handed in
    as a mapping, which no JSON scan has seen) nesting deeper than :data:`MAX_JSON_DEPTH`."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise _lone_surrogate()
            continue
        if isinstance(value, Mapping | list | tuple):
            if depth >= MAX_JSON_DEPTH:
                raise _too_deep()
            items = [*value.keys(), *value.values()] if isinstance(value, Mapping) else value
            stack.extend((item, depth + 1) for item in items)


def check_form_id(data: Any) -> dict[str, Any]:
    """``data`` must be an object whose ``form`` names one of the nine forms."""
    if isinstance(data, list):
        raise InputError("a form is a JSON object, but the input is an array", code="json_array")
    if not isinstance(data, dict):
        raise InputError(
            "a form is a JSON object, but the input is not one", code="json_not_object"
        )
    known = ", ".join(FORM_MODELS)
    if "form" not in data:
        raise InputError(
            "the form has no 'form' field naming its kind; known: {known}",
            code="form_missing",
            known=known,
        )
    form_id = data["form"]
    if not isinstance(form_id, str) or form_id not in FORM_MODELS:
        suggestions = closest_names(form_id, FORM_MODELS) if isinstance(form_id, str) else ()
        if suggestions:
            raise InputError(
                "unknown form id; did you mean {suggestions}? Known: {known}",
                code="form_unknown",
                suggestions=quoted(suggestions),
                known=known,
            )
        raise InputError("unknown form id; known: {known}", code="form_unknown", known=known)
    return data


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
    _check_strings(source)
    return FormInput(check_form_id(dict(source)))


def _parse(source: FormSource) -> tuple[FormModel | None, list[Problem], str]:
    read = form_input(source)
    form_id = read.data["form"]
    try:
        form: FormModel = form_adapter().validate_python(read.data)
    except ValidationError as exc:
        problems = problems_from_validation_error(exc, tag=form_id)
        return None, placed(problems, read.places), form_id
    return form, [], form_id


def validate_form(source: FormSource) -> list[Problem]:
    """Every problem of the form; an empty list when it is valid.

    A problem of a filled Word blank (bytes, a path or a :class:`FormInput`) carries its
    :attr:`~asendusdoc.problems.Problem.place`, and its messages name that place. Raises
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
