"""Titles in three languages: every field and every enumeration value has one.

A field's Estonian title is pydantic's ``title``. In the JSON Schema every title travels in one
annotation keyword, :data:`TITLES_KEYWORD`: ``{"et": ..., "ru": ..., "en": ...}`` beside a field
(and the form), and for an enumeration the title of each value per language
(``{"et": {"value": ...}, ...}``). ``schemas/meta/titles-keyword.schema.json`` is the schema of
that keyword (Ajv and other strict validators declare the keyword with it). The ``Titles`` of a
field are read back with :func:`titles_of`, never from the schema.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar, NamedTuple

from pydantic import Field
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue

from asendusdoc.i18n import LANGUAGES

__all__ = [
    "TITLES_KEYWORD",
    "EarlierTitle",
    "TitledEnum",
    "Titles",
    "field",
    "item_titles_of",
    "titles_of",
]

TITLES_KEYWORD = "x-asendusdoc-titles"
"""The JSON Schema annotation keyword that holds every title in the three languages."""


class Titles(NamedTuple):
    """One name in Estonian, Russian and English."""

    et: str
    ru: str
    en: str

    def get(self, lang: str) -> str:
        """The title in ``lang``; Estonian for an unknown language."""
        return str(getattr(self, lang, self.et))

    def __format__(self, spec: str) -> str:
        """Filled into a message's English template (an error's ``message``), it says its
        English; :func:`asendusdoc.i18n.messages.error_message` fills each language's own."""
        return format(self.en, spec)

    def schema_annotation(self) -> dict[str, str]:
        """The value of :data:`TITLES_KEYWORD` for a field or form with these titles."""
        return {lang: self.get(lang) for lang in LANGUAGES}


class EarlierTitle(NamedTuple):
    """A title a value had before it was corrected ("hooldusperi" before "hoolduspere"): a blank
    filled then still shows it, and reading such a blank reports it as a migration."""

    lang: str
    title: str
    since: int
    """The issue that corrected it."""


class _SchemaTitles:
    """The ``json_schema_extra`` of a titled field: keeps its ``Titles``, writes the schema keys."""

    __slots__ = ("item", "titles")

    def __init__(self, titles: Titles, item: Titles | None = None) -> None:
        self.titles = titles
        self.item = item

    def __call__(self, schema: dict[str, Any]) -> None:
        schema[TITLES_KEYWORD] = self.titles.schema_annotation()


def field(
    et: str,
    ru: str,
    en: str,
    description: str | None = None,
    *,
    item: Titles | None = None,
    **kwargs: Any,
) -> Any:
    """A pydantic ``Field`` with its titles in the three languages.

    ``item`` names one entry of a list field ("eesmärk") where the entries are not blocks with
    their own ``item_titles`` (a list of texts or of enumeration members, or a list whose
    entries are called otherwise here).
    """
    extra = _SchemaTitles(Titles(et, ru, en), item)
    return Field(title=et, description=description, json_schema_extra=extra, **kwargs)


def item_titles_of(info: FieldInfo) -> Titles | None:
    """The name of one entry of a list field: its own ``item``, else its blocks' ``item_titles``."""
    extra = info.json_schema_extra
    if isinstance(extra, _SchemaTitles) and extra.item is not None:
        return extra.item
    for arg in getattr(info.annotation, "__args__", ()):
        found = getattr(arg, "item_titles", None)
        if isinstance(found, Titles):
            return found
    return None


def titles_of(info: FieldInfo, name: str) -> Titles:
    """The titles of a model field; its Estonian title (or ``name``) when it has no others."""
    extra = info.json_schema_extra
    if isinstance(extra, _SchemaTitles):
        return extra.titles
    title = info.title or name
    return Titles(title, title, name)


class TitledEnum(StrEnum):
    """A string enumeration whose members carry titles: ``Member = "value", Titles(...)``.

    The value is the member's JSON form; ``member.titles`` gives its words in each language, and
    ``member.earlier_titles`` the words it had before a correction (``Member = "value",
    Titles(...), (EarlierTitle("et", "old", 25),)``), which filled blanks may still carry.
    """

    titles: Titles
    earlier_titles: tuple[EarlierTitle, ...]
    _value_titles: ClassVar[dict[str, Titles]]

    def __new__(
        cls, value: str, titles: Titles, earlier_titles: tuple[EarlierTitle, ...] = ()
    ) -> TitledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.titles = titles
        member.earlier_titles = earlier_titles
        return member

    def title(self, lang: str) -> str:  # type: ignore[override]
        """The member's name in ``lang``."""
        return self.titles.get(lang)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> JsonSchemaValue:
        schema: JsonSchemaValue = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema[TITLES_KEYWORD] = {
            lang: {m.value: m.titles.get(lang) for m in cls} for lang in LANGUAGES
        }
        return schema
