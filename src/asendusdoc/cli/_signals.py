"""SIGTERM, SIGINT and SIGHUP end a command cleanly: secrets and half-written files go first.

While a command runs, each of these signals raises :class:`Interrupted` where the program
is. It is a ``BaseException`` (like ``KeyboardInterrupt``), so no ``except Exception`` of a
job swallows it, and every ``finally`` on the way up runs: the temporary GnuPG home of a
signing is removed and its gpg-agent stopped (:mod:`asendusdoc.protect.openpgp`), a temporary output
file is removed (:mod:`asendusdoc.cli.output`). The command then exits with ``128 + signum``
(143 for SIGTERM, 130 for SIGINT, 129 for SIGHUP), as a shell reports a process ended by it.

Further signals are ignored once the first arrived, so the clean-up is not cut short. Worker
processes of ``render --jobs N`` install the same handlers (:func:`install`) and, once
interrupted, skip the jobs still queued for them (:func:`interrupted`).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = [
    "SIGNALS",
    "Interrupted",
    "exit_code",
    "handling",
    "install",
    "install_in_worker",
    "interrupted",
    "job_running",
    "received",
]

SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)

_received: list[int] = []
_worker = {"is_worker": False, "busy": False}


class Interrupted(BaseException):
    """A signal asked the program to stop; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_code(signum: int) -> int:
    """The exit code of a command ended by ``signum``: 128 + the signal's number."""
    return 128 + signum


def _stop(signum: int, frame: FrameType | None) -> None:
    for number in SIGNALS:
        signal.signal(number, signal.SIG_IGN)  # let the clean-up finish
    _received.append(signum)
    if _worker["is_worker"] and not _worker["busy"]:
        os._exit(exit_code(signum))  # an idle worker holds nothing to clean up
    raise Interrupted(signum)


def install() -> None:
    """Let the signals raise :class:`Interrupted` (main thread only; also a pool initializer)."""
    for number in SIGNALS:
        signal.signal(number, _stop)


def install_in_worker() -> None:
    """:func:`install` for a worker process of a pool (its initializer)."""
    _worker["is_worker"] = True
    install()


@contextmanager
def job_running() -> Iterator[None]:
    """Mark a worker busy: a signal now raises :class:`Interrupted` so the job cleans up."""
    _worker["busy"] = True
    try:
        yield
    finally:
        _worker["busy"] = False


def interrupted() -> bool:
    """Whether this process has been asked to stop."""
    return bool(_received)


def received() -> int | None:
    """The first signal that asked this process to stop, if one did."""
    return _received[0] if _received else None


@contextmanager
def handling() -> Iterator[None]:
    """Install the handlers for the duration of a command, then restore the previous ones."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {number: signal.getsignal(number) for number in SIGNALS}
    _received.clear()
    install()
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
