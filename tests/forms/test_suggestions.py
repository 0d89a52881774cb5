"""Unknown municipalities, providers and form ids: the closest names from the reference data
are suggested, and what was typed is never repeated."""

from __future__ import annotations

import json

import pytest

from asendusdoc.errors import InputError
from asendusdoc.problems.messages import error_message, problem_message
from asendusdoc.read.loading import validate_form
from asendusdoc.read.parse import parse_form_json
from tests.forms.helpers import example


def _problem(form_id: str, path: tuple[str, ...], value: str) -> tuple[str, dict[str, object]]:
    data = example(form_id)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    problems = validate_form(data)
    assert [p.path for p in problems] == [path]
    return problem_message(problems[0], "en"), dict(problems[0].params)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Narva vald", "„Narva linn“"),
        ("tartu", "„Tartu linn“, „Tartu vald“"),
        ("Viimsi vallavalitsus", "„Viimsi vald“"),
        ("Tallinna linn", "„Tallinn“"),
        ("Kohtla-Jarve linn", "„Kohtla-Järve linn“"),
    ],
)
def test_an_unknown_municipality_suggests_the_closest(typed: str, suggested: str) -> None:
    message, params = _problem("family-support-referral", ("family", "municipality"), typed)
    assert message == f"is not an Estonian municipality; did you mean {suggested}?"
    assert typed not in str(params)


def test_a_municipality_far_from_any_gets_the_plain_advice() -> None:
    message, params = _problem(
        "family-support-referral", ("family", "municipality"), "Mari Tamm 49001010000"
    )
    assert message == ("is not an Estonian municipality; use the official name, e.g. 'Viimsi vald'")
    assert params == {}


def test_an_unknown_provider_suggests_the_closest_in_estonian() -> None:
    data = example("family-support-referral")
    data["preferred_provider"] = "Teadlik lapsevanem"
    (problem,) = validate_form(data)
    message = problem_message(problem, "et")
    assert message.startswith(
        "teenuseosutajat ei ole loetelus; kas mõtlesite „MTÜ Teadlik Lapsevanem“?"
    )
    assert "Teadlik lapsevanem" not in message


def test_a_suggestion_is_quoted_in_the_quotation_marks_of_the_message() -> None:
    data = example("family-support-referral")
    data["preferred_provider"] = "Teadlik lapsevanem"
    (problem,) = validate_form(data)
    assert "«MTÜ Teadlik Lapsevanem»?" in problem_message(problem, "ru")
    assert "„MTÜ Teadlik Lapsevanem“?" in problem_message(problem, "et")
    with pytest.raises(InputError) as caught:
        validate_form({"form": "suport-plan"})
    assert "«support-plan»" in error_message(caught.value, "ru")


@pytest.mark.parametrize(
    ("typed", "start"),
    [
        ("suport-plan", "unknown form id; did you mean „support-plan“? Known: "),
        ("Mari Tamm", "unknown form id; known: "),
    ],
)
def test_an_unknown_form_id_suggests_the_closest(typed: str, start: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_form_json(json.dumps({"form": typed}))
    message = error_message(caught.value, "en")
    assert message.startswith(start) and "family-support-referral" in message
    assert typed not in str(caught.value) and typed not in repr(caught.value.params)
