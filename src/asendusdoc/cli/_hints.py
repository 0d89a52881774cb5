"""What the command line adds to a library error: the hint about its own options.

The library says what is wrong with the thing (a seal needs a PDF; the PDF is protected with a
password) and names no option, since a library user has none. Where a command's option is the
way out, the command adds it here, by the error's code (and its ``reason`` where one code has
several): one place for every hint, and :func:`error_text` the one way the commands show a
library error.
"""

from __future__ import annotations

from collections.abc import Mapping

from asendusdoc.errors import AsendusdocError
from asendusdoc.i18n import N_, translations

__all__ = ["HINTS", "REASON_HINTS", "error_text", "reason_hint"]

HINTS: Mapping[tuple[str, str | None], str] = {
    ("bundle_needs_pdf", None): N_(
        "Give --format pdf, or --out-dir DIR to render each form to its own file."
    ),
    ("seal_needs_pdf", None): N_("Give --format pdf."),
    ("password_needs_pdf", None): N_("For a {fmt} file give --cdoc-to or --encrypt-to."),
    ("seal_with_password", None): N_(
        "Leave out --password-file and --password-env, and give the recipients' certificates "
        "with --cdoc-to."
    ),
    ("not_a_certificate", "openpgp"): N_(
        "Give an OpenPGP key with --encrypt-to; --cdoc-to takes certificates."
    ),
    ("seal_bad_password", None): N_("Give it with --seal-password-file or --seal-password-env."),
    ("pdf_password_needed", None): N_("Give it with --password-file or --password-env."),
    ("key_bad_password", None): N_("Give it with --key-password-file or --key-password-env."),
    ("pkcs11_no_slot", None): N_("Give the slot with --slot."),
    ("pkcs11_bad_pin", None): N_("Give it with --pin-file or --pin-env."),
    ("trust_not_certificate", None): N_("Check the files given with --trust."),
    ("document_bundle", None): N_(
        "Write them to files with „asendusdoc extract FILE --out-dir DIR“ and give those."
    ),
}
"""Hint templates by (error code, reason); ``None`` for every reason of the code."""

REASON_HINTS: Mapping[str, str] = {
    "timestamp_untrusted": N_("give its CA with --trust"),
    "ocsp_untrusted": N_("give its CA with --trust"),
    "chain_untrusted": N_("give the issuing CA with --trust"),
}
"""What ``verify`` adds to why a signature is not confirmed, by the reason's key."""


def hint(error: AsendusdocError, lang: str) -> str | None:
    """The hint for ``error`` in ``lang``, or None when the command has nothing to add."""
    reason = error.params.get("reason")
    template = HINTS.get((error.code, reason if isinstance(reason, str) else None))
    template = template or HINTS.get((error.code, None))
    if template is None:
        return None
    try:
        return translations(lang).gettext(template).format(**error.params)
    except (KeyError, IndexError, ValueError):
        return translations(lang).gettext(template)


def error_text(error: AsendusdocError, lang: str, *, most: int | None = None) -> str:
    """The library error's message in ``lang`` (at most ``most`` of a form's problems), and
    the command's hint after it."""
    from asendusdoc.problems.messages import error_message

    message = error_message(error, lang, most=most)
    extra = hint(error, lang)
    if extra is None:
        return message
    separator = "" if message.endswith((".", "!", "?")) else "."
    return f"{message}{separator} {extra}"


def reason_hint(reason: str, lang: str) -> str:
    """`` (give its CA with --trust)`` after a signature's reason, or ``""``."""
    template = REASON_HINTS.get(reason)
    return f" ({translations(lang).gettext(template)})" if template else ""
