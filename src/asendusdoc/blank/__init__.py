"""Fillable Word blanks: a form to fill in Word or LibreOffice, and reading it back.

:func:`make_blank` writes the blank of a form (optionally prefilled); :func:`read_blank` reads
a filled one into the form's data plus, for each value, where the caseworker sees it, so that a
problem is named by section, row and label (:attr:`asendusdoc.errors.Problem.place`, set
wherever a filled blank is read: every command and the API).
"""

from __future__ import annotations

from asendusdoc.blank._read import FilledBlank, Location, read_blank
from asendusdoc.blank._write import make_blank

__all__ = [
    "FilledBlank",
    "Location",
    "make_blank",
    "read_blank",
]
