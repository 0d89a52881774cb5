"""The session-end check of ``tests/conftest.py`` fails a run that leaves a gpg-agent or an
``asendusdoc-*`` folder behind, with pytest-xdist too (issue 23)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")

LEAVING = """
import os, subprocess, tempfile
from pathlib import Path

def test_leaves_{what}() -> None:
    home = Path(tempfile.gettempdir()) / f"asendusdoc-leak-{{os.getpid()}}"
    home.mkdir(mode=0o700)
    if "{what}" == "an_agent":
        subprocess.run(["gpg-connect-agent", "--homedir", str(home), "/bye"], check=True,
                       capture_output=True)  # the agent stays, its home too
"""


def _run(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ASENDUSDOC_TEST_RUN", "TMPDIR")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *options, str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(shutil.which("gpg-connect-agent") is None, reason="GnuPG is not installed")
@pytest.mark.parametrize("what", ["a_folder", "an_agent"])
@pytest.mark.parametrize("options", [(), ("-n", "2")], ids=["alone", "xdist"])
def test_a_run_that_leaves_something_behind_fails(
    tmp_path: Path, what: str, options: tuple[str, ...]
) -> None:
    if options and os.environ.get("CI") != "true" and shutil.which("pytest") is None:
        pytest.skip("pytest-xdist is not installed")
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / f"test_{what}.py").write_text(LEAVING.format(what=what))
    run = _run(tmp_path, *options)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "the suite left things behind" in run.stdout
    named = "gpg-agent" if what == "an_agent" else "asendusdoc-leak-"
    assert named in run.stdout


def test_a_run_that_cleans_up_passes(tmp_path: Path) -> None:
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_clean.py").write_text("def test_nothing() -> None:\n    pass\n")
    run = _run(tmp_path, "-n", "2")
    assert run.returncode == 0, run.stdout + run.stderr
