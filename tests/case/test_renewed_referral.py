"""A young person moves, and a renewed referral follows (issue 26, stumble 14).

The support-person case of ``tartu-ok``: the young person lives in Tartu (Lõuna region) and SA
Elva Laste- ja Perekeskus is the provider. In October she moves to Tallinn: the municipality
sends a renewed referral, and a new cooperation agreement with the Põhja region's provider
follows. The renewed referral governs the forms dated from it on.
"""

from __future__ import annotations

from typing import Any

from tests.case.helpers import case_data, check

TODAY = "2026-11-22"
NORTH_PROVIDER = "MTÜ Suunatuli"
SOUTH_PROVIDER = "SA Elva Laste- ja Perekeskus"


def moved_case(new_provider: str) -> dict[str, dict[str, Any]]:
    files = case_data("tartu-ok")
    renewed = dict(files["01-suunamine.json"])
    renewed |= {
        "document_date": "2026-10-20",
        "residence_municipality": "Tallinn",
        "provider_region": "pohja",
        "service_start": "2026-11-01",
    }
    agreement = dict(files["02-koostoolepe.json"])
    agreement |= {
        "document_date": "2026-10-28",
        "service_start": "2026-11-01",
        "provider": dict(agreement["provider"], name=new_provider),
    }
    files["04-suunamine-uuendatud.json"] = renewed
    files["05-koostoolepe-tallinn.json"] = agreement
    return files


def codes(files: dict[str, dict[str, Any]]) -> list[tuple[str, tuple[str, ...]]]:
    return [(finding.code, finding.forms) for finding in check(files, TODAY).findings]


def test_the_correct_new_agreement_after_a_move_gives_no_finding() -> None:
    found = codes(moved_case(NORTH_PROVIDER))
    assert not [code for code, _forms in found if code == "provider_region_mismatch"], found
    assert not [code for code, _forms in found if code == "dates_out_of_order"], found


def test_a_new_agreement_with_the_old_region_s_provider_is_flagged() -> None:
    found = codes(moved_case(SOUTH_PROVIDER))
    assert [code for code, _forms in found if code == "provider_region_mismatch"] == [
        "provider_region_mismatch"
    ]


def test_the_older_forms_stay_governed_by_the_first_referral() -> None:
    files = moved_case(NORTH_PROVIDER)
    files["02-koostoolepe.json"]["provider"]["name"] = NORTH_PROVIDER  # wrong before the move
    found = codes(files)
    assert [code for code, _forms in found if code == "provider_region_mismatch"] == [
        "provider_region_mismatch"
    ]


def test_a_form_dated_before_its_own_referral_is_still_out_of_order() -> None:
    files = moved_case(NORTH_PROVIDER)
    files["05-koostoolepe-tallinn.json"]["document_date"] = "2026-10-25"
    files["06-ulevaade.json"] = dict(files["03-ulevaade-2026-07.json"], document_date="2026-10-22")
    files["06-ulevaade.json"] |= {"period_start": "2026-10-06", "period_end": "2026-10-21"}
    found = codes(files)
    assert "dates_out_of_order" in [code for code, _forms in found]
