"""The pytest plugin of asendusdoc (entry point ``pytest11``): ``asendusdoc_example``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

__all__ = ["asendusdoc_example"]


@pytest.fixture
def asendusdoc_example() -> Callable[[str], dict[str, Any]]:
    """A function returning a fresh copy of the bundled example of a form id.

    ``asendusdoc_example("closure")`` gives a dict the test may change freely.
    """
    from asendusdoc.examples import example_data

    return example_data
