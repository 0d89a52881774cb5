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


# --------------------------------------------------------------------------- issue 25

GUIDES = [
    path
    for path in sorted((ROOT / "docs").glob("*.md"))
    if path.name not in {"decisions.md", "review-notes.md"}  # they quote the old words
]
OLD_FOSTER_FAMILY = re.compile(r"\bhooldusperi\b|\bhoolduper\w*", re.IGNORECASE)
"""The foster family is a "hoolduspere" ("hooldusperes", "hooldusperre"); "hooldusperi" was a
typo, read now only from blanks filled before (``EarlierTitle``, asendusdoc.migrations)."""
RUSSIAN_CASE_AS_DELO = re.compile(
    r"(?<![а-яё])(?<!социальных )дел(?:о|а|у|ом|е|ам|ами|ах)?(?![а-яё])", re.IGNORECASE
)
"""A case is «случай» («номер случая», «папки случаев»); «дело» is a court's or a file's word."""
CONSENT = re.compile(r"согласи[еяюй]", re.IGNORECASE)
"""«согласие» is the family's consent (nõusolek); the guardianship authority's kooskõlastus is
«согласование»."""
FEMININE_ONLY = re.compile(
    r"(?:очень|отчасти|не\s+была?)\s+полезн[аы]\b|\bиспользована\s+за\s+период", re.IGNORECASE
)
"""Predicates fixed in one gender beside services of every gender («консультирование»)."""
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
EXAMPLE_OF_A_FORMAT = re.compile(r"(?:nt|например|e\.g\.)\s+\d{4}-\d{2}-\d{2}")
CLASS_NAME = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")
"""A Python class name (Ed25519PublicKey, PdfStreamError); product names are not."""
PRODUCT_NAMES = {"DigiDoc4", "LibreOffice", "GnuPG", "OpenDocument"}


def _texts_about_the_foster_family() -> list[str]:
    texts = [*_catalog_texts("et"), *(t.et for t in _titles())]
    texts += [p.read_text("utf-8") for p in SNAPSHOTS.glob("*.txt")]
    texts += [p.read_text("utf-8") for p in GUIDES]
    texts += [p.read_text("utf-8") for p in (ROOT / "examples").rglob("*.json")]
    return texts


def test_the_foster_family_is_a_hoolduspere_everywhere() -> None:
    texts = _texts_about_the_foster_family()
    assert len(texts) > 500
    assert [m for t in texts for m in OLD_FOSTER_FAMILY.findall(t)] == []


def test_the_old_foster_family_title_is_read_only_by_the_migration() -> None:
    from asendusdoc.forms._blocks import FamilyType

    assert FamilyType.FOSTER.titles.et == "hoolduspere"
    assert [e.title for e in FamilyType.FOSTER.earlier_titles] == ["hooldusperi"]


def _russian_texts() -> list[str]:
    texts = [*_catalog_texts("ru"), *(t.ru for t in _titles()), *_messages("ru")]
    texts += [p.read_text("utf-8") for p in SNAPSHOTS.glob("*-ru*")]
    return [*texts, (ROOT / "docs" / "rukovodstvo.md").read_text("utf-8")]


def test_a_case_is_a_sluchai_never_a_delo() -> None:
    assert [m for t in _russian_texts() for m in RUSSIAN_CASE_AS_DELO.findall(t)] == []


def test_the_authoritys_kooskolastus_is_soglasovanie() -> None:
    pairs = [(m.et, m.ru) for m in _titles()]
    et, ru = dict(_catalog("et")), dict(_catalog("ru"))
    pairs += [(et[msgid], ru[msgid]) for msgid in et.keys() & ru.keys()]
    wrong = [r for e, r in pairs if re.search("kooskõlast", e, re.I) and CONSENT.search(r)]
    assert wrong == []


def test_russian_usefulness_needs_no_gender() -> None:
    from asendusdoc.forms.family_needs_feedback import Usefulness

    texts = [*_russian_texts(), *(m.titles.ru for m in Usefulness)]
    assert [t for t in texts if FEMININE_ONLY.search(t)] == []


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_a_blank_help_line_never_says_optional_after_required(lang: str) -> None:
    from asendusdoc.blank._spec import blank_spec
    from asendusdoc.blank._words import help_line

    required = re.compile(r"(?<![а-яё])(?:kohustuslik|обязательно)", re.IGNORECASE)
    optional = {"et": "Vabatahtlik.", "ru": "Необязательно."}[lang]
    lines = [
        help_line(leaf, lang) for form_id in FORM_MODELS for leaf in blank_spec(form_id).leaves()
    ]
    assert len(lines) > 100
    assert [line for line in lines if required.search(line) and line.endswith(optional)] == []


def _certificate_messages(lang: str) -> list[str]:
    """The refusals and the notes that name a certificate's dates."""
    import datetime as dt

    from asendusdoc.cli._render import _encrypted_for
    from asendusdoc.errors import EncryptionError
    from asendusdoc.problems.messages import error_message
    from asendusdoc.protect._values import RecipientSummary

    until = dt.datetime(2026, 12, 8, tzinfo=dt.UTC)
    summary = RecipientSummary("x509", "SKA.cer", "AB:CD", "Kadri Kask", "01", until)
    texts = _encrypted_for((summary,), Path("a.pdf.cdoc"), lang)
    for template in (
        "The certificate {path} expired on {date}. Ask the recipient for a current one.",
        "The certificate {path} is valid only from {date}. Check the computer's clock, or ask "
        "the recipient for a valid certificate.",
    ):
        error = EncryptionError(template, code="x", path="SKA.cer", date="2026-12-08")
        texts.append(error_message(error, lang))
    return texts


@pytest.mark.parametrize("lang", ["et", "ru", "en"])
def test_messages_write_dates_in_words(lang: str) -> None:
    texts = [*_messages(lang), *_certificate_messages(lang)]
    if lang != "en":
        texts += _catalog_texts(lang)
    found = [t for t in texts if ISO_DATE.search(EXAMPLE_OF_A_FORMAT.sub("", t))]
    assert found == []


def test_a_certificates_validity_end_takes_the_estonian_case() -> None:
    texts = _certificate_messages("et")
    assert "kehtib kuni 8. detsembrini 2026" in texts[0]
    assert "aegus 8. detsembril 2026" in texts[1]
    assert "kehtib alles alates 8. detsembrist 2026" in texts[2]


@pytest.mark.parametrize("lang", ["et", "ru", "en"])
def test_messages_name_no_python_class(lang: str) -> None:
    texts = [*_messages(lang), *_certificate_messages(lang)]
    if lang != "en":
        texts += _catalog_texts(lang)
    found = {name for t in texts for name in CLASS_NAME.findall(t)} - PRODUCT_NAMES
    assert found == set()


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (OLD_FOSTER_FAMILY, "Sihtgrupp: hooldusperi"),
        (OLD_FOSTER_FAMILY, "Harku valla hoolduperes"),
        (RUSSIAN_CASE_AS_DELO, "номер дела"),
        (RUSSIAN_CASE_AS_DELO, "Показатели по папкам дел"),
        (CONSENT, "кто и когда дал согласие"),
        (FEMININE_ONLY, "очень полезна"),
        (FEMININE_ONLY, "групповое консультирование — использована за период"),
        (ISO_DATE, "Sertifikaat aegus 2026-12-08."),
        (CLASS_NAME, "võtmele ei saa krüpteerida (Ed25519PublicKey)"),
    ],
)
def test_the_word_checks_find_what_they_forbid(pattern: re.Pattern[str], text: str) -> None:
    assert pattern.search(text)


def test_the_word_checks_let_the_right_words_pass() -> None:
    assert not OLD_FOSTER_FAMILY.search("hoolduspere, hooldusperes, hooldusperre")
    assert not RUSSIAN_CASE_AS_DELO.search("номер случая; отдел социальных дел; делать")
    assert not CONSENT.search("согласование с органом опеки")
    assert not FEMININE_ONLY.search("большая польза; пользы не было")
    assert not CLASS_NAME.search("DigiDoc4".replace("DigiDoc4", "")) and "DigiDoc4" in PRODUCT_NAMES
