"""The one reader of case folders: ``check``, ``agenda`` and ``needs-report --cases`` take the
same files (issue 26, stumble 2).

A case folder holds form files: JSON, rendered documents (PDF, DOCX) that carry their form,
filled Word blanks, and what arrives holding one (a signed container, an envelope). A document
beside a JSON file of the same name (``01-suunamine.pdf`` beside ``01-suunamine.json``) is that
form and is not read twice. Each file is read through the guarded way in; an envelope is
opened and a container verified (``cli/_received.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from asendusdoc.cli._common import EXIT_OK, read_folder_file
from asendusdoc.errors import InputError

__all__ = ["FORM_ENDINGS", "form_files", "holds_forms", "read_case_folder"]

FORM_ENDINGS = (".json", ".docx", ".odt", ".pdf", ".asice", ".bdoc", ".cdoc")
"""Form files (a filled blank LibreOffice saved as .odt too), and what arrives holding one: a
signed container, an envelope."""


def form_patterns() -> str:
    """The form files a case folder may hold, as a person types them: "*.json, *.docx, …"."""
    return ", ".join("*" + ending for ending in FORM_ENDINGS)


def holds_forms(names: Iterable[str]) -> bool:
    """Whether a folder with these file names is a case folder (holds a form file)."""
    return any(name.lower().endswith(FORM_ENDINGS) and not name.startswith(".") for name in names)


def form_files(folder: Path) -> list[Path]:
    """The folder's form files, sorted; a document whose form has a JSON file of the same name
    beside it is left out (it is that form)."""
    files = [
        path
        for path in folder.iterdir()
        if path.suffix.lower() in FORM_ENDINGS and not path.name.startswith(".") and path.is_file()
    ]
    json_stems = {path.stem for path in files if path.suffix.lower() == ".json"}
    return sorted(p for p in files if p.suffix.lower() == ".json" or p.stem not in json_stems)


def read_case_folder(
    folder: Path, lang: str, paths: list[Path] | None = None
) -> tuple[dict[str, bytes | InputError], int]:
    """Each form file's bytes (an envelope opened, a container verified), by file name.

    A file that cannot be read is that form's finding (an :class:`InputError` in its place);
    a file refused on opening (an invalid signature, an envelope without a key) is named on
    standard error and left out, and its exit code is the second value (0 when none was).
    """
    from asendusdoc.cli._received import open_received
    from asendusdoc.errors import AsendusdocError
    from asendusdoc.problems.messages import error_message
    from asendusdoc.read import budget

    files: dict[str, bytes | InputError] = {}
    worst = EXIT_OK
    read = 0
    for path in form_files(folder) if paths is None else paths:
        data = read_folder_file(path)
        if isinstance(data, InputError):
            files[path.name] = data
            continue
        read += len(data)
        if read > budget.MAX_CASE_BYTES:  # the case's other forms are checked without it
            files[path.name] = budget.case_too_large()
            continue
        try:
            files[path.name] = open_received(data, path.name)
        except InputError as exc:
            files[path.name] = exc
        except AsendusdocError as exc:
            print(f"{path.name}: {error_message(exc, lang)}", file=sys.stderr)
            worst = max(worst, exc.exit_code)
    return files, worst
