"""``suggest``: every row of the need → service table reaches the family whose need it answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from asendusdoc.cli import main
from asendusdoc.needs.suggest import suggest_services, suggestions_as_json
from asendusdoc.read.loading import load_form
from asendusdoc.reference.needs import NEED_SERVICES, SEED_SOURCES, NeedArea, NeedServiceRow
from tests.forms.helpers import example


def _feedback_with(area: NeedArea, level: str = "great") -> dict[str, Any]:
    data = example("family-needs-feedback")
    for answer in data["needs"]:
        answer["level"] = "none"
        answer.pop("description", None)
        if answer["area"] == area.value:
            answer["level"] = level
            if area is NeedArea.OTHER:
                answer["description"] = "Transport"
    data["services_used"] = []
    return data


@pytest.mark.parametrize(
    "row", NEED_SERVICES, ids=[f"{r.area.value}->{r.service.value}" for r in NEED_SERVICES]
)
@pytest.mark.parametrize("lang", ["et", "ru"])
def test_every_row_is_suggested_with_its_seed_and_conditions(
    row: NeedServiceRow, lang: str
) -> None:
    form = load_form(_feedback_with(row.area))
    result = suggestions_as_json(form, suggest_services(form), lang)
    (need,) = result["needs"]
    assert need["area"] == row.area.value
    assert need["level"] == "great"
    (service,) = [s for s in need["services"] if s["service"] == row.service.value]
    assert service["seed"] == row.seed
    assert service["source"] == SEED_SOURCES[row.seed].get(lang)
    assert service["title"] == row.service.title(lang)
    expected = [c.text.get(lang) for c in row.offer.conditions]
    assert [c["text"] for c in service["conditions"]] == expected
    assert expected, "every service states at least one condition"


def test_every_area_has_a_service_and_every_seed_is_known() -> None:
    assert {row.area for row in NEED_SERVICES} == set(NeedArea)
    assert {row.seed for row in NEED_SERVICES} <= set(SEED_SOURCES)
    for row in NEED_SERVICES:
        assert all(c.seed in SEED_SOURCES for c in row.offer.conditions)


@pytest.mark.parametrize(
    "text",
    [
        "Three counselling sessions per family.",
        "A closed group of 6–12 people, 4 academic hours a meeting, 4–6 times a year.",
        "Needs the municipality's referral (the referral form to SKA).",
        "Only with the family's consent.",
    ],
    ids=["three-sessions", "group-size", "referral", "consent"],
)
def test_the_issue_s_example_conditions_are_in_the_table(text: str) -> None:
    conditions = {c.text.en for row in NEED_SERVICES for c in row.offer.conditions}
    assert text in conditions


def test_great_needs_come_first_and_no_need_is_not_suggested() -> None:
    data = _feedback_with(NeedArea.COUPLE, "some")
    for answer in data["needs"]:
        if answer["area"] == NeedArea.BIRTH_FAMILY.value:
            answer["level"] = "great"
        if answer["area"] == NeedArea.PEER_SUPPORT.value:
            answer["level"] = "skipped"
    suggestions = suggest_services(load_form(data))
    assert [(s.area, s.level and s.level.value) for s in suggestions] == [
        (NeedArea.BIRTH_FAMILY, "great"),
        (NeedArea.COUPLE, "some"),
    ]


def test_a_service_used_in_the_period_is_marked() -> None:
    data = _feedback_with(NeedArea.PEER_SUPPORT)
    data["services_used"] = [{"service": "mentoring", "usefulness": "very-useful"}]
    form = load_form(data)
    services = suggestions_as_json(form, suggest_services(form), "et")["needs"][0]["services"]
    assert {s["service"]: s["used_in_period"] for s in services} == {
        "mentoring": True,
        "group-counselling": False,
        "thematic-support-group": False,
    }


def test_a_family_support_referral_s_problem_areas_are_its_needs() -> None:
    data = example("family-support-referral")
    data["problem_areas"] = [
        {"area": "parents-relationship", "description": "Tülid"},
        {"area": "child-behaviour-school", "description": "Puudumised"},
        {"area": "child-behaviour-kindergarten", "description": "Hammustab"},
    ]
    areas = [s.area for s in suggest_services(load_form(data))]
    assert areas == [NeedArea.COUPLE, NeedArea.KINDERGARTEN_SCHOOL]


def test_cli_prints_et_and_ru_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tagasiside.json"
    path.write_text(json.dumps(_feedback_with(NeedArea.BIRTH_FAMILY)), "utf-8")
    assert main(["suggest", str(path), "--lang", "et"]) == 0
    text = capsys.readouterr().out
    assert "Suur vajadus: suhtlus lapse sünniperega" in text
    assert "Pere Lahendusring" in text and "Ainult pere nõusolekul." in text
    assert main(["suggest", str(path), "--lang", "ru"]) == 0
    text = capsys.readouterr().out
    assert "Большая потребность: общение с кровной семьёй ребёнка" in text
    assert "Только с согласия семьи." in text
    assert main(["suggest", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["needs"][0]["services"][0]["service"] == "family-conference"


def test_cli_refuses_a_form_without_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "closure.json"
    path.write_text(json.dumps(example("closure")), "utf-8")
    assert main(["suggest", str(path), "--lang", "en"]) == 2
    assert "not for 'closure'" in capsys.readouterr().err
