"""The way in stays one package that imports only downwards: no blank, no render, no circle."""

from __future__ import annotations

import ast
from importlib.resources import files

from asendusdoc.forms import _limits
from asendusdoc.read import budget

_READ = files("asendusdoc") / "read"
_UPWARDS = ("asendusdoc.blank", "asendusdoc.render", "asendusdoc.cli", "asendusdoc.product")


def _imported_modules(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_way_in_never_imports_a_package_above_it() -> None:
    climbs = {
        f"{module.name}: {imported}"
        for module in _READ.iterdir()
        if module.name.endswith(".py")
        for imported in _imported_modules(module.read_text(encoding="utf-8"))
        if imported.startswith(_UPWARDS)
    }
    assert climbs == set()


def test_the_way_in_names_no_module_above_it_even_as_text() -> None:
    """A ``"module:function"`` string imported at run time is an upward import too."""
    named = {
        module.name
        for module in _READ.iterdir()
        if module.name.endswith(".py")
        and any(f'"{package}' in module.read_text(encoding="utf-8") for package in _UPWARDS)
    }
    assert named == set()


def test_the_table_row_budget_is_the_largest_list_any_form_allows() -> None:
    largest = max(getattr(_limits, name) for name in _limits.__all__)
    assert largest == budget.MAX_TABLE_ROWS


def test_a_filled_blank_is_read_without_importing_the_blank_package_first() -> None:
    """The root package registered the blank reader: a Word blank reads from the way in alone."""
    import subprocess
    import sys

    code = (
        "from asendusdoc.read import dispatch\n"
        "import sys\n"
        "assert 'asendusdoc.blank' not in sys.modules\n"
        "assert len(dispatch._registered) == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
