"""docs/examples/test_outside_system.py runs as another system would run it, and passes."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "test_outside_system.py"
DOCUMENTED_IMPORTS = {"asendusdoc.testing", "asendusdoc.testing.strategies", "hypothesis", "pytest"}


def test_the_example_uses_only_the_documented_kit() -> None:
    tree = ast.parse(EXAMPLE.read_text("utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    modules -= {"__future__", "json"}
    assert modules <= DOCUMENTED_IMPORTS


def test_the_example_is_shown_in_the_guide() -> None:
    guide = (EXAMPLE.parents[1] / "testing-kit.md").read_text("utf-8")
    assert "examples/test_outside_system.py" in guide


def test_the_outside_example_passes_in_a_directory_of_its_own(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", EXAMPLE.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "12 passed" in result.stdout
