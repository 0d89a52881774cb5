"""What a fillable blank holds: every input field of a form, in the sections of its document.

The document's layout (``render/layouts``) says which sections there are, in which order, and
where each value is in the form (``FieldRow.path``, ``TableBlock.path``, ...). A layout shows
values, some only inside a party or computed (a person's full name); the blank must take every
input field. So the sections and their order come from the layout of the form's shipped
example, and every field of the model that the layout does not show on its own is placed beside
its nearest shown relative (a worker's phone beside the worker's name), or in the first,
general section.

A list of blocks becomes a table (one column per field, nested optional blocks flattened into
columns); a list inside a list item (the activities of a goal) becomes a table of its own whose
first column names the row of the parent table. The spec is the same for every blank of a form
and language: the writer and the reader both follow it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import types
import typing
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from asendusdoc.forms import FORM_MODELS
from asendusdoc.forms._words import LABELS
from asendusdoc.titles import TitledEnum, Titles, titles_of

__all__ = [
    "Column",
    "FieldsPart",
    "Kind",
    "Leaf",
    "Part",
    "SectionSpec",
    "TablePart",
    "blank_spec",
    "bookmark_name",
    "form_bookmark",
]

Kind = Literal["text", "long_text", "date", "enum", "bool", "integer", "number"]

Path = tuple[str, ...]

LEGACY: frozenset[Path] = frozenset({("guardianship_authority_agreed",)})
"""Fields kept only so that older forms still read (validate reports them): not in blanks."""


@dataclass(frozen=True)
class Leaf:
    """One input field: where it is (model field names, no list indices), its label and kind."""

    path: Path
    titles: Titles
    kind: Kind
    required: bool
    """Required by the model (within its block): a help line says so."""
    enum: type[TitledEnum] | None = None
    name: str = ""
    """The model field's own name ("personal_code"): some help lines depend on it."""
    type_name: str = ""
    """The reference list the value must come from ("municipality", "provider"), or ""."""
    group: Titles | None = None
    """The block the field belongs to when it is not the form itself ("Lastekaitsetöötaja")."""
    group_path: Path = ()
    owner: str = ""
    """The model the field is declared on ("ProblemArea"): some help lines depend on it."""
    in_optional_block: bool = False
    """In a block that may be left out ("Teenus lõppes"): required only when the block is
    filled in, so it carries no * and its help line says when."""

    @property
    def always_required(self) -> bool:
        """Required whatever else the form says: the label carries a *."""
        return self.required and not self.in_optional_block


@dataclass(frozen=True)
class Column:
    """A column of a table: a field of the list's item, by its path inside the item."""

    leaf: Leaf
    """``leaf.path`` is relative to the item; ``()`` for a list of texts or choices."""


@dataclass(frozen=True)
class TablePart:
    """A growable table: one row per entry of the list at ``path``."""

    path: Path
    """The list, from the form (for a nested list: from the parent list's item)."""
    titles: Titles
    columns: list[Column]
    max_rows: int
    required: bool
    """The list must have at least one entry."""
    scalar: bool
    """Entries are texts or choices, not blocks."""
    parent: TablePart | None = None
    """For a list inside a list item: the parent table (its rows are named by number)."""
    optional_blocks: tuple[Path, ...] = ()
    """Optional blocks inside an entry (a diary entry's service end): left out when empty."""

    @property
    def full_path(self) -> Path:
        return self.path if self.parent is None else (*self.parent.full_path, *self.path)


@dataclass(frozen=True)
class FieldsPart:
    """Label/value rows of single fields."""

    leaves: list[Leaf]


Part = FieldsPart | TablePart


@dataclass(frozen=True)
class SectionSpec:
    headings: dict[str, str]
    """The section's heading by language (et, ru), without its number."""
    parts: list[Part] = field(default_factory=list)
    number: str = ""
    """The section's number in the form's documents ("3"); "" for the blank's head (the
    general data and the parties, which the documents show unnumbered above their sections)."""

    def heading(self, lang: str) -> str:
        """The heading as the blank shows it: "3. Eesmärgid", or "Osalised"."""
        title = self.headings[lang]
        return f"{self.number}. {title}" if self.number else title


@dataclass(frozen=True)
class BlankSpec:
    form_id: str
    sections: list[SectionSpec]
    optional_blocks: tuple[Path, ...]
    """Optional blocks of the form (not in lists): left out when every field of them is empty."""

    def leaves(self) -> list[Leaf]:
        return [
            leaf
            for s in self.sections
            for p in s.parts
            if isinstance(p, FieldsPart)
            for leaf in p.leaves
        ]

    def tables(self) -> list[TablePart]:
        return [p for s in self.sections for p in s.parts if isinstance(p, TablePart)]


# --- the model's fields ------------------------------------------------------------------


def _without_none(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` → (X, True); anything else → (annotation, False)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        return (args[0] if len(args) == 1 else annotation), optional
    return annotation, False


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(_without_none(annotation)[0]) is list


def _item_annotation(annotation: Any) -> Any:
    return typing.get_args(_without_none(annotation)[0])[0]


def _block_of(annotation: Any) -> type[BaseModel] | None:
    inner, _ = _without_none(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner
    return None


def _max_length(info: FieldInfo | None, annotation: Any) -> int | None:
    found: list[int] = []

    def scan(metadata: Any) -> None:
        for item in metadata:
            value = getattr(item, "max_length", None)
            if isinstance(value, int):
                found.append(value)

    if info is not None:
        scan(info.metadata)
    stack = [annotation]
    while stack:
        current = stack.pop()
        scan(getattr(current, "__metadata__", ()))
        stack.extend(typing.get_args(current))
    return max(found) if found else None


def _reference_name(info: FieldInfo | None, annotation: Any) -> str:
    """ "municipality" or "provider" for a name from the reference lists."""
    from asendusdoc.reference import MunicipalityName, ProviderName

    if annotation is MunicipalityName or _without_none(annotation)[0] is MunicipalityName:
        return "municipality"
    if annotation is ProviderName or _without_none(annotation)[0] is ProviderName:
        return "provider"
    text = repr(annotation) + (repr(info.metadata) if info is not None else "")
    if "_known_municipality" in text:
        return "municipality"
    if "_known_provider" in text:
        return "provider"
    return ""


def _kind(info: FieldInfo | None, annotation: Any) -> tuple[Kind, type[TitledEnum] | None]:
    inner, _ = _without_none(annotation)
    if typing.get_origin(inner) is typing.Annotated:
        inner = typing.get_args(inner)[0]
        inner, _ = _without_none(inner)
    if isinstance(inner, type):
        if issubclass(inner, TitledEnum):
            return "enum", inner
        if inner is bool:
            return "bool", None
        if inner is int:
            return "integer", None
        if inner is float:
            return "number", None
        if issubclass(inner, dt.date):
            return "date", None
    limit = _max_length(info, annotation)
    return ("long_text" if limit is not None and limit > 300 else "text"), None


def _leaf(
    info: FieldInfo,
    annotation: Any,
    path: Path,
    name: str,
    required: bool,
    group: Any,
    owner: type[BaseModel] | None = None,
) -> Leaf:
    kind, enum = _kind(info, annotation)
    group_titles, group_path = group
    return Leaf(
        path=path,
        titles=titles_of(info, name),
        kind=kind,
        required=required,
        enum=enum,
        name=name,
        type_name=_reference_name(info, info.annotation),
        group=group_titles,
        group_path=group_path,
        owner=_declared_on(owner, name),
    )


def _declared_on(model: type[BaseModel] | None, name: str) -> str:
    """The class of ``model``'s hierarchy that declares the field ``name`` (its own name when
    a subclass only inherits it: a plan goal's key is a goal's key)."""
    if model is None:
        return ""
    for klass in model.__mro__:
        if name in getattr(klass, "__annotations__", {}):
            return klass.__name__
    return model.__name__


@dataclass
class _Unit:
    """A leaf, or a list with all it holds, at a place in the form."""

    path: Path
    leaf: Leaf | None = None
    table: TablePart | None = None
    children: list[TablePart] = field(default_factory=list)


def _units(
    model: type[BaseModel],
    base: Path = (),
    group: tuple[Titles | None, Path] = (None, ()),
    optional_blocks: list[Path] | None = None,
) -> list[_Unit]:
    """Every leaf and list of ``model``, in model order, nested blocks unfolded."""
    units: list[_Unit] = []
    for name, info in model.model_fields.items():
        if name == "form" or (*base, name) in LEGACY:
            continue
        path = (*base, name)
        annotation = info.annotation
        block = _block_of(annotation)
        if _is_list(annotation):
            table, children = _table(model, name, info, path)
            units.append(_Unit(path, table=table, children=children))
        elif block is not None:
            optional = _without_none(annotation)[1]
            if optional and optional_blocks is not None:
                optional_blocks.append(path)
            inner = _units(block, path, (titles_of(info, name), path), optional_blocks)
            units += [_in_optional_block(unit) for unit in inner] if optional else inner
        else:
            units.append(
                _Unit(
                    path,
                    leaf=_leaf(info, annotation, path, name, info.is_required(), group, model),
                )
            )
    return units


def _in_optional_block(unit: _Unit) -> _Unit:
    if unit.leaf is None:
        return unit
    return replace(unit, leaf=replace(unit.leaf, in_optional_block=True))


def _table(
    owner: type[BaseModel],
    name: str,
    info: FieldInfo,
    path: Path,
    parent: TablePart | None = None,
) -> tuple[TablePart, list[TablePart]]:
    item = _item_annotation(info.annotation)
    block = _block_of(item)
    limit = max((getattr(m, "max_length", None) or 0 for m in info.metadata), default=0)
    required = bool(getattr(info, "metadata", None)) and any(
        getattr(m, "min_length", 0) for m in info.metadata
    )
    titles = titles_of(info, name)
    if block is None:
        kind, enum = _kind(None, item)
        leaf = Leaf((), titles, kind, required, enum, name, _reference_name(None, item))
        return TablePart(path, titles, [Column(leaf)], limit, required, True, parent), []
    columns: list[Column] = []
    nested: list[tuple[str, FieldInfo]] = []
    optional: list[Path] = []

    def walk(model: type[BaseModel], base: Path, group: tuple[Titles | None, Path]) -> None:
        for field_name, field_info in model.model_fields.items():
            here = (*base, field_name)
            inner = _block_of(field_info.annotation)
            if _is_list(field_info.annotation):
                nested.append((field_name, field_info))
            elif inner is not None:
                if _without_none(field_info.annotation)[1]:
                    optional.append(here)
                walk(inner, here, (titles_of(field_info, field_name), here))
            else:
                leaf = _leaf(
                    field_info,
                    field_info.annotation,
                    here,
                    field_name,
                    field_info.is_required(),
                    group,
                    model,
                )
                columns.append(Column(leaf))

    walk(block, (), (None, ()))
    table = TablePart(
        path, titles, columns, limit, required, False, parent, optional_blocks=tuple(optional)
    )
    children: list[TablePart] = []
    for nested_name, nested_info in nested:
        child, grandchildren = _table(block, nested_name, nested_info, (nested_name,), table)
        children += [child, *grandchildren]
    return table, children


# --- the sections of the document ------------------------------------------------------


def _pattern(path: str) -> Path:
    return tuple(part for part in path.split(".") if part and not part.isdigit())


def _document_sections(form_id: str, lang: str) -> list[tuple[str, str, list[Path]]]:
    """The sections of the example's document: number, title and the paths it shows, in order
    (the sections of a list's items, "3.1", "3.2", as their list's one section "3"); the parties
    last, unnumbered (they are placed first in the blank, but a field the document shows in a
    section belongs there)."""
    from asendusdoc.examples import example_data
    from asendusdoc.read.loading import load_form
    from asendusdoc.render.build import build_document
    from asendusdoc.render.document import FieldsBlock, ListBlock, TableBlock, TextBlock

    document = build_document(load_form(example_data(form_id)), lang)
    sections: list[tuple[str, str, list[Path]]] = []
    for section in document.sections:
        paths: list[Path] = []
        for block in section.blocks:
            if isinstance(block, FieldsBlock):
                paths += [_pattern(row.path) for row in block.rows if row.path]
            elif isinstance(block, TableBlock | ListBlock | TextBlock) and block.path:
                paths.append(_pattern(block.path))
        number, _, item = section.number.partition(".")
        if item and sections and sections[-1][0] == number:
            sections[-1][2].extend(paths)
        else:
            sections.append((number, section.title, paths))
    sections.append(
        ("", document.labels["parties"], [_pattern(p.path) for p in document.parties if p.path])
    )
    return sections


def _covers(pattern: Path, unit: _Unit) -> bool:
    """The document's ``pattern`` shows ``unit`` (the unit itself, a block holding it, or a
    field inside the unit's list)."""
    n = min(len(pattern), len(unit.path))
    if pattern[:n] != unit.path[:n]:
        return False
    return len(pattern) <= len(unit.path) or unit.leaf is None


@cache
def blank_spec(form_id: str) -> BlankSpec:
    """The blank of ``form_id``: its sections, their field rows and tables."""
    model = FORM_MODELS[form_id]
    optional_blocks: list[Path] = []
    units = _units(model, optional_blocks=optional_blocks)
    per_lang = {lang: _document_sections(form_id, lang) for lang in ("et", "ru")}
    shown = per_lang["et"]
    placed: dict[int, int] = {}  # unit index -> section index (into shown)
    order: dict[int, float] = {}  # unit index -> position in its section
    for section_index, (_, _, patterns) in enumerate(shown):
        for pattern in patterns:
            for unit_index, unit in enumerate(units):
                if unit_index in placed or not _covers(pattern, unit):
                    continue
                placed[unit_index] = section_index
                order[unit_index] = len(order)
    general = len(shown)
    parties = len(shown) - 1
    for unit_index, unit in enumerate(units):
        if unit_index in placed:
            continue
        best = _nearest_relative(unit_index, units, placed)
        if best is None:
            # a person or party the document names only in its heading goes with the parties
            placed[unit_index] = parties if _is_party(model, unit.path) else general
            order[unit_index] = 1_000_000 + unit_index
        else:
            placed[unit_index] = placed[best]
            order[unit_index] = order[best] + (unit_index - best) / 1000
    sections: list[SectionSpec] = []
    for section_index in (general, parties, *range(len(shown) - 1)):
        members = sorted((i for i in placed if placed[i] == section_index), key=order.__getitem__)
        if not members:
            continue
        parts: list[Part] = []
        for i in members:
            unit = units[i]
            if unit.leaf is not None:
                if parts and isinstance(parts[-1], FieldsPart):
                    parts[-1].leaves.append(unit.leaf)
                else:
                    parts.append(FieldsPart([unit.leaf]))
            elif unit.table is not None:
                parts += [unit.table, *unit.children]
        if section_index == general:
            # the fields no part of the document shows on its own
            headings = {lang: LABELS["general"].get(lang) for lang in ("et", "ru")}
            number = ""
        else:
            number = shown[section_index][0]
            headings = {lang: per_lang[lang][section_index][1] for lang in ("et", "ru")}
            tops = [p for p in parts if not (isinstance(p, TablePart) and p.parent is not None)]
            if len(tops) == 1 and isinstance(tops[0], TablePart):
                # a section of one list: the list's own name, not one the example's data gives
                # it ("Noore tegevused" for a support person's agreement)
                headings = {lang: tops[0].titles.get(lang) for lang in ("et", "ru")}
        sections.append(SectionSpec(headings, parts, number))
    return BlankSpec(form_id, sections, tuple(optional_blocks))


def _is_party(model: type[BaseModel], path: Path) -> bool:
    """``path`` is inside a top-level block that names someone (it has a name, a worker or a
    contact person): a party of the document."""
    if len(path) < 2:
        return False
    block = _block_of(model.model_fields[path[0]].annotation)
    return block is not None and bool({"name", "worker", "person"} & set(block.model_fields))


def _nearest_relative(index: int, units: list[_Unit], placed: dict[int, int]) -> int | None:
    """The placed unit that shares the deepest enclosing block with ``units[index]`` (nearest
    in model order among equals); None when they share only the form."""
    path = units[index].path
    best: tuple[int, int] | None = None  # (depth, -distance)
    found: int | None = None
    for other in placed:
        depth = 0
        for a, b in zip(path[:-1], units[other].path[:-1], strict=False):
            if a != b:
                break
            depth += 1
        key = (depth, -abs(other - index))
        if depth and (best is None or key > best):
            best, found = key, other
    return found


# --- names the reader finds the fields by -----------------------------------------------


def _name(prefix: str, path: Path) -> str:
    name = prefix + "__".join(path)
    if len(name) <= 40:
        return name
    digest = hashlib.sha1(".".join(path).encode()).hexdigest()[:8]
    return f"{name[:31]}_{digest}"


def bookmark_name(part: Leaf | TablePart) -> str:
    """The bookmark a field row (``f_``) or a table header (``t_``) carries: it survives
    LibreOffice, which drops the tags of content controls. At most 40 characters (Word)."""
    if isinstance(part, TablePart):
        return _name("t_", part.full_path)
    return _name("f_", part.path)


def form_bookmark(form_id: str, lang: str) -> str:
    """The bookmark on the blank's title: which form, in which language."""
    return f"ad_{lang}_{form_id.replace('-', '_')}"
