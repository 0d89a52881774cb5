"""No request is served without a key; a key does only what it is allowed; a refusal says no
more than its status. ``/health``, ``/ready`` and ``/openapi.json`` need no key."""

from __future__ import annotations

import pytest

from asendusdoc.examples import example_data
from tests.serve.server import ALL_KEY, VALIDATE_KEY, Server

OPEN = [("GET", "/health"), ("GET", "/ready"), ("GET", "/openapi.json")]
GUARDED = [
    ("GET", "/v1/forms"),
    ("GET", "/v1/forms/closure/schema"),
    ("GET", "/v1/forms/closure/example"),
    ("GET", "/v1/forms/closure/blank?lang=et"),
    ("POST", "/v1/validate"),
    ("POST", "/v1/documents?lang=et"),
    ("POST", "/v1/extract"),
    ("POST", "/v1/cases/check"),
    ("POST", "/v1/suggest"),
]


def _call(server: Server, method: str, path: str, headers: dict[str, str]) -> object:
    with server.client() as client:
        if method == "GET":
            return client.get(path, headers=headers)
        return client.post(path, json=example_data("closure"), headers=headers)


@pytest.mark.parametrize(("method", "path"), OPEN)
def test_health_ready_and_the_description_need_no_key(
    server: Server, method: str, path: str
) -> None:
    assert _call(server, method, path, {}).status_code == 200  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", f"Basic {ALL_KEY}", "Bearer wrong-key", f"Bearer {ALL_KEY}x"],
    ids=["none", "empty", "no-key", "basic", "unknown", "longer"],
)
@pytest.mark.parametrize(("method", "path"), GUARDED)
def test_every_operation_refuses_a_missing_or_unknown_key_with_401(
    server: Server, method: str, path: str, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    answer = _call(server, method, path, headers)
    assert answer.status_code == 401  # type: ignore[attr-defined]
    assert answer.headers["www-authenticate"] == "Bearer"  # type: ignore[attr-defined]
    assert answer.json() == {  # type: ignore[attr-defined]
        "type": "urn:asendusdoc:problem:unauthorized",
        "title": "Unauthorized",
        "status": 401,
        "code": "unauthorized",
    }


@pytest.mark.parametrize(("method", "path"), [g for g in GUARDED if g[1] != "/v1/validate"])
def test_a_key_without_the_operation_gets_403_and_nothing_more(
    server: Server, method: str, path: str
) -> None:
    answer = _call(server, method, path, {"Authorization": f"Bearer {VALIDATE_KEY}"})
    assert answer.status_code == 403  # type: ignore[attr-defined]
    assert set(answer.json()) == {"type", "title", "status", "code"}  # type: ignore[attr-defined]


def test_the_key_allowed_validate_may_validate(server: Server) -> None:
    answer = _call(server, "POST", "/v1/validate", {"Authorization": f"bearer {VALIDATE_KEY}"})
    assert answer.status_code == 200  # type: ignore[attr-defined]


def test_the_access_log_names_the_key_and_never_a_value(server: Server) -> None:
    data = example_data("closure")
    with server.client(headers={"Authorization": f"Bearer {ALL_KEY}"}) as client:
        client.post("/v1/documents?lang=et", json=data)
    log = server.log_text()
    assert '"operation": "documents", "form": "closure", "status": 200' in log
    assert '"key": "kõik"' in log
    for value in (data["case_reference"], data["worker"]["name"], ALL_KEY, "lang=et"):
        assert value not in log
