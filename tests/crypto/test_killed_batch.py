"""A signing batch (``render --out-dir --jobs 2 --sign-with``) whose main process is killed
(SIGKILL) leaves no GnuPG home with the signing key and no gpg-agent: its workers end and clean
up (issue 23 item 6).

gpg is slowed down by a wrapper first on ``PATH`` (it sleeps before encrypting), so that the
main process is killed while both workers hold a GnuPG home.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import KeySet

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes in /proc")


def _slow_gpg(folder: Path) -> Path:
    real = shutil.which("gpg")
    assert real is not None
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    script = bin_dir / "gpg"
    script.write_text(
        "#!/bin/sh\n"
        'case " $* " in *" --encrypt "*)\n'
        f'  touch "{folder}/encrypting-$$"; sleep 40;;\n'
        "esac\n"
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return bin_dir


def _processes_naming(folder: Path) -> list[int]:
    """Running processes whose command line names something inside ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if str(folder).encode() in arguments and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A temp folder with a short path (gpg-agent's socket must fit); whatever still runs from
    it is killed and it is removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="kb"))
    try:
        yield folder
    finally:
        for pid in _processes_naming(folder):
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_killed_signing_batch_leaves_no_gnupg_home_and_no_agent(
    keys: KeySet, short_tmp: Path
) -> None:
    temp = short_tmp / "t"
    temp.mkdir()
    (short_tmp / "out").mkdir()
    data = REFERRAL.read_text("utf-8")
    names = [f"f{index}.json" for index in range(6)]
    for name in names:
        (short_tmp / name).write_text(json.dumps(json.loads(data)), "utf-8")
    env = {
        **os.environ,
        "PATH": f"{_slow_gpg(short_tmp)}{os.pathsep}{os.environ['PATH']}",
        "TMPDIR": str(temp),
    }
    command = [
        sys.executable, "-m", "asendusdoc", "render", *names, "--out-dir", "out",
        "--format", "pdf", "--encrypt-to", str(keys.good.public), "--sign-with",
        str(keys.good.secret), "--jobs", "2", "--lang", "en",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=short_tmp, env=env, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 50
        while len(list(short_tmp.glob("encrypting-*"))) < 2:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the workers never started encrypting"
            time.sleep(0.05)
        assert len(list(temp.glob("asendusdoc-gpg-*"))) == 2
        process.kill()  # SIGKILL: only the workers can clean up now
        process.wait(timeout=10)
        deadline = time.monotonic() + 30
        while list(temp.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(temp.iterdir()) == []  # no GnuPG home with the secret key is left
        time.sleep(0.5)
        assert [pid for pid in _processes_naming(temp)] == []  # no gpg-agent
        assert list((short_tmp / "out").iterdir()) == []
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
