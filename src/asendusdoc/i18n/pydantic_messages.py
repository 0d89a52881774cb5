"""Our own translatable English for pydantic's error types.

pydantic's messages ("Field required", "Input should be a valid date ...") are not in any
catalog and would reach a caseworker in English. Each error ``type`` we can meet gets a
template here, marked with ``N_`` / ``N_plural`` so that ``tools/update_catalogs.sh`` extracts
it; its ``{fields}`` come from the error's ``ctx`` (``min_length``, ``ge``, ``expected``, ...).
Any other pydantic type gets :data:`GENERIC` ("is not valid"), never pydantic's own words.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic_core.core_schema import ErrorType

from asendusdoc.i18n import N_, N_plural

__all__ = [
    "GENERIC",
    "MessageTemplate",
    "is_pydantic_error_type",
    "pydantic_template",
]


@dataclass(frozen=True)
class MessageTemplate:
    """An English template (the msgid), its plural and the param that counts, if any."""

    singular: str
    plural: str | None = None
    count: str | None = None


def _plural(pair: tuple[str, str], count: str) -> MessageTemplate:
    return MessageTemplate(pair[0], pair[1], count)


_DATE = MessageTemplate(N_("is not a valid date; write it as YYYY-MM-DD, e.g. 2026-11-22"))
_DATETIME = MessageTemplate(
    N_("is not a valid date and time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-11-22T14:30")
)
_BOOL = MessageTemplate(N_("must be true or false"))
_INT = MessageTemplate(N_("must be a whole number"))
_NUMBER = MessageTemplate(N_("must be a number"))
_OBJECT = MessageTemplate(N_("must be a group of fields (a JSON object)"))
_ONE_OF = MessageTemplate(N_("must be one of: {expected}"))

_TEMPLATES: dict[str, MessageTemplate] = {
    "missing": MessageTemplate(N_("required field is missing")),
    "extra_forbidden": MessageTemplate(
        N_("this field is not part of the form; check the spelling of its name")
    ),
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "date_type": _DATE,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_type": _DATETIME,
    "time_parsing": MessageTemplate(N_("is not a valid time; write it as HH:MM, e.g. 14:30")),
    "time_type": MessageTemplate(N_("is not a valid time; write it as HH:MM, e.g. 14:30")),
    "date_past": MessageTemplate(N_("must be a date in the past")),
    "date_future": MessageTemplate(N_("must be a date in the future")),
    "string_type": MessageTemplate(N_("must be text")),
    "string_too_short": _plural(
        N_plural(
            "must have at least {min_length} character",
            "must have at least {min_length} characters",
        ),
        "min_length",
    ),
    "string_too_long": _plural(
        N_plural(
            "may have at most {max_length} character", "may have at most {max_length} characters"
        ),
        "max_length",
    ),
    "string_pattern_mismatch": MessageTemplate(N_("contains characters that are not allowed")),
    "too_short": _plural(
        N_plural("needs at least {min_length} entry", "needs at least {min_length} entries"),
        "min_length",
    ),
    "too_long": _plural(
        N_plural("may have at most {max_length} entry", "may have at most {max_length} entries"),
        "max_length",
    ),
    "enum": _ONE_OF,
    "literal_error": _ONE_OF,
    "bool_parsing": _BOOL,
    "bool_type": _BOOL,
    "int_parsing": _INT,
    "int_type": _INT,
    "int_from_float": _INT,
    "int_parsing_size": _INT,
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "greater_than_equal": MessageTemplate(N_("must be at least {ge}")),
    "greater_than": MessageTemplate(N_("must be greater than {gt}")),
    "less_than_equal": MessageTemplate(N_("must be at most {le}")),
    "less_than": MessageTemplate(N_("must be less than {lt}")),
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dict_type": _OBJECT,
    "list_type": MessageTemplate(N_("must be a list (a JSON array)")),
    "union_tag_invalid": MessageTemplate(N_("unknown form id; known: {expected_tags}")),
    "union_tag_not_found": MessageTemplate(N_("the form has no 'form' field naming its kind")),
    "none_required": MessageTemplate(N_("must be empty (null)")),
}

_EMAIL = MessageTemplate(N_("is not a valid e-mail address, e.g. mari.tamm@viimsivv.ee"))
GENERIC = MessageTemplate(N_("is not valid"))
"""For a pydantic error type without a template of its own."""

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


@cache
def _pydantic_types() -> frozenset[str]:
    return frozenset(typing.get_args(ErrorType))


def is_pydantic_error_type(code: str) -> bool:
    """Whether ``code`` is one of pydantic's own error types (not one of our codes)."""
    return code in _pydantic_types() or code in _TEMPLATES


def _allowed_values(expected: str) -> str:
    """pydantic's ``"'a', 'b' or 'c'"`` as ``a, b, c``: no English "or" left in it."""
    values = _QUOTED.findall(expected)
    return ", ".join(values) if values else expected


def pydantic_template(
    code: str, path: tuple[str | int, ...], params: Mapping[str, Any]
) -> tuple[MessageTemplate, dict[str, Any]] | None:
    """Our template and its params for a pydantic error; None if ``code`` is not pydantic's."""
    if not is_pydantic_error_type(code):
        return None
    values = dict(params)
    if code == "value_error":
        last = next((part for part in reversed(path) if isinstance(part, str)), "")
        return (_EMAIL if "email" in last else GENERIC), {}
    if "expected" in values:
        values["expected"] = _allowed_values(str(values["expected"]))
    if "expected_tags" in values:
        values["expected_tags"] = _allowed_values(str(values["expected_tags"]))
    return _TEMPLATES.get(code, GENERIC), values
