"""One pass over a filled blank (issue 26, stumble 4).

A worker typed a family type that is not in the drop-down's list and a child's personal code
with a wrong check digit. The wrong choice stopped validation (exit 2, ``"path": ""``), and the
check digit showed only on the next run. Now both are problems of their fields in one run
(exit 1), each with its place in the blank and its path, in the CLI, the library and the
service alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import asendusdoc
from asendusdoc.blank import read_blank
from asendusdoc.cli import main
from tests.blank.test_libreoffice_blank import filled_in_libreoffice

WRONG = ("f_family_type=hooldusperekond", "t_family__children:D=51506180428")
"""What the worker typed: a family type not in the list, a personal code one digit off."""
PLACES = {
    "family_type": "1. Pere, Sihtgrupp",
    "family.children[0].personal_code": "1. Pere, Lapsed, rida 3, Isikukood",
}
CHOICES = {"et": "„hoolduspere“, „eestkostepere“, „lapsendajapere“",
           "ru": "«hoolduspere», «eestkostepere», «lapsendajapere»"}  # fmt: skip


@pytest.fixture(scope="module")
def typed_wrong(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wrong")
    path = folder / "suunamine.docx"
    path.write_bytes(filled_in_libreoffice(folder, "filled.docx", *WRONG))
    return path


def test_a_wrong_choice_and_a_wrong_check_digit_show_in_one_run(
    typed_wrong: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(typed_wrong), "--lang", "et"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{PLACES['family_type']}: sellist väärtust loendis ei ole; " in out
    assert CHOICES["et"] in out
    assert f"{PLACES['family.children[0].personal_code']}: kontrollnumber" in out


def test_json_gives_each_problem_its_path(
    typed_wrong: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(typed_wrong), "--json", "--lang", "ru"])
    entries = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {entry["path"]: entry["field"] for entry in entries} == PLACES
    by_path = {entry["path"]: entry for entry in entries}
    assert by_path["family_type"]["code"] == "blank_choice_unknown"
    assert CHOICES["ru"] in by_path["family_type"]["message"]
    assert by_path["family.children[0].personal_code"]["code"] == "personal_code_check_digit"


def test_the_library_and_the_service_see_both_problems(typed_wrong: Path) -> None:
    from asendusdoc.serve._jobs import validate

    problems = asendusdoc.validate_form(typed_wrong.read_bytes())
    assert {problem.path_text: problem.place is not None for problem in problems} == {
        "family_type": True,
        "family.children[0].personal_code": True,
    }
    with pytest.raises(asendusdoc.FormValidationError) as raised:
        asendusdoc.load_form(typed_wrong)
    assert len(raised.value.problems) == 2
    answer = validate(file=(typed_wrong.read_bytes(), typed_wrong.name), lang="et")["body"]
    assert answer["valid"] is False
    assert {entry["path"] for entry in answer["problems"]} == set(PLACES)


def test_the_blank_keeps_the_text_as_typed_and_names_the_problem(typed_wrong: Path) -> None:
    """The data says what the worker typed (no value of the list was chosen for them)."""
    read = read_blank(typed_wrong.read_bytes())
    assert read.data["family_type"] == "hooldusperekond"
    (problem,) = read.problems
    assert problem.path == ("family_type",)
    assert problem.params == {"choices": CHOICES["et"]}


def test_a_russian_choice_typed_with_e_for_yo_is_the_choice() -> None:
    """«приемный родитель» typed over the list is «приёмный родитель», not a wrong choice."""
    from asendusdoc.blank import make_blank
    from asendusdoc.examples import example_data
    from tests.blank.test_filled_blank import _t, edited

    blank = make_blank("support-plan", "ru", example_data("support-plan"))
    read = read_blank(edited(blank, (_t("приёмный родитель"), _t("Приемный  родитель"))))
    assert read.problems == ()
    assert read.data["family"]["caregivers"][0]["role"] == "foster-parent"
