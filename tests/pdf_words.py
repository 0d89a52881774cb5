"""Where a PDF's words stand, from its characters' positions (poppler's ``pdftotext -bbox``).

Used to find text that overlaps other text on a page: two words whose boxes intersect were set
on top of each other (a header running into the next column, a label over a chart).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["Word", "overlapping_words", "page_words", "require_pdftotext"]

_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    """A word on a page: its text and box (points, origin top left)."""

    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float


def require_pdftotext() -> None:
    """Skip without poppler, except on CI, where it must be installed (``.ci/run``)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is missing on CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")


def page_words(pdf: Path) -> list[Word]:
    """Every word of ``pdf`` with its box."""
    require_pdftotext()
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    root = ET.fromstring(html)
    words: list[Word] = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        for word in page.iter(f"{_XHTML}word"):
            box = [float(word.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append(Word(number, word.text or "", *box))
    return words


def overlapping_words(pdf: Path, slack: float = 0.6) -> list[tuple[Word, Word]]:
    """Pairs of words of one page whose boxes overlap by more than ``slack`` points each way
    (a line's box is its font's height, so lines set close touch without overlapping)."""
    pairs: list[tuple[Word, Word]] = []
    words = sorted(page_words(pdf), key=lambda w: (w.page, w.top, w.left))
    for index, first in enumerate(words):
        for second in words[index + 1 :]:
            if second.page != first.page or second.top >= first.bottom - slack:
                break
            across = min(first.right, second.right) - max(first.left, second.left)
            down = min(first.bottom, second.bottom) - max(first.top, second.top)
            if across > slack and down > slack:
                pairs.append((first, second))
    return pairs
