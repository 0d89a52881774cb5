"""A file in the way is refused in one sentence by every command that writes files."""

from __future__ import annotations

from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.render import render_pdf

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"
REFUSAL = {
    "en": "{path} already exists. Choose another name or allow overwriting (--force).",
    "et": "{path} on juba olemas. Valige teine nimi või lubage ülekirjutamine (--force).",
}


def _argv(command: str, document: Path, folder: Path) -> list[str]:
    out = str(folder / "x")
    return {
        "render": ["render", str(REFERRAL), "-o", out],
        "encrypt": ["encrypt", str(document), "-o", out, "--cdoc-to", "SKA.cer"],
        "extract": ["extract", str(document), "-o", out],
        "extract --out-dir": ["extract", str(document), "--out-dir", str(folder)],
        "blank": ["blank", "family-support-referral", "-o", out],  # a blank is et or ru
    }[command]


@pytest.mark.parametrize("command", ["render", "encrypt", "extract", "extract --out-dir", "blank"])
def test_every_command_refuses_a_file_in_the_way_with_the_same_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    document = tmp_path / "suunamine.pdf"
    document.write_bytes(render_pdf(REFERRAL, "et"))
    folder = tmp_path / "out"
    folder.mkdir()
    lang = "et" if command == "blank" else "en"
    argv = [*_argv(command, document, folder), "--lang", lang]
    if command == "extract --out-dir":
        assert main(argv) == 0  # the first time it writes; its file's name is the command's
        (out,) = folder.iterdir()
    else:
        out = folder / "x"
    out.write_bytes(b"someone else's file")
    capsys.readouterr()
    assert main(argv) == 2
    assert REFUSAL[lang].format(path=out) in capsys.readouterr().err
    assert out.read_bytes() == b"someone else's file"
