"""Migrations: what an older form says in a way the models have since replaced.

A form that was valid stays valid. Where a model changed, the model still accepts the old shape
and reads it the new way; :func:`form_migrations` names each such place, so that ``validate``
can report it and the caseworker can bring the form up to date. Each migration has a stable
code and an English message (the gettext msgid).

========================================  ==============================================  ======
field                                     old → now                                       since
========================================  ==============================================  ======
``guardianship_authority_agreement``      ``true`` → ``guardianship_authority_agreed``:   17
(family conference referral)              agreed, the authority, person, date unrecorded
``guardianship_authority_agreement``      ``false`` → left out (no agreement recorded)    17
a choice of a filled blank                a title since corrected (``EarlierTitle`` beside  25
                                          the value: "hooldusperi" → "hoolduspere")
a goal key (``key``, ``goal_key``)        Cyrillic look-alike letters («Е1») → Latin (E1)   26
========================================  ==============================================  ======

A filled blank's choices are words, not values: the blank's reader maps an earlier title to its
value and reports :func:`earlier_choice` (the form's data then holds only the value, so
:func:`form_migrations` cannot see it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from asendusdoc.i18n import N_, translations
from asendusdoc.titles import EarlierTitle

__all__ = ["Migration", "earlier_choice", "form_migrations"]


@dataclass(frozen=True)
class Migration:
    """One old shape in a form: where, a stable code, and what it now means (English msgid)."""

    path: tuple[str | int, ...]
    code: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        """The message in ``lang`` (et, ru or en)."""
        return translations(lang).gettext(self.template).format(**self.params)

    def field(self, form_id: str, lang: str) -> str:
        """The title of the migrated field in ``lang`` (its path when the title is unknown)."""
        from asendusdoc.forms import FORM_MODELS
        from asendusdoc.problems import field_titles

        titles = field_titles(FORM_MODELS[form_id], self.path)
        return titles.get(lang) if titles is not None else self.path_text

    @property
    def path_text(self) -> str:
        """The path as ``a.b[0].c``."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text


_AGREEMENT = "guardianship_authority_agreement"


def earlier_choice(path: tuple[str | int, ...], earlier: EarlierTitle, now: str) -> Migration:
    """A blank's choice written with ``earlier``, a title since corrected to ``now``."""
    return Migration(
        path,
        "choice_title_corrected",
        N_("the earlier choice '{old}' is read as '{new}'; choose '{new}' in the list"),
        {"old": earlier.title, "new": now},
    )


_GOAL_KEY_FIELDS = ("key", "goal_key")


def _cyrillic_goal_keys(
    value: Any, path: tuple[str | int, ...], found: dict[str, tuple[str | int, ...]]
) -> None:
    """Every goal key written with Cyrillic look-alikes (key → its first path), in order."""
    from asendusdoc.forms._blocks import GOAL_KEY_PATTERN, latin_goal_key

    if isinstance(value, Mapping):
        for name, item in value.items():
            if (
                name in _GOAL_KEY_FIELDS
                and isinstance(item, str)
                and latin_goal_key(item) != item
                and re.fullmatch(GOAL_KEY_PATTERN, latin_goal_key(item))
            ):
                found.setdefault(item, (*path, name))
            else:
                _cyrillic_goal_keys(item, (*path, name), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _cyrillic_goal_keys(item, (*path, index), found)


def _goal_key_migration(data: Mapping[str, Any]) -> list[Migration]:
    """One note for all the form's goal keys typed with Cyrillic letters that look Latin."""
    from asendusdoc.forms._blocks import latin_goal_key

    found: dict[str, tuple[str | int, ...]] = {}
    _cyrillic_goal_keys(data, (), found)
    if not found:
        return []
    keys = ", ".join(f"{key} → {latin_goal_key(key)}" for key in found)
    return [
        Migration(
            next(iter(found.values())),
            "goal_key_cyrillic",
            N_(
                "goal keys typed with Cyrillic letters that look Latin are read as Latin "
                "({keys}); type them with Latin letters"
            ),
            {"keys": keys},
        )
    ]


def form_migrations(data: Mapping[str, Any]) -> list[Migration]:
    """Every old shape in ``data`` (a form as parsed JSON) that the model still accepts."""
    found: list[Migration] = _goal_key_migration(data)
    if data.get("form") == "family-conference-referral" and _AGREEMENT in data:
        value = data[_AGREEMENT]
        if value is True:
            found.append(
                Migration(
                    (_AGREEMENT,),
                    "authority_agreement_yes_no",
                    N_(
                        "the old yes/no form is read as 'agreed'; record which guardianship "
                        "authority agreed, who and when (authority, person, date)"
                    ),
                )
            )
        elif value is False:
            found.append(
                Migration(
                    (_AGREEMENT,),
                    "authority_agreement_no_left_out",
                    N_("the old 'no' is read as no agreement recorded; leave the field out"),
                )
            )
    return found
