"""The shortcuts for plain Estonian phone numbers and plain e-mail addresses give exactly what
phonenumbers and email-validator give (they exist only for speed: benchmarks/run.py)."""

from __future__ import annotations

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic.networks import validate_email

from asendusdoc.forms import _estonian_phones
from asendusdoc.forms._types import _PLAIN_EMAIL, _fast_estonian_phone, _fast_plain_email


def slow_phone(value: str) -> str | None:
    try:
        number = phonenumbers.parse(value, "EE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def slow_email(value: str) -> str | None:
    try:
        return validate_email(value)[1]
    except (ValidationError, ValueError, Exception):  # pydantic raises PydanticCustomError
        return None


def test_the_estonian_patterns_are_those_of_the_installed_phonenumbers() -> None:
    """The shortcut's data is phonenumbers' own: when phonenumbers changes Estonia's numbering,
    copy its patterns into ``forms/_estonian_phones.py`` again."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region("EE")
    kinds = (meta.fixed_line, meta.mobile, meta.toll_free, meta.premium_rate, meta.shared_cost,
             meta.personal_number, meta.voip, meta.pager, meta.uan, meta.voicemail)  # fmt: skip
    formats = meta.intl_number_format or meta.number_format
    installed = (
        meta.general_desc.national_number_pattern,
        tuple(
            kind.national_number_pattern for kind in kinds if kind and kind.national_number_pattern
        ),
        tuple(
            (
                f.leading_digits_pattern[-1] if f.leading_digits_pattern else None,
                f.pattern,
                f.format,
            )
            for f in formats
        ),
    )
    kept = (_estonian_phones.GENERAL, _estonian_phones.TYPES, _estonian_phones.FORMATS)
    assert kept == installed


spaced = st.sampled_from(["", " ", "-"])
estonian_numbers = st.builds(
    lambda prefix, digits, sep: prefix + sep.join([digits[:3], digits[3:]]),
    st.sampled_from(["", "+372", "+372 ", "00372", "00372 "]),
    st.text("0123456789", min_size=6, max_size=11),
    spaced,
)


@settings(max_examples=1000, deadline=None)
@given(estonian_numbers)
def test_the_phone_shortcut_agrees_with_phonenumbers(value: str) -> None:
    fast = _fast_estonian_phone(value)
    if fast is not None:
        assert fast == slow_phone(value)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from("5678"), st.text("0123456789", min_size=6, max_size=7))
def test_the_phone_shortcut_takes_common_estonian_numbers(first: str, rest: str) -> None:
    value = "+372 " + first + rest
    if slow_phone(value) is not None and first in "56":
        assert _fast_estonian_phone(value) == slow_phone(value)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_PLAIN_EMAIL, fullmatch=True))
def test_the_email_shortcut_agrees_with_email_validator(value: str) -> None:
    fast = _fast_plain_email(value)
    if fast is not None:
        assert fast == slow_email(value)


def test_the_shortcuts_decline_what_they_are_not_sure_of() -> None:
    assert _fast_estonian_phone("+358 40 123 4567") is None
    assert _fast_estonian_phone("(0) 5123 4567") is None
    assert _fast_plain_email("Mari <mari@example.com>") is None
    assert _fast_plain_email("mari@kool.test") is None
    assert _fast_plain_email("marí@example.com") is None  # í: not on the short list
    assert _fast_plain_email("märt.kask@example.com") == "märt.kask@example.com"
    assert _fast_plain_email("ма\u0308рт@example.com") is None  # not NFC
    assert _fast_plain_email("Mari.Tamm@Example.COM") == "Mari.Tamm@example.com"
