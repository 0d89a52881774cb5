"""The testing kit: what other systems' test suites import (``pip install asendusdoc[testing]``).

* :func:`assert_valid_form` — a form must be valid; the failure lists every problem by field.
* :mod:`asendusdoc.testing.strategies` — hypothesis strategies of valid forms (``forms(id)``).
* :mod:`asendusdoc.testing.snapshot` — a syrupy extension storing rendered DOCX/PDF as text.
* the pytest plugin (loaded automatically): the ``asendusdoc_example`` fixture.

This module stays light: the plugin imports it in every pytest run, so hypothesis and syrupy
are imported only by the submodules that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asendusdoc.read.loading import FormSource

__all__ = ["assert_valid_form"]


def assert_valid_form(data: FormSource, *, lang: str = "en") -> None:
    """Pass silently when ``data`` is a valid form; raise ``AssertionError`` otherwise.

    ``data`` is anything :func:`asendusdoc.validate_form` reads (a dict, JSON text, a model, or
    the bytes or path of a JSON form, a rendered PDF or DOCX, or a filled Word blank).
    The message names every problem with its field's title in ``lang`` (``"en"``, ``"et"`` or
    ``"ru"``), its path and its code, one per line::

        family-support-referral: 1 problem
          - Justification of the need in the case plan (justification): Field required [missing]

    Input that is no form at all (not JSON, no ``form`` id, ...) fails the same way, with the
    reason.
    """
    __tracebackhide__ = True
    from asendusdoc.errors import InputError
    from asendusdoc.problems.messages import error_message, field_label, problem_message
    from asendusdoc.read.loading import form_input, validate_form

    try:
        form = form_input(data)
        problems = validate_form(form)
    except InputError as exc:
        raise AssertionError(f"not a form: {error_message(exc, lang)} [{exc.code}]") from None
    if not problems:
        return
    form_id = str(form.data["form"])
    count = len(problems)
    lines = [f"{form_id}: {count} problem{'s' if count != 1 else ''}"]
    lines += [  # a developer reads this: the JSON path beside the caseworker's field name
        f"  - {field_label(p, form_id, lang)} ({p.path_text}): "
        f"{problem_message(p, lang, form_id)} [{p.code}]"
        for p in problems
    ]
    raise AssertionError("\n".join(lines))
