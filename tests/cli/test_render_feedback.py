"""``render`` tells what it wrote, ``--quiet`` silences it, a batch shows progress on a terminal,
and ``--out-dir`` is made when missing (issue 26, stumbles 10 and 13).

The caseworker's stumbles: ``render`` printed nothing on success while ``blank`` and ``extract``
confirm; a 40-file batch showed only its summary at the end; ``--out-dir NEW`` was refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_render_cli import INVALID, example, run


@pytest.mark.parametrize(
    ("lang", "fmt", "expected"),
    [
        ("et", "pdf", ": kirjutatud (PDF, 2 lehekülge)"),
        ("ru", "pdf", ": записан (PDF, 3 страницы)"),
        ("en", "docx", ": written (DOCX)"),
    ],
)
def test_render_says_which_file_it_wrote_and_its_pages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, fmt: str, expected: str
) -> None:
    out = tmp_path / f"closure.{fmt}"
    code, stdout, stderr = run(capsys, "render", example("closure"), "-o", out, "--lang", lang)
    assert code == 0
    assert f"{out}{expected}" in stdout + stderr


def test_a_password_protected_pdf_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    password = tmp_path / "parool.txt"
    password.write_text("väga-salajane-parool-42\n", "utf-8")
    out = tmp_path / "closure.pdf"
    code, _out, stderr = run(
        capsys, "render", example("closure"), "-o", out, "--password-file", password, "--lang", "en"
    )
    assert code == 0, stderr
    assert f"{out}: written (PDF, 2 pages, opens with a password)" in stderr


def test_quiet_says_nothing_on_success_but_still_names_a_bad_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, stdout, stderr = run(
        capsys, "render", example("closure"), "-o", tmp_path / "a.pdf", "--quiet"
    )
    assert (code, stdout, stderr) == (0, "", "")
    out_dir = tmp_path / "out"
    code, stdout, stderr = run(
        capsys, "render", example("closure"), INVALID, "--out-dir", out_dir, "-q", "--lang", "en"
    )
    assert code == 1
    assert INVALID.name in stdout + stderr
    assert "1 of 2 document(s) rendered, 1 failed" in stderr
    assert "written" not in stdout + stderr


def test_a_batch_names_each_file_as_it_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    forms = [example(name) for name in ("closure", "progress-report", "action-plan")]
    code, _out, stderr = run(capsys, "render", *forms, "--out-dir", tmp_path, "--lang", "en")
    assert code == 0
    for form in forms:
        assert f"{tmp_path / (form.stem + '.pdf')}: written (PDF, " in stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is a POSIX thing")
def test_a_long_batch_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    inputs = tmp_path / "in"
    inputs.mkdir()
    for index in range(12):
        shutil.copy(example("closure"), inputs / f"vorm-{index:02d}.json")
    primary, secondary = pty.openpty()  # standard error is a terminal, as in a console
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    command = [sys.executable, "-m", "asendusdoc", "render", *sorted(map(str, inputs.iterdir())),
               "--out-dir", str(tmp_path / "out"), "--lang", "en"]  # fmt: skip
    process = subprocess.Popen(command, stderr=secondary, stdout=subprocess.DEVNULL)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert process.wait(timeout=120) == 0
    text = shown.decode("utf-8", "replace")
    assert "12/12" in text  # tqdm's bar counted the files
    assert text.count(": written (PDF, 2 pages)") == 12
    assert "12 of 12 document(s) rendered, 0 failed" in text


def test_out_dir_is_made_when_it_does_not_exist_yet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "uus" / "kaust"
    code, _out, stderr = run(capsys, "render", example("closure"), "--out-dir", out_dir)
    assert code == 0, stderr
    assert (out_dir / "closure.pdf").is_file()


def test_out_dir_that_is_a_file_is_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    in_the_way = tmp_path / "väljund"
    in_the_way.write_text("not a folder", "utf-8")
    code, _out, stderr = run(
        capsys, "render", example("closure"), "--out-dir", in_the_way, "--lang", "en"
    )
    assert code == 2
    assert f"{in_the_way} exists and is not a folder" in stderr
    assert in_the_way.read_text("utf-8") == "not a folder"
    assert sorted(tmp_path.iterdir()) == [in_the_way]
