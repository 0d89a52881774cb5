"""A custom template that fails at run time is ``template_broken`` (exit 2) naming the
template, never an internal error; one that would build a huge value or loop without end is
refused; a malformed tag is an error, never silently dropped text."""

from __future__ import annotations

import json
import time
from pathlib import Path

import docx
import pytest

from asendusdoc.cli import main
from asendusdoc.errors import TemplateError
from asendusdoc.render import _sandbox, render_docx

FAILS = "a tag fails when the document is filled in"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "closure.json"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{{ 1/0 }}", FAILS),
        ("{{ 'a' * 10**9 }}", "a value that is too large"),
        ("{{ 2 ** 100000000 }}", "too large a power"),
        ("{% for i in range(10**9) %}x{% endfor %}", FAILS),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", FAILS),
        ("{% include 'other.xml' %}", FAILS),
        ("Pealkiri: {{ title ", "expected token"),
        ("{{ title|center(10**9) }}", "a value that is too large"),
        ("{{ title.ljust(10**9) }}", "a value that is too large"),
        ("{{ ('x' * 1000000)|replace('x', 'yy') }}", "a value that is too large"),
        ("{{ range(100000)|join('x' * 100) }}", "a value that is too large"),
        ("{{ '%1000000000d' % 1 }}", "a value that is too large"),
        ("{{ '{:1000000000}'.format(title) }}", "a value that is too large"),
        ("{{ range(3)|batch(10**9, 'x')|list }}", "a value that is too large"),
    ],
    ids=["zero-division", "huge-text", "huge-power", "huge-range", "recursion", "include",
         "unclosed-tag", "huge-center", "huge-ljust", "huge-replace", "huge-join",
         "huge-percent-width", "huge-format-width", "huge-batch"],
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


def _hostile(tmp_path: Path, form_id: str, text: str) -> Path:
    template = tmp_path / "templates" / "et" / f"{form_id}.docx"
    template.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(template))
    return template


NESTED_LOOPS = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
# Each kind of repetition a template has: loops, a loop's filter, macros, call blocks.
SLOW = {
    "nested-loops": NESTED_LOOPS,
    "loop-filter": "{% for a in range(100000) %}{% for b in range(100000) if b < 0 %}"
    "{% endfor %}{% endfor %}",
    "doubling-macro": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
    "{% endmacro %}{{ f(60) }}",
    "call-block": "{% macro m() %}{% for a in range(100000) %}{{ caller() }}{% endfor %}"
    "{% endmacro %}{% call m() %}{% for b in range(100000) %}{% endfor %}{% endcall %}",
}
HUGE = {
    "printed-values": "{% for a in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}",
    "folded-constant": "{% for a in range(100000) %}{{ 'x'|center(999999) }}{% endfor %}",
    "template-text-in-a-macro": "{% macro m() %}{% for a in range(100000) %}"
    "{% for b in range(100000) %}" + "Tekst. " * 200 + "{% endfor %}{% endfor %}{% endmacro %}"
    "{{ m() }}",
}


LIMITS = [
    *[pytest.param(text, "was stopped after 1 s", 1.0, id=name) for name, text in SLOW.items()],
    # the output limit must stop these, not the clock: on a loaded machine 64 million characters
    # can take longer than one second to write
    *[
        pytest.param(text, "more than 64000000 characters", 25.0, id=name)
        for name, text in HUGE.items()
    ],
]


@pytest.mark.parametrize(("text", "said", "seconds"), LIMITS)
def test_a_template_over_its_time_or_output_limit_is_stopped_as_template_broken(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    text: str,
    said: str,
    seconds: float,
) -> None:
    monkeypatch.setattr(_sandbox, "TEMPLATE_TIME_LIMIT_SECONDS", seconds)
    template = _hostile(tmp_path, "closure", text)
    out = tmp_path / "closure.docx"
    started = time.monotonic()
    code = main([
        "render", str(EXAMPLE), "-o", str(out), "--lang", "en",
        "--template-dir", str(tmp_path / "templates"),
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert time.monotonic() - started < 30
    assert (code, str(template) in err, said in err) == (2, True, True), err
    assert not out.exists()


def test_the_output_limit_leaves_room_for_the_largest_diary_with_the_shipped_template(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The largest diary allowed has 5,000 entries of about 1,850 characters (the input size
    limit): 100 such entries, a fiftieth of it, fit in a hundredth of the limit."""
    data = json.loads(EXAMPLE.with_name("client-diary.json").read_text("utf-8"))
    entry = data["entries"][0]
    entry["description"] = ("Kodukülastus, vestlus lapse ja hooldajaga. " * 50)[:1850]
    data["entries"] = [entry] * 100
    limit = _sandbox.MAX_TEMPLATE_OUTPUT_CHARS // 50
    monkeypatch.setattr(_sandbox, "MAX_TEMPLATE_OUTPUT_CHARS", limit // 2)
    render_docx(data, "et")
    monkeypatch.setattr(_sandbox, "MAX_TEMPLATE_OUTPUT_CHARS", limit // 20)
    with pytest.raises(TemplateError):  # the meter counts what the shipped template writes
        render_docx(data, "et")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_goes_on_after_a_template_over_its_limits(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    jobs: str,
) -> None:
    monkeypatch.setattr(_sandbox, "TEMPLATE_TIME_LIMIT_SECONDS", 1.0)
    slow = _hostile(tmp_path, "closure", NESTED_LOOPS)
    huge = _hostile(tmp_path, "support-plan", HUGE["printed-values"])
    examples = EXAMPLE.parent
    inputs = [examples / f"{name}.json" for name in ("closure", "support-plan", "action-plan")]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code = main([
        "render", *map(str, inputs), "--out-dir", str(out_dir), "--format", "docx",
        "--lang", "en", "--template-dir", str(tmp_path / "templates"), "--jobs", jobs,
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2, err
    assert str(slow) in err and str(huge) in err and "Internal error" not in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["action-plan.docx"]


@pytest.mark.parametrize(
    "expression",
    ["{{ form.further_needs }}", "{{ form.further_needs|e }}", "{{ form.further_needs|e|safe }}"],
    ids=["plain", "escaped", "escaped-and-safe"],
)
def test_braces_in_a_value_stay_as_typed_however_a_custom_template_prints_it(
    tmp_path: Path, expression: str
) -> None:
    typed = "Vaja: {_{ x }_} ja {_% if %_} ning {{ y }}"
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["further_needs"] = typed
    source = tmp_path / "closure.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    _hostile(tmp_path, "closure", expression)
    out = tmp_path / "closure.docx"
    code = main([
        "render", str(source), "-o", str(out), "--lang", "en",
        "--template-dir", str(tmp_path / "templates"),
    ])  # fmt: skip
    assert code == 0
    assert [p.text for p in docx.Document(str(out)).paragraphs] == [typed]
