"""The data a rendered document carries, read back: the form it was made from.

Every PDF and DOCX that asendusdoc renders holds its form as JSON in a small envelope::

    {
      "asendusdoc": "0.1.0",
      "schema": "https://asendusdoc.example/schemas/closure.schema.json",
      "form": { "form": "closure", ... }
    }

``asendusdoc`` is the version that wrote it (the version of the models the form follows),
``schema`` the ``$id`` of the form's JSON Schema, ``form`` the form exactly as the document
shows it. Where the envelope lives in each format: :mod:`asendusdoc.read.pdf` (an associated
file, ``/AFRelationship /Data``, as Factur-X does) and :mod:`asendusdoc.read.docx` (a custom XML
part). This module reads it (a document from outside is untrusted input); the writing half is
:mod:`asendusdoc.render.embedding`, which takes the names of the format from here.
"""

from __future__ import annotations

from typing import Any

from asendusdoc.errors import InputError
from asendusdoc.read.parse import check_form_id, parse_json

__all__ = [
    "CUSTOM_XML",
    "ENVELOPE_KEY",
    "FORM_DATA_NAMESPACE",
    "FORM_DATA_TAG",
    "MEDIA_TYPE",
    "embedded_data_invalid",
    "form_from_envelope",
]

ENVELOPE_KEY = "asendusdoc"
"""The member naming the version that wrote the envelope; it marks the envelope as ours."""

MEDIA_TYPE = "application/json"
"""The subtype of a PDF's embedded file that carries an envelope."""

FORM_DATA_NAMESPACE = "urn:asendusdoc:form-data:1"
"""The namespace of the DOCX custom XML part that carries an envelope."""

FORM_DATA_TAG = f"{{{FORM_DATA_NAMESPACE}}}formData"

CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
"""The relationship type from a DOCX's main part to a custom XML part."""


def form_from_envelope(raw: bytes) -> dict[str, Any]:
    """The form of an envelope read from a document; :class:`InputError` if it is none.

    The form's content is not validated here (that is ``validate``'s work); only its shape:
    an object with a known ``form`` id. The envelope is JSON within the limits of any form
    file (size, nesting, numbers).
    """
    try:
        envelope = parse_json(raw)
    except InputError as exc:
        raise embedded_data_invalid() from exc
    if (
        not isinstance(envelope, dict)
        or not isinstance(envelope.get(ENVELOPE_KEY), str)
        or not isinstance(envelope.get("schema"), str)
        or not isinstance(envelope.get("form"), dict)
    ):
        raise embedded_data_invalid()
    form = check_form_id(envelope["form"])
    if not envelope["schema"].endswith(f"/{form['form']}.schema.json"):
        raise embedded_data_invalid()
    return form


def embedded_data_invalid() -> InputError:
    """The refusal of embedded data that is not our envelope (forged, changed or foreign)."""
    return InputError(
        "the data embedded in the document is not a form written by asendusdoc; "
        "the file may have been changed. Ask the sender for the original document.",
        code="embedded_data_invalid",
    )
