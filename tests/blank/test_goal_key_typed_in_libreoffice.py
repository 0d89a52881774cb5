"""A goal key typed in Cyrillic in a blank filled in LibreOffice (issue 26, stumble 1).

A Russian-speaking worker typed the goal's key in the blank with a Cyrillic keyboard: «Е1», which
looks exactly like E1, was refused with no reason given, and «Ц1» with only «содержит
недопустимые символы». Now the look-alike is read as the Latin key and ``validate`` says so once
(a migration note, exit 0); any other key says what a key holds, with an example (exit 1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.cli import main
from tests.blank.test_libreoffice_blank import filled_in_libreoffice

COMPLETE = ("f_placement_date=05.11.2026",)
"""What the fill script leaves out that an adaptation referral needs: the form is otherwise
valid, so only the key can be wrong."""


def _blank_with_goal_key(folder: Path, key: str) -> Path:
    """The blank filled through LibreOffice, ``key`` typed as its goal's key (the file the fill
    script saved: ``plaan.docx``)."""
    typed = (f"t_goals:B={key}", "t_goals:C=Pere tuleb toime.", *COMPLETE)
    filled_in_libreoffice(folder, "plaan.docx", *typed)
    return folder / "plaan.docx"


def _validate(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> tuple[int, str]:
    code = main(["validate", str(path), *options])
    out, err = capsys.readouterr()
    return code, out + err


def test_a_cyrillic_look_alike_is_read_as_the_latin_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = _blank_with_goal_key(tmp_path, "Е1")

    code, said = _validate(capsys, filled, "--lang", "ru")
    assert code == 0, said
    assert said.count("Е1 → E1") == 1  # once per form, the key as typed and as read

    code, said = _validate(capsys, filled, "--json")
    notes = [m for m in json.loads(said) if m["code"] == "goal_key_cyrillic"]
    assert [(n["path"], n["migration"]) for n in notes] == [("goals[1].key", True)]


def test_another_key_says_what_a_key_may_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = _blank_with_goal_key(tmp_path, "Ц1")

    code, said = _validate(capsys, filled, "--lang", "ru")
    assert code == 1, said
    assert "E1" in said and "E2.1" in said  # the examples of a key that is allowed
    assert "содержит недопустимые символы" not in said
