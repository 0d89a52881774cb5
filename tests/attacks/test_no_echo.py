"""Nothing typed is echoed: an unknown key is named by its position, no control character from
a file reaches the terminal, and library warnings (pypdf quoting the PDF, pyhanko's deprecation
warning) go nowhere a user sees them (issue 23)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from asendusdoc.problems.messages import describe_problem
from asendusdoc.read.loading import validate_form
from tests.attacks.limits import cli, library
from tests.attacks.pdfs import pdf

PERSONAL_CODE = "38001010001"
FORGED = "\x1b[2K\r\x1b[32mclosure.json: valid\x1b[0m \u202e"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _with_unknown_keys() -> dict[str, object]:
    data = example_data("family-support-referral")
    data[f"isikukood {PERSONAL_CODE}{FORGED}"] = "x"
    data["family"]["children"][0][f"{PERSONAL_CODE} Mari"] = 1
    return data


@pytest.mark.parametrize("command", ["validate", "render"])
@pytest.mark.parametrize("lang", ["et", "ru", "en"])
def test_an_unknown_key_is_named_by_its_position_never_as_typed(
    tmp_path: Path, command: str, lang: str
) -> None:
    form = tmp_path / "suunamine.json"
    form.write_text(json.dumps(_with_unknown_keys()))
    extra = ["-o", tmp_path / "out.pdf"] if command == "render" else []
    run = cli(command, form, *extra, lang=lang)
    assert run.returncode == 1, run.stderr
    shown = run.stdout + run.stderr
    assert PERSONAL_CODE not in shown and "Mari" not in shown
    assert not CONTROL.search(shown.replace("\r", ""))
    child = {"et": "Pere, 1. laps", "ru": "Семья, ребёнок 1", "en": "Family, child 1"}[lang]
    assert child in shown


def test_the_library_names_an_unknown_key_by_its_position() -> None:
    problems = validate_form(_with_unknown_keys())
    said = [describe_problem(p, "family-support-referral", "en") for p in problems]
    assert "Family, child 1, an unknown field" in "\n".join(said)
    assert not any(PERSONAL_CODE in line or CONTROL.search(line) for line in said)


def test_validate_json_names_an_unknown_key_by_its_position(tmp_path: Path) -> None:
    form = tmp_path / "suunamine.json"
    form.write_text(json.dumps(_with_unknown_keys()))
    run = cli("validate", form, "--json")
    assert run.returncode == 1, run.stderr
    assert PERSONAL_CODE not in run.stdout and "Mari" not in run.stdout
    assert "\\u001b" not in run.stdout and "\\u202e" not in run.stdout  # not even escaped
    paths = sorted(problem["path"] for problem in json.loads(run.stdout))
    assert paths == ["(unknown field 1)", "family.children[0].(unknown field 1)"]


def test_the_library_error_of_a_form_echoes_no_typed_key() -> None:
    """``FormValidationError``'s text and problems, as an API user logs them."""
    code = """
import json, sys
import asendusdoc
try:
    asendusdoc.load_form(json.loads(sys.argv[1]))
except asendusdoc.FormValidationError as error:
    print(str(error))
    print(repr(error.problems))
    print(json.dumps([problem.as_dict() for problem in error.problems]))
"""
    run = library(code, json.dumps(_with_unknown_keys()))
    assert run.returncode == 0, run.stderr
    assert "2 problem(s)" in run.stdout
    assert PERSONAL_CODE not in run.stdout and "Mari" not in run.stdout
    assert "\\u001b" not in run.stdout and "\\x1b" not in run.stdout
    assert not CONTROL.search(run.stdout)
    assert "family.children[0].(unknown field 1)" in run.stdout


def test_a_file_name_from_a_case_folder_cannot_forge_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "01-suunamine.json").write_text(json.dumps(example_data("family-support-referral")))
    (tmp_path / f"02-{FORGED.replace('/', '')}.json").write_text("{")
    run = cli("check", tmp_path)
    assert run.returncode == 1, run.stderr
    assert not CONTROL.search((run.stdout + run.stderr).replace("\r", ""))
    assert "\r" not in run.stdout + run.stderr


def test_pypdf_never_quotes_the_pdf_on_the_terminal(tmp_path: Path) -> None:
    document = tmp_path / "saadetud.pdf"
    document.write_bytes(pdf(b"/AF [ << /AFRelationship /Data /Size 3.8.%s /N 3800-%s >> ]" % (
        PERSONAL_CODE.encode(), PERSONAL_CODE.encode())))  # fmt: skip
    for command in (["validate", document], ["extract", document], ["check", tmp_path]):
        run = cli(*command)
        assert run.returncode in (1, 2), run.stderr
        assert PERSONAL_CODE not in run.stderr + run.stdout
        assert "invalid; use" not in run.stderr  # pypdf's own words


@pytest.mark.parametrize("problems", [250, 5_000])
def test_a_person_is_shown_at_most_200_problems_of_a_form(tmp_path: Path, problems: int) -> None:
    data = example_data("closure")
    data.update({f"k{index:05d}": 0 for index in range(problems)})
    form = tmp_path / "lopetamine.json"
    form.write_text(json.dumps(data))
    for command in (["validate", form], ["render", form, "-o", tmp_path / "out.pdf"]):
        run = cli(*command)
        assert run.returncode == 1, run.stderr
        lines = (run.stdout + run.stderr).splitlines()
        assert len(lines) <= 203
        assert f"… and {problems - 200} more problems" in run.stdout + run.stderr
    run = cli("validate", form, "--json")
    assert len(json.loads(run.stdout)) == problems  # a program still gets every one


SEAL_THROUGH_PRODUCE = """
import sys, warnings
warnings.simplefilter("default")
from pathlib import Path
import asendusdoc
from asendusdoc.examples import example_data
from asendusdoc.protect import KeyData, Protection, Seal
key = KeyData(Path(sys.argv[1]).read_bytes(), "pitsat.p12")
seal = Seal(key, sys.argv[2].encode())
product = asendusdoc.produce(example_data("closure"), "et", "pdf", Protection(seal=seal))
assert product.data.startswith(b"%PDF")
"""


def test_a_seal_prints_no_library_warning(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.crypto.conftest import SEAL_PASSWORD, _pkcs12, make_certificate

    key = ec.generate_private_key(ec.SECP256R1())
    seal = make_certificate(tmp_path, "pitsat", key, key_usage="content_commitment")
    p12 = _pkcs12(tmp_path, "pitsat", seal, SEAL_PASSWORD)
    run = library(SEAL_THROUGH_PRODUCE, p12, SEAL_PASSWORD)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    form = tmp_path / "lopetamine.json"
    form.write_text(json.dumps(example_data("closure")))
    (tmp_path / "password").write_text(SEAL_PASSWORD)
    out = tmp_path / "lopetamine.pdf"
    seal_options = ["--seal-with", p12, "--seal-password-file", tmp_path / "password"]
    run = cli("render", form, "-o", out, *seal_options)
    assert run.returncode == 0, run.stderr
    assert "Warning" not in run.stderr and "deprecated" not in run.stderr
