"""Field types: texts, unknown fields, phone numbers, municipalities and the provider regions."""

from __future__ import annotations

from typing import Any

import pytest

from asendusdoc.forms import FamilySupportReferral
from asendusdoc.read.loading import load_form, validate_form
from asendusdoc.reference import MUNICIPALITIES

from .helpers import codes, example, with_changes


def _referral(**family_changes: Any) -> FamilySupportReferral:
    data = example("family-support-referral")
    data["family"].update(family_changes)
    form = load_form(data)
    assert isinstance(form, FamilySupportReferral)
    return form


# --- texts ------------------------------------------------------------------------------------


def test_surrounding_white_space_is_stripped() -> None:
    data = example("family-support-referral")
    data["justification"] = "  \n Обоснование в плане.\t \r\n"
    data["municipality"]["worker"]["name"] = "\tJelena Smirnova  "
    form = load_form(data)
    assert isinstance(form, FamilySupportReferral)
    assert form.justification == "Обоснование в плане."
    assert form.municipality.worker.name == "Jelena Smirnova"


def test_tabs_and_line_breaks_inside_a_text_are_kept() -> None:
    data = with_changes("family-support-referral", justification="Esimene\trida\r\nTeine\rKolmas")
    form = load_form(data)
    assert isinstance(form, FamilySupportReferral)
    assert form.justification == "Esimene\trida\nTeine\nKolmas"


@pytest.mark.parametrize("blank", ["", " ", "\n\t ", "\r\n"], ids=repr)
def test_a_blank_required_text_is_missing(blank: str) -> None:
    assert codes(with_changes("family-support-referral", justification=blank)) == ["blank"]


@pytest.mark.parametrize("blank", ["", "   ", "\n"], ids=repr)
def test_a_blank_optional_text_is_none(blank: str) -> None:
    assert _referral(address=blank).family.address is None


def test_an_explicit_null_optional_text_is_none() -> None:
    assert _referral(address=None).family.address is None


def test_an_absent_optional_text_is_none() -> None:
    data = example("family-support-referral")
    del data["family"]["address"]
    form = load_form(data)
    assert isinstance(form, FamilySupportReferral)
    assert form.family.address is None


@pytest.mark.parametrize(
    "character",
    ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\ufffe", "\uffff"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_control_characters_are_rejected(character: str) -> None:
    data = example("family-support-referral")
    data["justification"] = f"Tekst{character}jätkub"
    data["problem_areas"][0]["description"] = f"Kirjeldus{character} jätkub"
    data["family"]["address"] = f"Aadress{character} 1"
    problems = validate_form(data)
    assert [p.code for p in problems] == ["text_control_character"] * 3
    assert problems[0].params == {"codepoint": f"{ord(character):04X}"}


def test_a_text_within_the_limit_is_accepted() -> None:
    data = example("family-support-referral")
    data["municipality"]["worker"]["name"] = "x" * 300
    assert codes(data) == []


def test_an_over_long_text_is_rejected_as_a_string() -> None:
    data = example("family-support-referral")
    data["municipality"]["worker"]["name"] = "x" * 301
    assert codes(data) == ["string_too_long"]


def test_an_over_long_text_is_rejected() -> None:
    data = example("family-support-referral")
    data["municipality"]["worker"]["name"] = "x" * 301
    assert len(codes(data)) == 1


@pytest.mark.parametrize(
    "where",
    [(), ("family",), ("family", "caregivers", 0), ("municipality", "worker"), ("goals", 1)],
    ids=lambda w: ".".join(map(str, w)) or "(form)",
)
def test_unknown_fields_are_rejected(where: tuple[Any, ...]) -> None:
    data = example("family-support-referral")
    target = data
    for part in where:
        target = target[part]
    target["nickname"] = "Sveta"
    [problem] = validate_form(data)
    assert problem.code == "extra_forbidden"
    assert problem.path == (*where, "(unknown field 1)")  # by position, never as typed


# --- phone numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("5345 6789", "+372 5345 6789"),
        ("+37253456789", "+372 5345 6789"),
        ("00372 5345 6789", "+372 5345 6789"),
        ("5123456", "+372 512 3456"),
        ("359 9155", "+372 359 9155"),
        ("+358 40 1234567", "+358 40 1234567"),
        (" +372 602 8840 ", "+372 602 8840"),
    ],
)
def test_phone_numbers_are_stored_in_international_format(typed: str, stored: str) -> None:
    phone = _referral().family.caregivers[0].phone
    assert phone == "+372 5345 6789"
    data = example("family-support-referral")
    data["family"]["caregivers"][0]["phone"] = typed
    form = load_form(data)
    assert isinstance(form, FamilySupportReferral)
    assert form.family.caregivers[0].phone == stored


@pytest.mark.parametrize("typed", ["123", "abc", "+372 556 7890", "5345 67891234", "+", "112"])
def test_impossible_phone_numbers_are_rejected(typed: str) -> None:
    data = example("family-support-referral")
    data["family"]["caregivers"][0]["phone"] = typed
    assert codes(data) == ["phone_invalid"]


# --- municipalities and regions ---------------------------------------------------------------

_DOMAIN_MUNICIPALITIES = """
harju: Anija vald, Harku vald, Jõelähtme vald, Keila linn, Kiili vald, Kose vald, Kuusalu vald,
 Loksa linn, Lääne-Harju vald, Maardu linn, Raasiku vald, Rae vald, Saku vald, Saue vald,
 Tallinn, Viimsi vald
hiiu: Hiiumaa vald
ida-viru: Alutaguse vald, Jõhvi vald, Kohtla-Järve linn, Lüganuse vald, Narva linn,
 Narva-Jõesuu linn, Sillamäe linn, Toila vald
jogeva: Jõgeva vald, Mustvee vald, Põltsamaa vald
jarva: Järva vald, Paide linn, Türi vald
laane: Haapsalu linn, Lääne-Nigula vald, Vormsi vald
laane-viru: Haljala vald, Kadrina vald, Rakvere linn, Rakvere vald, Tapa vald, Vinni vald,
 Viru-Nigula vald, Väike-Maarja vald
polva: Kanepi vald, Põlva vald, Räpina vald
parnu: Häädemeeste vald, Kihnu vald, Lääneranna vald, Pärnu linn, Põhja-Pärnumaa vald,
 Saarde vald, Tori vald
rapla: Kehtna vald, Kohila vald, Märjamaa vald, Rapla vald
saare: Muhu vald, Ruhnu vald, Saaremaa vald
tartu: Elva vald, Kambja vald, Kastre vald, Luunja vald, Nõo vald, Peipsiääre vald,
 Tartu linn, Tartu vald
valga: Otepää vald, Tõrva vald, Valga vald
viljandi: Mulgi vald, Põhja-Sakala vald, Viljandi linn, Viljandi vald
voru: Antsla vald, Rõuge vald, Setomaa vald, Võru linn, Võru vald
"""
"""The 79 municipalities by county, copied from DOMAIN.md (an oracle independent of the code)."""

_REGION_OF_COUNTY = {
    "harju": "pohja", "rapla": "pohja", "jarva": "pohja",
    "tartu": "louna", "jogeva": "louna", "viljandi": "louna", "polva": "louna",
    "voru": "louna", "valga": "louna",
    "parnu": "laane", "saare": "laane", "laane": "laane", "hiiu": "laane",
    "ida-viru": "ida", "laane-viru": "ida",
}  # fmt: skip


def _by_county() -> dict[str, list[str]]:
    counties: dict[str, list[str]] = {}
    county = ""
    for line in _DOMAIN_MUNICIPALITIES.strip().splitlines():
        if not line.startswith(" "):
            county, line = line.split(":", 1)
        counties.setdefault(county, []).extend(n.strip() for n in line.split(",") if n.strip())
    return counties


BY_COUNTY = _by_county()
ALL_MUNICIPALITIES = sorted(name for names in BY_COUNTY.values() for name in names)


def test_the_reference_data_holds_exactly_the_79_municipalities() -> None:
    assert len(ALL_MUNICIPALITIES) == 79
    assert sorted(MUNICIPALITIES) == ALL_MUNICIPALITIES


@pytest.mark.parametrize("name", ALL_MUNICIPALITIES)
def test_every_municipality_is_accepted(name: str) -> None:
    data = example("support-plan")
    data["family"]["municipality"] = name
    assert codes(data) == []


@pytest.mark.parametrize(
    "name",
    ["Viimsi", "viimsi vald", "Tallinna linn", "Narva vald", "Tartu", "Kohtla-Järve", "", "Pärnu"],
    ids=repr,
)
def test_other_names_are_not_municipalities(name: str) -> None:
    data = example("support-plan")
    data["family"]["municipality"] = name
    assert codes(data) == ["municipality_unknown"]


def _young_person_in(municipality: str, region: str) -> dict[str, Any]:
    return with_changes(
        "support-person-referral", residence_municipality=municipality, provider_region=region
    )


@pytest.mark.parametrize(
    ("county", "municipality"),
    [(county, names[0]) for county, names in BY_COUNTY.items()],
    ids=[f"{county}:{names[0]}" for county, names in BY_COUNTY.items()],
)
def test_provider_region_follows_the_county(county: str, municipality: str) -> None:
    expected = _REGION_OF_COUNTY[county]
    assert codes(_young_person_in(municipality, expected)) == []
    for other in sorted(set(_REGION_OF_COUNTY.values()) - {expected}):
        problems = validate_form(_young_person_in(municipality, other))
        assert [(p.code, p.path) for p in problems] == [("region_mismatch", ("provider_region",))]
        assert problems[0].params["expected"] == expected
