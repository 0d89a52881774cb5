"""Messages for people: a problem or an error in et, ru or en.

Every message goes through the gettext catalog of its language; the msgid is the English
template (``"the input is {size} bytes; ..."``), filled after translation. Where the template
comes from:

* pydantic's own error types: our template per type (:mod:`.pydantic_messages`);
* our rules (``RuleViolation``): the template written beside the rule, which the
  :class:`~asendusdoc.problems.Problem` carries as ``template``;
* our field types: the template of their code in :mod:`.field_errors`, which the problem
  carries as ``template`` too.

Never by matching a filled text against the catalog.

Params that name a date or an enumeration member are shown in the language too
(``2026-11-22`` → ``22. november 2026``; ``family-support`` → ``peretoe teenus``).
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import re
from collections.abc import Mapping
from contextlib import suppress
from functools import cache
from typing import Any

from asendusdoc.errors import AsendusdocError, FormValidationError
from asendusdoc.i18n import N_, N_plural, format_date, translations
from asendusdoc.i18n.pydantic_messages import MessageTemplate, pydantic_template
from asendusdoc.problems import Problem, field_titles

__all__ = [
    "describe_problem",
    "error_message",
    "field_label",
    "message_template",
    "ngettext",
    "problem_message",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The ``detail`` of ``json_invalid`` comes from Python's json module, in English.
_JSON_DETAILS = {
    "Expecting value": N_("a value is expected"),
    "Expecting ',' delimiter": N_("a comma is expected"),
    "Expecting ':' delimiter": N_("a colon is expected"),
    "Expecting property name enclosed in double quotes": N_(
        "a field name in double quotes is expected"
    ),
    "Unterminated string starting at": N_("a text is not closed with a double quote"),
    "Invalid control character at": N_("a text holds a control character"),
    "Invalid \\escape": N_("a text holds an invalid backslash escape"),
    "Extra data": N_("there is more after the end of the form"),
}

_FORM_INVALID = N_plural("{count} problem in the form:", "{count} problems in the form:")


def _format(template: str, params: Mapping[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return template


def ngettext(lang: str, singular: str, plural: str, count: int) -> str:
    """The singular or plural form of ``lang`` for ``count`` (Russian has three)."""
    return translations(lang).ngettext(singular, plural, count)


def message_template(problem: Problem) -> tuple[MessageTemplate, dict[str, Any]]:
    """The English template of ``problem`` and the params to fill it with."""
    found = pydantic_template(problem.code, problem.path, problem.params)
    if found is not None:
        return found
    return MessageTemplate(problem.template or problem.message), dict(problem.params)


@cache
def _enumerations() -> dict[str, Any]:
    """Params whose value is an enumeration member, shown by the member's title."""
    from asendusdoc.forms._blocks import Service
    from asendusdoc.reference import Language, Region
    from asendusdoc.reference.needs import NeedArea

    return {"service": Service, "language": Language, "expected": Region, "area": NeedArea}


def _localized_params(params: Mapping[str, Any], lang: str, *, ours: bool) -> dict[str, Any]:
    shown = dict(params)
    for name, value in params.items():
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            with suppress(ValueError):
                shown[name] = format_date(dt.date.fromisoformat(value), lang)
        elif ours and isinstance(value, str) and name in _enumerations():
            with suppress(ValueError):
                shown[name] = _enumerations()[name](value).title(lang)
    return shown


def _render(template: MessageTemplate, params: Mapping[str, Any], lang: str, *, ours: bool) -> str:
    catalog = translations(lang)
    if template.plural is not None and template.count is not None:
        text = catalog.ngettext(template.singular, template.plural, int(params[template.count]))
    else:
        text = catalog.gettext(template.singular)
    return _format(text, _localized_params(params, lang, ours=ours))


def problem_message(problem: Problem, lang: str) -> str:
    """What is wrong, in ``lang`` (never pydantic's English)."""
    template, params = message_template(problem)
    ours = pydantic_template(problem.code, problem.path, {}) is None
    return _render(template, params, lang, ours=ours)


def field_label(problem: Problem, form_id: str | None, lang: str) -> str:
    """The title of the problem's field in ``lang``, or the form's title for the whole form."""
    from asendusdoc.forms import FORM_MODELS

    model = FORM_MODELS.get(form_id or "")
    if model is None:
        return problem.path_text
    if not problem.path:
        return model.titles.get(lang)
    titles = field_titles(model, problem.path)
    return titles.get(lang) if titles else problem.path_text


def describe_problem(problem: Problem, form_id: str | None, lang: str) -> str:
    """ "Field title (path): message" for a person."""
    return f"{field_label(problem, form_id, lang)} ({problem.path_text}): " + problem_message(
        problem, lang
    )


def error_message(error: AsendusdocError, lang: str) -> str:
    """The error's message in ``lang``: its template translated, then filled."""
    if isinstance(error, FormValidationError):
        count = len(error.problems)
        head = _format(ngettext(lang, *_FORM_INVALID, count), {"count": count})
        lines = [describe_problem(p, error.form_id, lang) for p in error.problems]
        return "\n".join([head, *(f"  {line}" for line in lines)])
    catalog = translations(lang)
    text = catalog.gettext(error.template)
    if text == error.template and isinstance(catalog, _gettext.GNUTranslations):
        return error.message  # no translation (a template built at run time): keep English
    params = dict(error.params)
    if error.code == "json_invalid" and "detail" in params:
        detail = str(params["detail"])
        params["detail"] = catalog.gettext(_JSON_DETAILS.get(detail, detail))
    return _format(text, params)
