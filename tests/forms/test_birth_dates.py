"""Nobody in a form is born after the form's document date (a child born in 2027 on a 2026 form),
whether the birth date is given or read from the personal code."""

from __future__ import annotations

import pytest

from asendusdoc.forms._types import personal_code_check_digit
from asendusdoc.read.loading import validate_form
from tests.forms.helpers import example


def _code(first_ten: str) -> str:
    return first_ten + str(personal_code_check_digit(first_ten))


def _problems(data: dict[str, object]) -> list[tuple[tuple[str | int, ...], str]]:
    return [(p.path, p.code) for p in validate_form(data)]


def test_a_child_born_after_the_document_date_by_the_code() -> None:
    data = example("family-support-referral")  # dated 2026-02-10
    data["family"]["children"][1]["personal_code"] = _code("6270105000")  # 2027-01-05
    assert _problems(data) == [
        (("family", "children", 1, "personal_code"), "born_after_document_date")
    ]


def test_a_child_born_after_the_document_date_by_the_birth_date() -> None:
    data = example("family-conference-referral")
    child = data["children"][0]
    child.pop("personal_code")
    child["birth_date"] = "2099-01-01"
    assert _problems(data) == [(("children", 0, "birth_date"), "born_after_document_date")]


def test_a_caregiver_born_after_the_document_date() -> None:
    data = example("family-support-referral")
    data["family"]["caregivers"][0]["personal_code"] = _code("5270105000")
    assert _problems(data) == [
        (("family", "caregivers", 0, "personal_code"), "born_after_document_date")
    ]


@pytest.mark.parametrize("born", ["2026-02-10", "2026-02-09"], ids=["on-the-day", "the-day-before"])
def test_a_child_born_on_or_before_the_document_date_is_fine(born: str) -> None:
    data = example("family-support-referral")
    child = data["family"]["children"][1]
    child.pop("personal_code")
    child["birth_date"] = born
    assert _problems(data) == []
