"""The ASGI application: the addresses, access, limits and the access log around them.

Every operation goes the same way (:func:`operation`): the key is checked (401/403), the
request is admitted or refused as busy (503 with ``Retry-After``), its body is read within
its limits (413, 415, 400), the work is done by a worker process within the time limit (504),
and the answer (or the problem) is logged by the access log, without a value of the form.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from asendusdoc.i18n import N_
from asendusdoc.serve._access import authorize
from asendusdoc.serve._log import access_line
from asendusdoc.serve._pool import Busy, WorkerLost, WorkerPool
from asendusdoc.serve._problems import (
    NO_STORE,
    ProblemError,
    json_response,
    language_of,
    problem_response,
)
from asendusdoc.serve._settings import ServeSettings

__all__ = ["AccessLog", "Service", "operation", "outcome_response", "ready_response"]

TIME_LIMIT = N_("The request took longer than the limit of {seconds} seconds and was stopped.")
BUSY = N_("The service is busy; send the request again after Retry-After seconds.")
WORKER_LOST = N_("The process working on the request ended unexpectedly; send the request again.")
NOT_READY = N_("The service cannot take requests now.")

Handler = Callable[[Request, "Service", str], Awaitable[Response]]


@dataclass
class Service:
    """What every request shares: the settings, the worker pool, the requests in flight."""

    settings: ServeSettings
    pool: WorkerPool
    in_flight: int = 0
    started: float = field(default_factory=time.monotonic)

    @contextlib.contextmanager
    def admitted(self) -> Iterator[None]:
        """Room for one more request (workers + queue), else :class:`Busy` at once."""
        if self.in_flight >= self.settings.workers + self.settings.queue:
            raise Busy(self.pool.retry_after())
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1


def operation(name: str) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """An endpoint of operation ``name``: key, admission, time limit, problems."""

    def decorate(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            service: Service = request.app.state.service
            lang = language_of(request.headers.get("accept-language"))
            request.state.operation = name
            try:
                return await _guarded(handler, request, service, lang, name)
            except ProblemError as exc:
                return exc.response(lang)

        endpoint.__name__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        return endpoint

    return decorate


async def _guarded(
    handler: Handler, request: Request, service: Service, lang: str, name: str
) -> Response:
    request.state.key = authorize(service.settings, request.headers.get("authorization"), name)
    limit = service.settings.limits.time_limit
    try:
        with service.admitted():
            async with asyncio.timeout(limit):
                return await handler(request, service, lang)
    except TimeoutError:
        seconds = f"{limit:g}"
        raise ProblemError(504, "time_limit", TIME_LIMIT, params={"seconds": seconds}) from None
    except Busy as exc:
        retry = {"Retry-After": str(exc.retry_after)}
        raise ProblemError(503, "busy", BUSY, headers=retry) from None
    except WorkerLost:
        raise ProblemError(503, "worker_lost", WORKER_LOST, headers={"Retry-After": "1"}) from None
    except ClientDisconnect:
        request.state.disconnected = True
        return Response(status_code=499)  # never sent: the client is gone (logged as 499)


def outcome_response(request: Request, outcome: dict[str, Any]) -> Response:
    """The answer for what a worker returned."""
    request.state.form = outcome.get("form")
    if outcome["kind"] == "json":
        return json_response(outcome["body"])
    if outcome["kind"] == "file":
        disposition = _attachment(outcome["file_name"])
        headers = {**NO_STORE, "Content-Disposition": disposition}
        return Response(outcome["data"], 200, headers=headers, media_type=outcome["media_type"])
    return problem_response(
        outcome["status"], outcome["code"], outcome["detail"], problems=outcome.get("problems")
    )


def _attachment(file_name: str) -> str:
    from urllib.parse import quote

    ascii_name = file_name.encode("ascii", "replace").decode("ascii").replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name)}"


class AccessLog:
    """One JSON line per request: operation, form, status, duration, sizes, key name."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        answer = {"status": 0, "size": 0}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
            elif message["type"] == "http.response.body":
                answer["size"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            state = scope.get("state", {})
            status = 499 if state.get("disconnected") else answer["status"] or 500
            access_line(
                operation=state.get("operation"),
                form=state.get("form"),
                status=status,
                duration_ms=round((time.monotonic() - started) * 1000, 1),
                size=answer["size"],
                request_size=state.get("request_size", 0),
                key=state.get("key"),
            )


def ready_response(service: Service) -> Response:
    """``/ready``: 200 when a request could be rendered now, else 503."""
    if service.pool.ready():
        return json_response({"status": "ready", "workers": service.settings.workers})
    return ProblemError(503, "not_ready", NOT_READY, headers={"Retry-After": "1"}).response("en")
