"""The personal code (isikukood) type, checked against an oracle written here from DOMAIN.md."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from asendusdoc.forms._blocks import Child
from asendusdoc.forms._types import PersonalCode

from .helpers import codes, example

_CODE = TypeAdapter(PersonalCode)


def oracle_check_digit(first_ten: str) -> int:
    """Independent implementation of the check digit (weights 1..9,1 then 3..9,1,2,3)."""
    first = sum(int(first_ten[i]) * (i % 9 + 1) for i in range(10)) % 11
    if first != 10:
        return first
    second = sum(int(first_ten[i]) * ((i + 2) % 9 + 1) for i in range(10)) % 11
    return 0 if second == 10 else second


def oracle_code(born: dt.date, female: bool, sequence: int) -> str:
    century_index = (born.year - 1800) // 100  # 1800s → 0 ... 2100s → 3
    first = 1 + 2 * century_index + (1 if female else 0)
    ten = f"{first}{born:%y%m%d}{sequence:03d}"
    return ten + str(oracle_check_digit(ten))


def rejection(code: str) -> str | None:
    try:
        _CODE.validate_python(code)
    except ValidationError as exc:
        return str(exc.errors()[0]["type"])
    return None


birth_dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2199, 12, 31))
codes_with_dates = st.builds(oracle_code, birth_dates, st.booleans(), st.integers(0, 999))


@pytest.mark.parametrize(
    ("ten", "digit"),
    [
        pytest.param("3760503029", 9, id="published-sample-37605030299"),
        pytest.param("5000101000", 6, id="1-january-2000"),
    ],
)
def test_known_check_digits_are_accepted(ten: str, digit: int) -> None:
    assert oracle_check_digit(ten) == digit
    assert rejection(ten + str(digit)) is None


@given(codes_with_dates)
def test_valid_codes_are_accepted(code: str) -> None:
    assert _CODE.validate_python(code) == code


@given(codes_with_dates)
def test_surrounding_white_space_is_stripped(code: str) -> None:
    assert _CODE.validate_python(f"  {code}\n") == code


@given(codes_with_dates, st.integers(1, 9))
def test_a_wrong_check_digit_is_rejected(code: str, shift: int) -> None:
    wrong = code[:10] + str((int(code[10]) + shift) % 10)
    assert rejection(wrong) == "personal_code_check_digit"


def oracle_accepts(code: str) -> bool:
    if len(code) != 11 or not all(c in "0123456789" for c in code) or code[0] in "09":
        return False
    century = 1800 + 100 * ((int(code[0]) - 1) // 2)
    try:
        dt.date(century + int(code[1:3]), int(code[3:5]), int(code[5:7]))
    except ValueError:
        return False
    return oracle_check_digit(code[:10]) == int(code[10])


@given(codes_with_dates, st.integers(0, 10), st.integers(1, 9))
def test_a_mistyped_digit_is_judged_like_the_oracle(code: str, position: int, shift: int) -> None:
    digits = list(code)
    digits[position] = str((int(digits[position]) + shift) % 10)
    typo = "".join(digits)
    assert (rejection(typo) is None) == oracle_accepts(typo)


def test_both_weight_rounds_are_exercised() -> None:
    def first_sum(ten: str) -> int:
        return sum(int(ten[i]) * (i % 9 + 1) for i in range(10)) % 11

    tens = [f"{g}{y:02d}0101{s:03d}" for g in (3, 4, 5, 6) for y in range(0, 100, 7)
            for s in range(0, 1000, 37)]  # fmt: skip
    second_round = [t for t in tens if first_sum(t) == 10]
    zero_fallback = [t for t in second_round if oracle_check_digit(t) == 0]
    assert second_round and zero_fallback
    for ten in second_round:
        assert rejection(ten + str(oracle_check_digit(ten))) is None


@pytest.mark.parametrize(
    "yymmdd",
    [
        pytest.param("260230", id="30-february"),
        pytest.param("261301", id="month-13"),
        pytest.param("260001", id="month-00"),
        pytest.param("260100", id="day-00"),
        pytest.param("260431", id="31-april"),
        pytest.param("250229", id="29-february-2025"),
    ],
)
def test_impossible_birth_dates_are_rejected(yymmdd: str) -> None:
    ten = f"6{yymmdd}123"
    assert rejection(ten + str(oracle_check_digit(ten))) == "personal_code_date"


@pytest.mark.parametrize(
    ("first", "accepted"),
    [
        pytest.param("3", False, id="1900-not-leap"),
        pytest.param("5", True, id="2000-leap"),
        pytest.param("7", False, id="2100-not-leap"),
    ],
)
def test_29_february_of_century_years(first: str, accepted: bool) -> None:
    ten = f"{first}000229123"
    result = rejection(ten + str(oracle_check_digit(ten)))
    assert result is None if accepted else result == "personal_code_date"


@given(st.sampled_from("09"), st.from_regex(r"\A[0-9]{10}\Z"))
def test_first_digit_0_or_9_is_rejected(first: str, rest: str) -> None:
    assert rejection(first + rest) == "personal_code_format"


@pytest.mark.parametrize(
    "text",
    ["4790412021", "479041202155", "4790412021a", "4790-412-0215", "", "4 79041 20215"],
    ids=["10-digits", "12-digits", "letter", "dashes", "empty", "inner-spaces"],
)
def test_malformed_codes_are_rejected(text: str) -> None:
    assert rejection(text) == "personal_code_format"


def test_non_ascii_digits_are_rejected() -> None:
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    assert rejection("4" + "7904120215".translate(arabic_indic)) == "personal_code_format"


# --- a child's personal code and birth date ---------------------------------------------------


@given(birth_dates.filter(lambda d: 1900 <= d.year <= 2100), st.booleans(), st.integers(0, 999))
def test_child_birth_date_must_match_the_code(born: dt.date, female: bool, seq: int) -> None:
    code = oracle_code(born, female, seq)
    child = {"given_name": "Mia", "family_name": "Kask", "personal_code": code}
    assert Child.model_validate({**child, "birth_date": born.isoformat()}).born == born
    assert Child.model_validate(child).born == born
    other = born + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        Child.model_validate({**child, "birth_date": other.isoformat()})
    assert caught.value.errors()[0]["type"] == "birth_date_mismatch"


def test_child_needs_a_code_or_a_birth_date() -> None:
    data = example("family-support-referral")
    del data["family"]["children"][1]["personal_code"]
    assert codes(data) == ["identity_missing"]
    data["family"]["children"][1]["birth_date"] = "2018-11-02"
    assert codes(data) == []


def test_personal_codes_never_appear_in_problems() -> None:
    from asendusdoc.read.loading import validate_form

    data = example("family-support-referral")
    wrong = "47904120216"
    data["family"]["caregivers"][0]["personal_code"] = wrong
    data["family"]["children"][0]["birth_date"] = "2015-06-19"
    problems = validate_form(data)
    assert [p.code for p in problems] == ["personal_code_check_digit", "birth_date_mismatch"]
    for problem in problems:
        assert wrong not in repr(problem)
        assert "51506180429" not in repr(problem)
