"""Seed 001, second criterion, across the case: a young mother in care with no leaving planned.

The agreement's professional support person may start while she is in care (the six months
count from a planned leaving); with a planned leaving the check applies as for anyone.
"""

from __future__ import annotations

from tests.case.helpers import case_data, codes

TODAY = "2026-11-22"


def test_tartu_broken_starts_the_professional_too_early() -> None:
    assert "professional_start_too_early" in codes(case_data("tartu-broken"), TODAY)


def test_for_a_young_mother_in_care_the_same_start_is_allowed() -> None:
    files = case_data("tartu-broken")
    referral = files["01-suunamine.json"]
    referral["reason"] = "pregnant-or-mother"
    del referral["leaving_care_date"]
    referral["children"] = [{"given_name": "Mia", "family_name": "Org", "birth_date": "2025-08-01"}]
    found = codes(files, TODAY)
    assert "form_invalid" not in found
    assert "professional_start_too_early" not in found


def test_with_a_planned_leaving_her_start_is_checked_as_anyones() -> None:
    files = case_data("tartu-broken")
    files["01-suunamine.json"]["reason"] = "pregnant-or-mother"
    assert "professional_start_too_early" in codes(files, TODAY)
