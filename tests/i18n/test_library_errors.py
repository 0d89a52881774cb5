"""A broken file is refused in the caseworker's language: no library's English reaches et/ru.

zipfile ("File is not a zip file"), pypdf ("EOF marker not found", PdfStreamError), lxml and the
operating system ("Broken pipe", "Permission denied") speak English; each failure is said in our
words, with its own reason code (asendusdoc.i18n.library_errors).
"""

from __future__ import annotations

import errno
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from asendusdoc.blank import make_blank
from asendusdoc.cli import main
from asendusdoc.errors import InputError
from asendusdoc.examples import example_data
from asendusdoc.i18n.library_errors import REASONS, library_reason_code, os_reason
from asendusdoc.problems.messages import error_message
from asendusdoc.render import render_docx, render_pdf

ENGLISH = re.compile(
    r"\b(?:the|is|not|found|marker|error|file|of|and|stream|ended|invalid|pipe|denied|such)\b",
    re.IGNORECASE,
)
"""English words a library says; none is an Estonian or a Russian word."""
CLASS_NAME = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")
"""A Python class name: PdfStreamError, BadZipFile."""


def _docx() -> bytes:
    return render_docx(example_data("closure"), "et")


def _with_part(data: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == part else source.read(info))
    return out.getvalue()


def _pdf_stream_broken() -> bytes:
    """The form's data embedded in the PDF, its compressed stream overwritten."""
    pdf = render_pdf(example_data("closure"), "et")
    start = pdf.index(b"stream\n", pdf.index(b"/Type /EmbeddedFile")) + len(b"stream\n")
    return pdf[:start] + b"\x00garbage" * 64 + pdf[start + 512 :]


def _docx_data_broken() -> bytes:
    """The form's data in the DOCX (its custom XML parts) cut in the middle of a tag."""
    data = _docx()
    for part in ("customXml/item1.xml", "customXml/item2.xml"):
        data = _with_part(data, part, b"<?xml version='1.0'?><asendusdoc><form")
    return data


BROKEN = {
    "docx-cut-short": lambda: _docx()[: len(_docx()) // 2],
    "docx-not-a-zip": lambda: b"PK\x03\x04" + b"\x00" * 200,
    "docx-data-broken": _docx_data_broken,
    "blank-broken-xml": lambda: _with_part(
        make_blank("closure", "et"), "word/document.xml", b"<?xml version='1.0'?><a><b></a>"
    ),
    "zip-not-a-docx": lambda: _with_part(_docx(), "[Content_Types].xml", b"nothing"),
    "pdf-cut-short": lambda: render_pdf(example_data("closure"), "et")[:-600],
    "pdf-no-eof": lambda: render_pdf(example_data("closure"), "et").replace(b"%%EOF", b"%%XXX"),
    "pdf-stream-broken": _pdf_stream_broken,
    "pdf-header-only": lambda: b"%PDF-1.7\n" + b"\x00" * 100,
}


@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_file_is_refused_without_a_librarys_english(
    kind: str,
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    suffix = ".pdf" if kind.startswith("pdf") else ".docx"
    (tmp_path / f"katkine{suffix}").write_bytes(BROKEN[kind]())
    monkeypatch.chdir(tmp_path)
    assert main(["validate", f"katkine{suffix}", "--lang", lang]) == 2
    said = capsys.readouterr().err.replace(f"katkine{suffix}", "")
    assert said.strip()
    assert not ENGLISH.findall(said) and not CLASS_NAME.findall(said), said


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (errno.EACCES, "file_permission"),
        (errno.ENOENT, "file_missing"),
        (errno.ENOSPC, "disk_full"),
        (errno.EPIPE, "output_closed"),
        (errno.EISDIR, "is_folder"),
        (errno.EIO, "system_error"),
    ],
)
def test_an_operating_system_refusal_has_its_own_code_and_words(number: int, code: str) -> None:
    exc = OSError(number, "English text of the system")
    assert library_reason_code(exc) == code
    error = InputError(
        "cannot read {path}: {reason}", code="x", path="a.json", reason=os_reason(exc)
    )
    for lang in ("et", "ru"):
        message = error_message(error, lang)
        assert "English" not in message and REASONS[code] not in message, message


def test_every_reason_is_translated() -> None:
    from asendusdoc.i18n import translations

    for lang in ("et", "ru"):
        untranslated = [r for r in REASONS.values() if translations(lang).gettext(r) == r]
        assert untranslated == [], lang


def test_a_closed_output_is_said_in_the_language() -> None:
    """`asendusdoc forms | true`: the reader is gone; no «Ошибка: Broken pipe»."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to the pipe now fails with EPIPE
    script = (
        "import sys; from asendusdoc.cli import main; sys.exit(main(['forms', '--lang', 'ru']))"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert not ENGLISH.findall(done.stderr) and not CLASS_NAME.findall(done.stderr), done.stderr
