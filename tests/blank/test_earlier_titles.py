"""Blanks and documents made while a choice had a title since corrected ("hooldusperi", issue 25)
still read, and ``validate`` reports the correction as a migration."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from asendusdoc.blank import make_blank, read_blank
from asendusdoc.cli import main
from asendusdoc.examples import example_data
from asendusdoc.forms._blocks import FamilyType
from asendusdoc.read.dispatch import read_form_documents
from asendusdoc.render import render_docx, render_pdf
from asendusdoc.titles import Titles

OLD_BLANKS = {
    # form: (field, the title the blank showed before issue 25, the title now)
    "family-support-referral": ("family_type", "hooldusperi", "hoolduspere"),
    "family-needs-feedback": ("family_type", "hooldusperi", "hoolduspere"),
    "support-person-referral": (
        "care_setting",
        "hooldusperi (perekonnas hooldamine)",
        "hoolduspere (perekonnas hooldamine)",
    ),
}


def old_blank(form_id: str) -> bytes:
    """The example's blank as it was made before the correction: every "hoolduspere" of the
    document (the drop-down's list and the chosen value) written "hooldusperi"."""
    _, old, now = OLD_BLANKS[form_id]
    out = io.BytesIO()
    new = make_blank(form_id, "et", example_data(form_id))
    with zipfile.ZipFile(io.BytesIO(new)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                assert now.encode() in content
                content = content.replace(now.encode(), old.encode())
            target.writestr(info, content)
    return out.getvalue()


@pytest.mark.parametrize("form_id", sorted(OLD_BLANKS))
def test_a_blank_filled_with_the_old_title_reads_as_the_value_and_says_so(form_id: str) -> None:
    field, old, now = OLD_BLANKS[form_id]
    reading = read_blank(old_blank(form_id))
    assert reading.data[field] == "foster-family"
    (migration,) = reading.migrations
    assert migration.code == "choice_title_corrected"
    assert migration.path == (field,)
    assert migration.message("et") == (
        f"varasema plangi valik „{old}“ loetakse valikuks „{now}“; valige loendist „{now}“"
    )


def test_the_corrected_title_reads_without_a_migration() -> None:
    reading = read_blank(
        make_blank("family-support-referral", "et", {"family_type": "hoolduspere"})
    )
    assert reading.data["family_type"] == "foster-family"
    assert reading.migrations == ()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "et",
            "  Vana vorm: Sihtgrupp: varasema plangi valik „hooldusperi“ loetakse valikuks "
            "„hoolduspere“; valige loendist „hoolduspere“",
        ),
        (
            "ru",
            "  Прежняя версия формы: Целевая группа: выбор «hooldusperi» из прежнего бланка "
            "читается как «hoolduspere»; выберите в списке «hoolduspere»",
        ),
    ],
)
def test_validate_reports_the_correction_and_the_blank_stays_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    path = tmp_path / "suunamine.docx"
    path.write_bytes(old_blank("family-support-referral"))
    assert main(["validate", str(path), "--lang", lang]) == 0
    assert expected in capsys.readouterr().out.splitlines()
    assert main(["validate", str(path), "--lang", lang, "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["code"] == "choice_title_corrected" and entry["migration"] is True
    assert entry["path"] == "family_type"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_document_showing_the_old_title_reads_as_before(
    monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Documents carry the value, not the word: one rendered while the word was "hooldusperi"
    gives back the same form."""
    old = Titles("hooldusperi", *FamilyType.FOSTER.titles[1:])
    monkeypatch.setattr(FamilyType.FOSTER, "titles", old)
    data = example_data("family-support-referral")
    document = (render_pdf if fmt == "pdf" else render_docx)(data, "et")
    monkeypatch.undo()
    (form,) = read_form_documents(document, f"suunamine.{fmt}")
    assert form.data == data
