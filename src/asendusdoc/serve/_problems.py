"""Errors as RFC 9457 problem details, with two members of ours: ``code`` and ``problems``.

::

    HTTP/1.1 422 Unprocessable Content
    Content-Type: application/problem+json

    {"type": "urn:asendusdoc:problem:form_invalid", "title": "Unprocessable Content",
     "status": 422, "detail": "…", "code": "form_invalid", "problems": [{"path": …}]}

``code`` is the code the CLI and the library use for the same error; ``type`` is made from it,
so it names the kind of problem for good. ``title`` is the status's English name; ``detail``
says what happened in the language of ``Accept-Language``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.responses import Response

from asendusdoc.i18n import LANGUAGES, N_, translations

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "TITLES",
    "ProblemError",
    "json_response",
    "language_of",
    "problem_response",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:asendusdoc:problem:"

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

NO_STORE = {"Cache-Control": "no-store"}
"""Every answer: nothing here may be kept by a cache (forms hold personal data)."""

NOT_FOUND = N_("There is nothing at this address; the service's addresses are in /openapi.json.")
METHOD_NOT_ALLOWED = N_("This address does not take this method; see /openapi.json.")


class ProblemError(Exception):
    """Answer the request with a problem: ``detail`` is an English template (a msgid) filled
    from ``params`` in the caller's language, or text already in it (``translated``)."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str | None = None,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        translated: bool = False,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail = detail
        self.params = dict(params or {})
        self.headers = dict(headers or {})
        self.translated = translated

    def response(self, lang: str) -> Response:
        """The problem as the answer, its detail in ``lang``."""
        detail = self.detail
        if detail is not None and not self.translated:
            detail = translations(lang).gettext(detail).format(**self.params)
        return problem_response(self.status, self.code, detail, headers=self.headers)


def problem_response(
    status: int,
    code: str,
    detail: str | None = None,
    *,
    problems: Sequence[Mapping[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An ``application/problem+json`` answer."""
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + code,
        "title": TITLES.get(status, "Error"),
        "status": status,
    }
    if detail is not None:
        body["detail"] = detail
    body["code"] = code
    if problems is not None:
        body["problems"] = list(problems)
    return json_response(body, status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def json_response(
    body: Any,
    status: int = 200,
    *,
    media_type: str = "application/json",
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A JSON answer in UTF-8 (letters as they are), never to be cached."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return Response(data, status, headers={**NO_STORE, **(headers or {})}, media_type=media_type)


def language_of(accept_language: str | None) -> str:
    """The best of et, ru, en for an ``Accept-Language`` header; Estonian when none fits."""
    if not accept_language:
        return "et"
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept_language.split(",")):
        tag, _, parameters = item.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else "et"
