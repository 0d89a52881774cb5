"""Finding the free-text fields of a form, and checking rendered documents are whole and literal."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree
from pypdf import PdfReader

from asendusdoc.forms import FORM_MODELS
from asendusdoc.forms._types import _NO_CONTROL_PATTERN
from asendusdoc.testing.snapshot import document_text

Path = tuple[str | int, ...]


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _variants(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        found = [_resolve(s, root) for s in schema["anyOf"] if s.get("type") != "null"]
        # constraints such as maxLength may sit beside anyOf
        extra = {k: v for k, v in schema.items() if k in ("maxLength", "minLength")}
        return [{**extra, **s} for s in found]
    return [schema]


def is_plain_text(schema: dict[str, Any]) -> bool:
    """A string that is free text: no enum or format, no pattern but the no-control one."""
    return (
        schema.get("type") == "string"
        and not {"enum", "format", "const"} & set(schema)
        and schema.get("pattern", _NO_CONTROL_PATTERN) == _NO_CONTROL_PATTERN
        and "maxLength" in schema
    )


# Fields whose schema is plain text but whose value a rule checks against the reference data:
# the provider is free text only for the municipality's own service (seed 003).
REFERENCE_NAMES = frozenset({"provider"})


def text_fields(data: dict[str, Any]) -> Iterator[tuple[Path, int]]:
    """Every free-text field of ``data`` with its maximum length, present or optional-absent.

    Walks the form's JSON Schema alongside the data: a string leaf is free text when its
    schema is plain text; an optional text field missing from an object that is present is
    listed too, so every free-text field of the schema is reached.
    """
    root = FORM_MODELS[data["form"]].model_json_schema()
    yield from _walk(data, root, root, ())


def _walk(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: Path
) -> Iterator[tuple[Path, int]]:
    for option in _variants(schema, root):
        if isinstance(value, dict) and option.get("type") == "object":
            for name, sub in option.get("properties", {}).items():
                if name in REFERENCE_NAMES:
                    continue
                if name in value:
                    yield from _walk(value[name], sub, root, (*path, name))
                elif any(is_plain_text(v) for v in _variants(sub, root)):
                    yield (*path, name), _max_length(sub, root)
            return
        if isinstance(value, list) and option.get("type") == "array":
            for index, item in enumerate(value):
                yield from _walk(item, option["items"], root, (*path, index))
            return
        if isinstance(value, str) and is_plain_text(option):
            yield path, int(option["maxLength"])
            return


def _max_length(schema: dict[str, Any], root: dict[str, Any]) -> int:
    return min(int(v["maxLength"]) for v in _variants(schema, root) if is_plain_text(v))


def set_at(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def get_at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


# --- Output checks ---------------------------------------------------------------------------

_PAGE_MARK = re.compile(r"^--- page \d+ ---$")


def assert_docx_whole(data: bytes) -> None:
    """Every XML part of the DOCX parses (no recover mode)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))


def assert_pdf_whole(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) >= 1


def comparable(text: str) -> str:
    """Text as both sides are compared: NFC, without any white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def reading_text(document: bytes) -> str:
    """The document's text without the page furniture a long text is interrupted by.

    In a PDF of several pages, the running header and footer come at the end of each page's
    text: the lines every page ends with (page numbers' digits ignored) are dropped, and so
    are the page marks, so a paragraph that runs over a page break reads as one.
    """
    text = document_text(document)
    if not document.startswith(b"%PDF-"):
        return text
    pages: list[list[str]] = [[]]
    for line in text.splitlines():
        if _PAGE_MARK.match(line):
            pages.append([])
        else:
            pages[-1].append(line)
    if len(pages) < 2:
        return text
    shapes = [[re.sub(r"\d+", "#", line) for line in page] for page in pages]
    common = 0
    while all(len(page) > common for page in shapes) and (
        len({page[len(page) - 1 - common] for page in shapes}) == 1
    ):
        common += 1
    return "\n".join(line for page in pages for line in page[: len(page) - common])
