"""The addresses of the service, each a thin call of the library through a worker.

``/v1/`` holds the operations (each needs a key allowed it); ``/health``, ``/ready`` and
``/openapi.json`` need none. The bodies each operation takes are described in
``/openapi.json`` (:mod:`asendusdoc.serve._openapi`) and the integrator guide.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from asendusdoc.i18n import N_
from asendusdoc.serve._app import Service, operation, outcome_response, ready_response
from asendusdoc.serve._body import (
    ASICE,
    DOCX,
    FILE_TYPES,
    JSON,
    MULTIPART,
    ODT,
    PDF,
    Body,
    Upload,
    read_body,
)
from asendusdoc.serve._problems import NO_STORE, ProblemError, json_response

__all__ = ["ROUTES"]

PARAMETER = N_("The parameter '{name}' must be one of: {expected}.")
ONE_FILE = N_("Send one file: as the body, or as the one part named 'file'.")
NO_FILES = N_("Send the case's files as parts named 'file' (multipart/form-data).")
NO_FORM = N_("Send a form: as the JSON body, or as parts named 'form'.")
UNKNOWN_FORM = N_("There is no form '{form}'; the forms are listed at /v1/forms.")
NO_SEAL = N_("The service has no seal configured; leave 'seal' out or ask its administrator.")

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


async def _body(request: Request, service: Service, accepted: tuple[str, ...]) -> Body:
    body = await read_body(
        request.stream(),
        request.headers.get("content-type"),
        request.headers.get("content-length"),
        accepted,
        service.settings.limits,
    )
    request.state.request_size = body.size
    return body


def _one_file(body: Body) -> tuple[bytes, str]:
    files = body.named("file")
    if len(files) != 1 or len(body.files) != 1:
        raise ProblemError(400, "one_file_expected", ONE_FILE)
    return _argument(files[0])


def _argument(upload: Upload) -> tuple[bytes, str]:
    """An upload as a job takes it: bytes, and its file name (the library refuses a ``.docm``
    by its name); a file sent without a name is named by its media type."""
    return upload.data, upload.file_name or "upload" + FILE_TYPES.get(upload.media_type, "")


def _choice(request: Request, name: str, choices: tuple[str, ...], default: str | None) -> str:
    value = request.query_params.get(name, default)
    if value not in choices:
        raise ProblemError(
            400,
            "parameter_invalid",
            PARAMETER,
            params={"name": name, "expected": ", ".join(choices)},
        )
    return value


async def _run(request: Request, service: Service, job: str, **arguments: Any) -> Response:
    return outcome_response(request, await service.pool.run(job, arguments))


def _known_form(form_id: str) -> str:
    from asendusdoc.forms import FORM_MODELS

    if form_id not in FORM_MODELS:
        raise ProblemError(404, "form_unknown", UNKNOWN_FORM, params={"form": form_id})
    return form_id


@operation("forms")
async def forms(request: Request, service: Service, lang: str) -> Response:
    """The form ids and their titles."""
    from asendusdoc.forms import FORM_MODELS

    return json_response(
        [
            {
                "id": form_id,
                "title_et": model.titles.et,
                "title_ru": model.titles.ru,
                "title_en": model.titles.en,
            }
            for form_id, model in FORM_MODELS.items()
        ]
    )


@operation("forms")
async def schema(request: Request, service: Service, lang: str) -> Response:
    """A form's JSON Schema."""
    from asendusdoc.schemas import json_schema_text

    form_id = _known_form(request.path_params["form_id"])
    request.state.form = form_id
    text = json_schema_text(form_id).encode("utf-8")
    return Response(text, headers=NO_STORE, media_type="application/schema+json")


@operation("forms")
async def example(request: Request, service: Service, lang: str) -> Response:
    """A form's filled example."""
    from asendusdoc.examples import example_text

    form_id = _known_form(request.path_params["form_id"])
    request.state.form = form_id
    return Response(example_text(form_id).encode("utf-8"), headers=NO_STORE, media_type=JSON)


@operation("blank")
async def blank(request: Request, service: Service, lang: str) -> Response:
    """A form's fillable Word blank."""
    form_id = _known_form(request.path_params["form_id"])
    document_lang = _choice(request, "lang", ("et", "ru"), "et")
    return await _run(
        request, service, "blank", form_id=form_id, lang=lang, document_lang=document_lang
    )


@operation("validate")
async def validate(request: Request, service: Service, lang: str) -> Response:
    """The problems of a form (JSON, a PDF/DOCX made by asendusdoc, a filled blank)."""
    body = await _body(request, service, (JSON, PDF, DOCX, ODT, ASICE, MULTIPART))
    return await _run(request, service, "validate", file=_one_file(body), lang=lang)


@operation("documents")
async def documents(request: Request, service: Service, lang: str) -> Response:
    """One form or a bundle → the document, protected as the request asks."""
    document_lang = _choice(request, "lang", ("et", "ru"), None)
    fmt = _choice(request, "format", ("pdf", "docx"), "pdf")
    seal_asked = _choice(request, "seal", ("true", "false"), "false") == "true"
    name = request.query_params.get("name")
    if name is not None and not _NAME.fullmatch(name):
        raise ProblemError(
            400,
            "parameter_invalid",
            PARAMETER,
            params={"name": "name", "expected": "A-Z a-z 0-9 . _ -"},
        )
    body = await _body(request, service, (JSON, PDF, DOCX, ODT, ASICE, MULTIPART))
    forms = [_argument(u) for u in body.files if u.part in ("file", "form")]
    forms += [(text.encode("utf-8"), "form.json") for text in body.fields.get("form", [])]
    if not forms:
        raise ProblemError(400, "form_expected", NO_FORM)
    seal_asked = seal_asked or body.field("seal") == "true"
    if seal_asked and service.settings.seal is None:
        raise ProblemError(400, "seal_not_configured", NO_SEAL)
    return await _run(
        request,
        service,
        "documents",
        forms=forms,
        lang=lang,
        fmt=fmt,
        name=name,
        document_lang=document_lang,
        cdoc=[_argument(u) for u in body.named("cdoc_recipient")],
        cdoc_version=2 if body.field("cdoc_version") == "2" else 1,
        openpgp=[_argument(u) for u in body.named("openpgp_recipient")],
        pdf_password=body.field("pdf_password"),
        seal=service.settings.seal if seal_asked else None,
    )


@operation("extract")
async def extract(request: Request, service: Service, lang: str) -> Response:
    """The forms a PDF or DOCX carries."""
    body = await _body(request, service, (PDF, DOCX, ODT, ASICE, MULTIPART))
    return await _run(
        request,
        service,
        "extract",
        file=_one_file(body),
        lang=lang,
        password=body.field("password"),
    )


@operation("check")
async def check(request: Request, service: Service, lang: str) -> Response:
    """The findings over the files of one case."""
    today = request.query_params.get("today")
    if today is not None:
        try:
            dt.date.fromisoformat(today)
        except ValueError:
            raise ProblemError(
                400,
                "parameter_invalid",
                PARAMETER,
                params={"name": "today", "expected": "YYYY-MM-DD"},
            ) from None
    body = await _body(request, service, (MULTIPART,))
    files = [_argument(u) for u in body.named("file")]
    if not files:
        raise ProblemError(400, "files_expected", NO_FILES)
    return await _run(request, service, "check", files=_unique(files), lang=lang, today=today)


def _unique(files: list[tuple[bytes, str]]) -> list[tuple[bytes, str]]:
    """Files with distinct names (a repeated name gets its position in front)."""
    seen: set[str] = set()
    named = []
    for position, (data, name) in enumerate(files, start=1):
        shown = name if name not in seen else f"{position:02d}-{name}"
        seen.add(shown)
        named.append((data, shown))
    return named


@operation("suggest")
async def suggest(request: Request, service: Service, lang: str) -> Response:
    """The services that fit the needs of a feedback form or a referral."""
    body = await _body(request, service, (JSON, PDF, DOCX, ODT, ASICE, MULTIPART))
    return await _run(request, service, "suggest", file=_one_file(body), lang=lang)


async def health(request: Request) -> Response:
    """Alive."""
    request.state.operation = "health"
    return json_response({"status": "ok"})


async def ready(request: Request) -> Response:
    """Can render now."""
    request.state.operation = "ready"
    return ready_response(request.app.state.service)


async def openapi(request: Request) -> Response:
    """The OpenAPI 3.1 description."""
    from asendusdoc.serve._openapi import openapi_document

    request.state.operation = "openapi"
    return json_response(openapi_document())


ROUTES: list[tuple[str, Any, list[str]]] = [
    ("/health", health, ["GET"]),
    ("/ready", ready, ["GET"]),
    ("/openapi.json", openapi, ["GET"]),
    ("/v1/forms", forms, ["GET"]),
    ("/v1/forms/{form_id}/schema", schema, ["GET"]),
    ("/v1/forms/{form_id}/example", example, ["GET"]),
    ("/v1/forms/{form_id}/blank", blank, ["GET"]),
    ("/v1/validate", validate, ["POST"]),
    ("/v1/documents", documents, ["POST"]),
    ("/v1/extract", extract, ["POST"]),
    ("/v1/cases/check", check, ["POST"]),
    ("/v1/suggest", suggest, ["POST"]),
]
