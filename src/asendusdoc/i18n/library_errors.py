"""Failures of the libraries we call, said in our words: never their English text.

zipfile says "File is not a zip file", pypdf "EOF marker not found", the operating system
"Broken pipe"; none of that may reach a caseworker reading Estonian or Russian. Where such an
exception becomes one of our errors, the error's ``reason`` is :func:`library_reason` of it: an
English msgid from this module, which :func:`asendusdoc.problems.messages.error_message`
translates like the error's own template, and :func:`library_reason_code` its stable code for
programs. The library's own text stays out of every message (it may even quote a value of the
file); a developer finds it in the exception's ``__cause__``.

==================  ===========================================================================
code                what failed
==================  ===========================================================================
zip_damaged         zipfile, zlib: the archive (a DOCX) is cut short or damaged
pdf_damaged         pypdf: the PDF's structure, its end or one of its streams is damaged
pdf_encrypted       pypdf: the PDF needs a password that was not given
xml_damaged         lxml, ElementTree: a part is not well-formed XML
text_not_utf8       a text is not in UTF-8
file_missing        the operating system: no such file or folder
file_permission     the operating system: the file may not be read or written
disk_full           the operating system: no space left
output_closed       the operating system: the program reading our output stopped (Broken pipe)
is_folder           the operating system: a folder where a file was expected
system_error        the operating system, any other refusal
damaged             anything else: the file is damaged
template_failed     Jinja: a tag of a custom template fails while the document is filled in
template_too_large  our template sandbox: a tag would build a value over its limit
template_power      our template sandbox: a tag raises a number to too large a power
template_unsafe     Jinja's sandbox: a tag asks for what a template may not do
==================  ===========================================================================
"""

from __future__ import annotations

import errno

from asendusdoc.i18n import N_

__all__ = ["REASONS", "library_reason", "library_reason_code", "os_reason"]

REASONS: dict[str, str] = {
    "zip_damaged": N_("the archive is cut short or damaged"),
    "pdf_damaged": N_("the PDF is cut short or its structure is damaged"),
    "pdf_encrypted": N_("the PDF is protected with a password"),
    "xml_damaged": N_("a tag is not closed, or the text is cut short"),
    "text_not_utf8": N_("a text in it is not in UTF-8"),
    "file_missing": N_("the file or folder does not exist"),
    "file_permission": N_("permission denied: check the file's and the folder's permissions"),
    "disk_full": N_("there is no space left on the disk"),
    "output_closed": N_("the output was closed before everything was written"),
    "is_folder": N_("it is a folder, not a file"),
    "system_error": N_("the operating system refused it"),
    "damaged": N_("the file is damaged"),
    "template_failed": N_(
        "a tag fails when the document is filled in (a filter, a calculation or a name it "
        "does not know)"
    ),
    "template_too_large": N_("a tag would build a value that is too large"),
    "template_power": N_("a tag raises a number to too large a power"),
    "template_unsafe": N_("a tag asks for something a template may not do"),
}
"""Reason code → its English msgid (translated in the catalogs like every message)."""

_OS_CODES = {
    errno.ENOENT: "file_missing",
    errno.ENOTDIR: "file_missing",
    errno.EACCES: "file_permission",
    errno.EPERM: "file_permission",
    errno.EROFS: "file_permission",
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EPIPE: "output_closed",
    errno.EISDIR: "is_folder",
}
_BY_MODULE = (
    ("zipfile", "zip_damaged"),
    ("zlib", "zip_damaged"),
    ("pypdf", "pdf_damaged"),
    ("pyhanko", "pdf_damaged"),
    ("lxml", "xml_damaged"),
    ("xml", "xml_damaged"),
)


def library_reason_code(exc: BaseException) -> str:
    """The code of what failed (see the table above)."""
    if isinstance(exc, OSError) and not type(exc).__module__.startswith(("zipfile", "pypdf")):
        return _OS_CODES.get(exc.errno or 0, "system_error")
    if isinstance(exc, UnicodeError):
        return "text_not_utf8"
    if type(exc).__name__ == "FileNotDecryptedError":
        return "pdf_encrypted"
    module = type(exc).__module__
    for prefix, code in _BY_MODULE:
        if module == prefix or module.startswith(prefix + "."):
            return code
    if isinstance(exc, EOFError):
        return "zip_damaged"
    return "damaged"


def library_reason(exc: BaseException) -> str:
    """Why ``exc`` failed, as an English msgid of :data:`REASONS` (a param ``reason`` of our
    error; translated when the error's message is)."""
    return REASONS[library_reason_code(exc)]


def os_reason(exc: OSError) -> str:
    """:func:`library_reason` of an operating-system error (``exc.strerror`` is English)."""
    return REASONS[_OS_CODES.get(exc.errno or 0, "system_error")]
