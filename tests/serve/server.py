"""The real service for the tests: ``asendusdoc serve`` in a subprocess on 127.0.0.1.

:func:`running` starts it with a keys file (one key for everything, one for ``validate``
only) and the given configuration, waits until ``/ready`` answers, and on leaving stops it
with SIGTERM and checks that it exited 0 and left no process and no temporary file behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ALL_KEY = "koik-tohib-7c1f0e"  # fictional test keys
VALIDATE_KEY = "ainult-kontroll-2b9d"
AUTH = {"Authorization": f"Bearer {ALL_KEY}"}
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@dataclass
class Server:
    """A running service: its address, process, log file and temporary folder."""

    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    temp: Path

    def client(self, **options: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **options)  # type: ignore[arg-type]

    def log_text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def descendants(self) -> set[int]:
        """The process ids of every process the server started (fork server, workers, gpg)."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                children.setdefault(int(fields[1]), []).append(int(entry.name))
        found: set[int] = set()
        stack = [self.process.pid]
        while stack:
            for child in children.get(stack.pop(), []):
                found.add(child)
                stack.append(child)
        return found

    def workers(self) -> set[int]:
        """The worker processes (children of the fork server, itself the server's child)."""
        direct = {pid for pid in self.descendants() if _parent(pid) == self.process.pid}
        return {pid for pid in self.descendants() if _parent(pid) in direct}

    def wait_ready(self, timeout: float = 60) -> None:
        self.wait_ready_with(httpx.Client(base_url=self.url), timeout)

    def wait_ready_with(self, client: httpx.Client, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the server ended:\n" + self.log_text())
            try:
                if client.get("/ready", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not get ready:\n" + self.log_text())

    def stop(self) -> int:
        """SIGTERM, then the exit code (killed after 60 s: the test then fails)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return -9


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def keys_toml() -> str:
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    return (
        f'[[keys]]\nname = "kõik"\nsha256 = "{digest(ALL_KEY)}"\n'
        'operations = ["forms", "blank", "validate", "documents", "extract", "check", "suggest"]\n'
        f'[[keys]]\nname = "kontroll"\nsha256 = "{digest(VALIDATE_KEY)}"\n'
        'operations = ["validate"]\n'
    )


@contextmanager
def running(folder: Path, config: str = "", *arguments: str, workers: int = 2) -> Iterator[Server]:
    """The service with the two test keys and ``config`` (TOML), stopped and checked after."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keys.toml").write_text(keys_toml(), "utf-8")
    (folder / "config.toml").write_text(config, "utf-8")
    temp = Path(tempfile.mkdtemp(prefix="serve-"))  # short: the fork server's socket is in it
    log = folder / "server.log"
    port = free_port()
    env = {**os.environ, "TMPDIR": str(temp), "LANG": "C.UTF-8"}
    env.pop("ASENDUSDOC_SERVE_KEY", None)
    command = [
        sys.executable,
        "-m",
        "asendusdoc",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--keys",
        str(folder / "keys.toml"),
        "--config",
        str(folder / "config.toml"),
        *arguments,
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    scheme = "https" if "--tls-cert" in arguments else "http"
    server = Server(f"{scheme}://127.0.0.1:{port}", port, process, log, temp)
    try:
        if scheme == "http":
            server.wait_ready()
        yield server
    finally:
        started = server.descendants()
        code = server.stop()
        left = list(temp.iterdir())
        shutil.rmtree(temp)  # whatever the checks below say
        assert code == 0, server.log_text()
        assert not _still_running(started), "processes left behind"
        assert not left, "temporary files left behind"


def _still_running(pids: set[int], wait: float = 5) -> set[int]:
    deadline = time.monotonic() + wait
    while True:
        alive = {pid for pid in pids if _alive(pid)}
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
