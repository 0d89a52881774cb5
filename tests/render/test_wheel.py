"""The built wheel works on its own: installed in a fresh venv, run from an empty folder.

Slow (about 30 s: build, venv, install from the package index cache), but it is the only test
that sees what a user gets: every template, font, example, schema and catalog must be inside the
package, found through ``importlib.resources`` and not through the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORM_IDS = sorted(p.stem for p in (ROOT / "examples").glob("*.json"))


def _run(*argv: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(arg) for arg in argv], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(the wheel, the venv's bin folder, an empty working folder)."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT, cwd=base)
    (wheel,) = dist.glob("asendusdoc-*.whl")
    venv = base / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=base)
    bin_dir = venv / "bin"
    _run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, cwd=base)
    work = base / "empty"
    work.mkdir()
    return wheel, bin_dir, work


def test_the_wheel_holds_every_asset(installed: tuple[Path, Path, Path]) -> None:
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"asendusdoc/py.typed"}
    for form_id in FORM_IDS:
        expected |= {f"asendusdoc/_templates/{lang}/{form_id}.docx" for lang in ("et", "ru")} | {
            f"asendusdoc/_examples/{form_id}.json",
            f"asendusdoc/_schemas/{form_id}.schema.json",
        }
    expected.add("asendusdoc/_schemas/meta/titles-keyword.schema.json")
    expected |= {f"asendusdoc/render/fonts/{n}" for n in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")}
    expected |= {
        f"asendusdoc/i18n/locale/{lang}/LC_MESSAGES/asendusdoc.mo" for lang in ("et", "ru")
    }
    assert sorted(expected - names) == []
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text and "Classifier: Typing :: Typed" in text
    urls = [line.split(", ", 1) for line in text.splitlines() if line.startswith("Project-URL: ")]
    assert {label.removeprefix("Project-URL: ") for label, _ in urls} >= {
        "Homepage",
        "Documentation",
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    sdist = project["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    for _, url in urls:  # a public address, or a document the sdist carries (docs/decisions.md)
        carried = (ROOT / url).is_file() and url.split("/")[0] in sdist
        assert url.startswith("https://") or carried, url


def test_the_installed_package_finds_its_assets_inside_itself(
    installed: tuple[Path, Path, Path],
) -> None:
    _, bin_dir, work = installed
    script = (
        "import json, asendusdoc\n"
        "from asendusdoc._assets import asset_dir\n"
        "from importlib.resources import files\n"
        "package = files('asendusdoc')\n"
        "print(json.dumps({\n"
        "  'package': str(package),\n"
        "  'assets': [str(asset_dir(n)) for n in ('templates', 'examples', 'schemas')],\n"
        "  'catalogs': [(package / 'i18n/locale' / l / 'LC_MESSAGES/asendusdoc.mo').is_file()\n"
        "               for l in ('et', 'ru')],\n"
        "  'fonts': (package / 'render/fonts/DejaVuSans.ttf').is_file(),\n"
        "}))\n"
    )
    found = json.loads(_run(bin_dir / "python", "-c", script, cwd=work).stdout)
    assert str(ROOT) not in found["package"]
    assert all(path.startswith(found["package"]) for path in found["assets"])
    assert found["catalogs"] == [True, True]
    assert found["fonts"] is True


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_installed_command_renders_an_example_in_russian(
    installed: tuple[Path, Path, Path], fmt: str
) -> None:
    _, bin_dir, work = installed
    source = work / "closure.json"
    source.write_text(_run(bin_dir / "asendusdoc", "example", "closure", cwd=work).stdout)
    out = work / f"x.{fmt}"
    _run(
        bin_dir / "asendusdoc", "render", source, "--lang", "ru", "--format", fmt, "-o", out,
        "--force", cwd=work,
    )  # fmt: skip
    assert out.read_bytes().startswith(b"PK" if fmt == "docx" else b"%PDF-")


def test_the_installed_command_prints_the_example_and_the_schema(
    installed: tuple[Path, Path, Path],
) -> None:
    _, bin_dir, work = installed
    example = _run(bin_dir / "asendusdoc", "example", "closure", cwd=work).stdout
    assert json.loads(example) == json.loads((ROOT / "examples/closure.json").read_text("utf-8"))
    schema = _run(bin_dir / "asendusdoc", "schema", "closure", cwd=work).stdout
    expected = json.loads((ROOT / "schemas/closure.schema.json").read_text("utf-8"))
    assert json.loads(schema) == expected


def test_the_installed_command_speaks_russian(installed: tuple[Path, Path, Path]) -> None:
    """The compiled catalog is loaded, not the English message ids."""
    _, bin_dir, work = installed
    invalid = work / "invalid.json"
    invalid.write_text((ROOT / "examples/invalid/closure--reason_missing.json").read_text("utf-8"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(bin_dir / "asendusdoc"), "validate", str(invalid), "--lang", "ru"],
        cwd=work, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert any("\u0400" <= ch <= "\u04ff" for ch in output), output
