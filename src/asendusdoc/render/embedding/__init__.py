"""The form a rendered document carries as data: its envelope, written into the PDF or DOCX.

The envelope's format (and its reading back, which is untrusted input) is described in
:mod:`asendusdoc.read.envelope`; this package writes it: :mod:`asendusdoc.render.embedding.pdf`
(an associated file, ``/AFRelationship /Data``) and :mod:`asendusdoc.render.embedding.docx` (a
custom XML part). The envelope's ``form`` is the validated model as JSON (:func:`form_data`,
fields without a value left out), written as ``asendusdoc example`` writes a form (UTF-8,
indented by two, ``form`` first, then the models' order, a final newline).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from asendusdoc.read.envelope import ENVELOPE_KEY

if TYPE_CHECKING:
    from asendusdoc.forms import FormModel

__all__ = ["embed", "envelope_bytes", "form_data", "form_json"]


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
    from asendusdoc._version import __version__
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
        from asendusdoc.render.embedding.pdf import embed_in_pdf, embedded_names

        names = embedded_names([form.form_id for form in forms])
        return embed_in_pdf(document, list(zip(names, map(envelope_bytes, forms), strict=True)))
    from asendusdoc.render.embedding.docx import embed_in_docx

    (form,) = forms
    return embed_in_docx(document, envelope_bytes(form))
