"""Messages for people: a problem or an error in et, ru or en.

Every message goes through the gettext catalog of its language; the English text is the msgid.
"""

from __future__ import annotations

from typing import Any

from asendusdoc.errors import AsendusdocError
from asendusdoc.i18n import translations
from asendusdoc.problems import Problem, field_titles

__all__ = ["describe_problem", "error_message", "field_label", "problem_message"]


def _format(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def problem_message(problem: Problem, lang: str) -> str:
    """What is wrong, in ``lang``."""
    text = translations(lang).gettext(problem.message)
    return _format(text, dict(problem.params))


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
    """"Field title (path): message" for a person."""
    return f"{field_label(problem, form_id, lang)} ({problem.path_text}): " + problem_message(
        problem, lang
    )


def error_message(error: AsendusdocError, lang: str) -> str:
    """The error's message in ``lang``."""
    return translations(lang).gettext(error.message)
