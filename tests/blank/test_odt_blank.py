"""A blank saved in LibreOffice's own format (issue 26, stumble 15).

"Save As" in LibreOffice keeps OpenDocument (``.odt``) unless the worker changes the type;
``validate`` said only "a zip archive but not a Word document". Now it says what the file is and
how to save it as Word (exit 2, the file is not read).
"""

from __future__ import annotations

import io
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from asendusdoc.blank import make_blank
from asendusdoc.cli import main
from asendusdoc.examples import example_data
from tests.render.test_libreoffice import _tool


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("et", ["OpenDocument", "Salvesta kui", "Word 2007-365 (.docx)"]),
        ("ru", ["OpenDocument", "Сохранить как", "Word 2007-365 (.docx)"]),
        ("en", ["OpenDocument", "Save As", "Word 2007-365 (.docx)"]),
    ],
)
def test_a_blank_saved_as_odt_says_what_it_is_and_how_to_save_it_as_word(
    tmp_path: Path, lang: str, says: list[str]
) -> None:
    blank = tmp_path / "plank.docx"
    blank.write_bytes(make_blank("closure", "et", example_data("closure")))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [_tool("soffice"), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         "odt", "--outdir", str(tmp_path), str(blank)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    saved = tmp_path / "plank.odt"
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["validate", str(saved), "--lang", lang])
    shown = out.getvalue() + err.getvalue()
    assert code == 2
    for words in says:
        assert words in shown, shown
    assert "Traceback" not in shown
