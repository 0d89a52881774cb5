"""Quotation marks per language: the one place they are chosen.

A message quotes names and commands as its language does: „Tartu linn“ in Estonian, «Tartu
linn» in Russian. The English msgids of the catalog are written with the Estonian marks, so a
name quoted into a param (:func:`asendusdoc.reference.quoted`) is quoted so too, and a message
shown in Russian re-quotes it (:func:`requote`).
"""

from __future__ import annotations

__all__ = ["QUOTES", "quote", "requote"]

QUOTES: dict[str, tuple[str, str]] = {"et": ("„", "“"), "en": ("„", "“"), "ru": ("«", "»")}
"""The opening and closing quotation marks of each message language."""


def quote(text: str, lang: str = "en") -> str:
    """``text`` in the quotation marks of ``lang``: „asendusdoc render“ / «asendusdoc render»."""
    opening, closing = QUOTES.get(lang, QUOTES["en"])
    return f"{opening}{text}{closing}"


def requote(text: str, lang: str) -> str:
    """``text`` quoted with the source's marks („…“) in the marks of ``lang`` instead."""
    (source_opening, source_closing), (opening, closing) = (
        QUOTES["en"],
        QUOTES.get(lang, QUOTES["en"]),
    )
    return text.replace(source_opening, opening).replace(source_closing, closing)
