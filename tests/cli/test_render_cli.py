"""``asendusdoc render``: documents, overwriting, invalid forms, bundles, templates, batches, stdin.

Run in-process through :func:`asendusdoc.cli.main`; output goes to ``tmp_path``.
"""

from __future__ import annotations

import io
import json
import stat
import sys
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from asendusdoc.cli import main
from asendusdoc.render import build_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
INVALID = EXAMPLES / "invalid" / "closure--reason_missing.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def example(form_id: str) -> Path:
    return EXAMPLES / f"{form_id}.json"


def docx_text(path: Path) -> str:
    opened = docx.Document(str(path))
    parts = [p.text for p in opened.paragraphs]
    parts += [cell.text for table in opened.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def write_template(path: Path, *paragraphs: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    template = docx.Document()
    for text in paragraphs:
        template.add_paragraph(text)
    template.save(str(path))


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_render_writes_the_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, lang: str
) -> None:
    out = tmp_path / f"closure.{fmt}"
    code, _, err = run(
        capsys, "render", example("closure"), "--lang", lang, "--format", fmt, "-o", out
    )
    assert code == 0
    assert err.startswith(f"{out}: ") and err.count("\n") == 1  # one line: what it wrote
    data = out.read_bytes()
    assert data.startswith(b"PK" if fmt == "docx" else b"%PDF-")


def test_output_is_readable_by_the_owner_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.pdf"
    assert run(capsys, "render", example("support-plan"), "--format", "pdf", "-o", out)[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_existing_output_is_kept_without_force_and_replaced_with_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "closure.pdf"
    out.write_bytes(b"keep me")
    code, _, err = run(capsys, "render", example("closure"), "--format", "pdf", "-o", out)
    assert code == 2
    assert "--force" in err
    assert out.read_bytes() == b"keep me"
    code, _, _ = run(capsys, "render", example("closure"), "--format", "pdf", "-o", out, "--force")
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_an_invalid_form_exits_1_lists_its_problem_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "closure.pdf"
    code, stdout, _ = run(capsys, "render", INVALID, "--lang", "et", "--format", "pdf", "-o", out)
    assert code == 1
    assert "Lõpetamise põhjus: " in stdout
    assert INVALID.name in stdout
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_bundle_of_two_forms_has_one_bookmark_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "bundle.pdf"
    code, _, _ = run(
        capsys, "render", example("support-plan"), example("progress-report"), "--format", "pdf",
        "--lang", "ru", "-o", out,
    )  # fmt: skip
    assert code == 0
    reader = PdfReader(str(out))
    assert len(reader.outline) == 2
    assert all(not isinstance(entry, list) for entry in reader.outline)


def test_a_template_dir_overrides_the_shipped_template(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    write_template(
        templates / "et" / "closure.docx", "Oma mall: {{ title }} / {{ case_reference }}"
    )
    out = tmp_path / "closure.docx"
    code, _, err = run(
        capsys, "render", example("closure"), "--lang", "et", "--format", "docx",
        "--template-dir", templates, "-o", out,
    )  # fmt: skip
    assert (code, err) == (0, f"{out}: kirjutatud (DOCX)\n")
    document = build_document(example("closure"), "et")
    assert docx_text(out) == f"Oma mall: {document.title} / {document.case_reference}"


def test_a_template_with_an_unknown_variable_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    write_template(templates / "et" / "closure.docx", "{{ title }} {{ no_such_field }}")
    out = tmp_path / "closure.docx"
    code, _, err = run(
        capsys, "render", example("closure"), "--lang", "et", "--format", "docx",
        "--template-dir", templates, "-o", out,
    )  # fmt: skip
    assert code == 2
    assert "no_such_field" in err
    assert not out.exists()


def test_a_batch_renders_the_good_files_and_fails_on_the_broken_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    files = [example("closure"), INVALID, example("client-diary")]
    code, stdout, _ = run(capsys, "render", *files, "--format", "pdf", "--out-dir", out_dir)
    assert code != 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["client-diary.pdf", "closure.pdf"]
    assert "Lõpetamise põhjus: " in stdout


def test_a_batch_of_200_in_two_processes_renders_all_but_the_broken_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = json.loads(example("family-conference-referral").read_text("utf-8"))
    inputs = []
    for number in range(200):
        data["case_reference"] = f"KEI-2026-{number:03d}"
        path = tmp_path / f"referral-{number:03d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        inputs.append(path)
    inputs[117].write_text('{"form": "family-conference-referral", ', "utf-8")  # truncated
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = run(
        capsys, "render", *inputs, "--format", "pdf", "--out-dir", out_dir, "--jobs", "2"
    )
    assert code == 2
    assert "referral-117.json" in err
    outputs = sorted(out_dir.iterdir())
    expected = [f"referral-{n:03d}.pdf" for n in range(200) if n != 117]
    assert [p.name for p in outputs] == expected
    for path in outputs[::40]:
        number = path.stem.split("-")[1]
        assert f"KEI-2026-{number}" in PdfReader(str(path)).metadata.title


def test_standard_input_is_read_for_a_dash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(example("closure").read_bytes())))
    out = tmp_path / "closure.docx"
    code, _, err = run(capsys, "render", "-", "--lang", "ru", "--format", "docx", "-o", out)
    assert (code, err) == (0, f"{out}: записан (DOCX)\n")
    further_needs = json.loads(example("closure").read_text("utf-8"))["further_needs"]
    assert " ".join(further_needs.split()) in " ".join(docx_text(out).split())
