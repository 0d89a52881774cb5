"""Messages for people: a problem or an error in et, ru or en.

Every message goes through the gettext catalog of its language; the msgid is the English
template (``"the input is {size} bytes; ..."``), filled after translation. Where the template
comes from:

* pydantic's own error types: our template per type (:mod:`.pydantic_messages`);
* our rules (``RuleViolation``): the template written beside the rule, which the
  :class:`~asendusdoc.errors.Problem` carries as ``template``;
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

from pydantic import BaseModel

from asendusdoc.errors import AsendusdocError, FormValidationError, Problem
from asendusdoc.i18n import N_, N_plural, format_date, translations
from asendusdoc.i18n.formatting import DATE_CASES
from asendusdoc.i18n.library_errors import REASONS
from asendusdoc.i18n.pydantic_messages import MessageTemplate, pydantic_template
from asendusdoc.i18n.quotes import requote
from asendusdoc.problems import model_of
from asendusdoc.titles import TitledEnum, Titles, item_titles_of, titles_of

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

_POSITION = N_("{item} {position}")
"""A list entry in a field's label: "eesmärk 2" (Estonian: "2. eesmärk")."""
_FORM_INVALID = N_plural("{count} problem in the form:", "{count} problems in the form:")
_MORE_PROBLEMS = N_plural("… and {count} more problem", "… and {count} more problems")
_UNKNOWN_FIELD = N_("an unknown field")
"""A key the form does not have, in a label: said by its position, never as it was typed (it
may hold a personal code, or characters that forge what a terminal shows)."""


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


class _Shown:
    """A param as a message shows it; a translation may ask for a form of it: ``{day:gen}``
    (an Estonian date in the genitive, see :data:`~asendusdoc.i18n.formatting.DATE_CASES`),
    ``{expected:gen}`` (a region as its provider is named: "Lõuna piirkonna")."""

    def __init__(self, forms: Mapping[str, str]) -> None:
        self._forms = forms

    def __format__(self, spec: str) -> str:
        return self._forms.get(spec, self._forms[""])

    def __str__(self) -> str:
        return self._forms[""]


def _shown_date(value: str, lang: str) -> Any:
    day = dt.date.fromisoformat(value)
    return _Shown({case: format_date(day, lang, case) for case in DATE_CASES})


_QUOTED_PARAMS = frozenset({"suggestions", "choices"})
"""Params that quote names („Tartu linn“, :func:`asendusdoc.reference.quoted`): a Russian
message quotes them «Tartu linn», as it quotes everything else."""


def _quotes_of(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """``params`` with the quoted names in the quotation marks of ``lang``."""
    for name in _QUOTED_PARAMS & params.keys():
        if isinstance(params[name], str):
            params[name] = requote(params[name], lang)
    return params


def _localized_params(params: Mapping[str, Any], lang: str, *, ours: bool) -> dict[str, Any]:
    shown = _quotes_of(dict(params), lang)
    for name, value in params.items():
        if name in _QUOTED_PARAMS:
            continue
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            with suppress(ValueError):
                shown[name] = _shown_date(value, lang)
        elif ours and isinstance(value, str) and name in _enumerations():
            with suppress(ValueError):
                member = _enumerations()[name](value)
                forms = {"": member.title(lang)}
                genitive = getattr(member, "genitive", None)
                if genitive is not None:
                    forms["gen"] = genitive.get(lang)
                shown[name] = _Shown(forms)
    return shown


def _render(template: MessageTemplate, params: Mapping[str, Any], lang: str, *, ours: bool) -> str:
    catalog = translations(lang)
    if template.plural is not None and template.count is not None:
        text = catalog.ngettext(template.singular, template.plural, int(params[template.count]))
    else:
        text = catalog.gettext(template.singular)
    return _format(text, _localized_params(params, lang, ours=ours))


def problem_message(problem: Problem, lang: str, form_id: str | None = None) -> str:
    """What is wrong, in ``lang`` (never pydantic's English).

    With ``form_id``, the choices of an enumeration field are shown by their titles with the
    code in brackets: "eesti keel (et), vene keel (ru)". A problem with a place (in a filled
    Word blank) may be said as that place asks (a date typed as the blank shows dates).
    """
    if problem.place is not None:
        own = problem.place.message(problem, lang)
        if own is not None:
            return own
    template, params = message_template(problem)
    ours = pydantic_template(problem.code, problem.path, {}) is None
    if problem.code == "enum" and form_id is not None:
        choices = _enum_choices(form_id, problem.path, lang)
        if choices:
            params["expected"] = choices
    return _render(template, params, lang, ours=ours)


def _enum_choices(form_id: str, path: tuple[str | int, ...], lang: str) -> str:
    """ "title (code), ..." of the enumeration at ``path``; empty when it is not one of ours."""
    from asendusdoc.forms import FORM_MODELS

    current: Any = FORM_MODELS.get(form_id)
    annotation: Any = None
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None) or {}
        if part not in fields:
            return ""
        annotation = fields[part].annotation
        current = model_of(annotation)
    enum = _titled_enum_of(annotation)
    if enum is None:
        return ""
    return ", ".join(f"{member.title(lang)} ({member.value})" for member in enum)


def _titled_enum_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, TitledEnum):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _titled_enum_of(arg)
        if found is not None:
            return found
    return None


def field_label(problem: Problem, form_id: str | None, lang: str) -> str:
    """The problem's field for a person: "2. eesmärk, kirjeldus" / "цель 2, описание".

    Fields by their titles, list entries by their name and position counted from 1; the form's
    title for the whole form. The JSON path stays in :attr:`Problem.path` (and ``--json``).
    A problem of a filled Word blank is named by its place there: "3. Eesmärgid ja tegevused,
    rida 2, Eesmärk" (:attr:`Problem.place`).
    """
    from asendusdoc.forms import FORM_MODELS

    if problem.place is not None:
        return problem.place.describe(lang)

    model = FORM_MODELS.get(form_id or "")
    if model is None:
        return problem.path_text
    if not problem.path:
        return model.titles.get(lang)
    parts = _label_parts(model, problem.path, lang)
    shown = [parts[0], *(_lower_first(part) for part in parts[1:])]
    # a field named like its block is said once: "Teenuseosutaja, teenuseosutaja" is
    # "Teenuseosutaja", "2. eesmärk, eesmärk" (the goal's text) is "2. eesmärk"
    shown = [
        part
        for i, part in enumerate(shown)
        if i == 0 or not set(part.lower().split()) <= set(shown[i - 1].lower().split())
    ]
    return ", ".join(shown)


def _label_parts(model: type[BaseModel], path: tuple[str | int, ...], lang: str) -> list[str]:
    position = translations(lang).gettext(_POSITION)
    parts: list[str] = []
    current: Any = model
    item: Titles | None = None
    for part in path:
        if isinstance(part, int):
            name = item.get(lang) if item is not None else (parts.pop() if parts else "")
            if item is not None and parts:
                parts.pop()
            parts.append(_format(position, {"item": name, "position": part + 1}))
            item = None
            continue
        fields = getattr(current, "model_fields", None) or {}
        info = fields.get(part)
        if info is None:  # a key the form does not have: by its place, never as typed
            unknown = translations(lang).gettext(_UNKNOWN_FIELD)
            parts.append(unknown if parts else unknown[:1].upper() + unknown[1:])
            break
        parts.append(titles_of(info, part).get(lang))
        item = item_titles_of(info)
        current = model_of(info.annotation)
    return parts


def _lower_first(text: str) -> str:
    """ "Kirjeldus" → "kirjeldus" inside a label; "KOV", "SKA" stay."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def describe_problem(problem: Problem, form_id: str | None, lang: str) -> str:
    """ "Field: message" for a person (the field as :func:`field_label` names it)."""
    return f"{field_label(problem, form_id, lang)}: " + problem_message(problem, lang, form_id)


def more_problems(count: int, lang: str) -> str:
    """The line after the problems shown: "… and 12 more problems"."""
    return _format(ngettext(lang, *_MORE_PROBLEMS, count), {"count": count})


def error_message(error: AsendusdocError, lang: str, *, most: int | None = None) -> str:
    """The error's message in ``lang``: its template translated, then filled. Of a form's
    problems at most ``most`` are listed, then one line says how many more there are."""
    if isinstance(error, FormValidationError):
        count = len(error.problems)
        head = _format(ngettext(lang, *_FORM_INVALID, count), {"count": count})
        shown = error.problems if most is None else error.problems[:most]
        lines = [describe_problem(p, error.form_id, lang) for p in shown]
        if len(shown) < count:
            lines.append(more_problems(count - len(shown), lang))
        return "\n".join([head, *(f"  {line}" for line in lines)])
    catalog = translations(lang)
    text = catalog.gettext(error.template)
    if text == error.template and isinstance(catalog, _gettext.GNUTranslations):
        return error.message  # no translation (a template built at run time): keep English
    named = {k: v.get(lang) if isinstance(v, Titles) else v for k, v in error.params.items()}
    params = _localized_params(named, lang, ours=False)  # dates in words, not ISO
    reason = params.get("reason")
    if reason in REASONS.values():  # a library's failure, in our words
        params["reason"] = catalog.gettext(str(reason))
    if error.code == "json_invalid" and "detail" in params:
        detail = str(params["detail"])
        params["detail"] = catalog.gettext(_JSON_DETAILS.get(detail, detail))
    return _format(text, params)
