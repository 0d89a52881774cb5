"""JSON text → the form's object, within the limits of size, depth and numbers.

The bottom of :mod:`asendusdoc.read`: what every JSON input (a form file, stdin, the envelope a
rendered document carries) passes before anything looks at its content.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Mapping
from itertools import accumulate
from typing import Any

from asendusdoc.errors import InputError
from asendusdoc.forms import FORM_MODELS
from asendusdoc.read.budget import (
    MAX_FORM_ITEMS,
    MAX_INPUT_BYTES,
    MAX_JSON_DEPTH,
    MAX_NUMBER_CHARS,
)
from asendusdoc.reference import closest_names, quoted

__all__ = [
    "check_form_id",
    "check_json_depth",
    "check_mapping",
    "duplicate_key",
    "parse_form_json",
    "parse_json",
]


def _too_large(size: int) -> InputError:
    return InputError(
        "the input is {size} bytes; the limit is {limit} bytes",
        code="input_too_large",
        size=size,
        limit=MAX_INPUT_BYTES,
    )


def parse_form_json(raw: str | bytes) -> dict[str, Any]:
    """JSON text or bytes → the form's object, with a known ``form`` id.

    A UTF-8 byte-order mark is accepted. Raises :class:`InputError` for everything that is
    not a JSON object of a known form.
    """
    return check_form_id(parse_json(raw))


def parse_json(raw: str | bytes) -> Any:
    """JSON text or bytes → its value, within the limits of size, depth and numbers.

    What :func:`parse_form_json` checks before it looks for a form; also used for the data
    a rendered document carries (:mod:`asendusdoc.read.envelope`). An object that names a
    key twice is refused (the last would win silently: a second ``personal_code``, a second
    ``form``), naming the key by its field's label and position.
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
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_no_constant,
            object_pairs_hook=_unique_keys,
        )
    except _DuplicateKey:
        raise duplicate_key(text) from None
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


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = bytes(range(256)).translate(None, b"[]{}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def check_json_depth(raw: bytes) -> None:
    """Refuse JSON nested deeper than :data:`MAX_JSON_DEPTH`, or of more values than
    :data:`~asendusdoc.read.budget.MAX_FORM_ITEMS`, before any parser recurses into it.

    Linear and in C: the strings are cut out, only the brackets and commas kept (a value but
    the first of each array or object follows a comma), and innermost pairs removed level by
    level; what is left after 32 levels is measured exactly.
    """
    skeleton = _STRING.sub(b"", raw)
    if skeleton.count(b",") + skeleton.count(b"{") + skeleton.count(b"[") > MAX_FORM_ITEMS:
        raise InputError(
            "the input holds more than {limit} values; a form holds far fewer: check that "
            "the file is a form",
            code="json_too_many_items",
            limit=MAX_FORM_ITEMS,
        )
    brackets = skeleton.translate(None, _NOT_BRACKET)
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


class _DuplicateKey(Exception):
    """An object named a key twice (raised inside the parser; located afterwards)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _DuplicateKey
    return data


class _Twice(dict[str, Any]):
    key: str = ""


def _marking_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) == len(pairs):
        return data
    marked = _Twice(data)
    seen: set[str] = set()
    for key, _value in pairs:
        if key in seen:
            marked.key = key
            break
        seen.add(key)
    return marked


def _path_of_twice(value: Any, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    if isinstance(value, _Twice):
        return (*path, value.key)
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for part, item in items:
        found = _path_of_twice(item, (*path, part))
        if found is not None:
            return found
    return None


def duplicate_key(text: str) -> InputError:
    """The refusal of JSON ``text`` whose objects name a key twice: the first such key named
    by its field's label and position in each language (a key the form does not know by its
    position only: it was typed by someone, and may hold personal data)."""
    from asendusdoc.errors import Problem
    from asendusdoc.i18n import LANGUAGES
    from asendusdoc.problems.messages import field_label
    from asendusdoc.titles import Titles

    data = json.loads(text, object_pairs_hook=_marking_twice)
    path = _path_of_twice(data, ()) or ()
    form_id = data.get("form") if isinstance(data, dict) and path != ("form",) else None
    problem = Problem(path, "json_duplicate_key", "")
    known = form_id if isinstance(form_id, str) and form_id in FORM_MODELS else None
    label = Titles(**{lang: field_label(problem, known, lang) for lang in LANGUAGES})
    return InputError(
        "the field {field} is given twice in the file; a form names each field once: "
        "remove one of them",
        code="json_duplicate_key",
        field=label,
    )
