"""The provider's version in one language (issue 26, stumble 5).

A worker ran ``redact --for provider``, then ``render --lang et``: the document said
"Põhjendus on juhtumiplaanis; … / Обоснование содержится…", both languages in one document, and
kept a personal-code column with "—" in every row. The provider's referral now reads in the
document's language alone and has no column it cannot fill, in PDF and in DOCX.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from asendusdoc.cli import main
from asendusdoc.forms._words import WITHHELD
from tests.cli.test_render_cli import docx_text, example

CODE_HEADERS = {"et": "Isikukood", "ru": "Личный код"}
OTHER = {"et": "ru", "ru": "et"}


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return docx_text(path)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("form_id", "withheld"),
    [("family-support-referral", "justification"), ("support-person-referral", "needs_assessment")],
)
@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_providers_document_is_in_one_language_without_a_code_column(
    tmp_path: Path, form_id: str, withheld: str, lang: str, kind: str
) -> None:
    reduced = tmp_path / "provider.json"
    assert main(["redact", str(example(form_id)), "--for", "provider", "-o", str(reduced)]) == 0
    document = tmp_path / f"provider.{kind}"
    assert main(["render", str(reduced), "--lang", lang, "-o", str(document), "-q"]) == 0

    text = _flat(_text(document))
    sentence = WITHHELD[withheld]
    assert _flat(sentence.get(lang)) in text
    assert _flat(sentence.get(OTHER[lang]))[:30] not in text
    assert " / " + sentence.get(OTHER[lang])[:12] not in text
    assert CODE_HEADERS[lang] not in text


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_full_referral_keeps_its_personal_code_column(tmp_path: Path, kind: str) -> None:
    document = tmp_path / f"full.{kind}"
    source = example("family-support-referral")
    assert main(["render", str(source), "--lang", "et", "-o", str(document), "-q"]) == 0
    assert _text(document).count(CODE_HEADERS["et"]) == 2  # parents' and children's tables


def test_the_provider_json_still_holds_both_languages(tmp_path: Path) -> None:
    """The data is read by people of either language and by programs: it keeps the one value
    (unchanged since the provider's view came), and only a document picks its language."""
    reduced = tmp_path / "provider.json"
    source = example("family-support-referral")
    assert main(["redact", str(source), "--for", "provider", "-o", str(reduced)]) == 0
    text = reduced.read_text(encoding="utf-8")
    assert WITHHELD["justification"].et in text
    assert WITHHELD["justification"].ru in text
