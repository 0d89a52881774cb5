"""Render documents to PDF and PNG pages for a person to look at.

    python tools/review_pdf.py [OUTPUT_DIR]        (default: build/review_pdf)

Writes ``NAME.pdf`` and ``NAME-N.png`` (``pdftoppm -png -r 60``) per document, plus a bundle of
all of them. To review more documents, add (name, Document) pairs to :func:`review_documents`
or call :func:`review` with your own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from asendusdoc.render.document import Document, TableBlock, TextBlock
from asendusdoc.render.pdf import render_pdf, render_pdf_bundle

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.render.sample_documents import sample_document


def review_documents() -> list[tuple[str, Document]]:
    """The documents to review: the samples in both languages, and a long, hostile one."""
    long = sample_document("ru", goals=40, hostile="<b> &amp; {{ x }} 😀 «ё»")
    long_text = " ".join(f"Пример длинного текста {i} — ёжик." for i in range(300))
    long.sections[1].blocks.append(
        TableBlock(
            columns=["№", "Длинная ячейка"],
            rows=[["1", long_text], ["2", "короткая"]],
            heading="Длинная ячейка",
            widths=[0.1, 0.9],
        )
    )
    long.sections[2].blocks.append(TextBlock(long_text * 2, heading="Длинный текст"))
    return [
        ("sample-et", sample_document("et")),
        ("sample-ru", sample_document("ru")),
        ("long-ru", long),
    ]


def review(documents: Iterable[tuple[str, Document]], output: Path) -> list[Path]:
    """Write a PDF and PNG pages of each document (and a bundle of all) into ``output``."""
    output.mkdir(parents=True, exist_ok=True)
    pairs = list(documents)
    written: list[Path] = []
    pdftoppm = shutil.which("pdftoppm")
    for name, data in [(name, render_pdf(doc)) for name, doc in pairs] + [
        ("bundle", render_pdf_bundle([doc for _, doc in pairs]))
    ]:
        pdf = output / f"{name}.pdf"
        pdf.write_bytes(data)
        written.append(pdf)
        if pdftoppm is None:
            continue
        for old in output.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run([pdftoppm, "-png", "-r", "60", str(pdf), str(output / name)], check=True)
        written += sorted(output.glob(f"{name}-*.png"))
    if pdftoppm is None:
        print("pdftoppm not found (poppler-utils): wrote PDFs only", file=sys.stderr)
    return written


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else Path("build/review_pdf")
    for path in review(review_documents(), output):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
