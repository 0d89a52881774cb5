"""``asendusdoc blank``: a fillable Word form of every form, that reads back to its data."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from asendusdoc.blank import make_blank, read_blank
from asendusdoc.blank._spec import Leaf, blank_spec
from asendusdoc.cli import main
from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.problems import model_of
from asendusdoc.problems.messages import describe_problem
from asendusdoc.read.loading import validate_form
from asendusdoc.titles import titles_of

FORM_IDS = tuple(FORM_MODELS)
LANGS = ("et", "ru")
CASES = [pytest.param(f, lang, id=f"{f}-{lang}") for f in FORM_IDS for lang in LANGS]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_a_blank_prefilled_with_the_example_reads_back_as_the_example(
    form_id: str, lang: str
) -> None:
    example = example_data(form_id)
    assert read_blank(make_blank(form_id, lang, example)).data == example


def _input_fields(model: type, base: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every leaf field of ``model`` and its blocks (lists of blocks: their items' fields)."""
    found: set[tuple[str, ...]] = set()
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        block = model_of(info.annotation)
        if block is not None:
            found |= _input_fields(block, (*base, name))
        elif name != "form":
            found.add((*base, name))
    return found


def _blank_fields(form_id: str) -> set[tuple[str, ...]]:
    spec = blank_spec(form_id)
    found = {leaf.path for leaf in spec.leaves()}
    for table in spec.tables():
        for column in table.columns:
            found.add((*table.full_path, *column.leaf.path))
    return found


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_the_blank_takes_every_input_field_of_the_form(form_id: str) -> None:
    legacy = {("guardianship_authority_agreed",)}
    assert _blank_fields(form_id) == _input_fields(FORM_MODELS[form_id]) - legacy


def test_fields_the_document_shows_only_in_a_party_or_computed_are_in_the_blank() -> None:
    leaves = {leaf.path: leaf for leaf in blank_spec("family-support-referral").leaves()}
    assert ("municipality", "worker", "phone") in leaves
    caregivers = next(t for t in blank_spec("family-support-referral").tables()
                      if t.path == ("family", "caregivers"))  # fmt: skip
    assert [c.leaf.path for c in caregivers.columns][:2] == [("given_name",), ("family_name",)]


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_the_blank_shows_the_official_labels_in_its_language(form_id: str, lang: str) -> None:
    text = document_text(make_blank(form_id, lang))
    model = FORM_MODELS[form_id]
    assert model.titles.get(lang) in text
    for name, info in model.model_fields.items():
        if name in ("form", "guardianship_authority_agreed"):
            continue
        if model_of(info.annotation) is None:
            assert titles_of(info, name).get(lang) in text, name


def _controls(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return list(root.iter(f"{W}sdtPr"))


def test_choices_are_drop_downs_with_titles_and_dates_are_date_pickers() -> None:
    data = make_blank("family-support-referral", "ru")
    controls = _controls(data)
    lists = [c.find(f"{W}dropDownList") for c in controls if c.find(f"{W}dropDownList") is not None]
    titles = {item.get(f"{W}displayText") for lst in lists for item in lst}
    assert {"приёмная семья", "опекун", "да", "нет"} <= titles
    dates = [c.find(f"{W}date") for c in controls if c.find(f"{W}date") is not None]
    assert dates and all(d.find(f"{W}dateFormat").get(f"{W}val") == "dd.MM.yyyy" for d in dates)


@pytest.mark.parametrize("lang", LANGS)
def test_every_field_has_a_help_line_in_the_language(lang: str) -> None:
    text = document_text(make_blank("closure", lang))
    required, optional = {"et": ("Kohustuslik.", "Vabatahtlik."),
                          "ru": ("Обязательно.", "Необязательно.")}[lang]  # fmt: skip
    leaves: list[Leaf] = blank_spec("closure").leaves()
    assert text.count(required) + text.count(optional) >= len(leaves)
    assert "Required." not in text and "Choose" not in text


def test_prefill_fills_what_is_known_and_need_not_be_valid() -> None:
    prefill = {"municipality": {"name": "Narva linn"}, "service_start": "2026-13-01"}
    reading = read_blank(make_blank("family-support-referral", "et", prefill))
    assert reading.data["municipality"]["name"] == "Narva linn"
    assert reading.data["service_start"] == "2026-13-01"  # as it was: validate names it


def test_a_prefilled_choice_that_is_no_choice_is_named_with_the_allowed_titles() -> None:
    data = make_blank("family-support-referral", "et", {"family_type": "no-such-type"})
    assert [problem.path for problem in read_blank(data).problems] == [("family_type",)]
    (problem,) = [p for p in validate_form(data) if p.path == ("family_type",)]  # with its place
    message = describe_problem(problem, "family-support-referral", "et")
    assert "Sihtgrupp" in message and "„hoolduspere“, „eestkostepere“" in message


# --- the command -------------------------------------------------------------------------


def test_the_command_writes_a_blank_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.docx"
    assert main(["blank", "support-plan", "--lang", "ru", "-o", str(out)]) == 0
    assert read_blank(out.read_bytes()).form_id == "support-plan"
    assert main(["blank", "support-plan", "--lang", "ru", "-o", str(out)]) == 2
    assert main(["blank", "support-plan", "--lang", "ru", "-o", str(out), "--force"]) == 0


def test_the_command_prefills_from_a_json_file(tmp_path: Path) -> None:
    prefill = tmp_path / "known.json"
    prefill.write_text(json.dumps({"case_reference": "TRT-1", "form": "closure"}), "utf-8")
    out = tmp_path / "closure.docx"
    code = main(["blank", "closure", "--lang", "et", "-o", str(out), "--prefill", str(prefill)])
    assert code == 0
    assert read_blank(out.read_bytes()).data["case_reference"] == "TRT-1"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-form", "--lang", "et"], "tundmatu"),
        (["closure", "--lang", "en"], "estonian or russian"),
        (["closure", "--lang", "et", "--prefill", "MISSING"], "ei leitud"),
    ],
)
def test_the_command_explains_bad_input_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    arguments = [a if a != "MISSING" else str(tmp_path / "none.json") for a in arguments]
    code = main(["--lang", "et", "blank", *arguments, "-o", str(tmp_path / "x.docx")])
    assert code == 2
    assert message in capsys.readouterr().err.lower()
    assert not (tmp_path / "x.docx").exists()


def test_a_prefill_of_another_form_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prefill = tmp_path / "known.json"
    prefill.write_text(json.dumps(example_data("support-plan")), "utf-8")
    out = tmp_path / "x.docx"
    code = main(["blank", "closure", "--lang", "et", "-o", str(out), "--prefill", str(prefill)])
    assert code == 2 and not out.exists()


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_blank_prefill_then_extract_gives_back_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form_id: str, lang: str
) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / f"{form_id}.json"
    blank, extracted = tmp_path / "blank.docx", tmp_path / "form.json"
    assert (
        main(["blank", form_id, "--lang", lang, "--prefill", str(example), "-o", str(blank)]) == 0
    )
    assert main(["extract", str(blank), "-o", str(extracted)]) == 0
    assert json.loads(extracted.read_text("utf-8")) == json.loads(example.read_text("utf-8"))


def test_a_prefill_longer_than_a_form_may_be_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prefill = example_data("family-support-referral")
    prefill["family"]["children"] = prefill["family"]["children"] * 21  # a family has at most 20
    path = tmp_path / "known.json"
    path.write_text(json.dumps(prefill), "utf-8")
    out = tmp_path / "x.docx"
    args = ["blank", "family-support-referral", "--lang", "et", "--prefill", str(path)]
    assert main(["--lang", "et", *args, "-o", str(out)]) == 2
    assert "Lapsed" in capsys.readouterr().err and not out.exists()
