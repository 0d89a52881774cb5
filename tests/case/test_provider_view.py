"""The provider's referral holds only the documented fields, validates and renders."""

from __future__ import annotations

from typing import Any

import pytest

from asendusdoc.case.redact import PROVIDER_FIELDS, redact_for_provider
from asendusdoc.forms import FamilySupportReferral
from asendusdoc.forms.family_support_referral import JUSTIFICATION_WITHHELD
from asendusdoc.read.loading import load_form, validate_form
from tests.case.helpers import case_data


def _paths(value: Any, path: str = "") -> set[str]:
    if isinstance(value, dict):
        return {
            p for key, item in value.items() for p in _paths(item, f"{path}.{key}" if path else key)
        }
    if isinstance(value, list):
        return {p for item in value for p in _paths(item, f"{path}[]")}
    return {path}


@pytest.fixture(params=["narva-ok", "keila-adaptation-broken"])
def referral(request: pytest.FixtureRequest) -> FamilySupportReferral:
    form = load_form(case_data(request.param)["01-suunamine.json"])
    assert isinstance(form, FamilySupportReferral)
    return form


def test_only_documented_fields_remain(referral: FamilySupportReferral) -> None:
    dumped = redact_for_provider(referral).model_dump(mode="json")
    present = {p for p in _paths(dumped) if _value_at(dumped, p) is not None}
    assert present <= PROVIDER_FIELDS
    assert "family.children[].birth_date" in present


def _value_at(data: Any, path: str) -> Any:
    # any item of a list path being non-None is enough
    parts = path.replace("[]", ".[]").split(".")
    nodes = [data]
    for part in parts:
        if part == "[]":
            nodes = [item for node in nodes for item in node]
        else:
            nodes = [node.get(part) for node in nodes if isinstance(node, dict)]
    return next((n for n in nodes if n is not None), None)


def test_no_personal_codes_and_children_keep_their_birth_dates(
    referral: FamilySupportReferral,
) -> None:
    reduced = redact_for_provider(referral)
    people = [*reduced.family.caregivers, *reduced.family.children]
    assert all(p.personal_code is None for p in people)
    assert [c.birth_date for c in reduced.family.children] == [
        c.born for c in referral.family.children
    ]
    assert reduced.justification == JUSTIFICATION_WITHHELD


def test_validates_and_renders(referral: FamilySupportReferral) -> None:
    from asendusdoc.render import render_pdf

    reduced = redact_for_provider(referral)
    assert validate_form(reduced.model_dump(mode="json")) == []
    assert render_pdf(reduced, "et").startswith(b"%PDF")
