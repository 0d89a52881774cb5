"""Titles in three languages: every field and every enumeration value has one.

A field's Estonian title is pydantic's ``title``; the Russian and English ones travel in the
JSON Schema as ``title_ru`` and ``title_en``. Enumerations carry ``x-titles`` per value.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar, NamedTuple

from pydantic import Field
from pydantic.json_schema import JsonSchemaValue

__all__ = ["TitledEnum", "Titles", "field"]


class Titles(NamedTuple):
    """One name in Estonian, Russian and English."""

    et: str
    ru: str
    en: str

    def get(self, lang: str) -> str:
        """The title in ``lang``; Estonian for an unknown language."""
        return str(getattr(self, lang, self.et))


def field(et: str, ru: str, en: str, description: str | None = None, **kwargs: Any) -> Any:
    """A pydantic ``Field`` with its titles in the three languages."""
    extra: dict[str, Any] = {"title_ru": ru, "title_en": en}
    return Field(title=et, description=description, json_schema_extra=extra, **kwargs)


class TitledEnum(StrEnum):
    """A string enumeration whose members carry titles: ``Member = "value", Titles(...)``.

    The value is the member's JSON form; ``member.titles`` gives its words in each language.
    """

    titles: Titles
    _value_titles: ClassVar[dict[str, Titles]]

    def __new__(cls, value: str, titles: Titles) -> TitledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.titles = titles
        return member

    def title(self, lang: str) -> str:  # type: ignore[override]
        """The member's name in ``lang``."""
        return self.titles.get(lang)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> JsonSchemaValue:
        schema: JsonSchemaValue = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema["x-titles"] = {
            lang: {m.value: m.titles.get(lang) for m in cls} for lang in ("et", "ru", "en")
        }
        return schema
