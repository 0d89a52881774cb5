"""Goal keys typed on a Russian keyboard (issue 26, stumble 1).

A Russian-speaking worker types «Е1», whose Cyrillic «Е» looks exactly like E: it is read as E1
and ``validate`` says so once, as a migration note. «Ц1» cannot be read as Latin: the message
says what a key may hold, with an example, instead of only "contains characters that are not
allowed".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.forms import CooperationAgreement
from tests.forms.helpers import example

CYRILLIC_E1 = "\u04151"  # «Е1»: CYRILLIC CAPITAL LETTER IE and the digit one


def agreement_with_keys(tmp_path: Path, old: str, new: str) -> Path:
    text = json.dumps(example("cooperation-agreement"), ensure_ascii=False)
    path = tmp_path / "koostoolepe.json"
    path.write_text(text.replace(f'"{old}"', f'"{new}"'), "utf-8")
    return path


def test_a_cyrillic_look_alike_key_is_read_as_the_latin_key() -> None:
    data = example("cooperation-agreement")
    data["goals"][0]["key"] = CYRILLIC_E1
    data["family_activities"][0]["goal_key"] = CYRILLIC_E1
    form = CooperationAgreement.model_validate(data)
    assert form.goals[0].key == "E1"
    assert form.family_activities[0].goal_key == "E1"


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("et", "kirillitsa tähtedega kirjutatud eesmärgi tähised loetakse ladina tähtedega"),
        ("ru", "прочитаны как латинские"),
    ],
)
def test_validate_says_once_that_cyrillic_keys_were_read_as_latin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, note: str
) -> None:
    path = agreement_with_keys(tmp_path, "E1", CYRILLIC_E1)  # a goal and two activities
    assert main(["validate", str(path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert out.count(note) == 1
    assert f"{CYRILLIC_E1} → E1" in out


def test_validate_json_names_the_migration_by_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = agreement_with_keys(tmp_path, "E1", CYRILLIC_E1)
    assert main(["validate", str(path), "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert [(n["code"], n["path"], n["migration"]) for n in notes] == [
        ("goal_key_cyrillic", "goals[0].key", True)
    ]


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("et", "tähis koosneb ladina tähtedest ja numbritest"),
        ("ru", "обозначение состоит из латинских букв и цифр"),
        ("en", "a key is Latin letters and digits"),
    ],
)
def test_a_key_that_cannot_be_read_says_what_is_allowed_with_an_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, says: str
) -> None:
    path = agreement_with_keys(tmp_path, "E2", "\u04261")  # «Ц1»
    assert main(["validate", str(path), "--lang", lang]) == 1
    out = capsys.readouterr().out
    assert says in out
    assert "E1" in out and "E2.1" in out
