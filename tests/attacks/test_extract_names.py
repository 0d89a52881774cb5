"""``extract --out-dir`` names its files itself: a PDF never decides where we write (issue 23)."""

from __future__ import annotations

from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from asendusdoc.read.loading import load_form
from asendusdoc.render import render_pdf
from asendusdoc.render.embedding import envelope_bytes
from asendusdoc.render.embedding.pdf import embed_in_pdf
from tests.attacks.limits import cli


def _pdf_naming(names: list[str]) -> bytes:
    """A PDF whose embedded forms carry the given file names (``/F``, ``/UF``)."""
    plain = render_pdf(example_data("closure"), "et", embedded_data=False)
    envelope = envelope_bytes(load_form(example_data("closure")))
    return embed_in_pdf(plain, [(name, envelope) for name in names])


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(["../../escaped.json"], id="climbing"),
        pytest.param(["{outside}/escaped.json"], id="absolute"),
        pytest.param([".bashrc"], id="hidden"),
        pytest.param(["same.json", "same.json"], id="two-of-one-name"),
        pytest.param(["a/../../escaped.json", "../escaped.json"], id="both-climbing"),
    ],
)
def test_extract_out_dir_writes_only_its_own_names_inside_the_folder(
    tmp_path: Path, names: list[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "work" / "in" / "out"
    folder.mkdir(parents=True)
    document = tmp_path / "suunamine.pdf"
    document.write_bytes(_pdf_naming([name.format(outside=outside) for name in names]))
    run = cli("extract", document, "--out-dir", folder, "--force")
    assert run.returncode == 0, run.stderr
    written = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.json"))
    expected = [f"work/in/out/suunamine-{n:02d}-closure.json" for n in range(1, len(names) + 1)]
    assert written == expected


def test_a_hidden_input_gives_no_hidden_output(tmp_path: Path) -> None:
    document = tmp_path / ".profile.pdf"
    document.write_bytes(_pdf_naming(["closure.json"]))
    run = cli("extract", document, "--out-dir", tmp_path)
    assert run.returncode == 0, run.stderr
    assert sorted(path.name for path in tmp_path.glob("*.json")) == ["profile-01-closure.json"]
