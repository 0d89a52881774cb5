"""Opening a filled blank: through the bounded reader of files from outside.

A filled blank is untrusted input: :class:`asendusdoc.read.packages.DocxPackage` limits the zip
(members, sizes, also while reading), refuses macro-enabled files, and parses XML without DTDs
or entities. This module only picks the main document part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.read.packages import DocxPackage

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["document_xml"]


def document_xml(data: bytes) -> etree._Element:
    """The main document part of the DOCX ``data``, parsed safely."""
    package = DocxPackage(data)
    return package.xml(package.main_part)
