"""Column widths from the measured widths of the text, as a typesetter sets a table.

A column is at least as wide as its widest word (so no word must break inside a line), and the
room left over goes to the columns in proportion to how much wider their text would like to be
(the layout's relative widths weigh it). When even the words do not fit the page's width, the
document goes on landscape pages (:func:`needs_landscape`); when they do not fit there either,
a column may go down to its widest hyphenation piece: the PDF then hyphenates (pyphen points,
with a hyphen shown).

Widths are measured in DejaVu Sans (the PDF's font); Arial, which the DOCX names, is narrower,
so the same widths hold in Word and LibreOffice. Both back ends use this one computation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from reportlab.pdfbase.pdfmetrics import stringWidth

from asendusdoc.render.document import Document, TableBlock
from asendusdoc.render.pdf_kit import (
    BODY_SIZE,
    CELL_PADDING,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    LANDSCAPE_WIDTH,
    hyphenation_language,
    register_fonts,
)

__all__ = [
    "block_widths",
    "column_widths",
    "hyphenated_columns",
    "hyphenation_points",
    "is_landscape",
    "needs_landscape",
    "table_widths",
]


_WORD = re.compile(r"\S+")
_BREAKABLE_SPACE = re.compile(r"[ \t\n]+")


@cache
def _dictionary(lang: str) -> object:
    import pyphen

    return pyphen.Pyphen(lang=hyphenation_language(lang))


def hyphenation_points(word: str, lang: str) -> list[int]:
    """Where ``word`` may break (pyphen's positions), plus after each hyphen it holds."""
    positions: list[int] = list(_dictionary(lang).positions(word))  # type: ignore[attr-defined]
    positions += [index + 1 for index, char in enumerate(word[:-1]) if char == "-"]
    return sorted(set(positions))


def _words(text: str) -> list[str]:
    """The pieces a line may not break inside: words, with no-break spaces kept inside."""
    return [w for w in _BREAKABLE_SPACE.split(text) if w]


def _pieces(word: str, lang: str) -> list[str]:
    """``word`` cut at its hyphenation points, each piece but the last with its hyphen."""
    points = [0, *hyphenation_points(word, lang), len(word)]
    pieces = [word[a:b] for a, b in pairwise(points)]
    return [p if p.endswith("-") or i == len(pieces) - 1 else p + "-" for i, p in enumerate(pieces)]


def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def _column_needs(
    texts: Sequence[str], font: str, size: float, lang: str, *, hyphenate: bool
) -> tuple[float, float]:
    """A column's (least, natural) text width: its widest word (or piece), its widest line.

    Each distinct line and word is measured once: a column of 5,000 entries repeats most of
    its words, and 10 MiB of short lines repeats one line three million times.
    """
    lines = _distinct_lines(texts)
    natural = max((_width(line, font, size) for line in lines), default=0.0)
    words = {word for line in lines for word in _words(line)}
    if hyphenate:
        words = {piece for word in words for piece in _pieces(word, lang)}
    least = max((_width(word, font, size) for word in words), default=0.0)
    return least, max(natural, least)


def _distinct_lines(texts: Sequence[str]) -> set[str]:
    return {line for text in texts for line in text.split("\n")}


def column_widths(
    columns: Sequence[Sequence[str]],
    total: float,
    *,
    font: str,
    bold_font: str,
    size: float,
    padding: float,
    lang: str,
    weights: Sequence[float] = (),
) -> list[float]:
    """Widths (points) of table columns summing to ``total``.

    ``columns`` holds each column's texts, its header first (set in ``bold_font``). Every
    column gets at least its widest word plus ``padding`` (both sides), falling back to its
    widest hyphenation piece when the words do not fit ``total``.
    """
    for hyphenate in (False, True):
        needs = []
        for texts in columns:
            head = _column_needs(texts[:1], bold_font, size, lang, hyphenate=hyphenate)
            body = _column_needs(texts[1:], font, size, lang, hyphenate=hyphenate)
            needs.append((max(head[0], body[0]) + padding, max(head[1], body[1]) + padding))
        least = sum(n[0] for n in needs)
        if least <= total:
            break
    shares = list(weights) if len(weights) == len(columns) else [1.0] * len(columns)
    least_total = sum(n[0] for n in needs)
    natural_total = sum(n[1] for n in needs)
    if least_total >= total:
        return [n[0] * total / least_total for n in needs]
    if natural_total <= total:
        # Every column can set its text on one line: the rest of the room by the weights.
        room = total - natural_total
        return [n[1] + room * share / sum(shares) for n, share in zip(needs, shares, strict=True)]
    # Between the two (as browsers lay out an automatic table): each column gets its least
    # width and a part of the room in proportion to how much wider its text would like to be,
    # so a column of long descriptions gets most and a column of short words little.
    room = total - least_total
    extra = natural_total - least_total
    return [n[0] + room * (n[1] - n[0]) / extra for n in needs]


def needs_landscape(
    columns: Sequence[Sequence[str]],
    total: float,
    *,
    font: str,
    bold_font: str,
    size: float,
    padding: float,
    lang: str,
) -> bool:
    """Whether a table's words (unhyphenated) are wider together than ``total``."""
    least = 0.0
    for texts in columns:
        head = _column_needs(texts[:1], bold_font, size, lang, hyphenate=False)[0]
        body = _column_needs(texts[1:], font, size, lang, hyphenate=False)[0]
        least += max(head, body) + padding
    return least > total


def _column_texts(block: TableBlock) -> list[list[str]]:
    """Each column's texts, its header first."""
    return [
        [header, *(row[index] if index < len(row) else "" for row in block.rows)]
        for index, header in enumerate(block.columns)
    ]


def block_widths(block: TableBlock, lang: str, width: float) -> list[float]:
    """The widths of a table block's columns in a text ``width`` (the PDF's own font and
    padding), from its measured text weighted by the layout's shares."""
    return column_widths(
        _column_texts(block),
        width,
        padding=2 * CELL_PADDING + 1,
        lang=lang,
        weights=block.widths,
        font=FONT,
        bold_font=FONT_BOLD,
        size=BODY_SIZE,
    )


def hyphenated_columns(block: TableBlock, widths: Sequence[float]) -> list[bool]:
    """Which columns are narrower than their longest line: their cells hyphenate."""
    room = [width - 2 * CELL_PADDING - 1 for width in widths]
    return [
        any(_width(line, FONT, BODY_SIZE) > room[index] for line in _distinct_lines(texts[1:]))
        for index, texts in enumerate(_column_texts(block))
    ]


def table_widths(block: TableBlock, lang: str, *, landscape_page: bool) -> list[float]:
    """The measured column widths (points) of ``block``: what the DOCX back end applies too."""
    register_fonts()
    return block_widths(block, lang, LANDSCAPE_WIDTH if landscape_page else CONTENT_WIDTH)


def is_landscape(document: Document) -> bool:
    """Whether a table of ``document`` is too wide for a portrait page: the whole document then
    goes on landscape pages (the client diary's seven columns)."""
    register_fonts()
    return any(
        needs_landscape(
            _column_texts(block),
            CONTENT_WIDTH,
            padding=2 * CELL_PADDING + 1,
            lang=document.lang,
            font=FONT,
            bold_font=FONT_BOLD,
            size=BODY_SIZE,
        )
        for section in document.sections
        for block in section.blocks
        if isinstance(block, TableBlock) and block.columns
    )
