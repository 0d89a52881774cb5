"""One service per test module (starting one takes a few seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.serve.server import Server, running


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp_path_factory.mktemp("serve")) as started:
        yield started
