"""DOCX of the real forms: every example in both languages opens, shows all its text, repeats.

The back-end tests (``test_docx.py``) use a hand-made :class:`Document`; these go the whole way
from ``examples/<id>.json`` through the form model, the layout and the shipped template. The
helpers here (the example's free texts, the document's text) are shared with the PDF and
snapshot tests of the real forms.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from lxml import etree

from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.forms._limits import GOALS
from asendusdoc.render import render_docx

FORM_IDS = tuple(FORM_MODELS)
LANGS = ("et", "ru")
CASES = [
    pytest.param(form_id, lang, id=f"{form_id}-{lang}") for form_id in FORM_IDS for lang in LANGS
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOT_FREE_TEXT_KEYS = {"phone", "email", "personal_code", "form", "case_reference"}


def normalised(text: str) -> str:
    """Whitespace runs (line breaks included) as one space."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """All whitespace and hyphens removed: for text that a renderer may cut into lines or rows
    anywhere, and hyphenate at a line's end (the PDF's "kon-/sultatsioon")."""
    return "".join(text.split()).replace("-", "")


def free_texts(data: Any, key: str | None = None) -> Iterator[str]:
    """Every free-text value of a form's JSON: a string leaf longer than 12 characters with a space.

    Enum values, dates, ids and codes have no space; phones, e-mails and codes are skipped by key.
    """
    if isinstance(data, dict):
        for name, value in data.items():
            yield from free_texts(value, name)
    elif isinstance(data, list):
        for item in data:
            yield from free_texts(item, key)
    elif isinstance(data, str) and _is_free_text(data, key):
        yield data


def _is_free_text(value: str, key: str | None) -> bool:
    return key not in _NOT_FREE_TEXT_KEYS and len(value) > 12 and " " in value


def docx_text(data: bytes) -> str:
    """Headers, then the body's paragraphs and tables in document order, then footers.

    Table cells are read once each (python-docx repeats a merged cell), paragraphs one a line.
    """
    opened = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for section in opened.sections[:1]:
        lines += [p.text for p in section.header.paragraphs]
    body = opened.element.body
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            lines.append(_paragraph_text(child))
        elif child.tag == f"{W}tbl":
            lines += _table_lines(child)
    for section in opened.sections[:1]:
        lines += [p.text for p in section.footer.paragraphs]
    return "\n".join(lines)


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}br":
            parts.append("\n")
        else:
            parts.append("\t")
    return "".join(parts)


def _table_lines(table: Any) -> list[str]:
    """One line per row, cells separated by `` | ``; a cell's paragraphs joined by line breaks."""
    lines = []
    for row in table.iterchildren(f"{W}tr"):
        cells = [
            "\n".join(_paragraph_text(p) for p in cell.iterchildren(f"{W}p"))
            for cell in row.iterchildren(f"{W}tc")
        ]
        lines.append(" | ".join(cells))
    return lines


def long_diary(entries: int = 500) -> dict[str, Any]:
    """The example client diary with ``entries`` entries, one a day, each with its own text."""
    data = example_data("client-diary")
    start = dt.date(2025, 1, 1)
    data["period_start"] = start.isoformat()
    data["period_end"] = (start + dt.timedelta(days=entries)).isoformat()
    data["document_date"] = (start + dt.timedelta(days=entries + 1)).isoformat()
    examples = data["entries"]
    data["entries"] = []
    for number in range(1, entries + 1):
        entry = copy.deepcopy(examples[number % len(examples)])
        entry["date"] = (start + dt.timedelta(days=number - 1)).isoformat()
        entry["description"] = f"Sissekanne {number}. {entry['description']}"
        data["entries"].append(entry)
    return data


def long_support_plan(goals: int = GOALS) -> dict[str, Any]:
    """The example support plan with ``goals`` goals, each with the example's activities."""
    data = example_data("support-plan")
    examples = data["goals"]
    data["goals"] = []
    for number in range(1, goals + 1):
        goal = copy.deepcopy(examples[number % len(examples)])
        goal["key"] = f"E{number}"
        goal["description"] = f"Цель номер {number}. {goal['description']}"
        for activity in goal["activities"]:
            activity["goal_key"] = goal["key"]
        data["goals"].append(goal)
    return data


# ---------------------------------------------------------------- every form, both languages


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    return {(f, lang): render_docx(example_data(f), lang) for f in FORM_IDS for lang in LANGS}


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_every_xml_part_parses_and_python_docx_opens_it(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    data = rendered[form_id, lang]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        assert "word/document.xml" in names
        for name in names:
            etree.fromstring(archive.read(name))
    assert docx.Document(io.BytesIO(data)).paragraphs


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_every_free_text_value_of_the_example_appears(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    text = normalised(docx_text(rendered[form_id, lang]))
    values = list(free_texts(example_data(form_id)))
    assert values, "the example has no free text to look for"
    missing = [value for value in values if normalised(value) not in text]
    assert missing == []


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_no_template_tag_is_left_in_the_text(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    text = docx_text(rendered[form_id, lang])
    assert not re.search(r"\{\{|\}\}|\{%|%\}", text)


@pytest.mark.parametrize(("form_id", "lang"), CASES)
def test_rendering_twice_gives_the_same_bytes(
    rendered: dict[tuple[str, str], bytes], form_id: str, lang: str
) -> None:
    assert render_docx(example_data(form_id), lang) == rendered[form_id, lang]


# ---------------------------------------------------------------- long content


def _header_rows(data: bytes) -> list[Any]:
    tree = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [
        table.find(f"{W}tr")
        for table in tree.iter(f"{W}tbl")
        if len(table.findall(f"{W}tr")) > 1
        and table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_a_500_entry_diary_has_a_repeating_header_and_its_last_entry(lang: str) -> None:
    data = long_diary(500)
    rendered = render_docx(data, lang)
    tree = etree.fromstring(zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml"))
    diary = max(tree.iter(f"{W}tbl"), key=lambda table: len(table.findall(f"{W}tr")))
    rows = diary.findall(f"{W}tr")
    assert len(rows) == 501
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    text = normalised(docx_text(rendered))
    assert normalised(data["entries"][-1]["description"]) in text
    assert "Sissekanne 500." in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_longest_support_plan_has_every_goal_and_marked_header_rows(lang: str) -> None:
    data = long_support_plan(GOALS)
    rendered = render_docx(data, lang)
    text = normalised(docx_text(rendered))
    missing = [g["description"] for g in data["goals"] if normalised(g["description"]) not in text]
    assert missing == []
    assert normalised(data["goals"][-1]["activities"][-1]["description"]) in text
    assert len(_header_rows(rendered)) >= GOALS  # each goal's activity table repeats its header
