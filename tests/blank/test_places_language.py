"""A blank's problems are placed in the blank's own words, whatever the message language."""

from __future__ import annotations

from pathlib import Path

import pytest

from asendusdoc.blank import make_blank
from asendusdoc.cli import main


@pytest.mark.parametrize(
    ("blank_lang", "lang", "expected"),
    [
        ("et", "ru", "  Üldandmed, Juhtumi number: обязательное поле не заполнено"),
        ("ru", "et", "  Общие сведения, Номер случая: kohustuslik väli puudub"),
        ("et", "en", "  Üldandmed, Juhtumi number (Case reference): required field is missing"),
    ],
)
def test_a_blank_is_named_as_it_is_written_and_english_adds_the_fields_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], blank_lang: str, lang: str, expected: str
) -> None:
    path = tmp_path / "plaan.docx"
    path.write_bytes(make_blank("support-plan", blank_lang))
    assert main(["validate", str(path), "--lang", lang]) == 1
    assert expected in capsys.readouterr().out.splitlines()
