"""Seed 001: "Noorele korraldab tugiisikuteenust selle piirkonna teenusepakkuja, kus noor elab.

Nt kui noor on pärit Ida-Virumaalt, kuid pärast asendushooldusteenuselt lahkumist asub elama
Tallinnasse, siis korraldab talle teenust Põhja piirkonna teenusepakkuja." The agreement, the
reports and the diary must name the provider of the region of the referral's home after care.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.case.helpers import case_data, check

TODAY = "2026-10-20"
NORTH, EAST, SOUTH = "MTÜ Suunatuli", "MTÜ Virumaa Tugiteenused", "SA Elva Laste- ja Perekeskus"


def _moved_to(municipality: str, region: str, provider: str) -> dict[str, Any]:
    """The shipped tartu-ok case, the young person living in ``municipality`` after care."""
    files = case_data("tartu-ok")
    files["01-suunamine.json"]["residence_municipality"] = municipality
    files["01-suunamine.json"]["provider_region"] = region
    files["02-koostoolepe.json"]["provider"]["name"] = provider
    files["03-ulevaade-2026-07.json"]["provider"] = provider
    return files


def _mismatches(files: dict[str, Any]) -> list[tuple[str, ...]]:
    report = check(files, TODAY)
    assert "form_invalid" not in {f.code for f in report.findings}
    return [f.forms for f in report.findings if f.code == "provider_region_mismatch"]


def test_from_ida_virumaa_to_tallinn_the_north_provider_serves() -> None:
    assert _mismatches(_moved_to("Tallinn", "pohja", NORTH)) == []


def test_from_ida_virumaa_to_tallinn_the_east_provider_is_an_error() -> None:
    files = _moved_to("Tallinn", "pohja", NORTH)
    files["02-koostoolepe.json"]["provider"]["name"] = EAST
    report = check(files, TODAY)
    found = [f for f in report.findings if f.code == "provider_region_mismatch"]
    assert [f.forms for f in found] == [("02-koostoolepe.json", "01-suunamine.json")]
    assert found[0].severity.value == "error"
    assert report.has_errors
    et, ru, en = (found[0].message(lang) for lang in ("et", "ru", "en"))
    assert "Tallinn" in et and "„Põhja piirkond“" in et and "märkige" in et
    assert "«Северный регион»" in ru and "замещающего ухода" in ru
    assert "North region" in en and EAST in en


def test_every_form_naming_another_regions_provider_is_named() -> None:
    files = _moved_to("Tallinn", "pohja", SOUTH)  # the case's own Tartu provider
    assert _mismatches(files) == [
        ("02-koostoolepe.json", "01-suunamine.json"),
        ("03-ulevaade-2026-07.json", "01-suunamine.json"),
    ]


def test_the_diary_names_its_provider_too() -> None:
    files = _moved_to("Tallinn", "pohja", NORTH)
    diary = copy.deepcopy(case_data("viimsi-ok")["02-kliendipaevik.json"])
    diary.update(
        case_reference=files["01-suunamine.json"]["case_reference"],
        service="support-person",
        municipality="Tartu linn",
        provider=EAST,
        period_start="2026-07-01",
        period_end="2026-07-31",
        document_date="2026-08-01",
    )
    for entry in diary["entries"]:
        entry["date"] = "2026-07-15"
    files["05-paevik.json"] = diary
    assert _mismatches(files) == [("05-paevik.json", "01-suunamine.json")]
    diary["provider"] = NORTH
    assert _mismatches(files) == []


@pytest.mark.parametrize(
    ("municipality", "region", "right", "wrong"),
    [
        ("Paide linn", "pohja", NORTH, EAST),  # Järva county is North
        ("Rakvere linn", "ida", EAST, NORTH),  # Lääne-Viru county, across the border, is East
        ("Tartu linn", "louna", SOUTH, NORTH),
    ],
)
def test_both_sides_of_a_region_border(
    municipality: str, region: str, right: str, wrong: str
) -> None:
    assert _mismatches(_moved_to(municipality, region, right)) == []
    assert len(_mismatches(_moved_to(municipality, region, wrong))) == 2


def test_a_family_support_case_is_not_checked_for_regions() -> None:
    files = case_data("narva-ok")
    assert "provider_region_mismatch" not in {f.code for f in check(files, TODAY).findings}
