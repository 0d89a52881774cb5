"""Reading a filled blank: edits as a person makes them, problems named by their place, refusals."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from asendusdoc.blank import make_blank, read_blank
from asendusdoc.blank._spec import blank_spec
from asendusdoc.cli import main
from asendusdoc.examples import example_data
from tests.blank.test_blank import FORM_IDS, LANGS


def edited(data: bytes, *changes: tuple[str, str]) -> bytes:
    """The DOCX with ``word/document.xml`` changed as a person typing would change it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                text = content.decode("utf-8")
                for old, new in changes:
                    assert old in text, old
                    text = text.replace(old, new, 1)
                content = text.encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def _t(value: str) -> str:
    return f"<w:t>{value}</w:t>"


@pytest.mark.parametrize("lang", LANGS)
def test_a_changed_text_choice_and_date_read_as_changed(lang: str) -> None:
    example = example_data("support-plan")
    blank = make_blank("support-plan", lang, example)
    new_role = {"et": "eestkostja", "ru": "опекун"}[lang]
    old_role = {"et": "hooldusvanem", "ru": "приёмный родитель"}[lang]
    changed = edited(
        blank,
        (_t(example["case_reference"]), _t("NARVA-2026-999")),
        (_t(old_role), _t(new_role)),  # the first caregiver's role, chosen anew
        (_t("20.03.2026"), _t("21.03.2026")),  # the document date, typed over the picker's
    )
    data = read_blank(changed).data
    assert data["case_reference"] == "NARVA-2026-999"
    assert data["family"]["caregivers"][0]["role"] == "guardian"
    assert data["document_date"] == "2026-03-21"
    unchanged = {k: v for k, v in data.items() if k not in ("case_reference", "document_date")}
    unchanged["family"]["caregivers"][0]["role"] = example["family"]["caregivers"][0]["role"]
    assert unchanged == {k: v for k, v in example.items() if k in unchanged}


def test_a_date_shown_another_way_is_read_from_the_picker() -> None:
    """Word may show a picked date in the words of its own locale: the picker's day counts."""
    blank = make_blank("support-plan", "et", example_data("support-plan"))
    assert example_data("support-plan")["document_date"] == "2026-03-20"
    changed = edited(blank, (_t("20.03.2026"), _t("20. märts 2026")))
    assert read_blank(changed).data["document_date"] == "2026-03-20"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("et", "Üldandmed, Koostamise kuupäev: ei ole korrektne kuupäev; valige see kalendrist"),
        ("ru", "Общие сведения, Дата составления: не является правильной датой; выберите её"),
    ],
)
def test_a_date_typed_over_the_picker_is_what_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    """Text typed over a picked date that is no date is reported, never replaced by the
    picker's old day; the message asks for dd.mm.yyyy, as the blank shows dates."""
    blank = make_blank("support-plan", lang, example_data("support-plan"))
    path = tmp_path / "plan.docx"
    path.write_bytes(
        edited(blank, (_t("20.03.2026"), _t("homme")), (_t("16.03.2026"), _t("31.02.2026")))
    )
    code, output = _validate(capsys, path, lang)
    assert code == 1
    assert expected in output
    assert output.count({"et": "pp.kk.aaaa", "ru": "дд.мм.гггг"}[lang]) == 2
    assert "AAAA" not in output and "ГГГГ" not in output


def test_a_line_break_typed_into_a_text_is_kept() -> None:
    blank = make_blank(
        "family-conference-referral", "et", example_data("family-conference-referral")
    )
    factors = example_data("family-conference-referral")["risk_factors"]
    changed = edited(
        blank, (_t(factors[0]), _t(factors[0]) + "</w:r><w:r><w:br/></w:r><w:r>" + _t("teine rida"))
    )
    assert read_blank(changed).data["risk_factors"][0] == factors[0] + "\nteine rida"


def _validate(capsys: pytest.CaptureFixture[str], path: Path, lang: str) -> tuple[int, str]:
    code = main(["validate", str(path), "--lang", lang])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_an_empty_blank_lists_every_required_field_by_its_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form_id: str, lang: str
) -> None:
    path = tmp_path / "blank.docx"
    path.write_bytes(make_blank(form_id, lang))
    code, output = _validate(capsys, path, lang)
    assert code == 1
    spec = blank_spec(form_id)
    lines = output.splitlines()[1:]
    for leaf in spec.leaves():
        inside_optional = any(leaf.path[: len(p)] == p for p in spec.optional_blocks)
        if leaf.required and not inside_optional:
            assert any(leaf.titles.get(lang) in line for line in lines), leaf.path
    for table in spec.tables():
        if (
            table.required
            and table.parent is None
            and not any(table.path[: len(p)] == p for p in spec.optional_blocks)
        ):
            assert any(table.titles.get(lang) in line for line in lines), table.path
    assert not re.search(r"\w+\.\w+\[\d\]|\b[a-z]+_[a-z]+\b", output), output  # no JSON path


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("et", "3. Eesmärgid ja tegevused, rida 2, Eesmärk: kohustuslik väli puudub"),
        ("ru", "3. Цели и действия, строка 2, Цель: обязательное поле не заполнено"),
    ],
)
def test_a_problem_in_a_table_names_section_row_and_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    prefill = example_data("support-plan")
    del prefill["goals"][1]["description"]
    path = tmp_path / "plan.docx"
    path.write_bytes(make_blank("support-plan", lang, prefill))
    code, output = _validate(capsys, path, lang)
    assert code == 1
    assert expected in output


# --- hostile files ---------------------------------------------------------------------------


def test_a_table_of_100000_rows_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = make_blank("client-diary", "et")
    row = "<w:tr><w:tc><w:p/></w:tc></w:tr>"
    marker = "</w:tbl>"
    with zipfile.ZipFile(io.BytesIO(blank)) as archive:
        xml = archive.read("word/document.xml").decode()
    last_table = xml.rindex(marker)  # the diary's entries
    huge = edited(blank, (xml[last_table - 200 : last_table + len(marker)],
                          xml[last_table - 200 : last_table] + row * 100_000 + marker))  # fmt: skip
    path = tmp_path / "huge.docx"
    path.write_bytes(huge)
    code, output = _validate(capsys, path, "et")
    assert code == 2
    assert "100001" in output.replace("\u00a0", "").replace(" ", "") or "100000" in output
    assert "Sissekanded" in output


@pytest.mark.parametrize(("lang", "other"), [("et", "опекун"), ("ru", "eestkostja")])
def test_a_choice_from_the_other_language_is_a_problem_of_its_row_with_the_allowed_titles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, other: str
) -> None:
    blank = make_blank("support-plan", lang, example_data("support-plan"))
    old_role = {"et": "hooldusvanem", "ru": "приёмный родитель"}[lang]
    path = tmp_path / "mixed.docx"
    path.write_bytes(edited(blank, (_t(old_role), _t(other))))
    code, output = _validate(capsys, path, lang)
    assert code == 1  # a problem of the form (issue 26), no longer a file refused
    (problem,) = read_blank(path.read_bytes()).problems
    assert problem.path == ("family", "caregivers", 0, "role")
    assert problem.code == "blank_choice_other_language"
    assert {"et": "plangi keelest erinevas keeles", "ru": "не на языке бланка"}[lang] in output
    titles = {"et": "„hooldusvanem“, „eestkostja“", "ru": "«приёмный родитель», «опекун»"}
    assert {"et": "Roll peres", "ru": "Роль в семье"}[lang] in output
    assert titles[lang] in output
    assert other not in output.split(":", 1)[1].split("„", 1)[0]


def test_a_word_file_of_thousands_of_tables_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    blank = make_blank("closure", "et")
    path = tmp_path / "tables.docx"
    path.write_bytes(edited(blank, ("<w:sectPr", table * 5000 + "<w:p/><w:sectPr")))
    code, output = _validate(capsys, path, "et")
    assert code == 2
    assert "5010 tabelit" in output


@pytest.mark.parametrize(
    "content", [b"PK\x03\x04 not really a zip", b"PK\x03\x04" + bytes(2000)], ids=["cut", "zeros"]
)
def test_a_broken_word_file_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    code, output = _validate(capsys, path, "et")
    assert code == 2
    assert "Word" in output and "Traceback" not in output


def test_a_word_file_that_is_no_blank_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = make_blank("closure", "et")
    path = tmp_path / "other.docx"
    path.write_bytes(edited(blank, ('w:name="ad_et_closure"', 'w:name="something_else"')))
    code, output = _validate(capsys, path, "ru")
    assert code == 2
    assert "asendusdoc blank" in output
