"""The form data inside a DOCX, read back: the custom XML part the main document refers to.

How a DOCX carries its form is written in :mod:`asendusdoc.render.embedding.docx`; here the
part is found through the checked package (:class:`~asendusdoc.read.packages.DocxPackage`)
and its envelope read (:mod:`asendusdoc.read.envelope`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asendusdoc.read.envelope import CUSTOM_XML, FORM_DATA_TAG, form_from_envelope

if TYPE_CHECKING:
    from asendusdoc.read.packages import DocxPackage

__all__ = ["read_docx_form"]


def read_docx_form(package: DocxPackage) -> dict[str, Any] | None:
    """The form in the package's custom XML part; None when it has none of ours.

    Only items the main document refers to are looked at (as Word does); an item of ours that
    is not our envelope is refused (:func:`~asendusdoc.read.envelope.form_from_envelope`).
    """
    for relationship in package.relationships(package.main_part):
        if relationship.type != CUSTOM_XML or relationship.external:
            continue
        if not package.zip.has(relationship.target):
            continue
        root = package.xml(relationship.target)
        if root.tag == FORM_DATA_TAG:
            return form_from_envelope((root.text or "").encode("utf-8"))
    return None
