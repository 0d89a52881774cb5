"""``extract`` gives back the form a document carries; documents are accepted as form input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import asendusdoc
from asendusdoc.render import render_docx, render_pdf, render_pdf_bundle
from asendusdoc.render.embedding import form_data, form_json
from asendusdoc.testing import assert_valid_form
from tests.cli.test_render_cli import EXAMPLES, example, run

FORM_IDS = tuple(asendusdoc.FORM_MODELS)
PERSONAL_CODE = re.compile(r"(?<!\d)[1-6]\d{10}(?!\d)")


def _render(form_id: str, fmt: str, lang: str = "et") -> bytes:
    render = render_pdf if fmt == "pdf" else render_docx
    return render(example(form_id), lang)


def _canonical(form_id: str) -> bytes:
    return form_json(form_data(asendusdoc.load_form(example(form_id))))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_render_then_extract_gives_back_the_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, form_id: str, fmt: str
) -> None:
    document = tmp_path / f"document.{fmt}"
    code, _, err = run(capsys, "render", example(form_id), "--lang", "ru", "-o", document)
    assert code == 0, err
    out = tmp_path / "form.json"
    code, stdout, err = run(capsys, "extract", document, "-o", out, "--lang", "en")
    assert code == 0, err
    assert stdout == ""
    assert out.read_bytes() == _canonical(form_id)
    source = json.loads(example(form_id).read_text("utf-8"))
    extracted = json.loads(out.read_text("utf-8"))
    assert {key: extracted[key] for key in source} == source


def test_the_form_of_an_example_that_states_every_field_comes_back_byte_for_byte(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "closure.pdf").write_bytes(_render("closure", "pdf"))
    code, stdout, _ = run(capsys, "extract", tmp_path / "closure.pdf")
    assert code == 0
    assert stdout == example("closure").read_text("utf-8")  # to standard output without -o


def test_a_bundle_needs_out_dir_and_then_gives_each_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.pdf"
    bundle.write_bytes(render_pdf_bundle([example("support-plan"), example("closure")], "et"))
    code, stdout, err = run(capsys, "extract", bundle, "--lang", "en")
    assert code == 2 and stdout == ""
    assert "2 forms" in err and "--out-dir" in err
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(capsys, "extract", bundle, "--out-dir", out)
    assert code == 0, err
    plan, closure = "bundle-01-support-plan.json", "bundle-02-closure.json"
    assert sorted(p.name for p in out.iterdir()) == [plan, closure]
    assert (out / plan).read_bytes() == _canonical("support-plan")
    assert (out / closure).read_bytes() == _canonical("closure")
    (out / closure).write_text("mine")
    (out / plan).unlink()
    code, _, err = run(capsys, "extract", bundle, "--out-dir", out, "--lang", "en")
    assert code == 2 and "--force" in err
    assert sorted(p.name for p in out.iterdir()) == [closure]  # nothing written
    code, _, _ = run(capsys, "extract", bundle, "--out-dir", out, "--force")
    assert code == 0 and (out / closure).read_bytes() == _canonical("closure")


def test_a_bundle_as_form_input_is_refused_with_the_way_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.pdf"
    bundle.write_bytes(render_pdf_bundle([example("support-plan"), example("closure")], "et"))
    code, _, err = run(capsys, "validate", bundle, "--lang", "en")
    assert code == 2 and "extract" in err and "--out-dir" in err


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_document_without_data_gives_a_clear_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    document = tmp_path / f"plain.{fmt}"
    code, _, _ = run(capsys, "render", example("closure"), "-o", document, "--no-embedded-data")
    assert code == 0
    code, stdout, err = run(capsys, "extract", document, "--lang", "en")
    assert code == 2 and stdout == ""
    assert "not made by asendusdoc" in err or "carries no form" in err
    assert "Traceback" not in err


def test_extract_refuses_a_json_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "extract", example("closure"), "--lang", "en")
    assert code == 2 and "neither a PDF nor a Word" in err


def test_a_password_pdf_needs_its_password(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    password = tmp_path / "password.txt"
    password.write_text("Salajane-2026\n")
    document = tmp_path / "protected.pdf"
    code, _, err = run(
        capsys, "render", example("closure"), "-o", document, "--password-file", password
    )
    assert code == 0, err
    code, _, err = run(capsys, "extract", document, "--lang", "en")
    assert code == 2 and "--password-file" in err
    monkeypatch.setenv("WRONG_PASSWORD", "other")
    code, _, err = run(capsys, "extract", document, "--password-env", "WRONG_PASSWORD")
    assert code == 2
    code, stdout, err = run(capsys, "extract", document, "--password-file", password)
    assert code == 0, err
    assert stdout.encode() == _canonical("closure")
    code, _, err = run(capsys, "validate", document, "--lang", "en")
    assert code == 2 and "password" in err


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_validate_render_and_redact_take_a_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    referral = tmp_path / f"suunamine.{fmt}"
    referral.write_bytes(_render("family-support-referral", fmt, "ru"))
    code, stdout, _ = run(capsys, "validate", referral, "--lang", "et")
    assert code == 0 and "korras" in stdout
    again = tmp_path / "again.pdf"
    code, _, err = run(capsys, "render", referral, "--lang", "et", "-o", again)
    assert code == 0, err
    assert render_pdf(example("family-support-referral"), "et") == again.read_bytes()
    reduced = tmp_path / "provider.json"
    code, _, err = run(capsys, "redact", referral, "--for", "provider", "-o", reduced)
    assert code == 0, err
    codes = set(PERSONAL_CODE.findall(example("family-support-referral").read_text()))
    assert codes and not codes & set(PERSONAL_CODE.findall(reduced.read_text()))


def test_a_document_is_told_by_its_content_not_its_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    misnamed_pdf = tmp_path / "plan.json"
    misnamed_pdf.write_bytes(_render("support-plan", "pdf"))
    misnamed_docx = tmp_path / "plan.dat"
    misnamed_docx.write_bytes(_render("support-plan", "docx"))
    code, stdout, _ = run(capsys, "validate", misnamed_pdf, misnamed_docx, "--lang", "en")
    assert code == 0 and stdout.count(": valid") == 2


def test_check_reads_documents_and_prefers_the_json_of_the_same_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    case = tmp_path / "case"
    shutil.copytree(EXAMPLES / "cases" / "narva-ok", case)
    code, expected, _ = run(capsys, "check", case, "--today", "2026-10-01", "--json")
    for path in sorted(case.glob("0[2-4]-*.json")):
        fmt = "docx" if path.name.startswith("03") else "pdf"
        path.with_suffix(f".{fmt}").write_bytes(
            render_pdf(path, "et") if fmt == "pdf" else render_docx(path, "ru")
        )
        if not path.name.startswith("04"):
            path.unlink()  # 04 keeps its JSON: the PDF beside it is the same form
    code_again, findings, _ = run(capsys, "check", case, "--today", "2026-10-01", "--json")
    assert (code_again, _without_file_names(findings)) == (code, _without_file_names(expected))


def _without_file_names(text: str) -> object:
    result = json.loads(text)
    for finding in result["findings"]:
        finding.pop("forms", None)
        finding.pop("message", None)
    return result


def test_load_form_and_the_testing_kit_take_documents(tmp_path: Path) -> None:
    pdf = _render("closure", "pdf")
    docx = _render("closure", "docx")
    expected = asendusdoc.load_form(example("closure"))
    assert asendusdoc.load_form(pdf) == expected
    assert asendusdoc.load_form(docx) == expected
    (tmp_path / "closure.docx").write_bytes(docx)
    assert asendusdoc.load_form(tmp_path / "closure.docx") == expected
    assert asendusdoc.validate_form(pdf) == []
    assert_valid_form(pdf)
    assert_valid_form(tmp_path / "closure.docx")
    with pytest.raises(AssertionError, match="not a form"):
        assert_valid_form(render_pdf(example("closure"), "et", embedded_data=False))


def test_a_document_of_an_invalid_form_is_read_and_its_problems_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from asendusdoc.render.embedding.pdf import embed_in_pdf

    data = json.loads(example("closure").read_text())
    data["further_needs"] = " "
    envelope = {"asendusdoc": "0.1.0", "schema": "x/closure.schema.json", "form": data}
    pdf = embed_in_pdf(
        render_pdf(example("closure"), "et", embedded_data=False),
        [("closure.json", form_json(envelope))],
    )
    (tmp_path / "closure.pdf").write_bytes(pdf)
    code, stdout, _ = run(capsys, "validate", tmp_path / "closure.pdf", "--lang", "en")
    assert code == 1 and "problem" in stdout
    code, stdout, _ = run(capsys, "extract", tmp_path / "closure.pdf")
    assert code == 0 and json.loads(stdout) == data  # extract writes what is there


def test_a_filled_blank_comes_through_the_same_reader(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blank = tmp_path / "blank.docx"
    code, _, err = run(
        capsys, "blank", "support-plan", "--lang", "ru", "--prefill", example("support-plan"),
        "-o", blank,
    )  # fmt: skip
    assert code == 0, err
    expected = asendusdoc.load_form(example("support-plan"))
    assert asendusdoc.load_form(blank) == expected
    code, stdout, err = run(capsys, "extract", blank)
    assert code == 0, err
    assert asendusdoc.load_form(json.loads(stdout)) == expected
    code, _, err = run(capsys, "render", blank, "--lang", "et", "-o", tmp_path / "plan.pdf")
    assert code == 0, err
    assert (tmp_path / "plan.pdf").read_bytes() == render_pdf(expected, "et")
