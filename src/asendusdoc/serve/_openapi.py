"""The OpenAPI 3.1 description of the service (``GET /openapi.json``).

Written by hand beside the routes: the bodies are chosen by media type (a form as JSON, a
document as its bytes, several files as multipart), which a generator would not describe.
A form's own schema is served at ``/v1/forms/{id}/schema`` (JSON Schema 2020-12, the dialect
of OpenAPI 3.1). X-tee publishes a REST service by such a description: it needs ``servers``
(set by the security server), an ``operationId`` per operation and no external references.
"""

from __future__ import annotations

from typing import Any

from asendusdoc._version import __version__
from asendusdoc.serve._body import ASICE, DOCX, JSON, MULTIPART, ODT, PDF
from asendusdoc.serve._problems import PROBLEM_MEDIA_TYPE
from asendusdoc.serve._settings import OPERATIONS

__all__ = ["openapi_document"]

_REF = "#/components/schemas/"
_ERRORS = {
    "400": "The request is malformed: a parameter, a body that is not a form, a broken file.",
    "401": "No key, or an unknown one.",
    "403": "The key is not allowed this operation.",
    "404": "There is no form with this id.",
    "413": "The body or one of its files is larger than the limit.",
    "415": "The body's media type is not one this address takes.",
    "422": "The form is invalid: `problems` lists each problem.",
    "503": "Busy (the queue is full) or a worker ended: send again after `Retry-After`.",
    "504": "The request took longer than the time limit.",
}


def _problem(status: str) -> dict[str, Any]:
    content = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": _REF + "Problem"}}}
    answer: dict[str, Any] = {"description": _ERRORS[status], "content": content}
    if status == "503":
        answer["headers"] = {
            "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
        }
    return answer


def _errors(*statuses: str) -> dict[str, Any]:
    return {status: _problem(status) for status in ("401", "403", "503", "504", *statuses)}


def _binary(*types: str) -> dict[str, Any]:
    return {kind: {"schema": {"type": "string", "contentMediaType": kind}} for kind in types}


def _json(name: str) -> dict[str, Any]:
    return {JSON: {"schema": {"$ref": _REF + name}}}


def _multipart(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "required": required}
    return {MULTIPART: {"schema": schema}}


_FILE = {"type": "string", "contentMediaType": "application/octet-stream"}
_FILES = {"type": "array", "items": _FILE}
_ONE_FORM = {
    **_json("Form"),
    **_binary(PDF, DOCX, ODT, ASICE),
    **_multipart({"file": _FILE}, ["file"]),
}


def _operation(
    operation_id: str, summary: str, key: str, responses: dict[str, Any], **more: Any
) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "summary": summary,
        "tags": [key],
        "security": [{"bearer": []}],
        "responses": responses,
        **more,
    }


def _query(
    name: str, values: list[str] | None, description: str, *, required: bool = False
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if values:
        schema["enum"] = values
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }


_FORM_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "The form id (see /v1/forms).",
}
_ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "schema": {"type": "string"},
    "description": "The language of messages: et, ru or en (default et).",
}

_OK_JSON: dict[str, Any] = {"description": "Done.", "content": _json("Result")}
_OK_FILE: dict[str, Any] = {
    "description": "The file; Content-Disposition suggests its name.",
    "content": _binary(
        PDF, DOCX, "application/x-cdoc", "application/x-cdoc2", "application/pgp-encrypted"
    ),
}
_DOCUMENTS_BODY: dict[str, Any] = {
    **_json("Form"),
    **_binary(PDF, DOCX, ODT, ASICE),
    **_multipart(
        {
            "form": _FILES,
            "cdoc_recipient": _FILES,
            "openpgp_recipient": _FILES,
            "pdf_password": {"type": "string"},
            "cdoc_version": {"enum": ["1", "2"]},
            "seal": {"enum": ["true", "false"]},
        },
        ["form"],
    ),
}


def _open_paths() -> dict[str, Any]:
    """The addresses that need no key."""
    return {
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "The service is alive.",
                "security": [],
                "responses": {"200": _OK_JSON},
            }
        },
        "/ready": {
            "get": {
                "operationId": "ready",
                "summary": "The service can render now.",
                "security": [],
                "responses": {"200": _OK_JSON, "503": _problem("503")},
            }
        },
    }


def _form_paths() -> dict[str, Any]:
    """What the service knows: the forms, their schemas, examples and blanks."""
    return {
        "/v1/forms": {
            "get": _operation(
                "listForms", "The forms and their titles.", "forms", {"200": _OK_JSON, **_errors()}
            )
        },
        "/v1/forms/{id}/schema": {
            "get": _operation(
                "formSchema",
                "A form's JSON Schema.",
                "forms",
                {
                    "200": {
                        "description": "The schema.",
                        "content": {"application/schema+json": {"schema": {"type": "object"}}},
                    },
                    **_errors("404"),
                },
                parameters=[_FORM_ID],
            )
        },
        "/v1/forms/{id}/example": {
            "get": _operation(
                "formExample",
                "A form's filled example.",
                "forms",
                {
                    "200": {"description": "The example.", "content": _json("Form")},
                    **_errors("404"),
                },
                parameters=[_FORM_ID],
            )
        },
        "/v1/forms/{id}/blank": {
            "get": _operation(
                "formBlank",
                "A form's fillable Word blank.",
                "blank",
                {
                    "200": {"description": "The blank.", "content": _binary(DOCX)},
                    **_errors("400", "404"),
                },
                parameters=[_FORM_ID, _query("lang", ["et", "ru"], "The blank's language.")],
            )
        },
    }


def _checking_paths() -> dict[str, Any]:
    """Reading forms: validate, extract, check a case, suggest."""
    return {
        "/v1/validate": {
            "post": _operation(
                "validate",
                "Check a form: every problem with its field.",
                "validate",
                {"200": _OK_JSON, **_errors("400", "413", "415")},
                parameters=[_ACCEPT_LANGUAGE],
                requestBody={"required": True, "content": _ONE_FORM},
            )
        },
        "/v1/extract": {
            "post": _operation(
                "extract",
                "The forms a PDF or DOCX carries.",
                "extract",
                {"200": _OK_JSON, **_errors("400", "413", "415")},
                parameters=[_ACCEPT_LANGUAGE],
                requestBody={
                    "required": True,
                    "content": {
                        **_binary(PDF, DOCX, ODT, ASICE),
                        **_multipart({"file": _FILE, "password": {"type": "string"}}, ["file"]),
                    },
                },
            )
        },
        "/v1/cases/check": {
            "post": _operation(
                "checkCase",
                "Check the files of one case together.",
                "check",
                {"200": _OK_JSON, **_errors("400", "413", "415")},
                parameters=[
                    _query("today", None, "The day deadlines count to (YYYY-MM-DD)."),
                    _ACCEPT_LANGUAGE,
                ],
                requestBody={"required": True, "content": _multipart({"file": _FILES}, ["file"])},
            )
        },
        "/v1/suggest": {
            "post": _operation(
                "suggest",
                "Services that fit the needs a form states.",
                "suggest",
                {"200": _OK_JSON, **_errors("400", "413", "415", "422")},
                parameters=[_ACCEPT_LANGUAGE],
                requestBody={"required": True, "content": _ONE_FORM},
            )
        },
    }


def _documents_paths() -> dict[str, Any]:
    """Producing documents."""
    return {
        "/v1/documents": {
            "post": _operation(
                "produceDocument",
                "One form or a bundle → the document, protected.",
                "documents",
                {"200": _OK_FILE, **_errors("400", "413", "415", "422")},
                parameters=[
                    _query("lang", ["et", "ru"], "The document's language.", required=True),
                    _query("format", ["pdf", "docx"], "pdf (default) or docx."),
                    _query("name", None, "The document's file name without ending."),
                    _query("seal", ["true", "false"], "Seal with the service's e-seal."),
                    _ACCEPT_LANGUAGE,
                ],
                requestBody={"required": True, "content": _DOCUMENTS_BODY},
            )
        },
    }


def _paths() -> dict[str, Any]:
    return {**_open_paths(), **_form_paths(), **_checking_paths(), **_documents_paths()}


def _schemas() -> dict[str, Any]:
    return {
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details, with `code` and `problems`.",
            "required": ["type", "title", "status", "code"],
            "properties": {
                "type": {"type": "string", "format": "uri-reference"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "code": {"type": "string", "description": "The CLI's and library's code."},
                "problems": {"type": "array", "items": {"$ref": _REF + "FormProblem"}},
            },
        },
        "FormProblem": {
            "type": "object",
            "required": ["path", "code", "message", "field"],
            "properties": {
                "path": {"type": "string"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "field": {"type": "string"},
                "migration": {"type": "boolean"},
            },
        },
        "Form": {
            "type": "object",
            "description": "A form (its schema at /v1/forms/{id}/schema), or an array of forms "
            "(a bundle) for /v1/documents.",
        },
        "Result": {
            "description": "The operation's answer (see the integrator guide).",
            "type": ["object", "array"],
        },
    }


def openapi_document() -> dict[str, Any]:
    """The whole description."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "asendusdoc",
            "version": __version__,
            "summary": "The documents of Estonian substitute-care support services.",
            "description": "Operations a key may be allowed: " + ", ".join(OPERATIONS) + ".",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": "/"}],
        "paths": _paths(),
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
