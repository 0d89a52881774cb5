"""The whole suite leaves nothing behind: no gpg-agent it started, no ``asendusdoc-*`` folder.

At the start of the run (in the controller, before pytest-xdist starts its workers) the suite
gets a temporary folder of its own: ``TMPDIR`` (and :mod:`tempfile`) point there for every
worker and every process a test starts, and a marker in the environment names the run. At the
end of the run (in the controller, after every worker has finished) two things are checked:

* no gpg-agent of this run is still running: an agent that carries the run's marker in its
  environment, or whose command line names the run's folder (what a GnuPG home of the library,
  of a fixture or of a guide's command starts);
* no ``asendusdoc-*`` folder is left in the run's folder (GnuPG homes hold secret keys).

Either fails the run (exit status 1) and is named; the agents are then stopped and the folder
removed, so that a failed run does not litter the machine either.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

MARKER = "ASENDUSDOC_TEST_RUN"
"""The environment variable naming the run (inherited by every process a test starts)."""


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    if _is_worker(session.config) or MARKER in os.environ:
        return  # a worker (or a nested run) uses the controller's folder and marker
    base = "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()  # short: agent sockets
    folder = Path(tempfile.mkdtemp(prefix="adt-", dir=os.path.realpath(base)))
    os.environ[MARKER] = folder.name
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = str(folder)
    session.config.stash[_FOLDER] = folder


_FOLDER = pytest.StashKey[Path]()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = session.config.stash.get(_FOLDER, None)
    if folder is None:
        return
    agents = run_agents(folder.name, folder)
    folders = sorted(path.name for path in folder.glob("asendusdoc-*"))
    for pid in agents:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    shutil.rmtree(folder, ignore_errors=True)
    if agents or folders:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [f"gpg-agent {pid} of this run is still running" for pid in agents]
        lines += [f"{name} was left in the temporary folder" for name in folders]
        if reporter is not None:
            reporter.write_sep("=", "the suite left things behind", red=True)
            for line in lines:
                reporter.write_line(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def run_agents(marker: str, folder: Path) -> list[int]:
    """The pids of the gpg-agents this run started (by its marker or its folder)."""
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "gpg-agent":
                continue
            environ = (entry / "environ").read_bytes().split(b"\0")
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if f"{MARKER}={marker}".encode() in environ or str(folder).encode() in cmdline:
            found.append(int(entry.name))
    return found
