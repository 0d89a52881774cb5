"""The private GnuPG homes of :mod:`asendusdoc.protect.openpgp`: where they go, and that none
outlives its call — not its gpg-agent, not a gpg still running when a signal cut the call
short, not a home left by a run that was killed outright (SIGKILL, power loss), which the next
call removes.

A home holds the signer's secret key while it exists, so this is housekeeping of secrets; it
reads ``/proc`` (Linux) to find gpg processes, never a user's file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import suppress
from pathlib import Path

__all__ = [
    "HOME_PREFIX",
    "home_base",
    "kill_gpg_processes",
    "remove_stale_homes",
    "stop_gpg_daemons",
]

HOME_PREFIX = "asendusdoc-gpg-"
"""A home is ``asendusdoc-gpg-<pid>-<random>``: the pid tells whether its run still lives."""


def stop_gpg_daemons(gpg_binary: str, home: str) -> None:
    """Stop the gpg-agent started for ``home`` so no process or socket outlives the folder."""
    gpgconf = Path(gpg_binary).with_name("gpgconf")
    program = str(gpgconf) if gpgconf.exists() else shutil.which("gpgconf")
    if program is None:
        return
    with suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [program, "--homedir", home, "--kill", "all"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=False,
        )


def home_base() -> str | None:
    """Where the private GnuPG homes go: the temp folder, if its path is short enough for
    gpg-agent's socket (~107 bytes; a long ``$TMPDIR`` on macOS is not), else ``/tmp``."""
    base = tempfile.gettempdir()
    if len(base) <= 60:
        return base
    return "/tmp" if os.path.isdir("/tmp") else None


def remove_stale_homes(gpg_binary: str, base: str | None) -> None:
    """Remove homes a killed run (SIGKILL, power loss) left behind: the process named in the
    folder's name no longer exists. Only our own folders are touched."""
    folder = Path(base or tempfile.gettempdir())
    with suppress(OSError):
        for home in folder.glob(f"{HOME_PREFIX}*-*"):
            pid = home.name[len(HOME_PREFIX) :].split("-", 1)[0]
            if not pid.isdigit() or _process_exists(int(pid)):
                continue
            if home.is_dir() and not home.is_symlink() and _owned(home):
                stop_gpg_daemons(gpg_binary, str(home))
                shutil.rmtree(home, ignore_errors=True)


def _owned(path: Path) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or path.stat().st_uid == getuid()


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but another user's
    return True


def kill_gpg_processes(home: str) -> None:
    """Stop any gpg still working in ``home`` (left running when a signal cut a call short)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return
    marker = home.encode()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with suppress(OSError):
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            if marker in arguments:
                os.kill(int(entry.name), 15)
