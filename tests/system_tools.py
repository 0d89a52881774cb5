"""Programs some tests run (LibreOffice, poppler): found on PATH, or the test skips.

In CI (``CI=true``) a missing program fails the test instead: ``.ci/run`` installs them, so a
skip there would hide a check that never ran.
"""

from __future__ import annotations

import os
import shutil

import pytest

__all__ = ["require_tool"]


def require_tool(name: str) -> str:
    """The path of the program ``name``; skips the test without it, except in CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing; CI installs it (.ci/run)")
        pytest.skip(f"{name} is not installed")
    return path
