"""The problem areas the seeds name, with et/ru titles; "other" still needs a description.

Seed 003 (Viimsi target group): "raskused enda ja laste argielu korraldamisel; vähesed vanemlikud
oskused; vähesed sotsiaalsed oskused; sõltuvus, krooniline haigus või puue; toetava sotsiaalse
võrgustiku puudumine; konfliktsed suhted pereliikmete vahel; muud toimetulekuraskused". Issue 17
adds family communication and the carer's own health and exhaustion.
"""

from __future__ import annotations

import pytest

from asendusdoc.forms._blocks import ProblemAreaKind
from asendusdoc.forms.action_plan import FamilyDifficulty
from asendusdoc.reference.needs import PROBLEM_AREA_NEEDS

from .helpers import codes, example

SEED_003 = (
    "raskused enda ja laste argielu korraldamisel",
    "vähesed vanemlikud oskused",
    "vähesed sotsiaalsed oskused",
    "sõltuvus, krooniline haigus või puue",
    "toetava sotsiaalse võrgustiku puudumine",
    "konfliktsed suhted pereliikmete vahel",
    "muud toimetulekuraskused",
)
NAMED = [
    k for k in ProblemAreaKind if k not in (ProblemAreaKind.OTHER, ProblemAreaKind.OTHER_COPING)
]


def _referral_with(area: str, description: str | None) -> dict[str, object]:
    data = example("family-support-referral")
    assert data["service_type"] == "needs-based"
    entry: dict[str, object] = {"area": area}
    if description is not None:
        entry["description"] = description
    data["problem_areas"] = [entry]
    return data


def test_every_difficulty_of_seed_003_is_a_problem_area() -> None:
    assert {k.titles.et for k in ProblemAreaKind} >= set(SEED_003)


def test_family_communication_and_the_carers_own_health() -> None:
    assert ProblemAreaKind("family-communication").titles.ru == "общение между членами семьи"
    health = ProblemAreaKind("carer-health-exhaustion").titles
    assert "kurnatus" in health.et and "истощение" in health.ru


@pytest.mark.parametrize("kind", list(ProblemAreaKind), ids=lambda k: k.value)
def test_each_area_has_its_own_titles_in_three_languages(kind: ProblemAreaKind) -> None:
    assert kind.titles.et and kind.titles.ru and kind.titles.en
    assert kind.titles.ru != kind.titles.en
    others = [k for k in ProblemAreaKind if k is not kind]
    assert kind.titles.et not in {k.titles.et for k in others}


@pytest.mark.parametrize("kind", NAMED, ids=lambda k: k.value)
def test_a_named_area_needs_no_description(kind: ProblemAreaKind) -> None:
    assert codes(_referral_with(kind.value, None)) == []


@pytest.mark.parametrize("kind", ["other", "other-coping"])
def test_other_still_needs_a_description(kind: str) -> None:
    assert codes(_referral_with(kind, None)) == ["problem_area_description_missing"]
    assert codes(_referral_with(kind, "Pere kolis kolm korda ühe aasta jooksul.")) == []


def test_the_action_plan_uses_the_same_words() -> None:
    for difficulty in FamilyDifficulty:
        kind = "other-coping" if difficulty.value == "other" else difficulty.value
        assert difficulty.titles == ProblemAreaKind(kind).titles


def test_each_area_states_a_need_for_the_suggestions() -> None:
    assert set(PROBLEM_AREA_NEEDS) == {k.value for k in ProblemAreaKind}
