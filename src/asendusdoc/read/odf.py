"""An OpenDocument text (``.odt``) from untrusted bytes: a blank LibreOffice saved in its own
format ("Save As" keeps ``.odt`` unless the type is changed).

The package is read as a DOCX is (:class:`~asendusdoc.read.packages.SafeZip`: member count
and sizes limited as declared and as read; :func:`~asendusdoc.read.packages.parse_xml`: no
DTD, no entities, depth and element caps). Only ``content.xml`` is parsed, and nothing in the
file is run. A password-protected file (its manifest names how its parts are encrypted) is
refused as a protected Word file is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.errors import InputError
from asendusdoc.read.kinds import ODT_MEDIA_TYPE
from asendusdoc.read.packages import SafeZip, encrypted_word_file, opendocument_refused, parse_xml

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["OdtPackage", "odt_not_blank"]

_MANIFEST = "META-INF/manifest.xml"
_ENCRYPTION = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}encryption-data"


def odt_not_blank() -> InputError:
    """The refusal of an OpenDocument text that holds no blank (a rendered document saved as
    ``.odt`` has lost the form it carried; saving it as Word would not bring it back)."""
    return InputError(
        "the OpenDocument file (.odt) is not an asendusdoc blank (its title's mark is missing); "
        "make a blank with „asendusdoc blank“ and fill that in",
        code="odt_not_blank",
    )


class OdtPackage:
    """An OpenDocument text package; its main part is ``content.xml``."""

    main_part = "content.xml"

    def __init__(self, data: bytes) -> None:
        self.zip = SafeZip(data)
        if not self.zip.has("mimetype") or (
            self.zip.read("mimetype").strip() != ODT_MEDIA_TYPE.encode()
        ):
            raise opendocument_refused()
        if self.zip.has(_MANIFEST) and any(True for _ in self.xml(_MANIFEST).iter(_ENCRYPTION)):
            raise encrypted_word_file()
        if not self.zip.has(self.main_part):
            raise opendocument_refused()

    def xml(self, part: str) -> etree._Element:
        """``part`` parsed as XML, safely (:func:`~asendusdoc.read.packages.parse_xml`)."""
        return parse_xml(self.zip.read(part), part)
