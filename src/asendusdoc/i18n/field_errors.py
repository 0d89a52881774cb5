"""The errors of our own field types, by code: one English template (the msgid) per code.

pydantic hands on a ``PydanticCustomError`` as its code, its filled English text and its
params; the message for a person is found again by the code here, translated, then filled,
as a rule's message is. Raise them with :func:`field_error`, never with a template of one's
own: a code missing here fails at once (``KeyError``), not later as an English message.
"""

from __future__ import annotations

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
    "phone_invalid": N_("is not a phone number"),
    "identity_missing": N_("give the personal code, or the birth date if there is none"),
    "birth_date_mismatch": N_("the birth date differs from the one in the personal code"),
    "municipality_unknown": N_(
        "'{name}' is not an Estonian municipality; use the official name, e.g. 'Viimsi vald'"
    ),
    "provider_unknown": N_("'{name}' is not a known provider; known: {known}"),
}
"""Field error code → its English template (the gettext msgid)."""


def field_error(code: str, **params: Any) -> PydanticCustomError:
    """The pydantic error of ``code``, its template filled with ``params`` by pydantic."""
    return PydanticCustomError(code, FIELD_ERRORS[code], params)
