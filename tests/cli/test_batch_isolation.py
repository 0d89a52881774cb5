"""One bad input never stops the rest: every file of a batch gets its own outcome.

Whatever goes wrong with one file (reading, validating, rendering, writing) is that file's
problem, named in the summary; the others are rendered; ``--json`` prints one complete object
per file; the batch exits with its gravest code (2 for bad input, 70 only for our own bugs).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from asendusdoc.read.budget import MAX_INPUT_BYTES
from tests.cli.test_render_cli import EXAMPLES, example, run, write_template

GOOD_KINDS = ("client-diary", "progress-report")
"""The quickest forms to render (the diary cut to one entry): the test is about isolation."""


def _hostile(folder: Path, form_text: str) -> dict[str, Path]:
    """The 15 hostile inputs of issue 13, each a file (or what stands for one) in ``folder``."""
    closure = json.loads(form_text)
    files: dict[str, Path] = {}

    def put(name: str, content: bytes) -> None:
        files[name] = folder / f"hostile-{name}.json"
        files[name].write_bytes(content)

    put("deep-nesting", b'{"form": "closure", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    put("huge-integer", form_text.replace("{", '{"x": ' + "9" * 5000 + ",", 1).encode())
    put("bad-template", (EXAMPLES / "support-plan.json").read_bytes())  # its template: 1/0
    put("lone-surrogate", b'{"form": "\\ud800"}')
    put("truncated", form_text.encode()[: len(form_text) // 2])
    put("binary", bytes(range(256)) * 4)
    put("empty", b"")
    put("array", b"[]")
    put("unknown-form", b'{"form": "passport"}')
    put("not-a-number", form_text.replace("{", '{"x": NaN,', 1).encode())
    put("latin-1", form_text.encode().replace(b"{", b'{"x": "M\xe4rt",', 1))
    put("invalid-form", json.dumps({**closure, "further_needs": " "}).encode())
    files["too-large"] = folder / "hostile-too-large.json"
    with files["too-large"].open("wb") as stream:
        stream.truncate(MAX_INPUT_BYTES + 1)  # sparse: quick to make, read only to the limit
    files["dangling-link"] = folder / "hostile-dangling-link.json"
    files["dangling-link"].symlink_to(folder / "nowhere.json")
    files["folder"] = folder / "hostile-folder.json"
    files["folder"].mkdir()
    return files


def test_a_batch_of_500_with_15_hostile_files_renders_the_other_485(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    inputs_dir, out_dir, templates = tmp_path / "in", tmp_path / "out", tmp_path / "templates"
    inputs_dir.mkdir()
    out_dir.mkdir()
    write_template(templates / "et" / "support-plan.docx", "{{ 1/0 }}")
    good: list[Path] = []
    for number in range(485):
        kind = GOOD_KINDS[number % len(GOOD_KINDS)]
        data = json.loads(example(kind).read_text("utf-8"))
        data["case_reference"] = f"B-{number:03d}"
        if "entries" in data:
            data["entries"] = data["entries"][:1]
        path = inputs_dir / f"good-{number:03d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        good.append(path)
    hostile = _hostile(inputs_dir, example("closure").read_text("utf-8"))
    assert len(hostile) == 15
    inputs = sorted([*good, *hostile.values()])

    code, stdout, stderr = run(
        capsys, "render", *inputs, "--format", "docx", "--out-dir", out_dir,
        "--template-dir", templates, "--jobs", "2", "--json", "--lang", "en",
    )  # fmt: skip

    assert code == 2
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(p.stem + ".docx" for p in good)
    assert "Traceback" not in stderr and "Internal error" not in stderr
    records = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    assert [r["inputs"][0] for r in records] == [str(p) for p in inputs]
    failed = {Path(r["inputs"][0]).name: r for r in records if not r["ok"]}
    assert sorted(failed) == sorted(p.name for p in hostile.values())
    for name, record in failed.items():
        assert record["exit_code"] in (1, 2), name
        assert record["messages"] and all(name in line for line in record["messages"][:1])
    assert "485 of 500 document(s) rendered, 15 failed" in stderr
    assert failed["hostile-bad-template.json"]["exit_code"] == 2
    assert "support-plan.docx" in failed["hostile-bad-template.json"]["messages"][0]


def test_validate_json_over_the_hostile_files_prints_one_complete_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hostile = _hostile(tmp_path, example("closure").read_text("utf-8"))
    good = example("closure")
    inputs = sorted([*hostile.values(), good])
    code, stdout, stderr = run(capsys, "validate", *inputs, "--json", "--lang", "en")
    assert code == 2
    assert "Traceback" not in stderr and "Internal error" not in stderr
    entries = json.loads(stdout)  # one JSON document, whatever the files held
    named = {Path(entry["file"]).name for entry in entries}
    valid = {"hostile-bad-template.json"}  # a valid plan; only its template is broken
    assert named == {p.name for p in hostile.values()} - valid
    assert all(entry["code"] != "internal_error" for entry in entries)


def test_an_internal_error_in_one_file_exits_70_after_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asendusdoc.product

    original = asendusdoc.product.produce

    def buggy(forms: list[Any], *args: Any, **kwargs: Any) -> Any:
        if forms[0].case_reference == "BUG-1":
            raise KeyError("a bug of ours")
        return original(forms, *args, **kwargs)

    monkeypatch.setattr(asendusdoc.product, "produce", buggy)
    inputs = []
    for number in range(3):
        data = json.loads(example("closure").read_text("utf-8"))
        data["case_reference"] = f"BUG-{number}"
        path = tmp_path / f"form-{number}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        inputs.append(path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, stderr = run(capsys, "render", *inputs, "--out-dir", out_dir, "--lang", "en")
    assert code == 70
    assert sorted(p.name for p in out_dir.iterdir()) == ["form-0.pdf", "form-2.pdf"]
    assert "form-1.json: Internal error (KeyError)" in stderr
    assert "2 of 3 document(s) rendered, 1 failed" in stderr


def test_outputs_that_collide_are_refused_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.json").write_bytes(example("closure").read_bytes())
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    first, second = tmp_path / "a" / "x.json", tmp_path / "b" / "x.json"
    code, _, stderr = run(
        capsys, "render", first, second, "--out-dir", out_dir, "--force", "--lang", "en"
    )
    assert code == 2
    assert str(first) in stderr and str(second) in stderr and "x.pdf" in stderr
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize(("ending", "magic"), [(".docx", b"PK"), (".pdf", b"%PDF")])
def test_the_ending_of_output_sets_the_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, ending: str, magic: bytes
) -> None:
    out = tmp_path / f"closure{ending}"
    code, _, _ = run(capsys, "render", example("closure"), "-o", out)
    assert code == 0 and out.read_bytes().startswith(magic)


def test_format_contradicting_the_ending_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "closure.docx"
    code, _, stderr = run(
        capsys, "render", example("closure"), "-o", out, "--format", "pdf", "--lang", "en"
    )
    assert code == 2 and "--format pdf does not match the ending of" in stderr
    assert not out.exists()


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_force_replaces_only_regular_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "closure.pdf"
    link.symlink_to("/dev/null")
    code, _, stderr = run(
        capsys, "render", example("closure"), "-o", link, "--force", "--lang", "en"
    )
    assert code == 2 and "not a regular file" in stderr
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    code, _, stderr = run(
        capsys, "render", example("closure"), "-o", fifo, "--force", "--lang", "en"
    )
    assert code == 2 and "not a regular file" in stderr


def test_password_file_and_env_together_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text("Salajane-Parool-1\n", "utf-8")
    monkeypatch.setenv("ASENDUSDOC_TEST_PASSWORD", "Salajane-Parool-2")
    code, _, stderr = run(
        capsys, "render", example("closure"), "-o", tmp_path / "x.pdf", "--lang", "en",
        "--password-file", secret, "--password-env", "ASENDUSDOC_TEST_PASSWORD",
    )  # fmt: skip
    assert code == 2 and "not both" in stderr and "Internal error" not in stderr
    assert not (tmp_path / "x.pdf").exists()
