"""Seed 004: the referrer may be "asendushooldusteenuse osutaja (kooskõlastatult
eestkosteasutusega)". The agreement records which guardianship authority (a municipality) agreed,
who and when (not after the referral); the old yes/no is still accepted and reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.forms.family_conference_referral import AuthorityAgreement
from asendusdoc.migrations import form_migrations
from asendusdoc.read.loading import load_form

from .helpers import codes, example

REFERRAL_DATE = "2026-10-05"


def _with_agreement(value: object) -> dict[str, object]:
    data = example("family-conference-referral")
    assert data["referrer"]["kind"] == "substitute-care-provider"
    assert data["document_date"] == REFERRAL_DATE
    data["guardianship_authority_agreement"] = value
    return data


def _record(**changes: str) -> dict[str, str]:
    return {
        "authority": "Keila linn",
        "person": "Kadri Lepik, lastekaitse vanemspetsialist",
        "date": "2026-10-01",
        **changes,
    }


def test_the_agreement_records_authority_person_and_date() -> None:
    form = load_form(_with_agreement(_record()))
    agreement = form.guardianship_authority_agreement  # type: ignore[attr-defined]
    assert isinstance(agreement, AuthorityAgreement)
    assert (agreement.authority, agreement.date.isoformat()) == ("Keila linn", "2026-10-01")
    assert form_migrations(_with_agreement(_record())) == []


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2026-10-05", []), ("2026-10-06", ["authority_agreement_after_referral"])],
    ids=["on-the-referral-day", "a-day-after"],
)
def test_the_agreement_is_dated_no_later_than_the_referral(date: str, expected: list[str]) -> None:
    assert codes(_with_agreement(_record(date=date))) == expected


def test_the_authority_is_a_municipality_of_the_reference_data() -> None:
    assert codes(_with_agreement(_record(authority="Keila vald"))) == ["municipality_unknown"]
    assert codes(_with_agreement(_record(authority="Harku vald"))) == []


@pytest.mark.parametrize("missing", ["authority", "person", "date"])
def test_each_part_of_the_record_is_required(missing: str) -> None:
    record = _record()
    del record[missing]
    assert codes(_with_agreement(record)) == ["missing"]


def test_a_substitute_care_provider_without_agreement_is_refused() -> None:
    data = _with_agreement(None)
    del data["guardianship_authority_agreement"]
    assert codes(data) == ["authority_agreement_missing"]
    assert codes(_with_agreement(False)) == ["authority_agreement_missing"]


def test_the_old_yes_is_accepted_and_reported_as_a_migration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _with_agreement(True)
    assert codes(data) == []
    form = load_form(data)
    assert form.guardianship_authority_agreement is None  # type: ignore[attr-defined]
    assert form.guardianship_authority_agreed is True  # type: ignore[attr-defined]
    assert form.model_dump()["guardianship_authority_agreed"] is True
    path = tmp_path / "plr.json"
    path.write_text(json.dumps(data), "utf-8")
    assert main(["validate", str(path), "--lang", "et"]) == 0
    out = capsys.readouterr().out
    assert "korras" in out
    assert "Kooskõlastatud eestkosteasutusega" in out and "eestkosteasutus" in out
    assert main(["validate", str(path), "--lang", "ru", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["migration"] is True
    assert entry["code"] == "authority_agreement_yes_no"
    assert entry["path"] == "guardianship_authority_agreement"
    assert "орган опеки" in entry["message"]


def test_the_old_no_of_a_child_protection_worker_is_left_out() -> None:
    data = _with_agreement(False)
    data["referrer"]["kind"] = "child-protection-worker"  # type: ignore[index]
    assert codes(data) == []
    assert load_form(data).guardianship_authority_agreement is None  # type: ignore[attr-defined]
    assert [m.code for m in form_migrations(data)] == ["authority_agreement_no_left_out"]
