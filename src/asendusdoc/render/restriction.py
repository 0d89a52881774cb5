"""The access-restriction marking (juurdepääsupiirangu märge) printed on every page.

Every form names people (children, parents, a young person) and describes their family life, so
every document is information with personal data that a public body must mark "asutusesiseseks
kasutamiseks" (avaliku teabe seadus, AvTS § 35 lg 1 p 12; the marking's content in § 41; the term
for personal data in § 40 lg 3: 75 years). See docs/decisions.md for the sources.

The marking is Estonian in every document; a Russian document adds its Russian rendering.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DEFAULT_BASIS", "DEFAULT_YEARS", "AccessRestriction", "marking_lines"]

DEFAULT_BASIS = "AvTS § 35 lg 1 p 12"
"""Personal data whose disclosure would significantly damage the person's private life."""
DEFAULT_YEARS = 75
"""AvTS § 40 lg 3: information with personal data is restricted for 75 years."""


@dataclass(frozen=True)
class AccessRestriction:
    """Who holds the information, for how long and on which basis access is restricted.

    ``holder`` None means the document's issuer (the municipality or the provider).
    """

    holder: str | None = None
    years: int = DEFAULT_YEARS
    basis: str = DEFAULT_BASIS


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def marking_lines(
    restriction: AccessRestriction, issuer: str, marked_on: dt.date, lang: str
) -> list[str]:
    """The marking as lines: Estonian first, then (in a Russian document) its Russian rendering.

    Each language is one line: the words, the holder, the date of marking, the end of the term
    and the legal basis; dates are numeric (dd.mm.yyyy), as Estonian bodies write them.
    """
    from asendusdoc.forms._words import labels

    holder = restriction.holder or issuer
    until = _years_later(marked_on, restriction.years)
    lines = []
    for language in ("et", "ru") if lang == "ru" else ("et",):
        words = labels(language)
        basis = restriction.basis
        if language != "et" and basis == DEFAULT_BASIS:
            basis = words["restriction_default_basis"]
        basis = _unbroken_citation(basis)
        lines.append(
            f"{words['restriction']}. {words['restriction_holder']}: {holder}. "
            f"{words['restriction_marked']}: {marked_on:%d.%m.%Y}. "
            f"{words['restriction_until']}: {until:%d.%m.%Y}. "
            f"{words['restriction_basis']}: {basis}"
        )
    return lines


def _unbroken_citation(basis: str) -> str:
    """The basis with no-break spaces inside its citation ("AvTS § 35 lg 1 p 12" stays on one
    line, as "§ 35" and "p 12" do in print); the law's name after it may break."""
    basis = re.sub(r"(AvTS|§|\blg|\bp|ч\.|п\.) (?=[\d§])", "\\1\u00a0", basis)
    return re.sub(r"(\d) (?=lg\b|ч\.|p\b|п\.)", "\\1\u00a0", basis)
