"""Problems and errors in words: our templates for pydantic's types, plurals, params."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from asendusdoc.errors import FormValidationError, InputError, Problem
from asendusdoc.i18n.field_errors import FIELD_ERRORS
from asendusdoc.i18n.pydantic_messages import pydantic_template
from asendusdoc.problems.messages import error_message, problem_message
from asendusdoc.read.loading import validate_form


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("et", "lubatud väärtused: et, ru, en"),
        ("ru", "допустимые значения: et, ru, en"),
        ("en", "must be one of: et, ru, en"),
    ],
)
def test_enum_error_lists_the_allowed_values(lang: str, expected: str) -> None:
    problem = Problem(
        ("language",), "enum", "Input should be ...", {"expected": "'et', 'ru' or 'en'"}
    )
    assert problem_message(problem, lang) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "не менее 1 символа"), (3, "не менее 3 символов"), (5, "не менее 5 символов")],
)
def test_russian_plural_forms(count: int, expected: str) -> None:
    problem = Problem(("name",), "string_too_short", "x", {"min_length": count})
    assert expected in problem_message(problem, "ru")


def test_unknown_pydantic_type_gets_a_generic_message_not_pydantic_english() -> None:
    problem = Problem(("x",), "uuid_parsing", "Input should be a valid UUID", {})
    assert problem_message(problem, "et") == "ei ole sobiv väärtus"
    assert problem_message(problem, "en") == "is not valid"


def test_rule_params_are_shown_in_the_language() -> None:
    problem = Problem(
        ("service_start",),
        "adaptation_start_too_late",
        "the adaptation service is for the first year after the placement "
        "(start before 2026-11-22)",
        {"latest": "2026-11-22"},
        "the adaptation service is for the first year after the placement (start before {latest})",
    )
    assert "algus enne 22. novembri 2026" in problem_message(problem, "et")
    assert "22 ноября 2026" in problem_message(problem, "ru")


def test_service_param_is_shown_by_its_title() -> None:
    problem = Problem(
        ("service",),
        "service_not_for_form",
        "this form is not used for the family-support",
        {"service": "family-support"},
        "this form is not used for the {service}",
    )
    assert problem_message(problem, "et").startswith(
        "seda vormi ei kasutata teenuse „peretoe teenus“ puhul"
    )


def test_error_message_translates_the_template_and_fills_params() -> None:
    error = InputError("file not found: {path}", code="file_missing", path="a.json")
    assert error_message(error, "ru") == "файл не найден: a.json"
    assert error_message(error, "en") == "file not found: a.json"


def test_json_error_detail_is_translated() -> None:
    error = InputError(
        "not valid JSON: {detail} at line {line}, column {column}",
        code="json_invalid",
        detail="Expecting value",
        line=3,
        column=7,
    )
    assert error_message(error, "et") == "vigane JSON: oodatakse väärtust (rida 3, veerg 7)"


def test_form_validation_error_lists_its_problems_with_a_plural() -> None:
    problems = [Problem(("case_reference",), "missing", "Field required", {})] * 2
    text = error_message(FormValidationError(problems, form_id="closure"), "ru")
    assert text.startswith("в форме 2 проблемы:")
    assert "Номер случая: обязательное поле не заполнено" in text


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "invalid"
SOURCE = Path(__file__).resolve().parents[2] / "src" / "asendusdoc"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_problem_finds_its_template_by_its_code(path: Path) -> None:
    problems = validate_form(json.loads(path.read_text("utf-8")))
    assert problems
    for problem in problems:
        by_code = pydantic_template(problem.code, problem.path, problem.params)
        assert problem.template or by_code is not None, problem.code
        if problem.code in FIELD_ERRORS:
            variants = {
                template
                for key, template in FIELD_ERRORS.items()
                if key == problem.code or key.startswith(problem.code + ":")
            }
            assert problem.template in variants


def test_field_errors_are_raised_only_through_their_code() -> None:
    """A ``PydanticCustomError`` with a template of its own would reach people in English."""
    allowed = {SOURCE / "i18n" / "field_errors.py", SOURCE / "forms" / "_base.py"}
    raising = {
        path
        for path in SOURCE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", "")) == "PydanticCustomError"
    }
    assert raising <= allowed


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("et", "2. eesmärk, tähis"), ("ru", "цель 2, обозначение"), ("en", "goal 2, key")],
)
def test_a_field_is_named_by_titles_and_positions_from_1(lang: str, expected: str) -> None:
    from asendusdoc.problems.messages import field_label

    problem = Problem(("goals", 1, "key"), "missing", "Field required")
    assert field_label(problem, "family-support-referral", lang) == expected
    assert problem.path_text == "goals[1].key"  # the JSON path stays for programs
    text = Problem(("goals", 1, "description"), "missing", "Field required")
    assert field_label(text, "family-support-referral", lang) == expected.partition(",")[0]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("et", "kohanemiseks mõeldud teenus (adaptation), vajaduspõhine teenus (needs-based)"),
        ("ru", "адаптационная услуга (adaptation), услуга по потребностям семьи (needs-based)"),
    ],
)
def test_enum_choices_are_shown_by_title_with_the_code(lang: str, expected: str) -> None:
    path = EXAMPLES / "family-support-referral--enum.json"
    problem = validate_form(json.loads(path.read_text("utf-8")))[0]
    assert problem_message(problem, lang, "family-support-referral").endswith(expected)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("et", "valige Lõuna piirkonna teenuseosutaja"),
        ("ru", "выберите поставщика услуги Южного региона"),
    ],
)
def test_region_mismatch_says_what_to_do(lang: str, expected: str) -> None:
    path = EXAMPLES / "support-person-referral--region_mismatch.json"
    problem = validate_form(json.loads(path.read_text("utf-8")))[0]
    assert problem_message(problem, lang).endswith(expected)


def test_estonian_dates_take_the_case_the_sentence_needs() -> None:
    def message(name: str) -> str:
        path = EXAMPLES / f"family-support-referral--{name}.json"
        return problem_message(validate_form(json.loads(path.read_text("utf-8")))[0], "et")

    assert "valige alguseks 3. märts 2026 või hilisem" in message("adaptation_start_too_early")
    assert "(kuni 30. detsembrini 2026)" in message("adaptation_end_too_late")
    assert "algus enne 2. märtsi 2026" in message("adaptation_start_too_late")
