"""The worker processes of ``render --out-dir DIR --jobs N``: fast to start, gone with their parent.

* **Start**: the main process imports what every job needs (pydantic, the form package, the
  renderers, the fonts) before the workers are forked, so they share it instead of each
  importing it again; a form's model is built by the first job of that form in each worker.
* **End with the parent, whatever the signal**: each worker asks the kernel for SIGTERM when its
  parent dies (``PR_SET_PDEATHSIG`` through ctypes on Linux), and a thread of its own watches
  the parent's id (sending SIGTERM where the kernel could not be asked). SIGTERM ends a worker
  as it ends the CLI (:mod:`asendusdoc.cli._signals`): the job in hand cleans up (its GnuPG
  home and agent, its unwritten output) and the worker exits, so nothing is written after the
  main process is gone, even when it was killed by SIGKILL. Should the signal's exception be
  swallowed on the way (a library's bare ``except:``), the watching thread ends the worker after
  a grace of a few seconds.
* **A killed worker** (the out-of-memory killer, a signal) breaks the pool. The jobs whose
  outcome came back keep it; a job whose output file changed during the batch was written by a
  worker before the pool broke and counts as done (never run again into a false "exists");
  every other job runs again here, one by one. Each file gets one outcome, in order.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from asendusdoc.cli import _signals
from asendusdoc.cli._common import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


class Job(Protocol):
    """What the pool needs of a job: the file it writes, and its format."""

    @property
    def output(self) -> Path: ...

    @property
    def fmt(self) -> str: ...


J = TypeVar("J", bound=Job)
O = TypeVar("O")  # noqa: E741

__all__ = ["outcomes", "processors"]

_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal a process gets when its parent ends (Linux)."""

Stamp = tuple[int, int, int] | None
"""An output file's inode, modification time and size before the batch (None: no file)."""


def processors() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def outcomes(
    jobs: Sequence[J], workers: int, run: Callable[[J], O], ended: Callable[[J, int], O]
) -> Iterator[O]:
    """The outcome of every job, in order, from ``workers`` worker processes.

    ``run`` does a job in a worker (a module-level function: it is sent by name); ``ended``
    makes the outcome of a job that ended without ``run``'s answer, with its exit code.
    """
    from concurrent.futures.process import BrokenProcessPool

    _warm_up(jobs)
    before = [_stamp(job) for job in jobs]
    pool = _pool(workers)
    try:
        futures = [pool.submit(_run_in_worker, run, ended, job) for job in jobs]
        broken = False
        for job, future, stamp in zip(jobs, futures, before, strict=True):
            try:
                outcome = _result(future) if not broken else _result_or_none(future)
            except BrokenProcessPool:
                outcome = None
            if outcome is None:
                if not broken:
                    pool.shutdown(wait=True)  # the other workers have stopped writing
                    broken = True
                outcome = _recovered(job, stamp, run, ended)
            yield outcome
    except BaseException:  # a signal: stop the workers, each cleans up after itself
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with suppress(OSError):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _result(future: Future[O]) -> O:
    return future.result()


def _result_or_none(future: Future[O]) -> O | None:
    """A job's outcome if its worker sent it back before the pool broke."""
    if future.done() and not future.cancelled() and future.exception() is None:
        return future.result()
    return None


def _recovered(job: J, stamp: Stamp, run: Callable[[J], O], ended: Callable[[J, int], O]) -> O:
    """A job whose worker did not answer: done if its output was written during the batch,
    else run here."""
    now = _stamp(job)
    if now is not None and now != stamp:
        return ended(job, EXIT_OK)
    return run(job)


def _stamp(job: Job) -> Stamp:
    try:
        status = os.stat(job.output)
    except OSError:
        return None
    return status.st_ino, status.st_mtime_ns, status.st_size


def _warm_up(jobs: Sequence[Job]) -> None:
    """Import in the main process what every job needs, so the forked workers share it."""
    from importlib import import_module

    for module in ("asendusdoc.problems.messages", "asendusdoc.product", "asendusdoc.read.loading"):
        import_module(module)
    if any(job.fmt == "pdf" for job in jobs):
        from asendusdoc.render import pdf

        pdf.warm_up()  # fonts and styles


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def _start_worker(parent: int) -> None:
    """A worker's first act: the CLI's signal handling, and SIGTERM when ``parent`` ends."""
    _signals.install_in_worker()
    _term_when_parent_ends()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _term_when_parent_ends() -> bool:
    """Ask Linux for SIGTERM when the parent process ends; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


_GRACE_SECONDS = 5.0
"""How long a worker whose parent ended may take to clean up after SIGTERM."""


def _watch_parent(parent: int) -> None:
    """Once ``parent`` has ended: SIGTERM (where the kernel was not asked to send it), and
    after a grace for the clean-up, the end, even if a library swallowed the signal's
    exception or the worker sits in a call that no signal interrupts."""
    while os.getppid() == parent:
        time.sleep(0.2)
    with suppress(OSError):
        os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(_GRACE_SECONDS)
    os._exit(_signals.exit_code(signal.SIGTERM))


def _run_in_worker(run: Callable[[J], O], ended: Callable[[J, int], O], job: J) -> O:
    """``run(job)`` in a worker; once the worker is asked to stop, the job in hand cleans up
    and the worker exits (its parent may be gone: nobody would take another job's outcome),
    and a job still queued is skipped."""
    if _signals.interrupted():
        return ended(job, EXIT_USAGE)
    try:
        with _signals.job_running():
            outcome = run(job)
    except _signals.Interrupted as exc:
        os._exit(_signals.exit_code(exc.signum))
    signum = _signals.received()
    if signum is not None:  # a library's bare ``except:`` swallowed it: the job finished anyway
        os._exit(_signals.exit_code(signum))
    return outcome
