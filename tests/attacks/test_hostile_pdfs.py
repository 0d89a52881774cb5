"""Malformed and oversized PDFs are input errors (exit 2), never internal errors, in the CLI and
through the library, within 2 GB and 60 s (issue 23)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from tests.attacks.limits import LIBRARY_INPUT_ERROR, cli, library
from tests.attacks.pdfs import data_stream, envelope, file_spec, pdf, unknown_keys_envelope

CLOSURE = envelope(example_data("closure"))

ATTACKS = {
    "af-item-not-a-dictionary": pdf(b"/AF [ 42 (text) ]"),
    "af-item-refers-to-a-number": pdf(b"/AF [ 3 0 R ]", b"42"),
    "ef-an-array": pdf(
        b"/AF [ 4 0 R ]",
        data_stream(CLOSURE),
        b"<< /Type /Filespec /AFRelationship /Data /EF [ 3 0 R ] >>",
    ),
    "ef-entry-not-a-stream": pdf(
        b"/AF [ 3 0 R ]", b"<< /Type /Filespec /AFRelationship /Data /EF << /F 7 >> >>"
    ),
    "af-nested-deeply": pdf(b"/AF " + b"[" * 20_000 + b"]" * 20_000),
    "af-dictionaries-nested-deeply": pdf(b"/AF [ " + b"<< /A " * 5_000 + b">> " * 5_000 + b"]"),
    "af-a-hundred-times-one-big-form": pdf(
        b"/AF [ " + b"4 0 R " * 100 + b"]",
        data_stream(unknown_keys_envelope(850_000)),
        file_spec(3),
    ),
    "af-a-hundred-forms-past-the-document-budget": pdf(
        b"/AF [ " + b" ".join(b"%d 0 R" % (4 + n) for n in range(100)) + b" ]",
        data_stream(unknown_keys_envelope(90_000)),  # under the values limit: the budget
        *(file_spec(3, b"f%d.json" % n) for n in range(100)),
    ),
}


@pytest.fixture(scope="module")
def attacks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdfs")
    for name, data in ATTACKS.items():
        (folder / f"{name}.pdf").write_bytes(data)
    return folder


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_hostile_pdf_is_an_input_error_in_the_cli(attacks: Path, attack: str) -> None:
    run = cli("validate", attacks / f"{attack}.pdf")
    assert run.returncode == 2, run.stderr
    assert f"{attack}.pdf" in run.stderr + run.stdout
    assert "Internal error" not in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_hostile_pdf_is_an_input_error_through_the_library(attacks: Path, attack: str) -> None:
    run = library(LIBRARY_INPUT_ERROR, attacks / f"{attack}.pdf")
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout.startswith("InputError")


def test_check_reports_the_other_forms_beside_a_malformed_pdf(tmp_path: Path) -> None:
    (tmp_path / "01-suunamine.json").write_text(json.dumps(example_data("family-support-referral")))
    (tmp_path / "02-hostile.pdf").write_bytes(ATTACKS["ef-an-array"])
    run = cli("check", tmp_path, "--json")
    assert run.returncode == 1, run.stderr  # findings, the unreadable file among them
    findings = json.loads(run.stdout)["findings"]
    named = {name for finding in findings for name in finding["forms"]}
    assert "02-hostile.pdf" in named
    assert json.loads(run.stdout)["case_reference"]  # the referral was read and checked
