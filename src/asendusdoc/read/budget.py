"""The limits of the way in, each with its reason: what one input may cost us at most.

Every reader of :mod:`asendusdoc.read` takes its limits from here, and nowhere else: a file
that comes from outside (e-mailed, filled in by someone else, forged on purpose) is read only
as far as these allow, and what is over a limit is refused as an
:class:`~asendusdoc.errors.InputError` (exit 2), never run into memory or time.

The figures are generous for real forms (the largest real case is far below each) and small
enough that the worst input allowed stays under 1 GB of memory and a minute in any command.
"""

from __future__ import annotations

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_EMBEDDED_FORMS",
    "MAX_INPUT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_NUMBER_CHARS",
    "MAX_TABLE_ROWS",
    "MAX_TOTAL_BYTES",
]

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""The largest form file accepted (10 MiB): a 5,000-entry diary is well under 5 MiB. Also the
most one form embedded in a document may inflate to."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest file ``encrypt`` takes (64 MiB): the PDF of the largest form the limits allow
(5,000 diary entries of long text) is about 16 MB."""

MAX_JSON_DEPTH = 32
"""How deep arrays and objects may nest; the deepest form (a plan's activities) needs 5."""

MAX_NUMBER_CHARS = 40
"""The longest number literal accepted; no field of a form needs more than a few digits."""

MAX_MEMBERS = 1000
"""The most members a zip package (DOCX) may hold; a rendered DOCX has about 20, a Word file
about 30."""

MAX_MEMBER_BYTES = 32 * 1024 * 1024
"""The largest zip member, uncompressed (32 MiB): a 5,000-row table's XML is about 15 MiB."""

MAX_TOTAL_BYTES = 64 * 1024 * 1024
"""The most all members of a zip package may hold together, uncompressed (64 MiB)."""

MAX_EMBEDDED_FORMS = 100
"""The most forms one PDF may carry (a whole case in one bundle is about ten)."""

MAX_TABLE_ROWS = 5_000
"""The most entries any list of any form may hold: the client diary's 5,000
(``forms/_limits.py``; a test keeps the two equal). Data read from a document with a longer
list is refused outright (exit 2), before it is validated: a form's own, smaller maxima are
then checked by validation (exit 1)."""
