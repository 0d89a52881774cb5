"""The words of a blank: its help lines and instructions (sentences, in the gettext catalog)."""

from __future__ import annotations

from functools import cache

from asendusdoc.blank._spec import Leaf
from asendusdoc.i18n import N_, translations

__all__ = [
    "CHOOSE_PLACEHOLDER",
    "DATE_PLACEHOLDER",
    "INSTRUCTIONS",
    "PARENT_ROW",
    "ROW",
    "TYPE_A_DATE",
    "help_line",
    "placeholders",
    "text",
]

CHOOSE_PLACEHOLDER = N_("Choose…")
DATE_PLACEHOLDER = N_("dd.mm.yyyy")
"""What an empty drop-down and an empty date show (LibreOffice keeps it as the text)."""

INSTRUCTIONS = N_(
    "Fill in the fields in Word or LibreOffice. Fields marked with * are required. A table "
    "grows the usual way (insert a row below); empty rows are left out. Check the filled file "
    "with „asendusdoc validate FILE.docx“ and make the final document with „asendusdoc render“."
)
PARENT_ROW = N_("Row no. in „{table}“")
"""The first column of a nested table: which row of the parent table an entry belongs to."""
ROW = N_("row {row}")
"""A row of a table in a message: "3. Eesmärgid, rida 2"."""
TYPE_A_DATE = N_("is not a valid date; pick it from the calendar or type it as dd.mm.yyyy")
"""A blank's date that is none: typed as the blank shows dates, not as JSON writes them."""

_REQUIRED = N_("Required.")
_OPTIONAL = N_("Optional.")
_REQUIRED_IN_BLOCK = N_("Required when „{block}“ is filled in, otherwise optional.")
_KIND = {
    "text": N_("A short text on one line."),
    "long_text": N_("Free text; paragraphs are kept."),
    "date": N_("A date: pick it from the calendar or type it as dd.mm.yyyy."),
    "enum": N_("Choose from the list."),
    "bool": N_("Choose yes or no."),
    "integer": N_("A whole number."),
    "number": N_("A number; decimals after a comma (1,5)."),
}
_BY_NAME = {
    "personal_code": N_("The Estonian personal identification code, 11 digits."),
    "phone": N_("A phone number, e.g. +372 5123 4567."),
    "email": N_("An e-mail address."),
    "key": N_("A short key such as E1 that follows the goal through the case's documents."),
    "goal_key": N_("The key of the goal the entry serves (E1), if the goals have keys."),
    "duration_minutes": N_("The duration in minutes."),
}
_BY_FIELD = {
    "FormModel.case_reference": N_(
        "The case's reference that ties its forms together, e.g. the case plan number."
    ),
    "FormModel.document_date": N_("The date the document is drawn up."),
    "FamilySupportReferral.placement_date": N_(
        "Required for the adaptation service, otherwise optional."
    ),
    "FamilySupportReferral.previous_service_details": N_(
        "When and from which provider; required when the family has had the service, "
        "otherwise optional."
    ),
    "ProblemArea.description": N_(
        "Required when the area is „other“ or „other difficulties“, otherwise optional."
    ),
    "SupportPersonReferral.leaving_care_date": N_(
        "Required, except for a young mother whose leaving care is not yet planned."
    ),
    "ClientDiary.provider": N_(
        "For SKA's services a provider from SKA's list; for the municipality's own family "
        "support-person service the support person's employer."
    ),
    "ClientDiary.client": N_("The young person or the family, as named in the case."),
    "Closure.reason": N_("Required for the family support-person service, otherwise optional."),
    "NeedAnswer.description": N_(
        "Required for the area „other“ when there is a need, otherwise optional."
    ),
}
"""Help beside what the field's kind says, by the model that declares the field. A help that
says when the field is required says all of it: no "Required."/"Optional." follows it."""
_SAME_HELP = {
    "ProgressReport.provider": "ClientDiary.provider",
    "Closure.provider": "ClientDiary.provider",
    "ProgressReport.client": "ClientDiary.client",
}
_BY_REFERENCE = {
    "municipality": N_("The official name of the municipality, e.g. Tartu linn or Viimsi vald."),
    "provider": N_("The provider's name as in SKA's list of providers."),
}


def text(message: str, lang: str) -> str:
    """``message`` in ``lang``."""
    return translations(lang).gettext(message)


def help_line(leaf: Leaf, lang: str) -> str:
    """The short line under a field: what to enter, and whether it is required."""
    gettext = translations(lang).gettext
    key = f"{leaf.owner}.{leaf.name}"
    key = "FormModel." + leaf.name if leaf.name in ("case_reference", "document_date") else key
    specific = _BY_FIELD.get(_SAME_HELP.get(key, key))
    what = _BY_REFERENCE.get(leaf.type_name) or _BY_NAME.get(leaf.name)
    if leaf.kind in ("enum", "bool", "date") or what is None:
        what = _KIND[leaf.kind]
    if leaf.kind in ("text", "long_text") and specific is not None:
        what, specific = specific, None
    words = [gettext(what), *([gettext(specific)] if specific else [])]
    if _says_when_required(key):
        return " ".join(words)
    if leaf.required and leaf.in_optional_block and leaf.group is not None:
        words.append(gettext(_REQUIRED_IN_BLOCK).format(block=leaf.group.get(lang)))
    else:
        words.append(gettext(_REQUIRED if leaf.required else _OPTIONAL))
    return " ".join(words)


def _says_when_required(key: str) -> bool:
    """Whether the field's own help says when it is required (then nothing is added)."""
    return _SAME_HELP.get(key, key) in _BY_FIELD_REQUIRED_WHEN


_BY_FIELD_REQUIRED_WHEN = frozenset(
    {
        "FamilySupportReferral.placement_date",
        "FamilySupportReferral.previous_service_details",
        "ProblemArea.description",
        "SupportPersonReferral.leaving_care_date",
        "Closure.reason",
        "NeedAnswer.description",
    }
)


@cache
def placeholders() -> frozenset[str]:
    """Every placeholder text in every language: a cell holding one is empty."""
    found = {CHOOSE_PLACEHOLDER, DATE_PLACEHOLDER}
    for lang in ("et", "ru"):
        found |= {text(CHOOSE_PLACEHOLDER, lang), text(DATE_PLACEHOLDER, lang)}
    return frozenset(found)
