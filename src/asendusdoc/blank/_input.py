"""A filled blank as a form source: its data, with the place of each field for the messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.blank._read import blank_identity, read_blank_document

if TYPE_CHECKING:
    from asendusdoc.read.dispatch import FormInput
    from asendusdoc.read.odf import OdtPackage
    from asendusdoc.read.packages import DocxPackage

__all__ = ["read_filled_blank"]


def read_filled_blank(package: DocxPackage | OdtPackage, name: str) -> FormInput | None:
    """The :class:`~asendusdoc.read.dispatch.FilledBlankReader` of asendusdoc's blanks: the
    form data of a filled blank with the place of each field (every command and the API then
    name a problem by section, row and label), None for a Word file that is no blank. A blank
    saved as OpenDocument is read as the Word blank it was (:mod:`asendusdoc.blank._odt`)."""
    from asendusdoc.read.dispatch import FormInput
    from asendusdoc.read.odf import OdtPackage

    root = package.xml(package.main_part)
    if isinstance(package, OdtPackage):
        from asendusdoc.blank._odt import word_document

        root = word_document(root)
    if blank_identity(root) is None:
        return None
    blank = read_blank_document(root)
    return FormInput(blank.data, blank, blank.migrations, blank.problems)
