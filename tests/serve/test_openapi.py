"""``/openapi.json`` is an OpenAPI 3.1 description an independent validator accepts, and it
describes every address the service answers at."""

from __future__ import annotations

from openapi_spec_validator import validate
from openapi_spec_validator.versions import consts, get_spec_version

from asendusdoc.serve._routes import ROUTES
from tests.serve.server import Server


def test_the_description_is_valid_openapi_3_1_covering_every_address(server: Server) -> None:
    with server.client() as client:
        answer = client.get("/openapi.json")
    assert answer.status_code == 200
    document = answer.json()
    assert get_spec_version(document) == consts.OPENAPIV31
    validate(document)  # raises on any fault
    described = {path.replace("{id}", "{form_id}") for path in document["paths"]}
    assert described == {path for path, _endpoint, _methods in ROUTES} - {"/openapi.json"}
    operation_ids = [
        operation["operationId"]
        for path in document["paths"].values()
        for operation in path.values()
    ]
    assert len(operation_ids) == len(set(operation_ids)) == len(ROUTES) - 1
