"""Seed 001: "SKA projektijuht edastab info vastava piirkonna teenusepakkujale, kes võtab KOViga
ühendust ning alustatakse koostööd." The provider's support-person referral holds what the
regional provider needs to contact the municipality and start, and nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.case.redact import SUPPORT_PERSON_PROVIDER_FIELDS, redact_for_provider
from asendusdoc.cli import main
from asendusdoc.forms import SupportPersonReferral
from asendusdoc.forms.support_person_referral import NEEDS_ASSESSMENT_WITHHELD
from asendusdoc.read.loading import load_form, validate_form
from tests.case.helpers import case_data
from tests.case.test_provider_view import _paths, _value_at

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "support-person-referral.json"


@pytest.fixture(params=["example", "tartu-ok", "tartu-broken"])
def referral(request: pytest.FixtureRequest) -> SupportPersonReferral:
    if request.param == "example":
        form = load_form(EXAMPLE)
    else:
        form = load_form(case_data(request.param)["01-suunamine.json"])
    assert isinstance(form, SupportPersonReferral)
    return form


def test_only_documented_fields_remain(referral: SupportPersonReferral) -> None:
    dumped = redact_for_provider(referral).model_dump(mode="json")
    present = {p for p in _paths(dumped) if _value_at(dumped, p) is not None}
    assert present <= SUPPORT_PERSON_PROVIDER_FIELDS
    for needed in ("municipality.worker.phone", "young_person.phone", "residence_municipality",
                   "support_person_type", "service_start", "goals[].description"):  # fmt: skip
        assert needed in present


def test_no_personal_code_and_the_birth_dates_kept(referral: SupportPersonReferral) -> None:
    reduced = redact_for_provider(referral)
    people = [reduced.young_person, *reduced.children]
    assert all(p.personal_code is None for p in people)
    assert reduced.young_person.birth_date == referral.young_person.born
    assert [c.born for c in reduced.children] == [c.born for c in referral.children]


def test_the_assessment_stays_with_the_municipality_and_the_notes_are_dropped(
    referral: SupportPersonReferral,
) -> None:
    reduced = redact_for_provider(referral)
    assert reduced.needs_assessment == NEEDS_ASSESSMENT_WITHHELD
    assert reduced.notes is None


def test_the_young_mothers_child_is_forwarded_without_a_code() -> None:
    form = load_form(EXAMPLE)
    assert isinstance(form, SupportPersonReferral) and form.children
    reduced = redact_for_provider(form)
    assert [(c.given_name, c.birth_date) for c in reduced.children] == [
        (c.given_name, c.born) for c in form.children
    ]


def test_validates_and_renders(referral: SupportPersonReferral) -> None:
    from asendusdoc.render import render_pdf

    reduced = redact_for_provider(referral)
    assert validate_form(reduced.model_dump(mode="json")) == []
    assert render_pdf(reduced, "ru").startswith(b"%PDF")


def test_the_command_writes_it_and_still_refuses_other_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "teenuseosutajale.json"
    assert main(["redact", str(EXAMPLE), "--for", "provider", "-o", str(out)]) == 0
    written = out.read_text("utf-8")
    source = json.loads(EXAMPLE.read_text("utf-8"))
    assert source["young_person"]["personal_code"] not in written
    assert "needs_assessment" in json.loads(written)
    closure = Path(__file__).resolve().parents[2] / "examples" / "closure.json"
    code = main(["redact", str(closure), "--for", "provider", "-o", str(tmp_path / "x.json")])
    assert code == 2
    assert not (tmp_path / "x.json").exists()
    capsys.readouterr()
