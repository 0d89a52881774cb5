"""Seed 001's second criterion: "Noor, kes on asendushooldusel olles jäänud lapseootele või
emaks saanud". She qualifies by motherhood, not by leaving: the leaving-care date may be left
out and her child(ren) recorded. The start rules then follow seed 001: "Usaldus-tugiisik saab
noorega koostööd alustada pärast noore asendushoolduselt või eestkostelt lahkumist.
Professionaalse tugiisiku teenust võib alustada kuni 6 kuud enne planeeritavat elluastumist".
"""

from __future__ import annotations

from typing import Any

import pytest

from asendusdoc.read.loading import load_form

from .helpers import codes, example

CHILD = {"given_name": "Mia", "family_name": "Org", "birth_date": "2026-02-11"}


def _young_mother(support_person: str = "professional", **changes: Any) -> dict[str, Any]:
    data = example("support-person-referral")
    data.update(reason="pregnant-or-mother", support_person_type=support_person)
    data.pop("leaving_care_date")
    if support_person == "professional":
        data.pop("trusted_support_person")
    data.update(changes)
    return data


def test_a_young_mother_in_care_needs_no_leaving_date() -> None:
    assert codes(_young_mother()) == []


def test_her_child_may_be_recorded() -> None:
    form = load_form(_young_mother(children=[CHILD]))
    assert [c.given_name for c in form.children] == ["Mia"]  # type: ignore[attr-defined]
    assert codes(_young_mother(children=[{"given_name": "Mia", "family_name": "Org"}])) == [
        "identity_missing"
    ]


def test_a_pregnant_young_woman_has_no_child_to_record_yet() -> None:
    assert codes(_young_mother(children=[])) == []


@pytest.mark.parametrize("reason", ["leaving-care", "left-earlier"])
def test_the_other_criteria_still_need_the_leaving_date(reason: str) -> None:
    data = example("support-person-referral")
    data["reason"] = reason
    del data["leaving_care_date"]
    assert "leaving_care_date_missing" in codes(data)


def test_without_a_leaving_date_a_trusted_support_person_cannot_start() -> None:
    # "pärast noore asendushoolduselt ... lahkumist": no leaving, no trusted support person
    assert codes(_young_mother("trusted")) == ["trusted_needs_leaving"]


def test_without_a_leaving_date_a_professional_may_start_any_day() -> None:
    # the six months count from a planned leaving; a young mother in care has none
    assert codes(_young_mother(service_start="2026-01-05")) == []


@pytest.mark.parametrize(
    ("start", "expected"),
    [("2025-12-29", ["professional_start_too_early"]), ("2025-12-30", [])],
    ids=["six-months-and-a-day-before", "six-months-before"],
)
def test_with_a_planned_leaving_the_six_months_apply_to_her_too(
    start: str, expected: list[str]
) -> None:
    data = _young_mother(leaving_care_date="2026-06-30", service_start=start)
    assert codes(data) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [("2026-06-29", ["trusted_start_before_leaving"]), ("2026-06-30", [])],
    ids=["the-day-before-leaving", "the-day-of-leaving"],
)
def test_with_a_leaving_date_the_trusted_rule_applies_to_her_too(
    start: str, expected: list[str]
) -> None:
    data = _young_mother("trusted", leaving_care_date="2026-06-30", service_start=start)
    assert codes(data) == expected
