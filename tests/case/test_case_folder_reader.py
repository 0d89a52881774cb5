"""One reader of case folders (issue 26, stumble 2): ``agenda`` took only ``*.json`` files and
said the folder had "no case folder", while ``check`` read the same folder of filled blanks and
rendered documents. A case kept as blanks and PDFs gives the same agenda as the case in JSON.
"""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from asendusdoc.blank import make_blank
from asendusdoc.cli import main
from asendusdoc.product import produce

CASES = Path(__file__).resolve().parents[2] / "examples" / "cases"
TODAY = "2026-11-22"


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue()


def as_documents(case: str, folder: Path) -> Path:
    """The case's forms as a caseworker keeps them: PDFs and filled blanks, no JSON."""
    folder.mkdir(parents=True)
    for index, path in enumerate(sorted((CASES / case).glob("*.json"))):
        data = json.loads(path.read_text("utf-8"))
        if index % 2:
            (folder / f"{path.stem}.pdf").write_bytes(produce(data, "et").data)
        else:
            blank = make_blank(data["form"], "et", data)  # a blank filled with the form
            (folder / f"{path.stem}.docx").write_bytes(blank)
    return folder


def comparable(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Agenda items without what names the folder and the files' endings."""
    return [
        item | {"case_dir": "", "forms": [Path(name).stem for name in item["forms"]]}
        for item in items
    ]


@pytest.mark.parametrize("case", ["viimsi-ok", "tartu-broken", "keila-adaptation-broken"])
def test_a_case_of_blanks_and_pdfs_gives_the_agenda_of_the_case_in_json(
    tmp_path: Path, case: str
) -> None:
    documents = as_documents(case, tmp_path / "documents" / case)
    as_json = tmp_path / "json" / case
    shutil.copytree(CASES / case, as_json)
    code_json, out_json = run("agenda", str(as_json), "--today", TODAY, "--json")
    code_docs, out_docs = run("agenda", str(documents), "--today", TODAY, "--json")
    assert code_docs == code_json
    expected = comparable(json.loads(out_json))
    assert expected, "the shipped case has deadlines on this day"
    assert comparable(json.loads(out_docs)) == expected


def test_check_agenda_and_needs_report_read_the_same_folder(tmp_path: Path) -> None:
    documents = as_documents("viimsi-ok", tmp_path / "cases" / "viimsi-ok")
    code, out = run("check", str(documents), "--today", TODAY, "--json")
    assert code == 0 and json.loads(out)["findings"]
    code, _out = run("agenda", str(tmp_path / "cases"), "--today", TODAY)
    assert code == 0
    feedback = tmp_path / "tagasiside"
    feedback.mkdir()
    shutil.copy(CASES.parent / "family-needs-feedback.json", feedback / "vorm.json")
    report = tmp_path / "aruanne.json"
    code, _out = run(
        "needs-report", str(feedback), "--cases", str(tmp_path / "cases"), "--format", "json",
        "-o", str(report),
    )  # fmt: skip
    assert code == 0
    assert json.loads(report.read_text("utf-8"))["cases"] == {"read": 4, "left_out": {}}
