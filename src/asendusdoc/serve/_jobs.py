"""What a worker process does for a request: one call of the library, its answer as data.

Each job takes plain values (bytes, names, the language of messages) and returns an
*outcome*, a dict that crosses the pipe back to the service: ``{"kind": "json", "body": ...}``,
``{"kind": "file", "data": ..., "file_name": ..., "media_type": ...}`` or ``{"kind":
"problem", "status": ..., "code": ..., "detail": ..., "problems": ...}``; each names the
``form`` id for the access log. Every uploaded byte goes through the library's guarded
readers; messages are translated here, where the library's catalogs are.

Imported by the fork server before any worker starts (so a new worker starts warm): it
imports the rendering stack at once, and nothing in the service's own process imports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from asendusdoc.errors import AsendusdocError, FormValidationError, InputError, Problem
from asendusdoc.examples import example_data
from asendusdoc.i18n import N_, translations
from asendusdoc.problems.messages import error_message, field_label, problem_message
from asendusdoc.product import produce
from asendusdoc.protect import (
    CdocEnvelope,
    KeyData,
    OpenPGPEnvelope,
    PdfPassword,
    Protection,
    check_protection,
)
from asendusdoc.read.dispatch import read_form_input
from asendusdoc.read.loading import load_form, validate_form
from asendusdoc.read.parse import parse_json

__all__ = ["JOBS", "run", "warm_up"]

Outcome = dict[str, Any]
FileArgument = tuple[bytes, str]
"""An uploaded file: its bytes and the name it is called by in messages."""

INTERNAL = N_("Internal error ({kind}); please report it to the developers.")
FORM_INVALID = N_("The form has problems; each is listed in 'problems' with its field.")
BUNDLE_NOT_OBJECTS = N_("A bundle is a JSON array of forms (objects).")


def run(job: str, arguments: dict[str, Any]) -> Outcome:
    """Do ``job``; every error becomes a problem outcome (never an exception)."""
    lang = arguments.get("lang", "et")
    try:
        outcome: Outcome = JOBS[job](**arguments)
        return outcome
    except FormValidationError as exc:
        problems = [_entry(p, exc.form_id, lang) for p in exc.problems]
        detail = translations(lang).gettext(FORM_INVALID)
        return _problem(422, exc.code, detail, exc.form_id, problems)
    except InputError as exc:
        status = 413 if exc.code == "input_too_large" else 400
        return _problem(status, exc.code, error_message(exc, lang))
    except AsendusdocError as exc:  # a key or certificate of the request, a seal, a template
        status = 500 if exc.code in ("template_error", "render_error") else 400
        return _problem(status, exc.code, error_message(exc, lang))
    except Exception as exc:  # our bug: the request fails, the worker goes on
        detail = translations(lang).gettext(INTERNAL).format(kind=exc.__class__.__name__)
        return _problem(500, "internal_error", detail)


def warm_up() -> None:
    """Render the smallest example once, so that a worker's first request is not slow."""
    produce(example_data("family-needs-feedback"), "et", "pdf")


def _problem(
    status: int,
    code: str,
    detail: str,
    form: str | None = None,
    problems: list[dict[str, Any]] | None = None,
) -> Outcome:
    return {
        "kind": "problem",
        "status": status,
        "code": code,
        "detail": detail,
        "problems": problems,
        "form": form,
    }


def _entry(problem: Problem, form_id: str | None, lang: str) -> dict[str, Any]:
    """One problem as ``validate --json`` lists it: path, code, message, field."""
    entry = problem.as_dict()
    entry["message"] = problem_message(problem, lang, form_id)
    entry["field"] = field_label(problem, form_id, lang)
    return entry


def validate(*, file: FileArgument, lang: str) -> Outcome:
    """The problems of one form (JSON, a document, a filled blank), as ``validate --json``."""
    from asendusdoc.migrations import form_migrations

    read = read_form_input(*file)
    problems = validate_form(read)
    form_id = read.data["form"]
    entries = []
    for migration in (*read.migrations, *form_migrations(read.data)):
        entries.append(
            {
                "path": migration.path_text,
                "code": migration.code,
                "message": migration.message(lang),
                "field": migration.field(form_id, lang),
                "migration": True,
            }
        )
    entries += [_entry(problem, form_id, lang) for problem in problems]
    body = {"form": form_id, "valid": not problems, "problems": entries}
    return {"kind": "json", "body": body, "form": form_id}


def documents(
    *,
    forms: list[FileArgument],
    lang: str,
    document_lang: str,
    fmt: str,
    name: str | None,
    cdoc: list[FileArgument],
    cdoc_version: int,
    openpgp: list[FileArgument],
    pdf_password: str | None,
    seal: Any,
) -> Outcome:
    """One form or a bundle → the document's bytes, protected as the request asks."""
    sources: list[Any] = []
    for data, file_name in forms:
        sources.extend(_forms_of(data, file_name))
    envelope: CdocEnvelope | OpenPGPEnvelope | None = None
    if cdoc:
        keys = tuple(KeyData(d, n) for d, n in cdoc)
        envelope = CdocEnvelope(keys, 2) if cdoc_version == 2 else CdocEnvelope(keys, 1)
    elif openpgp:
        envelope = OpenPGPEnvelope(tuple(KeyData(d, n) for d, n in openpgp))
    protection = Protection(
        envelope=envelope,
        pdf_password=PdfPassword(pdf_password) if pdf_password else None,
        seal=seal,
    )
    check_protection(protection, fmt)
    product = produce(
        sources if len(sources) > 1 else sources[0], document_lang, fmt, protection, name=name
    )
    form_id = _form_id(sources[0]) if len(sources) == 1 else "bundle"
    return {
        "kind": "file",
        "data": product.data,
        "file_name": product.file_name,
        "media_type": product.media_type,
        "form": form_id,
    }


def _form_id(source: Any) -> str | None:
    data = source.data if hasattr(source, "data") else source
    return data.get("form") if isinstance(data, dict) else None


def _forms_of(data: bytes, file_name: str) -> list[Any]:
    """The forms of one uploaded file: a JSON array is a bundle, anything else one form."""
    if file_name.endswith(".json") and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        items = parse_json(data)
        if not items or not all(isinstance(item, dict) for item in items):
            raise InputError(BUNDLE_NOT_OBJECTS, code="bundle_not_forms")
        return list(items)
    return [read_form_input(data, file_name)]


def extract(*, file: FileArgument, lang: str, password: str | None) -> Outcome:
    """The forms a document carries (several in a bundle PDF), each with its file name."""
    from asendusdoc.read.dispatch import read_form_documents

    found = read_form_documents(*file, password=password)
    body = {"forms": [{"name": form.name, "form": form.data} for form in found]}
    form_id = found[0].data.get("form") if len(found) == 1 else "bundle"
    return {"kind": "json", "body": body, "form": form_id}


def check(*, files: list[FileArgument], lang: str, today: str | None) -> Outcome:
    """The findings over the files of one case, as ``check --json`` prints them."""
    from asendusdoc.case import check_case_files

    day = dt.date.fromisoformat(today) if today else None
    report = check_case_files({name: data for data, name in files}, today=day)
    body = {
        "case_reference": report.reference,
        "today": report.today.isoformat(),
        "findings": [finding.as_dict(lang) for finding in report.findings],
    }
    return {"kind": "json", "body": body, "form": "case"}


def suggest(*, file: FileArgument, lang: str) -> Outcome:
    """The services that fit the needs a feedback form or a referral states."""
    from asendusdoc.needs.suggest import suggest_services, suggestions_as_json

    form = load_form(read_form_input(*file))
    body = suggestions_as_json(form, suggest_services(form), lang)
    return {"kind": "json", "body": body, "form": form.form_id}


def blank(*, form_id: str, lang: str, document_lang: str) -> Outcome:
    """The fillable Word blank of a form."""
    from asendusdoc.blank import make_blank
    from asendusdoc.product import MEDIA_TYPES

    data = make_blank(form_id, document_lang)
    return {
        "kind": "file",
        "data": data,
        "file_name": f"{form_id}.{document_lang}.docx",
        "media_type": MEDIA_TYPES["docx"],
        "form": form_id,
    }


JOBS: dict[str, Callable[..., Outcome]] = {
    "blank": blank,
    "check": check,
    "documents": documents,
    "extract": extract,
    "suggest": suggest,
    "validate": validate,
}
