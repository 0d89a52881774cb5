"""Nothing from a file reaches the terminal as a control character.

Whatever a command prints may hold text that came from outside: a file name in a case folder,
the reason a zip or XML library gave for a broken file, a value quoted in a message. An escape
sequence in it could recolour, move or rewrite what the caseworker sees (a forged "valid"
line), a bidirectional override could reorder it. While a command runs, standard output and
standard error go through :class:`PrintableStream`, which shows every such character as ``?``:
only line feeds and tabs pass. A progress bar's carriage return (at the start of what it
writes, on a terminal) is the one exception.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

__all__ = ["PrintableStream", "printable_output"]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
"""C0 controls but tab and line feed, DEL, C1 controls (CSI among them), and the characters
that change the direction or the lines of text."""


class PrintableStream:
    """A text stream that writes control characters as ``?``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        lead = ""
        if text.startswith("\r") and self._stream.isatty():  # a progress bar redraws its line
            lead, text = "\r", text[1:]
        self._stream.write(lead + _CONTROL.sub("?", text))
        return len(text) + len(lead)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def printable_output() -> Iterator[None]:
    """Standard output and standard error through :class:`PrintableStream` while the block
    runs (the bytes a command writes to ``sys.stdout.buffer``, a form's JSON, are escaped
    by JSON itself)."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = PrintableStream(stdout)
    sys.stderr = PrintableStream(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr
