"""A worker process of the service: takes jobs from its pipe until it is closed.

Interrupt and termination signals are ignored here: the service decides when its workers
stop (after the requests in flight are answered), and a worker whose service is gone finds
its pipe closed and exits.
"""

from __future__ import annotations

import signal
from multiprocessing.connection import Connection
from types import FrameType

__all__ = ["main"]


def main(connection: Connection) -> None:
    """Warm up, say so, then answer jobs until the pipe closes or ``None`` arrives."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, _ignore)  # not SIG_IGN: gpg, started from here, keeps its own
    from asendusdoc.serve import _jobs

    _jobs.warm_up()
    connection.send("ready")
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job, arguments = message
        try:
            connection.send(_jobs.run(job, arguments))
        except (BrokenPipeError, OSError):
            return


def _ignore(signum: int, frame: FrameType | None) -> None:
    """A signal the service, not the worker, acts on."""
