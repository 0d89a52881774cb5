"""Render every example form for a person to look at: DOCX, PDF, and PNG pages of both.

Not a test: it needs ``soffice`` (LibreOffice) and ``pdftoppm`` (poppler) and a pair of eyes.
Usage::

    python tools/review_forms.py [--out DIR] [--forms ID ...] [--resolution DPI]

For each form id and language (et, ru) it writes into DIR (default ``build/review``)::

    <id>-<lang>.docx         the DOCX (shipped template)
    <id>-<lang>.docx.pdf     that DOCX converted by LibreOffice, to see Word-like pages
    <id>-<lang>.pdf          the reportlab PDF
    <id>-<lang>.docx-N.png   pages of the converted DOCX
    <id>-<lang>-N.png        pages of the PDF
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.render import render_docx, render_pdf

LANGS = ("et", "ru")


def _docx_to_pdf(soffice: str, docx_path: Path, target: Path) -> None:
    """Convert with LibreOffice in a private profile (a running office would block it)."""
    with tempfile.TemporaryDirectory(prefix="review-lo-") as scratch:
        profile = Path(scratch) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                scratch,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(Path(scratch) / (docx_path.stem + ".pdf"), target)


def _pages(pdftoppm: str, pdf_path: Path, resolution: int) -> list[Path]:
    prefix = pdf_path.with_suffix("") if pdf_path.suffix == ".pdf" else pdf_path
    for old in pdf_path.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run(
        [pdftoppm, "-png", "-r", str(resolution), str(pdf_path), str(prefix)],
        check=True,
        timeout=180,
    )
    return sorted(pdf_path.parent.glob(f"{prefix.name}-*.png"))


def review(out: Path, form_ids: list[str], resolution: int = 60) -> list[Path]:
    """Write every document and its pages into ``out``; return the PNG pages."""
    out.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    pages: list[Path] = []
    for form_id in form_ids:
        data = example_data(form_id)
        for lang in LANGS:
            name = f"{form_id}-{lang}"
            docx_path = out / f"{name}.docx"
            pdf_path = out / f"{name}.pdf"
            docx_path.write_bytes(render_docx(data, lang))
            pdf_path.write_bytes(render_pdf(data, lang))
            if soffice is None or pdftoppm is None:
                print(f"{name}: no soffice or pdftoppm, DOCX and PDF only", file=sys.stderr)
                continue
            converted = out / f"{name}.docx.pdf"
            _docx_to_pdf(soffice, docx_path, converted)
            pages += _pages(pdftoppm, converted, resolution)
            pages += _pages(pdftoppm, pdf_path, resolution)
            print(f"{name}: done", file=sys.stderr)
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("build/review"))
    parser.add_argument("--forms", nargs="+", default=list(FORM_MODELS), metavar="ID")
    parser.add_argument("--resolution", type=int, default=60)
    args = parser.parse_args()
    pages = review(args.out, args.forms, args.resolution)
    print(f"{len(pages)} page image(s) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
