"""The help, the --version line and argparse's own errors speak the --lang language, wholly.

An English word in the Estonian or Russian help is found by comparing with the English help of
the same command: a word the English help uses (other than option names and the code words a
caseworker types, such as JSON or PDF) must not appear in the other languages' help.
"""

from __future__ import annotations

import re

import pytest

from asendusdoc.cli import main


def _commands() -> list[list[str]]:
    """The main parser and every command it has (a new command is checked without listing it)."""
    import argparse

    from asendusdoc.cli import build_parser

    actions = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return [[], *([name] for name in actions[0].choices)]


COMMANDS = _commands()
CODE_WORDS = {
    "asendusdoc", "json", "pdf", "docx", "openpgp", "aes", "ascii", "armor", "lc_all", "lang",
    "icalendar", "path", "code", "message", "provider", "id", "et", "ru", "en", "forms",
    "example", "schema", "validate", "render", "encrypt", "check", "redact", "draft", "report",
    "docx,pdf", "n", "word", "agenda", "suggest", "needs", "csv", "blank", "libreoffice",
    "extract",
    "cdoc", "pem", "der", "digidoc", "pades", "pkcs", "p", "e",  # formats; FILE.p12; e-seal
    "verify", "decrypt", "seal", "asic", "asice", "bdoc", "xades", "lt", "ocsp", "url", "pin",
    "opensc", "so",  # signed containers: commands, formats, profiles, opensc-pkcs11.so
    "serve", "http", "openapi", "toml", "tls", "ca", "client", "sha", "v",  # the service
    "host", "port", "keys", "name", "operations", "asendusdoc_serve_key",  # its settings
}  # fmt: skip
"""Words that are the same in every language: formats, products, commands, JSON keys, language
codes."""
ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help message",
    "show program's version",
    "COMMAND",
    "FILE",
)


def _help(capsys: pytest.CaptureFixture[str], lang: str, command: list[str]) -> str:
    assert main(["--lang", lang, *command, "--help"]) == 0
    return capsys.readouterr().out


def _words(text: str) -> set[str]:
    text = re.sub(r"(?<!\w)--?[\w-]+", " ", text)  # option names
    text = re.sub(r"\{[^}]*\}|<[^>]*>|\*\.\w+|\$\w+", " ", text)  # choices, placeholders
    return {w.lower() for w in re.findall(r"[^\W\d]+", text)} - CODE_WORDS


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "asendusdoc")
def test_help_has_no_english_words(
    capsys: pytest.CaptureFixture[str], lang: str, command: list[str]
) -> None:
    english = _words(_help(capsys, "en", command))
    text = _help(capsys, lang, command)
    assert not [phrase for phrase in ARGPARSE_ENGLISH if phrase in text]
    assert _words(text) & english == set()
    if lang == "ru":
        latin = {w for w in _words(text) if re.fullmatch("[a-z]+", w)}
        assert latin == set()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "asendusdoc")
def test_english_help_is_english(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    text = _help(capsys, "en", command)
    assert "usage:" in text
    assert "show this help message and exit" in text


@pytest.mark.parametrize(
    ("lang", "expected"), [("et", "asendusdoc, versioon "), ("ru", "asendusdoc, версия ")]
)
def test_version_line_is_in_the_language(
    capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    assert main(["--lang", lang, "--version"]) == 0
    assert capsys.readouterr().out.startswith(expected)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "ru", "render"], "ошибка: не указаны обязательные аргументы: ФАЙЛ"),
        (["--lang", "et", "render", "a.json", "--format", "odt", "-o", "a.odt"], "lubamatu"),
        (["check", "--lang=ru", "--today"], "требуется одно значение"),
        (["--lang", "et", "nosuch"], "valige üks järgmistest"),
    ],
)
def test_argparse_errors_are_in_the_language(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "usage:" not in err and "error:" not in err


def test_the_language_is_restored_after_parsing(capsys: pytest.CaptureFixture[str]) -> None:
    import gettext
    import os

    before = (gettext.textdomain(), os.environ.get("LANGUAGE"))
    _help(capsys, "ru", ["validate"])
    assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == before
