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
from asendusdoc.read.budget import MAX_INPUT_BYTES, MAX_JSON_DEPTH, MAX_NUMBER_CHARS
from asendusdoc.reference import closest_names, quoted

__all__ = [
    "check_form_id",
    "check_json_depth",
    "check_mapping",
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
