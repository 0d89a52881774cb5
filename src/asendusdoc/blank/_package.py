"""Opening a filled blank: through the bounded reader of files from outside.

A filled blank is untrusted input: :class:`asendusdoc.read.packages.DocxPackage` limits the zip
(members, sizes, also while reading), refuses macro-enabled files, and parses XML without DTDs
or entities. This module only picks the main document part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.read.kinds import looks_like_odt
from asendusdoc.read.odf import OdtPackage
from asendusdoc.read.packages import DocxPackage

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["document_xml"]


def document_xml(data: bytes) -> etree._Element:
    """The main document part of the DOCX ``data``, parsed safely; of an OpenDocument text
    (a blank LibreOffice saved as ``.odt``) its body as the Word blank's."""
    if looks_like_odt(data):
        from asendusdoc.blank._odt import word_document

        package = OdtPackage(data)
        return word_document(package.xml(package.main_part))
    docx = DocxPackage(data)
    return docx.xml(docx.main_part)
