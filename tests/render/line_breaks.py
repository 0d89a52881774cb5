"""Finding words broken across lines in a document's extracted text, and judging each break.

A typesetter breaks a word only at a hyphenation point and shows a hyphen there. In extracted
text a break is the last token of a line and the first of the next: "klas-" + "sijuhataja" is a
good break, "kl" + "assijuhataja" or "kla-" + "ssijuhataja" bad ones. Which words exist comes
from the document itself (its values and labels), so two words that merely follow each other
are not taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from asendusdoc.render.measure import hyphenation_points


def _bare(token: str) -> str:
    """A token without the punctuation around it (a trailing hyphen stays)."""
    core = re.sub(r"^[^\w]+", "", token)
    return re.sub(r"[^\w-]+$", "", core)


def words_of(texts: Iterable[str]) -> set[str]:
    """Every word of ``texts``, without the punctuation around it."""
    return {w for text in texts for token in text.split() if (w := _bare(token).strip("-"))}


def bad_breaks(text: str, words: set[str], lang: str) -> list[str]:
    """Each word of ``words`` that ``text`` breaks across lines outside a hyphenation point."""
    lines = [line.split() for line in text.splitlines()]
    lines = [line for line in lines if line]
    bad = []
    for line, following in pairwise(lines):
        first, second = _bare(line[-1]), _bare(following[0])
        if not first or not second:
            continue
        if first.endswith("-") and len(first) > 1:
            joined = first[:-1] + second
            own_hyphen = first + second  # broken after the word's own hyphen (Lääne-Harju)
            if own_hyphen.strip("-") in words and first[:-1] not in words:
                continue
            if joined in words and len(first) - 1 not in hyphenation_points(joined, lang):
                bad.append(f"{first}|{second}")
        else:
            joined = first + second
            if joined in words and not (first in words and second in words):
                bad.append(f"{first}|{second}")
    return bad
