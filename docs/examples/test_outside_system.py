"""How another system tests its use of asendusdoc with the testing kit.

Install ``asendusdoc[testing]``; the pytest plugin (and its ``asendusdoc_example`` fixture)
loads by itself. Our own test suite runs this file as it is (tests/testing/test_docs_example.py).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from asendusdoc.testing import assert_valid_form
from asendusdoc.testing.strategies import forms

FORM_IDS = [
    "family-support-referral",
    "support-person-referral",
    "family-conference-referral",
    "cooperation-agreement",
    "support-plan",
    "action-plan",
    "client-diary",
    "progress-report",
    "closure",
]


def export_to_asendusdoc(case_record: dict) -> str:
    """The outside system's code under test: it stores a form and sends it on as JSON."""
    return json.dumps(case_record, ensure_ascii=False)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_our_export_keeps_every_form_valid(form_id):
    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(forms(form_id))
    def check(record):
        assert_valid_form(export_to_asendusdoc(record))

    check()


def test_the_bundled_example_closure_is_valid(asendusdoc_example):
    closure = asendusdoc_example("closure")
    assert_valid_form(closure)


def test_a_referral_without_justification_is_refused_naming_the_field(asendusdoc_example):
    referral = asendusdoc_example("family-support-referral")
    del referral["justification"]
    with pytest.raises(AssertionError, match=r"Justification of the need in the case plan"):
        assert_valid_form(referral)


def test_the_fixture_gives_a_fresh_copy(asendusdoc_example):
    asendusdoc_example("closure")["recommendations"] = "changed"
    assert asendusdoc_example("closure")["recommendations"] != "changed"
