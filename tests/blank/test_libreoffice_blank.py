"""A blank saved by LibreOffice reads back the same: what a caseworker who fills it there gets.

LibreOffice keeps the content controls' text, drop-downs and dates and the bookmarks, but drops
the controls' tags (and the alias of drop-downs and dates): the reader relies on bookmarks and
table positions only. All blanks go through one ``soffice --convert-to docx`` call, and once
more through ``--convert-to odt`` (LibreOffice's own format, read as well: issue 26).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from asendusdoc.blank import make_blank, read_blank
from asendusdoc.examples import example_data
from tests.blank.test_blank import CASES, FORM_IDS, LANGS
from tests.system_tools import require_tool


def through_libreoffice(
    files: dict[str, bytes], folder: Path, to: str = "docx"
) -> dict[str, bytes]:
    """Each DOCX opened and saved again by LibreOffice as ``to`` (docx, odt), in one call; by
    the name it had."""
    source = folder / "in"
    target = folder / "out"
    source.mkdir()
    for name, data in files.items():
        (source / name).write_bytes(data)
    profile = (folder / "profile").as_uri()
    soffice = require_tool("soffice")
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
               to, "--outdir", str(target), *(str(source / n) for n in files)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return {name: (target / Path(name).with_suffix(f".{to}")).read_bytes() for name in files}


@pytest.fixture(scope="module", params=["docx", "odt"])
def saved_by_libreoffice(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    """Every form's blank, prefilled and empty, saved by LibreOffice as Word and as its own
    OpenDocument (``.odt``, what "Save As" keeps unless the type is changed: issue 26)."""
    files = {}
    for form_id in FORM_IDS:
        for lang in LANGS:
            files[f"{form_id}-{lang}.docx"] = make_blank(form_id, lang, example_data(form_id))
            files[f"empty-{form_id}-{lang}.docx"] = make_blank(form_id, lang)
    return through_libreoffice(files, tmp_path_factory.mktemp("blanks"), to=request.param)


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_a_blank_saved_by_libreoffice_reads_back_as_the_example(
    saved_by_libreoffice: dict[str, bytes], form_id: str, lang: str
) -> None:
    reading = read_blank(saved_by_libreoffice[f"{form_id}-{lang}.docx"])
    assert reading.data == example_data(form_id)
    assert reading.problems == ()


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_an_empty_blank_saved_by_libreoffice_stays_empty(
    saved_by_libreoffice: dict[str, bytes], form_id: str, lang: str
) -> None:
    """Placeholders ("Valige…", "pp.kk.aaaa") become plain text in a .docx LibreOffice saves,
    and stay placeholders in an .odt: still empty."""
    saved = read_blank(saved_by_libreoffice[f"empty-{form_id}-{lang}.docx"]).data
    assert saved == read_blank(make_blank(form_id, lang)).data


def filled_in_libreoffice(folder: Path, saved_as: str, *typed: str) -> bytes:
    """A family-support-referral blank (et) filled through LibreOffice's own API (python UNO):
    tools/fill_blank_in_libreoffice.py types into it, adds a table row and saves it as
    ``saved_as`` says (.docx or .odt); each of ``typed`` (``f_field=text``, ``t_table:C=text``)
    is typed too."""
    require_tool("soffice")
    system_python = Path("/usr/bin/python3")
    has_uno = (
        system_python.exists()
        and subprocess.run([str(system_python), "-c", "import uno"], capture_output=True).returncode
        == 0
    )
    if not has_uno:
        if os.environ.get("CI") == "true":  # CI installs it (.ci/run): never skipped there
            pytest.fail("LibreOffice's python (python3-uno) is missing in CI")
        pytest.skip("LibreOffice's python (python3-uno) is not installed")
    blank, filled = folder / "blank.docx", folder / saved_as
    blank.write_bytes(make_blank("family-support-referral", "et"))
    script = Path(__file__).resolve().parents[2] / "tools" / "fill_blank_in_libreoffice.py"
    command = [str(system_python), str(script), str(blank), str(filled), str(folder / "p"), *typed]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return filled.read_bytes()


def test_a_blank_filled_by_hand_in_libreoffice_reads_back(tmp_path: Path) -> None:
    """LibreOffice's own API types into the blank, adds a table row and saves it (python UNO)."""
    filled = filled_in_libreoffice(tmp_path, "filled.docx")
    data = read_blank(filled).data
    assert data["case_reference"] == "NARVA-LK-2026-101"
    assert data["document_date"] == "2026-12-02"
    assert data["family_type"] == "foster-family"
    assert data["service_type"] == "adaptation"
    assert data["previous_service"] is False
    assert data["justification"] == "Pere vajab tuge kohanemisel.\nLaps tuli perre novembris."
    assert data["family"]["caregivers"] == [
        {"given_name": "Anna", "family_name": "Tamm", "role": "foster-parent"}
    ]
    # the row added at the end has plain cells, no controls: read all the same
    assert data["family"]["children"] == [
        {"given_name": "Mia", "family_name": "Tamm", "birth_date": "2019-03-14"}
    ]
