"""Hostile text in every free-text field of every form: accepted and shown literally, or refused.

A free-text field is a string leaf whose schema is plain text (not an enumeration, date,
personal code, phone, e-mail, municipality, provider or goal key); :func:`text_fields` finds
them by walking each example alongside its JSON Schema, optional ones included. Renders are
the expensive part, so every field gets all hostile strings at once (one DOCX and one PDF per
language per form), and the 20,000-character paragraph goes into one long field per form.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.problems.messages import describe_problem
from asendusdoc.read.loading import validate_form
from asendusdoc.render import render_docx, render_pdf
from asendusdoc.testing.strategies import forms
from tests.robustness.helpers import (
    assert_docx_whole,
    assert_pdf_whole,
    comparable,
    dotted,
    reading_text,
    set_at,
    text_fields,
)

FORM_IDS = list(FORM_MODELS)
LANGS = ("et", "ru")
RENDERERS = {"docx": render_docx, "pdf": render_pdf}
WHOLE = {"docx": assert_docx_whole, "pdf": assert_pdf_whole}

# Shown literally in both formats: markup, template syntax (docxtpl's own escapes `{_{ }_}` and
# `{_% %_}` included, which it turns into `{{ }}` / `{% %}` after rendering), Russian, combining
# marks, breaks.
HOSTILE = (
    "<w:t> & \"q\" 'q' </w:p> "
    "{{ x }} {% if %} {%p if x %} {%tr for %} {_{ x }_} {_% if %_} {_{_%_}_} "
    "«Ёлка» ещё ёж "
    "e\u0301 a\u0308 "
    "zero\u200bwidth\u200djoin\u2060 "
    "line\nbreak\ttab"
)
# Emoji and right-to-left scripts: literal in DOCX; the PDF cannot show them faithfully
# (a documented limitation, docs/decisions.md).
EXOTIC = "🙂 👨\u200d👩\u200d👧 שלום עליכם مرحبا بكم"

CONTROL_CHARACTERS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]
CONTROL_CHARACTERS += ["\x7f", "\ufffe", "\uffff"]

# One long field per form for the 20,000-character paragraph.
LONG_FIELD: dict[str, tuple[str | int, ...]] = {
    "family-support-referral": ("justification",),
    "support-person-referral": ("needs_assessment",),
    "family-conference-referral": ("family_situation",),
    "cooperation-agreement": ("communication_principles",),
    "support-plan": ("family_strengths",),
    "action-plan": ("situation",),
    "client-diary": ("entries", 0, "description"),
    "progress-report": ("progress",),
    "closure": ("further_needs",),
    "family-needs-feedback": ("expectations",),
}


def _filled(form_id: str, text: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The example with every free-text field set to a numbered copy of ``text``."""
    data = example_data(form_id)
    values: dict[str, str] = {}
    for number, (path, _) in enumerate(list(text_fields(copy.deepcopy(data))), start=1):
        # letters, not digits: the page-furniture filter ignores digits
        tag = "".join(chr(ord("A") + int(digit)) for digit in f"{number:02d}")
        value = f"#{tag}# {text} #{tag}#"
        set_at(data, path, value)
        values[dotted(path)] = value
    return data, values


# Fields the documents do not show at all (a finding, reported to the render owners): the
# children of the family in the cooperation agreement and the closure. Listed here so the test
# still checks every other field, and fails once the children appear (then drop the entry).
NOT_SHOWN: dict[str, re.Pattern[str]] = {}


def _missing(document: bytes, values: dict[str, str]) -> list[str]:
    shown = comparable(reading_text(document))
    return [path for path, value in values.items() if comparable(value) not in shown]


def _assert_all_shown(form_id: str, document: bytes, values: dict[str, str]) -> None:
    hidden = NOT_SHOWN.get(form_id)
    expected = [path for path in values if hidden is not None and hidden.fullmatch(path)]
    assert _missing(document, values) == expected


def test_every_form_has_free_text_fields_and_a_long_field() -> None:
    assert set(LONG_FIELD) == set(FORM_IDS)
    for form_id in FORM_IDS:
        assert len(list(text_fields(example_data(form_id)))) >= 10, form_id


@pytest.mark.parametrize("fmt", list(RENDERERS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_hostile_text_in_every_field_is_shown_literally(form_id: str, lang: str, fmt: str) -> None:
    data, values = _filled(form_id, HOSTILE)
    assert validate_form(data) == []
    document = RENDERERS[fmt](data, lang)
    WHOLE[fmt](document)
    _assert_all_shown(form_id, document, values)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_emoji_and_right_to_left_text_in_every_field_show_in_docx(form_id: str) -> None:
    data, values = _filled(form_id, EXOTIC)
    assert validate_form(data) == []
    document = RENDERERS["docx"](data, "et")
    WHOLE["docx"](document)
    _assert_all_shown(form_id, document, values)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_emoji_and_right_to_left_text_still_give_a_whole_pdf(form_id: str) -> None:
    """The documented PDF limitation (docs/decisions.md): DejaVu Sans has no emoji and
    reportlab applies no bidi, so such characters are not shown faithfully; the PDF is still
    whole and everything around them is there."""
    data, values = _filled(form_id, EXOTIC + " Tallinn «ёж»")
    document = RENDERERS["pdf"](data, "et")
    WHOLE["pdf"](document)
    shown = comparable(reading_text(document))
    assert all(comparable("Tallinn «ёж»") in shown for _ in values)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_control_characters_are_refused_naming_each_field(form_id: str) -> None:
    data = example_data(form_id)
    fields = list(text_fields(copy.deepcopy(data)))
    for number, (path, _) in enumerate(fields):
        control = CONTROL_CHARACTERS[number % len(CONTROL_CHARACTERS)]
        set_at(data, path, f"before{control}after")
    problems = validate_form(data)
    assert {p.path_text: p.code for p in problems} == {
        dotted(path): "text_control_character" for path, _ in fields
    }
    for problem in problems:
        for lang in ("en", "et", "ru"):
            described = describe_problem(problem, form_id, lang)
            # named by its title as a person sees it; the JSON path stays in Problem.path only
            assert described.startswith(f"{_title(problem, form_id, lang)}: ")
            assert f"({problem.path_text})" not in described
            assert "U+" in described


def _title(problem: Any, form_id: str, lang: str) -> str:
    from asendusdoc.problems.messages import field_label

    label = field_label(problem, form_id, lang)
    assert label != problem.path_text, "the field has a title"
    return label


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_short_text_over_300_characters_is_refused_with_the_limit(form_id: str) -> None:
    data = example_data(form_id)
    short = [path for path, limit in text_fields(copy.deepcopy(data)) if limit == 300]
    for path in short:
        set_at(data, path, "ä" * 301)
    problems = validate_form(data)
    assert {p.path_text: p.code for p in problems} == {
        dotted(path): "string_too_long" for path in short
    }
    assert all("300" in describe_problem(p, form_id, "et") for p in problems)


PARAGRAPH = ("Lapse käitumine koolis paranes «ёж» & <b> {{ x }} {%p if %} ṽ " * 400)[:20_000]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_a_20000_character_paragraph_renders_whole_in_both_formats_and_languages(
    form_id: str,
) -> None:
    data = example_data(form_id)
    set_at(data, LONG_FIELD[form_id], PARAGRAPH)
    assert validate_form(data) == []
    for lang in LANGS:
        for fmt, render in RENDERERS.items():
            document = render(data, lang)
            WHOLE[fmt](document)
            shown = comparable(reading_text(document))
            whole = comparable(PARAGRAPH)
            assert whole in shown or whole in _paragraph_lines(document), (lang, fmt)


def _paragraph_lines(document: bytes) -> str:
    """The lines of the document that belong to the paragraph, joined.

    A paragraph in a table cell is interrupted by the table's header row repeated on every
    page and by the row's other cells; all of the paragraph must still come, in order. A line
    the PDF hyphenated ("koo-" / "lis") ends in its hyphen, which the paragraph (it has none)
    does not: without it, the line would be taken for another cell's and dropped, and the
    paragraph would seem to repeat where it goes on ("paranesranes").
    """
    assert "-" not in PARAGRAPH
    whole = comparable(PARAGRAPH)
    lines = (comparable(line).removesuffix("-") for line in reading_text(document).splitlines())
    return "".join(line for line in lines if line and line in whole)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_generated_forms_render_in_both_languages_and_formats(form_id: str) -> None:
    @settings(
        max_examples=2,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(forms(form_id))
    def check(data: dict[str, Any]) -> None:
        for lang in LANGS:
            for fmt, render in RENDERERS.items():
                document = render(data, lang)
                WHOLE[fmt](document)
                # the needs feedback names a case only when the family links it to one
                if data.get("case_reference"):
                    shown = comparable(reading_text(document))
                    assert comparable(data["case_reference"]) in shown

    check()
