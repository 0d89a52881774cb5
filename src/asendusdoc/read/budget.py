"""The limits of the way in, each with its reason: what one input may cost us at most.

Every reader of :mod:`asendusdoc.read` takes its limits from here, and nowhere else: a file
that comes from outside (e-mailed, filled in by someone else, forged on purpose) is read only
as far as these allow, and what is over a limit is refused as an
:class:`~asendusdoc.errors.InputError` (exit 2), never run into memory or time.

The figures are generous for real forms (the largest real case is far below each) and small
enough that the worst input allowed stays under 1 GB of memory and a minute in any command:
``benchmarks/worst_inputs.py`` measures it (figures in ``docs/security.md``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from asendusdoc.errors import InputError

__all__ = [
    "MAX_CASE_BYTES",
    "MAX_DOCUMENT_BYTES",
    "MAX_DOCUMENT_DATA_BYTES",
    "MAX_DOCUMENT_LINE_BREAKS",
    "MAX_DOCUMENT_PAGES",
    "MAX_EMBEDDED_FORMS",
    "MAX_ENVELOPE_BYTES",
    "MAX_FORM_ITEMS",
    "MAX_INPUT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_KEY_BYTES",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_NUMBER_CHARS",
    "MAX_PASSWORD_BYTES",
    "MAX_PROBLEMS_SHOWN",
    "MAX_READ_SECONDS",
    "MAX_TABLE_ROWS",
    "MAX_TEMPLATE_BYTES",
    "MAX_TOTAL_BYTES",
    "MAX_XML_DEPTH",
    "MAX_XML_ELEMENTS",
    "Budget",
    "case_too_large",
    "in_time",
    "reading",
]

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""The largest form file accepted (10 MiB): a 5,000-entry diary is well under 5 MiB. Also the
most one form embedded in a document may inflate to."""

MAX_CASE_BYTES = 48 * 1024 * 1024
"""What the form files of one case folder may hold together (48 MiB; ``check``, ``agenda``,
``needs-report --cases``), as read and as their documents' embedded forms unpack. A real case
of some twenty forms is well under 1 MiB; four of the
largest forms fit. Every form of a case is held at once (about 35 MiB each of the largest), so
without it a folder of thirty 10 MiB diaries took over 1 GB; a file past it is that form's
finding, the others are checked."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest file ``encrypt`` and ``seal`` take (64 MiB): a PDF of the most pages a document
may have (:data:`MAX_DOCUMENT_PAGES`) with its form embedded is a few MB."""

MAX_ENVELOPE_BYTES = 96 * 1024 * 1024
"""The largest CDOC envelope or signed container ``decrypt`` and ``verify`` open (96 MiB): what
``encrypt`` and ``seal`` make of the largest file they take. CDOC 1.1 carries its file in
base64, a third more (64 MiB become 85.4 MiB); a container adds its manifest and signature."""

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

MAX_FORM_ITEMS = 100_000
"""The most values (counted by the commas and brackets of its JSON) one form may hold: the
largest form the list limits allow (5,000 diary entries with every field and an end of
service each) has about 50,000. A form of a million unknown keys is refused before it is
parsed, not validated into a million problems. It was 250,000 until issue 23 measured the
worst input: a 10 MiB form of 249,000 unknown keys took 613 MiB and 9 s in ``validate
--json`` (every problem listed); no form can mean that many values."""

MAX_DOCUMENT_DATA_BYTES = 32 * 1024 * 1024
"""What all forms one document carries may inflate to together (32 MiB): a whole case of about
ten forms is under 1 MiB, three forms of the largest size fit. Without it, a PDF that names one
10 MiB form a hundred times costs a hundred times its memory."""

MAX_DOCUMENT_PAGES = 2_000
"""The most pages of one PDF made from forms (a document or a bundle). The input limits bound
the bytes, not the pages: 10 MiB of a client diary's text is 7,500 pages, and of short lines
(a line break every other character) 70,000; each page costs 5 to 10 ms and stays in memory
until the last is set (for "lk N / M"). The largest diary of real entries (5,000 of the
example's) is about 600 pages; past 2,000 no one reads a document, and making them costs at
most about 20 s. Setting stops at the page past the limit (:class:`InputError`
``document_too_long``, exit 2)."""

MAX_DOCUMENT_LINE_BREAKS = 100_000
"""The most line breaks the texts of one document (PDF or DOCX) may hold. Each takes a line
of a page, and a page holds about 50: past 100,000 a PDF is over :data:`MAX_DOCUMENT_PAGES`
anyway. Counted before anything is set, so that 10 MiB of short lines (three million breaks)
is refused at once, in DOCX too (where lxml and docxtpl took minutes over it)."""

MAX_XML_DEPTH = 64
"""How deep the elements of one XML part of a Word file may nest: a Word document's deepest
text (a cell of a table in a cell of a table, in a content control) is about 20 levels."""

MAX_XML_ELEMENTS = 2_000_000
"""The most elements one XML part may hold: a 5,000-row blank table has about 600,000."""

MAX_READ_SECONDS = 30.0
"""The wall time one input may take to be read by a reader that loops over what the file holds
(the filled-blank reader); the largest real blank is read in about two seconds."""

MAX_PROBLEMS_SHOWN = 200
"""The most problems of one form a person is shown; then one line says how many more there
are (``validate --json`` lists them all)."""

MAX_TEMPLATE_BYTES = 16 * 1024 * 1024
"""The largest custom DOCX template (16 MiB): the shipped ones are about 40 KB; a logo or two
in a letterhead keep a template well under a few MiB."""

MAX_KEY_BYTES = 1024 * 1024
"""The largest key or certificate file (1 MiB): an armored 8,192-bit OpenPGP key with many
signatures is well under 100 KiB."""

MAX_PASSWORD_BYTES = 64 * 1024
"""The most of a password, passphrase or seal-password file that is read (64 KiB): only the
first line is used, and no password is longer than a few hundred characters."""


class Budget:
    """What one input (a file, or one document with all the forms it carries) may still cost:
    the bytes it may inflate to and the time it may take to read."""

    def __init__(
        self, *, inflated: int = MAX_DOCUMENT_DATA_BYTES, seconds: float = MAX_READ_SECONDS
    ) -> None:
        self.inflated_left = inflated
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def spend_inflated(self, size: int) -> None:
        """Count ``size`` inflated bytes; :class:`InputError` past the document's budget."""
        self.inflated_left -= size
        if self.inflated_left < 0:
            raise InputError(
                "the data embedded in the document unpacks to more than {limit} bytes in all; "
                "it was not read",
                code="embedded_data_too_large",
                limit=MAX_DOCUMENT_DATA_BYTES,
            )

    def in_time(self) -> None:
        """:class:`InputError` once reading has taken longer than the budget allows."""
        if time.monotonic() > self.deadline:
            raise InputError(
                "reading the file took longer than {seconds} seconds; such a file is not a "
                "form: it was not read",
                code="input_too_slow",
                seconds=int(self.seconds),
            )


def case_too_large() -> InputError:
    """The refusal of a case folder's file past :data:`MAX_CASE_BYTES` (the others are read)."""
    return InputError(
        "the forms of this case folder are over {limit} MiB together; this file was not read: "
        "keep only one case's forms in a case folder",
        code="case_too_large",
        limit=MAX_CASE_BYTES // (1024 * 1024),
    )


_current: ContextVar[Budget | None] = ContextVar("asendusdoc_read_budget", default=None)


@contextmanager
def reading(budget: Budget | None = None) -> Iterator[Budget]:
    """The budget of the input being read (a new one unless one is running already)."""
    running = _current.get()
    if running is not None:
        yield running
        return
    own = budget or Budget()
    token = _current.set(own)
    try:
        yield own
    finally:
        _current.reset(token)


def in_time() -> None:
    """For readers that loop (the filled blank's): stop when the input's time is spent."""
    running = _current.get()
    if running is not None:
        running.in_time()
