"""The service's application: its routes, its worker pool's lifetime, and the access log around it.

Here, above both the operations' machinery (:mod:`._app`) and the routes (:mod:`._routes`,
which use that machinery), so that neither imports the other back.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from asendusdoc.serve._app import AccessLog, Service
from asendusdoc.serve._pool import WorkerPool
from asendusdoc.serve._problems import (
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    ProblemError,
    language_of,
    problem_response,
)
from asendusdoc.serve._routes import ROUTES
from asendusdoc.serve._settings import ServeSettings

__all__ = ["create_app"]


def create_app(settings: ServeSettings) -> ASGIApp:
    """The service's ASGI application for ``settings`` (its workers start with it)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = WorkerPool(settings.workers, settings.queue, settings.tasks_per_worker)
        app.state.service = Service(settings, pool)
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    app = Starlette(
        routes=[Route(path, endpoint, methods=methods) for path, endpoint, methods in ROUTES],
        exception_handlers={HTTPException: _http_problem, Exception: _internal_problem},
        lifespan=lifespan,
    )
    return AccessLog(app)


async def _http_problem(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    lang = language_of(request.headers.get("accept-language"))
    if status == 405:
        return ProblemError(405, "method_not_allowed", METHOD_NOT_ALLOWED).response(lang)
    return ProblemError(404, "not_found", NOT_FOUND).response(lang)


async def _internal_problem(request: Request, exc: Exception) -> Response:
    return problem_response(500, "internal_error")
