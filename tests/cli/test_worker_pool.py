"""``render --out-dir --jobs N``: the workers end with their main process whatever the signal,
a killed worker's forms are rendered once (never reported as "exists" by the recovery), and
``--jobs`` stays within its range and the processors (issue 23 item 6).

The attacks run the real command in a child process of its own session and send the signals;
whatever is left running is killed afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, ClassVar

import pytest

from asendusdoc.cli import main

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds workers in /proc")


def forms(folder: Path, count: int) -> list[str]:
    """``count`` copies of the example referral in ``folder``, by their names."""
    data = json.loads(REFERRAL.read_text("utf-8"))
    names = []
    for index in range(count):
        name = f"form-{index:03d}.json"
        (folder / name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        names.append(name)
    return names


def children(pid: int) -> list[int]:
    """The running processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            status = _status(int(entry.name))
            if status.get("PPid") == str(pid) and not status.get("State", "").startswith("Z"):
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting for its reaper does not)."""
    state = _status(pid).get("State", "Z")
    return not state.startswith(("Z", "X"))


def _status(pid: int) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.fixture
def session() -> Iterator[list[subprocess.Popen[str]]]:
    """Started commands; each one's whole session is killed afterwards."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _render(
    session: list[subprocess.Popen[str]], folder: Path, names: list[str], *extra: str
) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "asendusdoc", "render", *names, "--out-dir", "out",
        "--jobs", "2", "--lang", "en", *extra,
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    session.append(process)
    return process


def test_the_workers_end_when_the_main_process_is_killed(
    tmp_path: Path, session: list[subprocess.Popen[str]]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    process = _render(session, tmp_path, forms(tmp_path, 60))
    wait_for(lambda: len(list(out.iterdir())) >= 2, 50, "no output within 50 s")
    workers = children(process.pid)
    assert workers, "no worker processes"
    process.kill()  # SIGKILL: the main process cannot tell its workers anything
    process.wait(timeout=10)
    written = len(list(out.iterdir()))
    wait_for(lambda: not any(map(running, workers)), 20, "workers outlived their parent")
    # at most the forms being written at that moment are finished; nothing starts afterwards
    assert len(list(out.iterdir())) <= written + len(workers)


def test_a_killed_worker_s_forms_are_rendered_once_and_never_reported_as_existing(
    tmp_path: Path, session: list[subprocess.Popen[str]]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    names = forms(tmp_path, 40)
    process = _render(session, tmp_path, names)
    wait_for(lambda: len(list(out.iterdir())) >= 4, 50, "no output within 50 s")
    os.kill(children(process.pid)[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=50)
    assert "exists" not in stderr
    assert "Traceback" not in stderr
    assert process.returncode == 0, stderr
    assert sorted(path.name for path in out.iterdir()) == sorted(
        name.replace(".json", ".pdf") for name in names
    )


@pytest.mark.parametrize("value", ["100000000000000000000", "0", "-2", "1.5", "many"])
def test_jobs_out_of_range_is_a_usage_error_naming_the_range(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["render", str(REFERRAL), "--out-dir", str(tmp_path), "--jobs", value, "--lang", "en"]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    assert "--jobs" in err and "1 to 1024" in err, err
    assert list(tmp_path.iterdir()) == []


class _RecordingPool:
    """Stands for the process pool: records how many workers were asked for, runs in here."""

    asked: ClassVar[list[int]] = []

    def __init__(self, max_workers: int, **kwargs: Any) -> None:
        self.asked.append(max_workers)

    def submit(self, function: Any, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(function(*args))
        return future

    def map(self, function: Any, *iterables: Any, chunksize: int = 1) -> Iterator[Any]:
        return map(function, *iterables)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass


def test_jobs_beyond_the_processors_are_capped_and_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    processors = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _RecordingPool)
    monkeypatch.setattr(_RecordingPool, "asked", [])
    names = forms(tmp_path, 3)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    code = main(["render", *names, "--out-dir", "out", "--jobs", "1000", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert all(asked <= processors for asked in _RecordingPool.asked), _RecordingPool.asked
    assert err.count("1000") == 1, err  # said once, not per form
    assert len(list((tmp_path / "out").iterdir())) == 3
