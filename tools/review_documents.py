"""Render documents to DOCX, PDF (LibreOffice) and PNG pages (poppler) for a person to look at.

Not a test: it needs ``soffice`` and ``pdftoppm`` and a pair of eyes. Usage::

    python tools/review_documents.py [--out DIR] [--template-dir DIR]

Extend :func:`documents_to_review` (or call :func:`review` with your own ``(name, Document)``
pairs) once the form models can build real documents.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from asendusdoc.render.document import Document
from asendusdoc.render.docx import render_docx

REPOSITORY = Path(__file__).resolve().parent.parent


def documents_to_review() -> list[tuple[str, Document]]:
    """The sample documents of the back-end tests, in both languages, plus a long table."""
    sys.path.insert(0, str(REPOSITORY))
    from tests.render.sample_documents import sample_document

    pairs: list[tuple[str, Document]] = []
    for lang in ("et", "ru"):
        pairs.append((f"sample-{lang}", sample_document(lang)))
        long = sample_document(lang, goals=60, hostile="<w:t> & {{ x }}")
        pairs.append((f"sample-long-{lang}", dataclasses.replace(long, form_id="closure")))
    return pairs


def review(
    documents: Iterable[tuple[str, Document]],
    out: Path,
    *,
    template_dir: Path | None = None,
    resolution: int = 60,
) -> list[Path]:
    """Write ``<name>.docx``, ``<name>.pdf`` and ``<name>-<page>.png`` into ``out``; return PNGs."""
    out.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    pages: list[Path] = []
    for name, document in documents:
        docx_path = out / f"{name}.docx"
        docx_path.write_bytes(render_docx(document, template_dir=template_dir))
        if soffice is None or pdftoppm is None:
            print(f"{docx_path} (no soffice/pdftoppm: no PDF or PNG)")
            continue
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        for old in out.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(
            [pdftoppm, "-png", "-r", str(resolution), str(out / f"{name}.pdf"), str(out / name)],
            check=True,
            timeout=120,
        )
        pages.extend(sorted(out.glob(f"{name}-*.png")))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render documents for a visual review.")
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "asendusdoc-review"
    )
    parser.add_argument("--template-dir", type=Path, default=None)
    parser.add_argument("--resolution", type=int, default=60)
    arguments = parser.parse_args(argv)
    pages = review(
        documents_to_review(),
        arguments.out,
        template_dir=arguments.template_dir,
        resolution=arguments.resolution,
    )
    for page in pages:
        print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
