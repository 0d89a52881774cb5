"""The data a rendered document carries: the form it was made from, read back by ``extract``.

Every PDF and DOCX that asendusdoc renders holds its form as JSON in a small envelope::

    {
      "asendusdoc": "0.1.0",
      "schema": "https://asendusdoc.example/schemas/closure.schema.json",
      "form": { "form": "closure", ... }
    }

``asendusdoc`` is the version that wrote it (the version of the models the form follows),
``schema`` the ``$id`` of the form's JSON Schema, ``form`` the form exactly as the document
shows it: the validated model as JSON (:func:`form_data`, fields without a value left out),
written as ``asendusdoc example`` writes a form (UTF-8, indented by two, ``form`` first, then
the models' order, a final newline). Where the envelope lives in each format:
:mod:`asendusdoc.embedded.pdf` (an associated file, ``/AFRelationship /Data``, as Factur-X does) and
:mod:`asendusdoc.embedded.docx` (a custom XML part).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from asendusdoc.errors import InputError

if TYPE_CHECKING:
    from asendusdoc.forms import FormModel

__all__ = [
    "ENVELOPE_KEY",
    "MEDIA_TYPE",
    "embed",
    "embedded_data_invalid",
    "envelope_bytes",
    "form_data",
    "form_from_envelope",
    "form_json",
]

ENVELOPE_KEY = "asendusdoc"
"""The member naming the version that wrote the envelope; it marks the envelope as ours."""

MEDIA_TYPE = "application/json"


def form_data(form: FormModel) -> dict[str, Any]:
    """The form as JSON data: what the document shows, fields without a value left out.

    ``form`` (the form's id) comes first, as in every example file; then the models' order.
    """
    data: dict[str, Any] = form.model_dump(mode="json", exclude_none=True)
    return {"form": data.pop("form"), **data}


def form_json(data: Mapping[str, Any] | list[Any]) -> bytes:
    """JSON as asendusdoc writes it: UTF-8, indented by two, keys in their order, newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def envelope_bytes(form: FormModel) -> bytes:
    """The envelope of ``form``: version, schema and the form itself (identical bytes each time)."""
    from asendusdoc import __version__
    from asendusdoc.schemas import SCHEMA_BASE_URI

    return form_json(
        {
            ENVELOPE_KEY: __version__,
            "schema": f"{SCHEMA_BASE_URI}{form.form_id}.schema.json",
            "form": form_data(form),
        }
    )


def embed(document: bytes, fmt: str, forms: Sequence[FormModel]) -> bytes:
    """The rendered ``document`` (``fmt`` pdf or docx) with the envelope of each of ``forms``.

    A PDF carries every form of a bundle; a DOCX holds one form.
    """
    if fmt == "pdf":
        from asendusdoc.embedded.pdf import embed_in_pdf, embedded_names

        names = embedded_names([form.form_id for form in forms])
        return embed_in_pdf(document, list(zip(names, map(envelope_bytes, forms), strict=True)))
    from asendusdoc.embedded.docx import embed_in_docx

    (form,) = forms
    return embed_in_docx(document, envelope_bytes(form))


def form_from_envelope(raw: bytes) -> dict[str, Any]:
    """The form of an envelope read from a document; :class:`InputError` if it is none.

    The form's content is not validated here (that is ``validate``'s work); only its shape:
    an object with a known ``form`` id. The envelope is JSON within the limits of any form
    file (size, nesting, numbers).
    """
    from asendusdoc.loading import check_form_id, parse_json

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
