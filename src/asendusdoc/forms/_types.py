"""Field types that catch real mistakes: personal codes, texts, phone numbers.

Every type here validates and also says in the JSON Schema what it accepts (a ``pattern`` or
``format``), since an ``AfterValidator`` alone adds nothing to the schema.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints, WithJsonSchema

from asendusdoc.forms._estonian_phones import FORMATS, GENERAL, TYPES
from asendusdoc.i18n.field_errors import field_error

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "Date",
    "Email",
    "LongText",
    "OptionalLongText",
    "OptionalText",
    "PersonalCode",
    "Phone",
    "ShortText",
    "birth_date_of",
    "personal_code_check_digit",
]

# XML 1.0 cannot hold these; tab (\t) and newline (\n) are kept, \r is folded into \n.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_NO_CONTROL_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\ufffe\\uffff]*$"

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 30_000


def _clean_text(value: Any) -> Any:
    """Strip surrounding white space, unify line ends, reject what XML 1.0 cannot hold."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = None if text.isprintable() else _FORBIDDEN.search(text)  # isprintable: the fast case
    if bad:
        raise field_error("text_control_character", codepoint=f"{ord(bad.group()):04X}")
    if not text:
        raise field_error("blank")
    return text


def _clean_optional_text(value: Any) -> Any:
    """As :func:`_clean_text`, but a blank string counts as a missing value."""
    if isinstance(value, str) and not value.strip():
        return None
    return _clean_text(value)


@dataclass(frozen=True)
class _SchemaPattern:
    """A ``pattern`` for the JSON Schema only. :func:`_clean_text` already refuses the same
    characters (with its own message), so a second check by pydantic would only cost time."""

    pattern: str

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = self.pattern
        return json_schema


_Short = Annotated[
    str,
    StringConstraints(min_length=1, max_length=SHORT_TEXT_MAX),
    _SchemaPattern(_NO_CONTROL_PATTERN),
]
_Long = Annotated[
    str,
    StringConstraints(min_length=1, max_length=LONG_TEXT_MAX),
    _SchemaPattern(_NO_CONTROL_PATTERN),
]

ShortText = Annotated[_Short, BeforeValidator(_clean_text)]

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
"""The dates a form can mean: no one whose care is documented was born before 1900, and no
service is planned past 2100. A year such as 9990 is a typing error (and would break the
arithmetic of deadlines), so it is refused by validation, not rendered."""


def _date_in_range(day: dt.date) -> dt.date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise field_error("date_out_of_range", earliest=EARLIEST_DATE.year, latest=LATEST_DATE.year)
    return day


Date = Annotated[dt.date, AfterValidator(_date_in_range)]
"""A date of a form: a real calendar day from 1900 to 2100."""
"""A name, a title, a short phrase: one line is expected, up to 300 characters."""

LongText = Annotated[_Long, BeforeValidator(_clean_text)]
"""Free text of a caseworker: paragraphs with line breaks, up to 30,000 characters."""

OptionalText = Annotated[_Short | None, BeforeValidator(_clean_optional_text)]
"""An optional short text; blank counts as missing (None)."""

OptionalLongText = Annotated[_Long | None, BeforeValidator(_clean_optional_text)]
"""An optional free text; blank counts as missing (None)."""

# --- Isikukood -------------------------------------------------------------------------------

_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 1)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000, 7: 2100, 8: 2100}


def personal_code_check_digit(first_ten: str) -> int:
    """The check digit (kontrollnumber) of an Estonian personal code's first ten digits."""
    digits = list(map(int, first_ten))
    if len(digits) != len(_WEIGHTS_1):
        raise ValueError("a personal code's check digit is computed from ten digits")
    remainder: int = sum(map(operator.mul, digits, _WEIGHTS_1)) % 11
    if remainder == 10:
        remainder = sum(map(operator.mul, digits, _WEIGHTS_2)) % 11
        if remainder == 10:
            remainder = 0
    return remainder


def birth_date_of(code: str) -> dt.date:
    """The birth date a (well-formed) personal code encodes; ``ValueError`` if it is no date."""
    century = _CENTURY[int(code[0])]
    return dt.date(century + int(code[1:3]), int(code[3:5]), int(code[5:7]))


_PERSONAL_CODE_SHAPE = re.compile(r"[1-8][0-9]{10}")


def _check_personal_code(code: str) -> str:
    if _PERSONAL_CODE_SHAPE.fullmatch(code) is None:
        raise field_error("personal_code_format")
    try:
        birth_date_of(code)
    except ValueError:
        raise field_error("personal_code_date") from None
    if personal_code_check_digit(code[:10]) != int(code[10]):
        raise field_error("personal_code_check_digit")
    return code


PersonalCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_personal_code),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[1-8][0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{4}$",
            "description": "Estonian personal identification code (isikukood) with a valid "
            "birth date and check digit",
        }
    ),
]
"""Isikukood: 11 digits ``G YYMMDD SSS C`` with a real date and a correct check digit."""

# --- Contacts --------------------------------------------------------------------------------


_ESTONIAN_SHAPE = re.compile(r"(\+372|00372)?([1-9][0-9]{6,9})")


@cache
def _estonian_metadata() -> tuple[
    re.Pattern[str],
    re.Pattern[str],
    list[tuple[re.Pattern[str] | None, re.Pattern[str], str]],
]:
    """phonenumbers' Estonian patterns (kept as data: :mod:`._estonian_phones`), compiled once:
    validity (the general pattern, and the number types' patterns as one alternation) and
    formats."""
    types = re.compile("|".join(f"(?:{pattern})" for pattern in TYPES))
    formats = [
        (
            re.compile(leading) if leading is not None else None,
            re.compile(pattern),
            re.sub(r"\\(\d)", lambda m: "{" + str(int(m.group(1)) - 1) + "}", template),
        )
        for leading, pattern, template in FORMATS
    ]
    return re.compile(GENERAL), types, formats


def _fast_estonian_phone(value: str) -> str | None:
    """The international form of a plainly written valid Estonian number; None otherwise.

    Only a shortcut for :func:`_international_phone` (tested against it): anything it is not
    sure of — other countries, unusual punctuation, an invalid number — returns None and goes
    through phonenumbers.
    """
    shape = _ESTONIAN_SHAPE.fullmatch(value.replace(" ", "").replace("-", ""))
    if shape is None:
        return None
    prefix, national = shape.groups()
    if prefix is None and national.startswith("372"):
        return None  # phonenumbers may read a country code into it
    general, types, formats = _estonian_metadata()
    if not general.fullmatch(national) or not types.fullmatch(national):
        return None
    for leading, pattern, template in formats:
        if leading is not None and not leading.match(national):
            continue
        groups = pattern.fullmatch(national)
        if groups is not None:
            return "+372 " + template.format(*groups.groups())
    return None


@lru_cache(maxsize=4096)
def _international_phone(value: str) -> str | None:
    """The number in international format, or None when it is no phone number.

    Plain Estonian numbers take a shortcut through phonenumbers' compiled Estonian patterns;
    everything else is parsed by phonenumbers. Cached: the same workers' and families' numbers
    recur across the forms of a batch.
    """
    fast = _fast_estonian_phone(value)
    if fast is not None:
        return fast
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "EE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def _check_phone(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    formatted = _international_phone(value)
    if formatted is None:
        raise field_error("phone_invalid")
    return formatted


Phone = Annotated[
    str,
    BeforeValidator(_check_phone),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\+?[0-9 ()-]{5,20}$",
            "description": "Phone number; Estonian (+372) unless it starts with another "
            "country code. Stored in international format.",
        }
    ),
]
"""A real phone number, Estonian by default, stored as ``+372 5123 4567``."""


_PLAIN_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~õäöüšžÕÄÖÜŠŽа-яёА-ЯЁ-]+"
    r"(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~õäöüšžÕÄÖÜŠŽа-яёА-ЯЁ-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
)
_SPECIAL_USE_DOMAINS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def _fast_plain_email(value: str) -> str | None:
    """The normalised form of a plain address; None when email-validator must decide.

    A shortcut for :func:`_normalized_email` (tested against it): a dot-atom local part of
    ASCII, Estonian or Cyrillic letters (NFC),
    letters-digits-hyphens domain, an alphabetic top-level domain, not a special-use name.
    """
    match = _PLAIN_EMAIL.fullmatch(value)
    if match is None or "--" in value:
        return None
    if len(value.encode()) > 254 or len(match["local"].encode()) > 64:
        return None
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        return None
    domain = match["domain"].lower()
    if domain.rpartition(".")[2] in _SPECIAL_USE_DOMAINS:  # all are single labels
        return None
    return f"{match['local']}@{domain}"


@lru_cache(maxsize=4096)
def _normalized_email(value: str) -> str:
    """pydantic's own e-mail check (email-validator, no DNS), with a shortcut for plain
    addresses; cached like phone numbers."""
    fast = _fast_plain_email(value)
    if fast is not None:
        return fast
    from pydantic.networks import validate_email  # imports importlib.metadata: only if needed

    return validate_email(value)[1]


def _check_email(value: Any) -> Any:
    return _normalized_email(value) if isinstance(value, str) else value


Email = Annotated[
    str,
    BeforeValidator(_check_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]
"""An e-mail address, checked as pydantic's ``EmailStr`` does (and normalised the same way)."""
