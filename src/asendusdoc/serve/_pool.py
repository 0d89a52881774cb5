"""The worker processes that do the work, so that the event loop only moves bytes.

Each worker is a process of its own with a pipe to the service, started from a fork server
that has already imported the rendering stack (a new worker is ready in a moment). A request
takes an idle worker, or waits in a bounded queue; when the queue is full the service answers
503 with ``Retry-After`` (:class:`Busy`). A worker that dies (killed, out of memory, a crash
in a C library) fails only the request it was working on (:class:`WorkerLost`) and is
replaced; a request over its time limit has its worker killed and replaced too, so a runaway
render never holds a worker. Each worker is replaced after ``tasks_per_worker`` requests, so
the service's memory stays flat.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["Busy", "WorkerLost", "WorkerPool"]

_PRELOAD = ["asendusdoc.serve._jobs"]


class Busy(Exception):
    """Every worker is busy and the queue is full; ``retry_after`` in whole seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class WorkerLost(Exception):
    """The worker process ended while it worked on the request."""


@dataclass(eq=False)
class _Worker:
    process: Any
    connection: Connection
    tasks: int = 0


@dataclass
class _Durations:
    """The last durations of jobs, for ``Retry-After``."""

    recent: deque[float] = field(default_factory=lambda: deque(maxlen=50))

    def mean(self) -> float:
        return sum(self.recent) / len(self.recent) if self.recent else 1.0


class WorkerPool:
    """``size`` worker processes and a queue of at most ``queue`` waiting requests."""

    def __init__(self, size: int, queue: int, tasks_per_worker: int) -> None:
        self.size = size
        self.queue = queue
        self.tasks_per_worker = tasks_per_worker
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(_PRELOAD)
        self._threads = ThreadPoolExecutor(max_workers=size + 2, thread_name_prefix="worker-io")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._waiting = 0
        self._closing = False
        self._durations = _Durations()
        self._spawning: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Start the workers; returns when each is ready."""
        await asyncio.gather(*(self._add_worker() for _ in range(self.size)))

    def ready(self) -> bool:
        """Whether a request could be taken now: workers alive and room in the queue."""
        alive = any(worker.process.is_alive() for worker in self._workers)
        return not self._closing and alive and self._waiting < self.queue

    async def run(self, job: str, arguments: dict[str, Any]) -> Any:
        """Run ``job`` in a worker; its result. Raises :class:`Busy` or :class:`WorkerLost`.

        When the caller is cancelled (its time limit), the worker is killed and replaced.
        """
        if self._idle.empty() and self._waiting >= self.queue:
            raise Busy(self.retry_after())
        self._waiting += 1
        try:
            worker = await self._idle.get()
            while not worker.process.is_alive():  # died while idle: replaced, take the next
                self._replace(worker)
                worker = await self._idle.get()
        finally:
            self._waiting -= 1
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        call = loop.run_in_executor(self._threads, _call, worker.connection, (job, arguments))
        try:
            result = await asyncio.shield(call)
        except asyncio.CancelledError:
            call.add_done_callback(_forget)
            self._replace(worker)
            raise
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerLost() from None
        self._durations.recent.append(time.monotonic() - started)
        worker.tasks += 1
        if worker.tasks >= self.tasks_per_worker:
            self._replace(worker, kill=False)
        else:
            self._idle.put_nowait(worker)
        return result

    def retry_after(self) -> int:
        """Seconds until the queue has likely moved on."""
        return max(1, math.ceil(self._durations.mean() * (self._waiting + 1) / self.size))

    async def close(self) -> None:
        """Stop every worker (after the requests in flight are answered)."""
        self._closing = True
        for task in list(self._spawning):
            task.cancel()
        for worker in list(self._workers):
            self._retire(worker, kill=False)
        self._threads.shutdown(wait=False, cancel_futures=True)

    def _replace(self, worker: _Worker, *, kill: bool = True) -> None:
        self._retire(worker, kill=kill)
        if self._closing:
            return
        task = asyncio.get_running_loop().create_task(self._add_worker())
        self._spawning.add(task)
        task.add_done_callback(self._spawning.discard)

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        self._workers.discard(worker)
        if kill:
            worker.process.kill()
        else:
            with contextlib.suppress(OSError):
                worker.connection.send(None)  # finish and exit
        worker.connection.close()
        self._threads.submit(worker.process.join, 5)

    async def _add_worker(self) -> None:
        worker = await asyncio.get_running_loop().run_in_executor(self._threads, self._spawn)
        if self._closing:
            self._retire(worker, kill=False)
            return
        self._workers.add(worker)
        self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        from asendusdoc.serve._worker import main

        parent, child = self._context.Pipe()
        process = self._context.Process(target=main, args=(child,), daemon=True)
        process.start()
        child.close()
        parent.recv()  # the worker says it is ready (warmed up)
        return _Worker(process, parent)


def _call(connection: Connection, message: tuple[str, dict[str, Any]]) -> Any:
    connection.send(message)
    return connection.recv()


def _forget(call: asyncio.Future[Any]) -> None:
    """The end of a call no one waits for any more (its worker was killed)."""
    if not call.cancelled():
        call.exception()
