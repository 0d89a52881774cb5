"""Request bodies, read within their limits while they arrive, and kept in memory only.

A body is one form as ``application/json``, one file as the raw body with its media type, or
several parts as ``multipart/form-data``. Its size is counted as it arrives: a ``Content-Length``
over the limit is refused before anything is read (413), and a body that grows past the limit
(chunked, or with a ``Content-Length`` that lies) is refused as soon as it does. Nothing is
written to disk: multipart parts are collected in memory, each within the file limit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from python_multipart.multipart import MultipartParser, parse_options_header

from asendusdoc.i18n import N_
from asendusdoc.serve._problems import ProblemError
from asendusdoc.serve._settings import Limits

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

__all__ = [
    "ASICE",
    "DOCX",
    "FILE_TYPES",
    "JSON",
    "MULTIPART",
    "ODT",
    "PDF",
    "Body",
    "Upload",
    "media_type_of",
    "read_body",
]

JSON = "application/json"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
"""A filled blank LibreOffice saved in its own format."""
ASICE = "application/vnd.etsi.asic-e+zip"
MULTIPART = "multipart/form-data"

FILE_TYPES = {JSON: ".json", PDF: ".pdf", DOCX: ".docx", ODT: ".odt", ASICE: ".asice"}
"""The media types of one file as the raw body, and the file ending each stands for."""

TOO_LARGE = N_(
    "The request is larger than the limit of {limit} bytes; send a smaller file or fewer files."
)
FILE_TOO_LARGE = N_("A file of the request is larger than the limit of {limit} bytes.")
TOO_MANY_PARTS = N_("The request has more than {limit} parts.")
UNSUPPORTED = N_("This address takes {accepted}; the request's Content-Type is not one of them.")
MALFORMED_MULTIPART = N_(
    "The multipart/form-data body cannot be read: a boundary, a part's headers or the "
    "final boundary is missing or broken."
)
NOT_TEXT = N_("The field '{name}' must be UTF-8 text.")


@dataclass(frozen=True)
class Upload:
    """One file of a request: the part's name, its file name, media type and bytes."""

    part: str
    file_name: str
    media_type: str
    data: bytes = field(repr=False)


@dataclass
class Body:
    """What a request carried: its files (in order) and its text fields, and its size."""

    files: list[Upload] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)
    size: int = 0

    def named(self, part: str) -> list[Upload]:
        """The files sent under the part name ``part``."""
        return [upload for upload in self.files if upload.part == part]

    def field(self, name: str) -> str | None:
        """The last value of the text field ``name``."""
        values = self.fields.get(name)
        return values[-1] if values else None


def media_type_of(content_type: str | None) -> tuple[str, dict[str, str]]:
    """The media type (lower case) and the parameters of a ``Content-Type`` header."""
    if not content_type:
        return "", {}
    kind, options = parse_options_header(content_type)
    parameters = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in options.items()}
    return kind.decode("latin-1").lower(), parameters


def too_large(limit: int) -> ProblemError:
    return ProblemError(413, "request_too_large", TOO_LARGE, params={"limit": limit})


def unsupported(accepted: tuple[str, ...]) -> ProblemError:
    return ProblemError(
        415, "media_type_unsupported", UNSUPPORTED, params={"accepted": ", ".join(accepted)}
    )


async def read_body(
    chunks: AsyncIterator[bytes],
    content_type: str | None,
    content_length: str | None,
    accepted: tuple[str, ...],
    limits: Limits,
) -> Body:
    """The request's body, if its media type is one of ``accepted`` and it keeps the limits."""
    kind, parameters = media_type_of(content_type)
    if kind not in accepted:
        raise unsupported(accepted)
    limit = limits.body_bytes if kind == MULTIPART else limits.file_bytes
    declared = (content_length or "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    if kind != MULTIPART:
        data = await _read_all(chunks, limit)
        ending = FILE_TYPES.get(kind, "")
        return Body([Upload("file", "upload" + ending, kind, data)], size=len(data))
    boundary = parameters.get("boundary", "")
    if not boundary:
        raise ProblemError(400, "multipart_malformed", MALFORMED_MULTIPART)
    return await _read_multipart(chunks, boundary, limits)


async def _read_all(chunks: AsyncIterator[bytes], limit: int) -> bytes:
    received = bytearray()
    async for chunk in chunks:
        received += chunk
        if len(received) > limit:
            raise too_large(limit)
    return bytes(received)


async def _read_multipart(chunks: AsyncIterator[bytes], boundary: str, limits: Limits) -> Body:
    collector = _Parts(limits)
    try:
        parser = MultipartParser(boundary.encode("latin-1"), collector.callbacks())
    except (ValueError, UnicodeEncodeError):
        raise ProblemError(400, "multipart_malformed", MALFORMED_MULTIPART) from None
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limits.body_bytes:
            raise too_large(limits.body_bytes)
        try:
            parser.write(chunk)
        except ProblemError:
            raise
        except Exception:  # the parser's own errors: the body is not multipart as declared
            raise ProblemError(400, "multipart_malformed", MALFORMED_MULTIPART) from None
    if not collector.finished:
        raise ProblemError(400, "multipart_malformed", MALFORMED_MULTIPART)
    body = collector.body
    body.size = size
    return body


class _Parts:
    """Collects the parts python-multipart finds, in memory, within the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.body = Body()
        self.finished = False
        self.count = 0
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._headers: dict[str, bytes] = {}
        self._data = bytearray()

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self._begin,
            "on_header_field": self._field,
            "on_header_value": self._value,
            "on_header_end": self._header_end,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
            "on_end": self._end,
        }

    def _begin(self) -> None:
        self.count += 1
        if self.count > self.limits.parts:
            raise ProblemError(
                413, "request_too_many_parts", TOO_MANY_PARTS, params={"limit": self.limits.parts}
            )
        self._headers = {}
        self._data = bytearray()

    def _field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def _value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        name = bytes(self._header_field).decode("latin-1").strip().lower()
        self._headers[name] = bytes(self._header_value).strip()
        self._header_field = bytearray()
        self._header_value = bytearray()

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        self._data += data[start:end]
        if len(self._data) > self.limits.file_bytes:
            raise ProblemError(
                413, "request_too_large", FILE_TOO_LARGE, params={"limit": self.limits.file_bytes}
            )

    def _part_end(self) -> None:
        disposition, options = parse_options_header(self._headers.get("content-disposition", b""))
        name = options.get(b"name")
        if disposition != b"form-data" or name is None:
            raise ProblemError(400, "multipart_malformed", MALFORMED_MULTIPART)
        part = name.decode("utf-8", "replace")
        file_name = options.get(b"filename")
        if file_name is None:
            try:
                text = bytes(self._data).decode("utf-8")
            except UnicodeDecodeError:
                raise ProblemError(400, "field_not_text", NOT_TEXT, params={"name": part}) from None
            self.body.fields.setdefault(part, []).append(text)
            return
        kind, _ = media_type_of(self._headers.get("content-type", b"").decode("latin-1"))
        shown = file_name.decode("utf-8", "replace").replace("\\", "/").rsplit("/", 1)[-1]
        self.body.files.append(Upload(part, shown, kind, bytes(self._data)))

    def _end(self) -> None:
        self.finished = True
