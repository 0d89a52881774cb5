"""Opening a DOCX that came from outside: a zip and XML read with limits, nothing run.

A filled blank is untrusted input. The zip may be a bomb, the XML may declare entities, the file
may carry macros. Refused here, each with its own message (exit 2): too many members, a member
too large once unpacked, a DTD (no entity is ever expanded, nothing is fetched), a macro-enabled
document.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from asendusdoc.errors import InputError

__all__ = ["MAX_MEMBERS", "MAX_PART_BYTES", "document_xml"]

MAX_MEMBERS = 1000
"""Members of a DOCX; Word's own files have a few dozen."""
MAX_PART_BYTES = 64 * 1024 * 1024
"""The largest unpacked XML part (64 MiB): a filled 5,000-entry diary is about a third of it."""


def _broken() -> InputError:
    return InputError(
        "the file is not a Word document (DOCX) that can be read; save it again in Word or "
        "LibreOffice as .docx",
        code="docx_broken",
    )


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise _too_large(name)
    with archive.open(info) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise _too_large(name)
    return data


def _too_large(name: str) -> InputError:
    return InputError(
        "a part of the Word file ({part}) unpacks to more than {limit} bytes; the file is refused",
        code="docx_too_large",
        part=name,
        limit=MAX_PART_BYTES,
    )


def parse_xml(data: bytes) -> etree._Element:
    """XML without a DTD: entities are never resolved, nothing is loaded from the network."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError:
        raise _broken() from None
    if tree.docinfo.doctype or b"<!ENTITY" in data[:4096]:
        raise InputError(
            "the Word file declares a document type (DTD); such files are refused",
            code="docx_dtd",
        )
    return tree.getroot()


def document_xml(data: bytes) -> etree._Element:
    """The main part (``word/document.xml``) of the DOCX ``data``, parsed safely."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _broken() from None
    with archive:
        names = archive.namelist()
        if len(names) > MAX_MEMBERS:
            raise InputError(
                "the Word file has {count} parts; at most {limit} are accepted",
                code="docx_too_many_parts",
                count=len(names),
                limit=MAX_MEMBERS,
            )
        lowered = [name.lower() for name in names]
        content_types = (
            _read_member(archive, "[Content_Types].xml") if "[Content_Types].xml" in names else b""
        )
        if any(n.endswith("vbaproject.bin") for n in lowered) or b"macroEnabled" in content_types:
            raise InputError(
                "the Word file contains macros (.docm); save it as a plain .docx without macros",
                code="docx_macros",
            )
        if "word/document.xml" not in names:
            raise _broken()
        try:
            return parse_xml(_read_member(archive, "word/document.xml"))
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError):
            raise _broken() from None
