"""Words have two homes: terms as ``Titles`` in forms/ or reference/, sentences in the catalogs.

A table of et/ru/en strings anywhere else (a dict keyed by language, a Russian or Estonian
literal, a ``Titles`` of literals outside forms/ and reference/) is how the words drifted apart
before: these tests find one in the package's source. Docstrings may name Estonian terms.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from asendusdoc.forms import FORM_MODELS
from asendusdoc.i18n import LANGUAGES

SOURCE = Path(__file__).resolve().parents[2] / "src" / "asendusdoc"
WORD_HOMES = ("forms", "reference")
NOT_WORDS = {
    SOURCE / "i18n" / "formatting.py": "date patterns: \"d MMMM y 'г.'\"",
    SOURCE / "testing" / "strategies.py": "the alphabets generated texts are drawn from",
    SOURCE / "render" / "restriction.py": "a pattern of a legal citation's parts (ч. 1 п. 12)",
    SOURCE / "i18n" / "quotes.py": "the quotation marks of each language („…“, «…»)",
}
"""Files whose Estonian or Russian letters are not words, and what they are."""
LANGUAGE_TAG = re.compile("[a-z]{2}-[A-Z]{2}")

CYRILLIC = re.compile("[\u0400-\u04ff]")
ESTONIAN_LETTERS = re.compile("[õäöüšžÕÄÖÜŠŽ]")


def _outside_word_homes() -> list[Path]:
    return sorted(
        path
        for path in SOURCE.rglob("*.py")
        if path.relative_to(SOURCE).parts[0] not in WORD_HOMES and path not in NOT_WORDS
    )


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for statement in body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    found.add(id(statement.value))
    return found


def _word_tables(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(SOURCE)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings:
                continue
            if CYRILLIC.search(node.value) or ESTONIAN_LETTERS.search(node.value):
                found.append(f"{where}: et/ru text {node.value[:40]!r}")
        elif isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            tags = all(
                isinstance(v, ast.Constant) and LANGUAGE_TAG.fullmatch(str(v.value))
                for v in node.values
            )
            if len(keys & set(LANGUAGES)) >= 2 and not tags:
                found.append(f"{where}: a dict keyed by language")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            texts = [a for a in node.args if isinstance(a, ast.Constant)]
            if name == "Titles" and texts:
                found.append(f"{where}: Titles(...) built outside forms/ and reference/")
    return found


@pytest.mark.parametrize("path", _outside_word_homes(), ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_table_of_words_outside_forms_and_reference(path: Path) -> None:
    assert _word_tables(path) == []


def test_the_check_finds_a_table_of_words(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'WORDS = {"et": "viga", "ru": "ошибка"}\n'
        'KIND = ("tegevuskava", "план действий", "action plan")\n'
        'LABEL = Titles("Vorm", "Форма", "Form")\n'
        'HELP = "kontrolli ühe juhtumi vorme"\n',
        encoding="utf-8",
    )
    global SOURCE
    saved, SOURCE = SOURCE, tmp_path
    try:
        found = _word_tables(sample)
    finally:
        SOURCE = saved
    assert len([f for f in found if "dict keyed by language" in f]) == 1
    assert any("Titles(...)" in f for f in found)
    assert any("план действий" in f for f in found)
    assert any("kontrolli" in f for f in found)


@pytest.mark.parametrize("form_id", sorted(FORM_MODELS))
def test_every_form_has_its_names_in_three_languages(form_id: str) -> None:
    model = FORM_MODELS[form_id]
    for titles in (model.titles, model.titles_in_sentence):
        assert all(titles.get(lang) for lang in LANGUAGES)
        assert titles.ru != titles.et != titles.en
