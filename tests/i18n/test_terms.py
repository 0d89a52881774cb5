"""The terms of DOMAIN.md and the formal register: what a native reader must never meet.

Russian: asendushooldus is «замещающий уход» (опека is eestkoste), the service types are
«адаптационная услуга» and «услуга по потребностям семьи», the diary column is
«Продолжительность (мин)». Estonian messages address the caseworker formally ("lõpetage",
"esitage"), never with the informal imperative ("lõpeta", "esita").
"""

from __future__ import annotations

import json
import re
from enum import Enum
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from asendusdoc.case import check_case_files
from asendusdoc.forms import FORM_MODELS
from asendusdoc.forms._words import INTROS, LABELS
from asendusdoc.problems.messages import describe_problem
from asendusdoc.read.loading import validate_form
from asendusdoc.titles import Titles, item_titles_of, titles_of

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "asendusdoc" / "i18n" / "locale"
SNAPSHOTS = ROOT / "tests" / "render" / "__snapshots__" / "test_snapshots"

RUSSIAN_FORBIDDEN = re.compile(
    r"замещающ\w*\s+опек|услуг\w*\s+для\s+адаптации|услуг\w*\s+по\s+потребности\b|Время \(мин\)",
    re.IGNORECASE,
)
INFORMAL = re.compile(
    r"(?:^|[.;:!?]\s+|\bja\s+|\bvõi\s+)(?:lõpeta|hinda|otsusta|esita|täida|kontrolli|suuna|anna"
    r"|kirjuta|vali|märgi|vaata|lisa|kasuta|kustuta|paranda|muuda|koosta|küsi|sisesta|salvesta"
    r"|paigalda|kirjelda)\b",
    re.IGNORECASE,
)


def _catalog_texts(lang: str) -> list[str]:
    with (LOCALE / lang / "LC_MESSAGES" / "asendusdoc.po").open("rb") as handle:
        catalog = read_po(handle)
    texts: list[str] = []
    for message in catalog:
        if message.id:
            texts += [message.string] if isinstance(message.string, str) else list(message.string)
    return texts


def _titles() -> list[Titles]:
    """Every Titles of the forms: form names, fields, list entries, enumeration values, words."""
    found: list[Titles] = [*LABELS.values(), *INTROS.values()]
    seen: set[type] = set()

    def walk(model: type) -> None:
        if model in seen:
            return
        seen.add(model)
        for attribute in ("titles", "titles_in_sentence", "item_titles"):
            value = getattr(model, attribute, None)
            if isinstance(value, Titles):
                found.append(value)
        for name, info in getattr(model, "model_fields", {}).items():
            found.append(titles_of(info, name))
            item = item_titles_of(info)
            if item is not None:
                found.append(item)
            stack = [info.annotation]
            while stack:
                annotation = stack.pop()
                stack += list(getattr(annotation, "__args__", ()))
                if isinstance(annotation, type) and issubclass(annotation, Enum):
                    found.extend(m.titles for m in annotation if isinstance(m.titles, Titles))
                elif isinstance(annotation, type) and hasattr(annotation, "model_fields"):
                    walk(annotation)

    for model in FORM_MODELS.values():
        walk(model)
    return found


def _messages(lang: str) -> list[str]:
    """Every message of every invalid example and every finding of every example case."""
    texts = []
    for path in sorted((ROOT / "examples" / "invalid").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        texts += [describe_problem(p, data.get("form"), lang) for p in validate_form(data)]
    for case in sorted((ROOT / "examples" / "cases").iterdir()):
        files = {p.name: p.read_bytes() for p in case.glob("*.json")}
        texts += [f.message(lang) for f in check_case_files(files).findings]
    return texts


def test_russian_texts_use_the_terms_of_the_domain() -> None:
    texts = [*_catalog_texts("ru"), *(t.ru for t in _titles()), *_messages("ru")]
    texts += [p.read_text("utf-8") for p in SNAPSHOTS.glob("*-ru*")]
    assert len(texts) > 500
    assert [t for t in texts if RUSSIAN_FORBIDDEN.search(t)] == []


def test_estonian_messages_address_the_caseworker_formally() -> None:
    texts = [*_catalog_texts("et"), *_messages("et")]
    assert [t for t in texts if INFORMAL.search(t)] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Форма замещающей опеки", "ru"),
        ("год услуги для адаптации", "ru"),
        ("услуга по потребности", "ru"),
        ("Время (мин)", "ru"),
        ("lõpeta teenus või suuna pere", "et"),
        ("Aasta täitub: hinda noore olukorda ja otsusta", "et"),
        ("Täida enne saatmist. Kontrolli siis", "et"),
    ],
)
def test_the_checks_find_what_they_forbid(text: str, lang: str) -> None:
    pattern = RUSSIAN_FORBIDDEN if lang == "ru" else INFORMAL
    assert pattern.search(text)


def test_the_formal_words_pass() -> None:
    assert not INFORMAL.search("lõpetage teenus või suunake pere; hinnake ja otsustage")
    assert not INFORMAL.search("sisendis on arv, milles on üle 20 märgi")


def _catalog(lang: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every singular message of ``lang``'s catalog."""
    with (LOCALE / lang / "LC_MESSAGES" / "asendusdoc.po").open("rb") as handle:
        catalog = read_po(handle)
    return [(m.id, m.string) for m in catalog if isinstance(m.id, str) and m.id]


BLANK_NOUN = re.compile(r"(?<!be )\bblanks?\b")  # not "must not be blank"
BLANK_TERM = {"et": re.compile(r"\bplan[kg]"), "ru": re.compile(r"бланк")}
"""The fillable Word form is a "plank" in Estonian (as the guide calls it), a "бланк" in
Russian; "vormiblankett" or "шаблон" (a template, another thing) would be a second name."""
OTHER_QUOTES = {
    "et": re.compile(r"['\"]asendusdoc\s|[«»]"),
    "ru": re.compile(r"['\"]asendusdoc\s|[„“]"),
}
"""Estonian quotes „…“, Russian «…»: a command named in a message is quoted in them too (the
shell's own quotes inside a command, as in 'asendusdoc[cdoc]', stay)."""


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_the_fillable_word_form_has_one_name(lang: str) -> None:
    about_blanks = [
        (msgid, text)
        for msgid, text in _catalog(lang)
        if BLANK_NOUN.search(msgid.replace("asendusdoc blank", ""))
    ]
    assert len(about_blanks) > 5
    assert [t for _, t in about_blanks if not BLANK_TERM[lang].search(t)] == []
    assert [t for _, t in _catalog(lang) if re.search("blankett|шаблон бланк", t, re.I)] == []


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_messages_quote_in_the_languages_quotes(lang: str) -> None:
    assert [t for _, t in _catalog(lang) if OTHER_QUOTES[lang].search(t)] == []
