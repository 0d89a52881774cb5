"""Files and streams from outside, read within a size limit that is never taken on trust."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from asendusdoc.errors import InputError
from asendusdoc.i18n.library_errors import os_reason
from asendusdoc.read.budget import MAX_INPUT_BYTES, MAX_KEY_BYTES, MAX_PASSWORD_BYTES

__all__ = ["read_bounded", "read_first_line", "read_form_file", "read_key_file"]


def read_form_file(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a form file (or of another file up to ``limit`` bytes), refusing what is
    not a readable file of sensible size.

    A regular file larger than the limit is refused from its size, before any byte is read
    (a 3 GB file in a case folder costs nothing). Reading stops one byte after the limit
    whatever the file is (a FIFO, a device such as ``/dev/zero``, a file that grows while it
    is read): the size is never taken on trust.
    """
    file = Path(path)
    if not file.exists():
        raise InputError("file not found: {path}", code="file_missing", path=str(file))
    if file.is_dir():
        raise InputError(
            "is a directory, not a form file: {path}", code="file_is_directory", path=str(file)
        )
    try:
        with file.open("rb") as stream:
            status = os.fstat(stream.fileno())
            if stat.S_ISREG(status.st_mode) and status.st_size > limit:
                raise _too_large(limit)
            return read_bounded(stream, limit)
    except OSError as exc:
        raise InputError(
            "cannot read {path}: {reason}",
            code="file_unreadable",
            path=str(file),
            reason=os_reason(exc),
        ) from exc


def read_bounded(stream: BinaryIO, limit: int = MAX_INPUT_BYTES) -> bytes:
    """At most ``limit`` bytes from ``stream``; :class:`InputError` if there is more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _too_large(limit: int) -> InputError:
    return InputError(
        "the input is larger than the limit of {limit} bytes",
        code="input_too_large",
        limit=limit,
    )


def read_first_line(path: str | os.PathLike[str]) -> str:
    """The first line of a small text file (a password, passphrase or seal-password file),
    reading at most :data:`~asendusdoc.read.budget.MAX_PASSWORD_BYTES`; white space around it
    stripped. Not UTF-8 text is ``input_not_text``."""
    raw = read_form_file(path, MAX_PASSWORD_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "the input is not UTF-8 text (byte {position})",
            code="input_not_text",
            position=exc.start + 1,
        ) from None
    lines = text.splitlines()
    return lines[0].strip() if lines else ""


def read_key_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a key or certificate file, at most
    :data:`~asendusdoc.read.budget.MAX_KEY_BYTES` (refused from its size before reading)."""
    return read_form_file(path, MAX_KEY_BYTES)
