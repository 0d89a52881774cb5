"""Files and streams from outside, read within a size limit that is never taken on trust."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from asendusdoc.errors import InputError
from asendusdoc.i18n.library_errors import os_reason
from asendusdoc.read.budget import MAX_INPUT_BYTES

__all__ = ["read_bounded", "read_form_file"]


def read_form_file(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a form file (or of another file up to ``limit`` bytes), refusing what is
    not a readable file of sensible size.

    Reading stops one byte after the limit whatever the file is (a FIFO, a device such as
    ``/dev/zero``, a file that grows while it is read): the size is never taken on trust.
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
        raise InputError(
            "the input is larger than the limit of {limit} bytes",
            code="input_too_large",
            limit=limit,
        )
    return data
