"""The shipped catalogs: complete, compiled from the current .po, loaded for real, and covering
every message a rule or an error can produce."""

from __future__ import annotations

import ast
import gettext
import io
import json
from importlib.resources import files
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from asendusdoc.i18n import translations
from asendusdoc.problems.messages import message_template, problem_message
from asendusdoc.read.loading import validate_form

LOCALE = files("asendusdoc.i18n") / "locale"
SOURCE = Path(__file__).resolve().parents[2] / "src" / "asendusdoc"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LANGS = ("et", "ru")


def _catalog(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "asendusdoc.po").open("rb") as handle:
        return read_po(handle)


def _msgids(lang: str = "et") -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(lang) if m.id}


@pytest.mark.parametrize("lang", LANGS)
def test_every_msgid_has_a_translation(lang: str) -> None:
    untranslated = [
        m.id
        for m in _catalog(lang)
        if m.id and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))
    ]
    assert untranslated == []


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_the_placeholders(lang: str) -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for m in _catalog(lang):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        expected = set().union(*(fields(i) for i in ids))
        for text in strings:
            assert fields(text) <= expected, (m.id, text)


def test_russian_has_three_plural_forms_and_estonian_two() -> None:
    assert _catalog("ru").num_plurals == 3
    assert _catalog("et").num_plurals == 2


@pytest.mark.parametrize("lang", LANGS)
def test_mo_is_compiled_from_the_current_po(lang: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, _catalog(lang))
    fresh = gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))
    with (LOCALE / lang / "LC_MESSAGES" / "asendusdoc.mo").open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == fresh._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("et", "kohustuslik väli puudub"), ("ru", "обязательное поле не заполнено")],
)
def test_the_real_catalog_is_loaded(lang: str, expected: str) -> None:
    catalog = translations(lang)
    assert isinstance(catalog, gettext.GNUTranslations)
    assert catalog.gettext("required field is missing") == expected


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
                found.append((path, node))
    return found


@pytest.mark.parametrize(("kind", "position"), [("RuleViolation", 2), ("PydanticCustomError", 1)])
def test_every_literal_rule_message_is_in_the_catalog(kind: str, position: int) -> None:
    calls = _calls(kind)
    assert calls
    known = _msgids()
    missing = []
    for path, call in calls:
        if len(call.args) <= position:
            continue
        message = call.args[position]
        if (
            isinstance(message, ast.Constant)
            and isinstance(message.value, str)
            and message.value not in known
        ):
            missing.append((path.name, call.lineno, message.value))
    assert missing == []


def _invalid_examples() -> list[Path]:
    return sorted((EXAMPLES / "invalid").glob("*.json"))


@pytest.mark.skipif(not (EXAMPLES / "invalid").is_dir(), reason="examples/invalid not present")
@pytest.mark.parametrize("example", _invalid_examples(), ids=lambda p: p.stem)
def test_every_problem_of_the_invalid_examples_has_a_translation(example: Path) -> None:
    """Covers rule codes whose message reaches RuleViolation through a variable."""
    problems = validate_form(json.loads(example.read_text(encoding="utf-8")))
    assert problems
    known = _msgids()
    for problem in problems:
        template, _params = message_template(problem)
        assert template.singular in known, (problem.code, problem.message)
        for lang in LANGS:
            assert problem_message(problem, lang) != problem.message or problem.params
