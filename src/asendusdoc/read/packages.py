"""Reading files that come from outside: zip packages (DOCX) and XML, with hard limits.

A filled Word form, a received PDF: whoever made the file may have made it to hurt. Nothing in
such a file is run, and reading it is bounded:

* :class:`SafeZip` — a zip package whose member count, per-member size and total size are
  limited by what the members *declare* and again while they are *read* (a member is streamed
  and cut at its cap: declared sizes can lie). Encrypted members and compression other than
  stored or deflated are refused, so is a broken zip.
* :class:`DocxPackage` — a Word document on top of it: ``[Content_Types].xml``, the main
  document part and its relationships. Macro-enabled documents (``.docm``, a ``vbaProject.bin``
  anywhere) are refused before any part is parsed.
* :func:`parse_xml` — lxml without entity resolution, DTD loading or network, and a document
  that declares a DOCTYPE at all is refused (XXE, entity expansion).
* :func:`inflate` — a deflate stream decompressed up to a cap (PDF embedded files).

Every refusal is an :class:`~asendusdoc.errors.InputError` (exit 2) with its own code and a
translated message. The filled-blank reader (``asendusdoc blank``) reads its package through
:class:`DocxPackage` as well; see :mod:`asendusdoc.read.dispatch`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from asendusdoc.errors import InputError
from asendusdoc.i18n.library_errors import library_reason
from asendusdoc.read.budget import (
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_TOTAL_BYTES,
    MAX_XML_DEPTH,
    MAX_XML_ELEMENTS,
)

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "DocxPackage",
    "Relationship",
    "SafeZip",
    "encrypted_word_file",
    "inflate",
    "macros_refused",
    "opendocument_refused",
    "parse_xml",
]

_CHUNK = 64 * 1024

CONTENT_TYPES = "[Content_Types].xml"
MACRO_DOCUMENT_TYPES = frozenset(
    {
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
WORD_DOCUMENT_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    }
)
VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaProject"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)


def _broken(reason: str) -> InputError:
    return InputError(
        "the file is not a readable Word (DOCX) file: {reason}. "
        "Save it again as a Word document (.docx) and try again.",
        code="docx_broken",
        reason=reason,
    )


def _too_large() -> InputError:
    return InputError(
        "the Word file unpacks to more than {limit} MiB (or one part of it to more than "
        "{member_limit} MiB); such a file is not a form: it was not read",
        code="docx_too_large",
        limit=MAX_TOTAL_BYTES // (1024 * 1024),
        member_limit=MAX_MEMBER_BYTES // (1024 * 1024),
    )


def inflate(data: bytes, limit: int) -> bytes:
    """``data`` (a zlib stream) decompressed; :class:`InputError` past ``limit`` bytes."""
    decompressor = zlib.decompressobj()
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(
            "the data embedded in the document is damaged: {reason}",
            code="embedded_data_damaged",
            reason=library_reason(exc),
        ) from None
    if len(out) > limit:
        raise InputError(
            "the data embedded in the document unpacks to more than {limit} bytes; it was not read",
            code="embedded_data_too_large",
            limit=limit,
        )
    return out


class SafeZip:
    """A zip package read from bytes within :data:`MAX_MEMBERS` and the size limits."""

    def __init__(
        self,
        data: bytes,
        *,
        max_members: int = MAX_MEMBERS,
        max_member_bytes: int = MAX_MEMBER_BYTES,
        max_total_bytes: int = MAX_TOTAL_BYTES,
    ) -> None:
        self.max_member_bytes = max_member_bytes
        self.max_total_bytes = max_total_bytes
        self._read_so_far = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise _broken(library_reason(exc)) from None
        if len(infos) > max_members:
            raise InputError(
                "the Word file has more than {limit} parts; such a file is not a form: "
                "it was not read",
                code="docx_too_many_parts",
                limit=max_members,
            )
        declared = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.flag_bits & 0x1:
                raise encrypted_word_file()
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _broken("an unknown compression")
            if info.file_size > max_member_bytes:
                raise _too_large()
            declared += info.file_size
            key = info.filename.lower()
            if key in self._infos:
                raise _broken("two parts of the same name")
            self._infos[key] = info
        if declared > max_total_bytes:
            raise _too_large()

    @property
    def names(self) -> list[str]:
        """The member names, as stored."""
        return [info.filename for info in self._infos.values()]

    def has(self, name: str) -> bool:
        """Whether a member ``name`` exists (names compare without case, as in OPC)."""
        return name.lower() in self._infos

    def read(self, name: str) -> bytes:
        """The member's bytes, streamed and cut at the member and total caps."""
        info = self._infos.get(name.lower())
        if info is None:
            raise _broken(f"the part {name} is missing")
        cap = min(self.max_member_bytes, self.max_total_bytes - self._read_so_far)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > cap:
                        raise _too_large()
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
            raise _broken(library_reason(exc)) from None
        self._read_so_far += size
        return b"".join(chunks)


def parse_xml(data: bytes, part: str) -> etree._Element:
    """The root of the XML ``data``; no DTD, no entities, no network. ``part`` names it."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            "the part {part} of the Word file is broken XML: {reason}",
            code="docx_xml_broken",
            part=part,
            reason=library_reason(exc),
        ) from None
    docinfo = tree.docinfo
    root = tree.getroot()
    if root.xpath("boolean(/*" + "/*" * MAX_XML_DEPTH + ")") or (
        root.xpath("count(//*)") > MAX_XML_ELEMENTS
    ):
        raise InputError(
            "the part {part} of the Word file nests deeper than {depth} levels or holds more "
            "than {elements} elements; Word never writes such a file: it was not read",
            code="docx_xml_too_large",
            part=part,
            depth=MAX_XML_DEPTH,
            elements=MAX_XML_ELEMENTS,
        )
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise InputError(
            "the part {part} of the Word file declares a DTD (DOCTYPE); Word never writes one, "
            "and it can make a reader fetch other files: the file was not read",
            code="docx_xml_doctype",
            part=part,
        )
    return tree.getroot()


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: its id, type and the target part's name in the package."""

    id: str
    type: str
    target: str
    external: bool


class DocxPackage:
    """A Word document package from untrusted bytes; macro-enabled files are refused."""

    def __init__(self, data: bytes) -> None:
        self.zip = SafeZip(data)
        for name in self.zip.names:
            if posixpath.basename(name).lower() == "vbaproject.bin":
                raise macros_refused()
        if not self.zip.has(CONTENT_TYPES):
            raise opendocument_refused() if _is_opendocument(self.zip) else _not_word()
        types = self.content_types
        if any(t in MACRO_DOCUMENT_TYPES or t == VBA_PROJECT_TYPE for t in types.values()):
            raise macros_refused()
        main = self.main_part
        if types.get(main.lower()) not in WORD_DOCUMENT_TYPES:
            raise _not_word()

    @cached_property
    def content_types(self) -> dict[str, str]:
        """Part name (without the leading slash, lower case) → content type, for every
        override; defaults by extension under the key ``*.ext``."""
        root = parse_xml(self.zip.read(CONTENT_TYPES), CONTENT_TYPES)
        types: dict[str, str] = {}
        for element in root:
            if element.tag == f"{_CT}Override":
                name = (element.get("PartName") or "").lstrip("/").lower()
                types[name] = element.get("ContentType") or ""
            elif element.tag == f"{_CT}Default":
                types["*." + (element.get("Extension") or "").lower()] = (
                    element.get("ContentType") or ""
                )
        return types

    def content_type(self, part: str) -> str | None:
        """The content type of ``part`` (an override, else the default of its extension)."""
        key = part.lstrip("/").lower()
        if key in self.content_types:
            return self.content_types[key]
        return self.content_types.get("*." + posixpath.splitext(key)[1].lstrip("."))

    @cached_property
    def main_part(self) -> str:
        """The name of the main document part (``word/document.xml`` in every Word file)."""
        for relationship in self.relationships(""):
            if relationship.type == OFFICE_DOCUMENT and not relationship.external:
                return relationship.target
        raise _not_word()

    def read(self, part: str) -> bytes:
        """The bytes of ``part`` (within the limits)."""
        return self.zip.read(part)

    def xml(self, part: str) -> etree._Element:
        """``part`` parsed as XML, safely (:func:`parse_xml`)."""
        return parse_xml(self.zip.read(part), part)

    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` (``""`` for the package's own), targets resolved."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if not self.zip.has(rels):
            return []
        found = []
        for element in self.xml(rels):
            if element.tag != f"{_REL}Relationship":
                continue
            target = element.get("Target") or ""
            external = element.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(
                    target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                )
            found.append(
                Relationship(element.get("Id") or "", element.get("Type") or "", target, external)
            )
        return found


def _is_opendocument(package: SafeZip) -> bool:
    """Whether the zip is an OpenDocument file (its first member ``mimetype`` names it)."""
    if not package.has("mimetype"):
        return False
    return package.read("mimetype")[:64].startswith(b"application/vnd.oasis.opendocument")


def opendocument_refused() -> InputError:
    """The refusal of an OpenDocument file that is not a text (or not one as the format asks):
    what it is, how to save it as Word (a blank saved as ``.odt`` is read:
    :mod:`asendusdoc.read.odf`)."""
    return InputError(
        "the file is an OpenDocument text (.odt), LibreOffice's own format, not a Word document; "
        "in LibreOffice choose File > Save As, set the file type to Word 2007-365 (.docx), "
        "save, and give that file",
        code="docx_is_opendocument",
    )


def _not_word() -> InputError:
    return InputError(
        "the file is a zip archive but not a Word document (.docx)", code="docx_not_word"
    )


def encrypted_word_file() -> InputError:
    """The refusal of a password-protected Word file (also what an OLE container is)."""
    return InputError(
        "the Word file is protected with a password; save it without a password as a Word "
        "document (.docx) and try again",
        code="docx_encrypted",
    )


def macros_refused() -> InputError:
    """The refusal of a macro-enabled Word file."""
    return InputError(
        "the Word file contains macros (a macro-enabled .docm file); asendusdoc does not read "
        "such files. Save it in Word as a Word document (.docx) and try again.",
        code="docx_macros",
    )
