"""The errors of our own field types, by code: one English template (the msgid) per code.

pydantic hands on a ``PydanticCustomError`` as its code, its filled English text and its
params; the message for a person is found again by the code here, translated, then filled,
as a rule's message is. Raise them with :func:`field_error`, never with a template of one's
own: a code missing here fails at once (``KeyError``), not later as an English message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import PydanticCustomError

from asendusdoc.i18n import N_

__all__ = ["FIELD_ERRORS", "field_error"]

FIELD_ERRORS: dict[str, str] = {
    "blank": N_("must not be blank"),
    "text_control_character": N_(
        "contains a control character (U+{codepoint}) that a document cannot hold"
    ),
    "personal_code_format": N_("must be 11 digits, the first from 1 to 8"),
    "personal_code_date": N_("digits 2 to 7 are not a real birth date"),
    "personal_code_check_digit": N_("the check digit (the last digit) is wrong"),
    "date_out_of_range": N_("must be a date from {earliest} to {latest}; check the year"),
    "phone_invalid": N_("is not a phone number"),
    "identity_missing": N_("give the personal code, or the birth date if there is none"),
    "birth_date_mismatch": N_("the birth date differs from the one in the personal code"),
    # what was typed is never quoted (it may be a name or a personal code); the closest
    # names of the reference data are suggested where some are close
    "municipality_unknown": N_(
        "is not an Estonian municipality; use the official name, e.g. 'Viimsi vald'"
    ),
    "municipality_unknown:suggestions": N_(
        "is not an Estonian municipality; did you mean {suggestions}?"
    ),
    "goal_key_invalid": N_(
        "is not a goal key: a key is Latin letters and digits (also '.', '_' or '-' inside), "
        "at most 20, e.g. E1 or E2.1"
    ),
    "provider_unknown": N_("is not a known provider; known: {known}"),
    "provider_unknown:suggestions": N_(
        "is not a known provider; did you mean {suggestions}? Known: {known}"
    ),
}
"""Field error code → its English template (the gettext msgid). A code may have variants,
``code:variant``, for the same error said with other params (a suggestion found or not)."""


def field_error(code: str, variant: str | None = None, **params: Any) -> PydanticCustomError:
    """The pydantic error of ``code`` (in its ``variant``), its template filled by pydantic."""
    key = f"{code}:{variant}" if variant else code
    return PydanticCustomError(code, FIELD_ERRORS[key], params)


def field_template(code: str, message: str, params: Mapping[str, Any]) -> str:
    """The template of ``code`` (or of its variant) that, filled with ``params``, gave
    ``message``; empty when ``code`` is none of ours."""
    candidates = [t for k, t in FIELD_ERRORS.items() if k == code or k.startswith(code + ":")]
    for template in candidates:
        try:
            if template.format(**params) == message:
                return template
        except (KeyError, IndexError, ValueError):
            continue
    return candidates[0] if candidates else ""
