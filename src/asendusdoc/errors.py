"""The one exception hierarchy of asendusdoc.

::

    AsendusdocError            base: catch this to catch everything we raise
     ├─ InputError             input cannot be read as a form (not JSON, too large, unknown form id)
     ├─ FormValidationError    the form breaks its schema or a rule; carries every problem
     ├─ TemplateError          a template is missing or asks for what the context lacks
     ├─ RenderError            a document could not be produced
     ├─ EncryptionError        key unusable, gpg missing, password missing, ...
     ├─ SignatureError         a signed container's signature is invalid (exit 1)
     └─ OutputError            the output file exists (no --force) or cannot be written

Each error carries ``exit_code`` (what the CLI exits with) and ``code`` (a stable machine
code, also the message id for translation). A :class:`FormValidationError` carries a
:class:`Problem` per field, defined here beside it (made in :mod:`asendusdoc.problems`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "AsendusdocError",
    "EncryptionError",
    "FormPlaces",
    "FormValidationError",
    "InputError",
    "OutputError",
    "Place",
    "Problem",
    "RenderError",
    "SignatureError",
    "TemplateError",
]


PathPart = str | int


class Place(Protocol):
    """Where a field is in the document a person filled in (a filled Word blank): "5. Eesmärgid
    ja tegevused, rida 2, Eesmärk". A problem with a place is named by it, never by its path."""

    def describe(self, lang: str) -> str:
        """The place in ``lang`` as the person sees it."""
        ...

    def message(self, problem: Problem, lang: str) -> str | None:
        """What is wrong said as this place asks (a blank's date is typed dd.mm.yyyy), or
        None for the problem's usual message."""
        ...


class FormPlaces(Protocol):
    """The places of a form's fields in the document it was read from."""

    def where(self, path: tuple[PathPart, ...]) -> Place | None:
        """The place of ``path`` (or of the nearest part holding it); None if it has none."""
        ...


@dataclass(frozen=True)
class Problem:
    """One problem of a form.

    ``path`` locates the field (``("family", "children", 0, "personal_code")``), ``code`` is a
    stable machine code (pydantic's error type, or our rule's code), ``message`` is English;
    translated messages come from :func:`asendusdoc.problems.messages.describe_problem`.
    ``params`` never hold the value the user typed (it may be a personal code).
    """

    path: tuple[PathPart, ...]
    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    template: str = ""
    """The English template of ``message`` (the gettext msgid): a rule's, or a field type's
    found by its code; empty for pydantic's own errors (their templates are found by code in
    :mod:`asendusdoc.i18n.pydantic_messages`)."""
    place: Place | None = field(default=None, compare=False, repr=False)
    """Where the field is in the filled Word blank the form was read from (None for JSON):
    messages then name the place (:func:`asendusdoc.problems.messages.field_label`)."""

    @property
    def path_text(self) -> str:
        """The path as ``family.children[0].personal_code``; ``(form)`` for the whole form."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text or "(form)"

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape: ``{"path": ..., "code": ..., "message": ...}``."""
        return {"path": self.path_text, "code": self.code, "message": self.message}


class AsendusdocError(Exception):
    """Base of every error asendusdoc raises on purpose."""

    exit_code: int = 2
    code: str = "error"

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        """``message`` is an English template with ``{name}`` fields filled from ``params``;
        the template is also the gettext msgid of the translated message."""
        try:
            text = message.format(**params) if params else message
        except (KeyError, IndexError, ValueError):
            text = message
        super().__init__(text)
        self.template = message
        self.message = text
        if code is not None:
            self.code = code
        self.params = params


class InputError(AsendusdocError):
    """The input cannot be read as a form: missing file, not JSON, unknown form id, too large."""

    exit_code = 2
    code = "input_error"


class FormValidationError(AsendusdocError):
    """The form breaks its schema or one of its rules; ``problems`` lists every one."""

    exit_code = 1
    code = "form_invalid"

    def __init__(self, problems: Sequence[Problem], form_id: str | None = None) -> None:
        self.problems = list(problems)
        self.form_id = form_id
        # a problem of a filled Word blank by its place in the blank, never by its JSON path
        lines = [
            f"{p.path_text if p.place is None else p.place.describe('en')}: {p.message}"
            for p in self.problems
        ]
        super().__init__(
            f"{len(self.problems)} problem(s) in the form:\n" + "\n".join(lines),
            code="form_invalid",
        )


class TemplateError(AsendusdocError):
    """A template is missing, broken, or asks for a variable the rendering context lacks."""

    exit_code = 2
    code = "template_error"


class RenderError(AsendusdocError):
    """A document could not be produced from a valid form."""

    exit_code = 2
    code = "render_error"


class EncryptionError(AsendusdocError):
    """Encryption or signing failed: key file missing or unusable, gpg missing, no password."""

    exit_code = 2
    code = "encryption_error"


class OutputError(AsendusdocError):
    """An output file exists and overwriting was not allowed, or it cannot be written."""

    exit_code = 2
    code = "output_error"


class SignatureError(AsendusdocError):
    """A signed container (ASiC-E) was read, but a signature in it is invalid: the document was
    changed after signing. Reading commands refuse it unless told to ignore signatures."""

    exit_code = 1
    code = "signature_invalid"
