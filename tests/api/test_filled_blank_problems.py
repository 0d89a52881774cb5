"""The API on a filled Word blank: its problems name the blank's places, not JSON paths."""

from __future__ import annotations

from pathlib import Path

import pytest

import asendusdoc
from asendusdoc.blank import make_blank
from asendusdoc.examples import example_data
from asendusdoc.problems.messages import describe_problem, error_message, field_label
from tests.blank.test_problem_places import JSON_PATH, PLAN


def filled_plan(lang: str) -> bytes:
    data = example_data("support-plan")
    del data["goals"][1]["description"]
    return make_blank("support-plan", lang, data)


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_validate_form_on_a_blanks_bytes_names_the_place(lang: str) -> None:
    (problem,) = asendusdoc.validate_form(filled_plan(lang))
    assert problem.path == ("goals", 1, "description")  # for programs, as before
    assert problem.place is not None
    assert describe_problem(problem, "support-plan", lang) == PLAN[lang]
    assert field_label(problem, "support-plan", lang) == PLAN[lang].partition(":")[0]


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_load_form_on_a_blanks_path_raises_with_the_places(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(filled_plan(lang))
    with pytest.raises(asendusdoc.FormValidationError) as raised:
        asendusdoc.load_form(path)
    message = error_message(raised.value, lang)
    assert PLAN[lang] in message
    assert not JSON_PATH.search(message)
    # the English text of the exception names the place too: its section as the blank has it
    assert "goals" not in str(raised.value)
    assert PLAN[lang].partition(",")[0] in str(raised.value)


def test_the_same_form_as_json_keeps_the_fields_titles() -> None:
    data = example_data("support-plan")
    del data["goals"][1]["description"]
    (problem,) = asendusdoc.validate_form(data)
    assert problem.place is None
    assert describe_problem(problem, "support-plan", "et").startswith("2. eesmärk")


def test_rendering_a_blanks_bytes_raises_with_the_places() -> None:
    with pytest.raises(asendusdoc.FormValidationError) as raised:
        asendusdoc.produce(filled_plan("et"), "et", "pdf")
    assert PLAN["et"] in error_message(raised.value, "et")


def test_the_testing_kit_names_the_place_beside_the_path() -> None:
    from asendusdoc.testing import assert_valid_form

    with pytest.raises(AssertionError) as raised:
        assert_valid_form(filled_plan("ru"), lang="ru")
    assert "3. Цели и действия, строка 2, Цель (goals[1].description)" in str(raised.value)
