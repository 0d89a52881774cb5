"""assert_valid_form: silent for a valid form, else an AssertionError naming each field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.read.loading import load_form
from asendusdoc.testing import assert_valid_form

# A required field of each form and its English title.
REQUIRED = {
    "family-support-referral": ("justification", "Justification of the need in the case plan"),
    "support-person-referral": ("needs_assessment", "Case-plan assessment of the need"),
    "family-conference-referral": ("family_situation", "The family's situation"),
    "cooperation-agreement": ("goals", "Goals"),
    "support-plan": ("period_end", "Plan end"),
    "action-plan": ("situation", "The family's situation"),
    "client-diary": ("client", "Client"),
    "progress-report": ("next_steps", "Next steps"),
    "closure": ("recommendations", "Recommendations to the municipality"),
    "family-needs-feedback": ("life_stage", "Life stage"),
}


def test_every_form_has_a_removed_field_case() -> None:
    assert set(REQUIRED) == set(FORM_MODELS)


@pytest.mark.parametrize("form_id", list(FORM_MODELS))
def test_a_valid_form_passes_silently_in_every_shape(form_id: str, tmp_path: Path) -> None:
    data = example_data(form_id)
    file = tmp_path / "form.json"
    file.write_text(json.dumps(data), "utf-8")
    for shape in (data, json.dumps(data), json.dumps(data).encode(), file, load_form(data)):
        assert_valid_form(shape)


@pytest.mark.parametrize("form_id", list(REQUIRED))
def test_a_removed_field_fails_naming_the_field_and_its_path(form_id: str) -> None:
    name, title = REQUIRED[form_id]
    data = example_data(form_id)
    del data[name]
    with pytest.raises(AssertionError) as caught:
        assert_valid_form(data)
    message = str(caught.value)
    assert message.splitlines()[0] == f"{form_id}: 1 problem"
    assert f"{title} ({name}): required field is missing [missing]" in message


def test_every_problem_is_listed_on_its_own_line() -> None:
    data = example_data("family-support-referral")
    del data["justification"]
    data["family"]["children"][0]["personal_code"] = "51506180420"
    with pytest.raises(AssertionError) as caught:
        assert_valid_form(data)
    lines = str(caught.value).splitlines()
    assert lines[0] == "family-support-referral: 2 problems"
    assert any(
        "Family, child 1, personal code (family.children[0].personal_code)" in line
        and "[personal_code_check_digit]" in line
        for line in lines[1:]
    )
    assert any("(justification)" in line for line in lines[1:])


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("et", "Teenuse vajaduse põhjendus juhtumiplaanis"),
        ("ru", "Обоснование потребности в услуге в плане работы со случаем"),
    ],
)
def test_the_field_titles_come_in_the_asked_language(lang: str, title: str) -> None:
    data = example_data("family-support-referral")
    del data["justification"]
    with pytest.raises(AssertionError, match=title):
        assert_valid_form(data, lang=lang)


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("{", "json_invalid"),
        ('{"form": "no-such-form"}', "form_unknown"),
        ({"case_reference": "X"}, "form_missing"),
        (b"[]", "json_array"),
        (Path("/no/such/form.json"), "file_missing"),
    ],
    ids=["not-json", "unknown-form", "no-form-id", "array", "missing-file"],
)
def test_unreadable_input_fails_with_the_reason(source: object, code: str) -> None:
    with pytest.raises(AssertionError, match=rf"^not a form: .+ \[{code}\]$"):
        assert_valid_form(source)  # type: ignore[arg-type]


def test_the_pytest_report_shows_the_problems_not_the_kit_internals(tmp_path: Path) -> None:
    (tmp_path / "test_broken.py").write_text(
        "from asendusdoc.testing import assert_valid_form\n"
        "\n"
        "def test_broken(asendusdoc_example):\n"
        "    data = asendusdoc_example('closure')\n"
        "    del data['further_needs']\n"
        "    assert_valid_form(data)\n",
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_broken.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout
    assert "E       AssertionError: closure: 1 problem" in report
    assert "The family's further needs (further_needs): required field is missing" in report
    assert "validate_form(form)" not in report  # __tracebackhide__: the kit's frame is hidden
