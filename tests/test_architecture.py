"""The house: the import graph of src/asendusdoc keeps the layers of docs/architecture.md.

The graph counts every import, also those inside functions and under ``TYPE_CHECKING``: an
import put in a function to dodge a circle is still a circle. The layer table is read from
docs/architecture.md, so the layers are written down once.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "asendusdoc"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MOST_TOP_LEVEL_MODULES = 12


@dataclass(frozen=True)
class Layers:
    """Each top-level name (``cli/``, ``product.py``) and its layer, 1 at the top."""

    of_name: dict[str, int]

    def of_module(self, module: str) -> int | None:
        """The layer of a dotted module name, or None when the table does not name it."""
        parts = module.split(".")
        if len(parts) == 1:
            return self.of_name.get("__init__.py")
        return self.of_name.get(parts[1] + "/", self.of_name.get(parts[1] + ".py"))


def read_layers(text: str) -> Layers:
    """The table under ``## Layers``: ``| 1 | `cli/`, `serve/` | ... |``."""
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    of_name: dict[str, int] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].isdigit():
            for name in re.findall(r"`([^`]+)`", cells[1]):
                of_name[name] = int(cells[0])
    return Layers(of_name)


def module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, module: str, modules: set[str]) -> Iterator[str]:
    """Every module of the package ``path`` imports, wherever the import stands."""
    root = module.split(".")[0]
    here = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.split(".")[0] == root)
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = here.split(".")[: len(here.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            if target.split(".")[0] != root:
                continue
            for alias in node.names:
                full = f"{target}.{alias.name}"
                yield full if full in modules else target


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module → the modules it imports (the package's own only, itself left out)."""
    paths = {module_name(path, package): path for path in package.rglob("*.py")}
    modules = set(paths)
    return {
        module: {target for target in imported_modules(path, module, modules) if target != module}
        for module, path in paths.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while (member := stack.pop()) != node:
                component.append(member)
            component.append(node)
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def climbs(graph: dict[str, set[str]], layers: Layers) -> list[str]:
    """Every import of a module of a higher layer (a smaller number)."""
    found = []
    for module, targets in sorted(graph.items()):
        here = layers.of_module(module)
        for target in sorted(targets):
            there = layers.of_module(target)
            if here is not None and there is not None and there < here:
                found.append(f"{module} (layer {here}) imports {target} (layer {there})")
    return found


def unnamed(package: Path, layers: Layers) -> list[str]:
    """Top-level modules and packages that the layer table does not name."""
    names = [
        path.name + ("/" if path.is_dir() else "")
        for path in package.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists()) or path.suffix == ".py"
    ]
    return sorted(name for name in names if name not in layers.of_name)


def package_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Circles between top-level packages and modules (``case`` ↔ ``needs``)."""
    top: dict[str, set[str]] = {}
    for module, targets in graph.items():
        source = ".".join(module.split(".")[:2])
        top.setdefault(source, set()).update(".".join(t.split(".")[:2]) for t in targets)
    return circles({source: targets - {source} for source, targets in top.items()})


# --------------------------------------------------------------------------- the house


LAYERS = read_layers(ARCHITECTURE.read_text("utf-8"))
GRAPH = import_graph(PACKAGE)


def test_the_layer_table_names_the_layers_of_the_house() -> None:
    assert LAYERS.of_name["cli/"] == LAYERS.of_name["serve/"] == 1
    assert LAYERS.of_name["product.py"] == 2
    assert {LAYERS.of_name[name] for name in ("case/", "needs/", "blank/", "testing/")} == {3}
    assert {LAYERS.of_name[name] for name in ("render/", "protect/", "read/")} == {4}
    assert {LAYERS.of_name[name] for name in ("forms/", "reference/")} == {5}
    assert {LAYERS.of_name[name] for name in ("i18n/", "errors.py", "_version.py")} == {6}


def test_no_module_imports_in_a_circle() -> None:
    assert circles(GRAPH) == []


def test_no_top_level_package_imports_in_a_circle() -> None:
    assert package_circles(GRAPH) == []


def test_no_module_imports_a_higher_layer() -> None:
    assert climbs(GRAPH, LAYERS) == []


def test_the_way_in_is_the_lowest_of_its_layer() -> None:
    """read/ shares layer 4 with render/ and protect/, which use it (render's public functions
    load a form through read.loading); it uses neither (docs/architecture.md)."""
    above = ("asendusdoc.render", "asendusdoc.protect")
    upward = [
        f"{module} imports {target}"
        for module, targets in sorted(GRAPH.items())
        if module.startswith("asendusdoc.read")
        for target in sorted(targets)
        if target.startswith(above)
    ]
    assert upward == []


def test_every_top_level_module_is_named_in_the_layer_table() -> None:
    assert unnamed(PACKAGE, LAYERS) == []


def test_at_most_a_dozen_top_level_modules_are_allowed() -> None:
    files = [name for name in LAYERS.of_name if name.endswith(".py")]
    assert len(files) <= MOST_TOP_LEVEL_MODULES, files


# --------------------------------------------------------------------------- the checker


def _write(package: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


@pytest.fixture
def house(tmp_path: Path) -> Path:
    """A small package of the same shape: a service on top, render and read in the middle."""
    package = tmp_path / "asendusdoc"
    _write(
        package,
        {
            "__init__.py": "",
            "serve/__init__.py": "from asendusdoc.product import produce\n",
            "product.py": "from asendusdoc.render import render_pdf\n",
            "render/__init__.py": "from .pdf import render_pdf\n",
            "render/pdf.py": "from asendusdoc.read.parse import parse\n",
            "read/__init__.py": "",
            "read/parse.py": "import json\n",
        },
    )
    return package


def test_the_checker_passes_a_house_that_keeps_its_layers(house: Path) -> None:
    graph = import_graph(house)
    assert graph["asendusdoc.render"] == {"asendusdoc.render.pdf"}
    assert circles(graph) == [] and climbs(graph, LAYERS) == []
    assert unnamed(house, LAYERS) == []


def test_the_checker_finds_an_import_of_the_service_inside_a_function(house: Path) -> None:
    _write(house, {"read/parse.py": "def parse():\n    from asendusdoc.serve import app\n"})
    graph = import_graph(house)
    assert climbs(graph, LAYERS) == [
        "asendusdoc.read.parse (layer 4) imports asendusdoc.serve (layer 1)"
    ]
    assert [
        "asendusdoc.product",
        "asendusdoc.read.parse",
        "asendusdoc.render",
        "asendusdoc.render.pdf",
        "asendusdoc.serve",
    ] in circles(graph)


def test_the_checker_finds_a_circle_within_a_layer_through_relative_imports(house: Path) -> None:
    _write(
        house,
        {"read/__init__.py": "from . import parse\n", "read/parse.py": "from .. import read\n"},
    )
    graph = import_graph(house)
    assert circles(graph) == [["asendusdoc.read", "asendusdoc.read.parse"]]


def test_the_checker_finds_a_top_level_module_the_table_does_not_name(house: Path) -> None:
    _write(house, {"loading.py": "", "embedded/__init__.py": ""})
    assert unnamed(house, LAYERS) == ["embedded/", "loading.py"]


def test_the_checker_finds_a_circle_between_packages(house: Path) -> None:
    _write(
        house,
        {
            "read/parse.py": "from asendusdoc.render.pdf import x\n",
            "render/pdf.py": "def f():\n    from asendusdoc.read.parse import y\n",
        },
    )
    graph = import_graph(house)
    assert package_circles(graph) == [["asendusdoc.read", "asendusdoc.render"]]
