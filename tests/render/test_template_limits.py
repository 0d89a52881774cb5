"""A custom template that fails at run time is ``template_broken`` (exit 2) naming the
template, never an internal error; one that would build a huge value or loop without end is
refused; a malformed tag is an error, never silently dropped text."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from asendusdoc.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "closure.json"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError"),
        ("{{ 'a' * 10**9 }}", "the value is too large"),
        ("{{ 2 ** 100000000 }}", "the power is too large"),
        ("{% for i in range(10**9) %}x{% endfor %}", "OverflowError"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "RecursionError"),
        ("{% include 'other.xml' %}", "TypeError"),
        ("Pealkiri: {{ title ", "expected token"),
    ],
    ids=["zero-division", "huge-text", "huge-power", "huge-range", "recursion", "include",
         "unclosed-tag"],
)  # fmt: skip
def test_a_broken_custom_template_is_template_broken_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, reason: str
) -> None:
    template = tmp_path / "templates" / "et" / "closure.docx"
    template.parent.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.add_paragraph("Muu tekst")
    document.save(str(template))
    out = tmp_path / "closure.docx"
    code = main([
        "render", str(EXAMPLE), "-o", str(out), "--lang", "en",
        "--template-dir", str(tmp_path / "templates"),
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2, err
    assert str(template) in err and reason in err and "Internal error" not in err
    assert not out.exists()
