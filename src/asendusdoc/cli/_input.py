"""The input of the commands: a file or standard input, opened and verified when it was
received in an envelope or a signed container, then read as a form.

Above :mod:`._common` (what every command shares) and :mod:`._received` (opening what was
received), which use neither this module nor each other's callers.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from asendusdoc.errors import InputError

if TYPE_CHECKING:
    from asendusdoc.forms import FormModel

__all__ = ["load_input", "read_input"]


def read_input(
    name: str, *, received: bool = True, document: bool = False, envelope: bool = False
) -> bytes:
    """The bytes of a file, or of standard input for ``-``; unless ``received`` is False, an
    envelope is opened and a signed container verified first (``cli/_received.py``).
    ``document`` reads up to a whole document's limit (a file to encrypt or seal), not a form
    file's; ``envelope`` up to what encrypting or sealing such a file makes (to decrypt or
    verify)."""
    from asendusdoc.cli._received import open_received
    from asendusdoc.read.budget import MAX_DOCUMENT_BYTES, MAX_ENVELOPE_BYTES, MAX_INPUT_BYTES
    from asendusdoc.read.files import read_bounded, read_form_file

    limit = MAX_ENVELOPE_BYTES if envelope else MAX_DOCUMENT_BYTES if document else MAX_INPUT_BYTES
    if name == "-":
        data = read_bounded(sys.stdin.buffer, limit)
    elif not name:
        raise InputError("file not found: {path}", code="file_missing", path="''")
    else:
        data = read_form_file(name, limit)
    return open_received(data, name or "-") if received else data


def load_input(name: str) -> FormModel:
    """The form of a file (JSON, a rendered document, a filled Word blank) or of standard
    input; :class:`~asendusdoc.errors.FormValidationError` names a blank's problems by their
    places in the blank."""
    from asendusdoc.read.dispatch import read_form_input
    from asendusdoc.read.loading import load_form

    return load_form(read_form_input(read_input(name), name))
