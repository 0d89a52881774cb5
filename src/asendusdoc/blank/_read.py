"""Reading a filled blank: the form's data, and where the caseworker sees each value.

Fields are found by the bookmarks the blank put on their labels and table headers (LibreOffice
keeps bookmarks; it drops the tags of content controls). A value is the text of its cell,
whether the control is still there or the cell was typed into (a row added in Word or
LibreOffice has plain cells). Placeholders ("Valige…", "pp.kk.aaaa") count as empty; so do
rows with nothing in them.

A choice that is not in the drop-down's list (typed over, or copied from a blank in the other
language) is a problem of its field (:attr:`FilledBlank.problems`, exit 1), named by its place
with the allowed titles, beside the form's other problems: the data keeps the text as typed (it
is no value of the list, so the form is never valid with it), and the rest of the blank is read
and validated in the same run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from asendusdoc.blank._package import document_xml
from asendusdoc.blank._spec import (
    BlankSpec,
    Leaf,
    Path,
    TablePart,
    blank_spec,
    bookmark_name,
    form_bookmark,
)
from asendusdoc.blank._words import ROW, TYPE_A_DATE, placeholders, text
from asendusdoc.errors import InputError, Problem
from asendusdoc.forms import FORM_MODELS
from asendusdoc.forms._words import labels
from asendusdoc.i18n import N_
from asendusdoc.i18n.quotes import quote
from asendusdoc.migrations import Migration, earlier_choice
from asendusdoc.read.budget import in_time
from asendusdoc.titles import Titles

__all__ = [
    "MAX_EMPTY_ROWS",
    "MAX_TABLES",
    "FilledBlank",
    "Location",
    "blank_identity",
    "read_blank",
    "read_blank_document",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_EMPTY_ROWS = 200
"""Rows a table may have beyond its list's maximum (empty rows a caseworker left)."""
MAX_TABLES = 500
"""Tables a filled blank may have; a blank has one per section part (fewer than 30)."""

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Location:
    """Where a value is in the blank, as the caseworker sees it."""

    section: dict[str, str]
    """ "3. Eesmärgid" by language."""
    table: Titles | None = None
    row: int | None = None
    label: Titles | None = None
    group: Titles | None = None
    blank_lang: str = "et"
    kind: str = ""
    """The kind of the field here ("date", ...), or "" for a row or a table."""

    def describe(self, lang: str) -> str:
        """ "3. Eesmärgid, rida 2, Kirjeldus": the place in the blank's own words, whatever the
        message language (an Estonian blank has no Russian sections to find); in a language
        no blank is made in (English) the field's name in it follows: "…, Kirjeldus
        (Description)"."""
        shown = self.blank_lang
        heading = self.section[shown]
        said = {heading.partition(". ")[2].casefold()}
        parts = [heading]
        for titles in (self.table, self.row, self.group, self.label):
            if titles is None:
                continue
            if isinstance(titles, int):
                parts.append(text(ROW, shown).format(row=titles))
                continue
            words = titles.get(shown)
            if words.casefold() not in said:  # "Pere, Pere": a name said once
                parts.append(words)
                said.add(words.casefold())
        named = self.label or self.table
        if lang not in self.section and named is not None:
            return ", ".join(parts) + f" ({named.get(lang)})"
        return ", ".join(parts)

    def message(self, problem: Problem, lang: str) -> str | None:
        """A date that is none is typed as the blank shows dates (dd.mm.yyyy), not as JSON
        writes them (YYYY-MM-DD); None (the usual message) for every other problem."""
        if self.kind == "date" and problem.code in _NOT_A_DATE:
            return text(TYPE_A_DATE, lang)
        return None


_NOT_A_DATE = frozenset(
    {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}
)


@dataclass(frozen=True)
class FilledBlank:
    """What a filled blank says: the form's data (as its JSON) and where each value was."""

    form_id: str
    lang: str
    data: dict[str, Any]
    locations: dict[JsonPath, Location] = field(default_factory=dict)
    migrations: tuple[Migration, ...] = ()
    """Choices written with a title since corrected ("hooldusperi"), read as their value."""
    problems: tuple[Problem, ...] = ()
    """Fields whose text the blank's list does not hold (a choice typed over or in the other
    language): problems of the form beside the model's (the data keeps the text as typed)."""

    def where(self, path: JsonPath) -> Location | None:
        """The location of ``path`` or of the nearest part of the blank that holds it."""
        for end in range(len(path), 0, -1):
            found = self.locations.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


# --- the text of a cell --------------------------------------------------------------------


def _paragraph_text(paragraph: etree._Element) -> str:
    out: list[str] = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}sdt"):
        if element.tag == f"{W}t":
            if not _in_placeholder(element, paragraph):
                out.append(element.text or "")
        elif element.tag == f"{W}tab":
            out.append("\t")
        elif element.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
    return "".join(out)


def _in_placeholder(element: etree._Element, stop: etree._Element) -> bool:
    """``element`` is the placeholder of a control Word still shows as such."""
    for ancestor in element.iterancestors():
        if ancestor.tag == f"{W}sdt":
            properties = ancestor.find(f"{W}sdtPr")
            if properties is not None and properties.find(f"{W}showingPlcHdr") is not None:
                return True
        if ancestor is stop:
            break
    return False


def cell_text(cell: etree._Element) -> str:
    """The text of a table cell: its paragraphs joined by line breaks, placeholders empty."""
    lines = [_paragraph_text(p) for p in cell.iter(f"{W}p")]
    value = "\n".join(lines).strip()
    return "" if value in placeholders() else value


def _picked_date(raw: str, cell: etree._Element) -> str | None:
    """The date picker's stored day, when the text shows that day in another way ("20. märts
    2026"); None when the text says something else (typed over the picker: not a date)."""
    date = cell.find(f".//{W}sdtPr/{W}date")
    value: str | None = None if date is None else date.get(f"{W}fullDate")
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return None
    year, day = value[:4], int(value[8:10])
    if year in raw and re.search(rf"(?<!\d)0?{day}(?!\d)", raw.replace(year, "")):
        return str(value[:10])
    return None


def _cells(row: etree._Element) -> list[etree._Element]:
    """A row's cells, also those LibreOffice or Word wrapped in a control."""
    return [c for c in row.iter(f"{W}tc") if _nearest(c, f"{W}tr") is row]


def _nearest(element: etree._Element, tag: str) -> etree._Element | None:
    for ancestor in element.iterancestors(tag):
        return ancestor
    return None


def _bookmarks(element: etree._Element) -> list[str]:
    return [b.get(f"{W}name") or "" for b in element.iter(f"{W}bookmarkStart")]


# --- values --------------------------------------------------------------------------------

_DAY = re.compile(r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})\.?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_YO_AS_E = {0x0451: 0x0435}
"""«ё» read as the «е» most people type (a letter, not a word: by code point)."""


def _normal(value: str) -> str:
    """A choice as compared: spaces and case aside, and «ё» as «е»."""
    return " ".join(value.split()).casefold().translate(_YO_AS_E)


_NOT_IN_LIST = N_("the value is not one of the choices of the list; choose one of {choices}")
_OTHER_LANGUAGE = N_("the choice is in the other language than the blank; choose one of {choices}")


@dataclass(frozen=True)
class _Refused:
    """A cell's text that its drop-down's list does not hold, until its path in the form is
    known (a table's rows are placed after they are read): then a problem of that field."""

    raw: str
    code: str
    template: str
    choices: str
    """The list's titles in the blank's language, quoted: „hooldusvanem“, „eestkostja“."""

    def problem(self, path: JsonPath) -> Problem:
        params = {"choices": self.choices}
        return Problem(path, self.code, self.template.format(**params), params, self.template)


def _refusals(value: Any, path: JsonPath = ()) -> Iterator[Problem]:
    """The problem of each :class:`_Refused` in the form, which keeps the text as typed."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, _Refused):
            value[key] = item.raw
            yield item.problem((*path, key))
        elif isinstance(item, dict | list):
            yield from _refusals(item, (*path, key))


class _Reader:
    def __init__(self, spec: BlankSpec, lang: str) -> None:
        self.spec = spec
        self.lang = lang
        self.other = "ru" if lang == "et" else "et"
        self.locations: dict[JsonPath, Location] = {}
        self.migrations: list[Migration] = []

    def value(self, leaf: Leaf, raw: str, cell: etree._Element) -> Any:
        """The JSON value of a cell's text; None when empty."""
        if leaf.kind == "date":
            if not raw:
                return None
            day = _DAY.fullmatch(raw)
            if day:
                d, m, y = (int(g) for g in day.groups())
                return f"{y:04d}-{m:02d}-{d:02d}"
            if _ISO_DAY.fullmatch(raw):
                return raw
            return _picked_date(raw, cell) or raw
        if not raw:
            return None
        if leaf.kind in ("enum", "bool"):
            return self.choice(leaf, raw)
        if leaf.kind == "integer":
            compact = raw.replace(" ", "").replace("\u00a0", "")
            return int(compact) if re.fullmatch(r"-?\d{1,9}", compact) else raw
        if leaf.kind == "number":
            compact = raw.replace(" ", "").replace("\u00a0", "").replace(",", ".")
            if re.fullmatch(r"-?\d{1,9}(\.\d{1,6})?", compact):
                number = float(compact)
                return int(number) if number.is_integer() and "." not in compact else number
            return raw
        return raw

    def choices(self, leaf: Leaf, lang: str) -> list[tuple[str, Any]]:
        if leaf.kind == "bool":
            words = labels(lang)
            return [(words["yes"], True), (words["no"], False)]
        assert leaf.enum is not None
        return [(m.title(lang), m.value) for m in leaf.enum]

    def choice(self, leaf: Leaf, raw: str) -> Any:
        """The value whose title is ``raw``; a :class:`_Refused` when the list has none."""
        typed = _normal(raw)
        for title, value in self.choices(leaf, self.lang):
            if _normal(title) == typed or (isinstance(value, str) and value == raw):
                return value
        earlier = self.earlier_choice(leaf, typed)
        if earlier is not None:
            return earlier
        allowed = ", ".join(quote(title, self.lang) for title, _ in self.choices(leaf, self.lang))
        if any(_normal(title) == typed for title, _ in self.choices(leaf, self.other)):
            return _Refused(raw, "blank_choice_other_language", _OTHER_LANGUAGE, allowed)
        return _Refused(raw, "blank_choice_unknown", _NOT_IN_LIST, allowed)

    def earlier_choice(self, leaf: Leaf, typed: str) -> str | None:
        """The value whose earlier title (since corrected) is ``typed``, noted as a migration."""
        for member in leaf.enum or ():
            for earlier in member.earlier_titles:
                if earlier.lang == self.lang and _normal(earlier.title) == typed:
                    now = member.title(self.lang)
                    self.migrations.append(earlier_choice(leaf.path, earlier, now))
                    return member.value
        return None


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    current = data
    for name in path[:-1]:
        current = current.setdefault(name, {})
    current[path[-1]] = value


def _is_empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_is_empty(v) for v in value.values())
    if isinstance(value, list):
        return not value
    return False


def _prune(data: dict[str, Any], paths: tuple[Path, ...]) -> None:
    """Optional blocks with nothing filled in are left out (the form says none)."""
    for path in sorted(paths, key=len, reverse=True):
        parent: Any = data
        for name in path[:-1]:
            parent = parent.get(name) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and path[-1] in parent and _is_empty(parent[path[-1]]):
            del parent[path[-1]]


def blank_identity(root: etree._Element) -> tuple[str, str] | None:
    """The form id and language of a blank's main document part; None if it is no blank."""
    known = {form_bookmark(f, lang): (f, lang) for f in FORM_MODELS for lang in ("et", "ru")}
    for name in _bookmarks(root):
        if name in known:
            return known[name]
    return None


def _identify(root: etree._Element) -> tuple[str, str]:
    identity = blank_identity(root)
    if identity is not None:
        return identity
    raise InputError(
        "the Word file is not an asendusdoc blank (its title's mark is missing); make a blank "
        "with „asendusdoc blank“ and fill that in",
        code="docx_not_blank",
    )


def _tables(body: etree._Element) -> Iterator[etree._Element]:
    for table in body.iter(f"{W}tbl"):
        if _nearest(table, f"{W}tbl") is None:
            yield table


def _too_many_rows(where: str, rows: int, limit: int) -> InputError:
    return InputError(
        "the table „{table}“ has {rows} rows; a form holds at most {limit}: the file is refused",
        code="blank_too_many_rows",
        table=where,
        rows=rows,
        limit=limit,
    )


def read_blank(data: bytes) -> FilledBlank:
    """The form data of a filled blank (DOCX bytes, or the .odt LibreOffice saved) and where
    each value is.

    Raises :class:`InputError` for a file that is not a readable blank or a table with more
    rows than a form may hold. A choice that is not in its drop-down's list is one of
    :attr:`FilledBlank.problems`. The data is not validated: :func:`asendusdoc.validate_form`
    does that (adding the blank's problems), and :meth:`FilledBlank.where` names each
    problem's place.
    """
    return read_blank_document(document_xml(data))


Rows = list[tuple[int, list[etree._Element]]]
"""A table's filled rows: the row's number in the blank (its header is 0) and its cells."""
Kept = list[tuple[int, tuple[str, Any]]]
"""A table's items: row number, (the first column's text, the item read from the row)."""
Placed = list[tuple[int, Any, JsonPath]]
"""A table's items where they went: row number, item, path in the form."""


@dataclass
class _Index:
    """The blank's parts by their bookmark names, and the numbered heading of each one's section."""

    leaves: dict[str, Leaf] = field(default_factory=dict)
    tables: dict[str, TablePart] = field(default_factory=dict)
    heading: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, spec: BlankSpec) -> _Index:
        index = cls()
        for section in spec.sections:
            heading = {lg: section.heading(lg) for lg in section.headings}
            for part in section.parts:
                if isinstance(part, TablePart):
                    index.tables[bookmark_name(part)] = part
                    index.heading[bookmark_name(part)] = heading
                    continue
                for leaf in part.leaves:
                    index.leaves[bookmark_name(leaf)] = leaf
                    index.heading[bookmark_name(leaf)] = heading
        return index


def read_blank_document(root: etree._Element) -> FilledBlank:
    """:func:`read_blank` of a main document part already parsed (safely).

    By phase: which blank it is; the fields tables' values into the form, the other tables'
    rows aside; each table's rows as items; the top tables' items into the form, then the
    nested tables' items into their parents' items; empty optional blocks pruned.
    """
    form_id, lang = _identify(root)
    spec = blank_spec(form_id)
    reader = _Reader(spec, lang)
    index = _Index.of(spec)
    form = _empty_form(spec, form_id)
    rows_of = _read_tables(_body_tables(root), index, reader, form)
    kept = {name: _table_items(part, rows_of.get(name, []), reader)
            for name, part in index.tables.items()}  # fmt: skip
    placed: dict[str, Placed] = {}
    for name, part in index.tables.items():
        if part.parent is None:
            placed[name] = _place_top_table(part, kept[name], index.heading[name], reader, form)
    for name, part in index.tables.items():
        if part.parent is not None:
            parents = placed.get(bookmark_name(part.parent), [])
            placed[name] = _place_nested_table(
                part, kept[name], parents, index.heading[name], reader
            )
    _prune(form, spec.optional_blocks)
    problems = tuple(_refusals(form))
    return FilledBlank(form_id, lang, form, reader.locations, tuple(reader.migrations), problems)


def _empty_form(spec: BlankSpec, form_id: str) -> dict[str, Any]:
    """The form with every block present, so that a missing field is named by itself."""
    form: dict[str, Any] = {"form": form_id}
    for leaf in spec.leaves():
        if len(leaf.path) > 1:
            _set(form, leaf.path[:-1], form_value(form, leaf.path[:-1]) or {})
    return form


def _body_tables(root: etree._Element) -> list[etree._Element]:
    """The body's top-level tables, refused beyond :data:`MAX_TABLES`."""
    body = root.find(f"{W}body")
    if body is None:
        raise InputError("the Word file has no body", code="docx_broken")
    tables = list(_tables(body))
    if len(tables) > MAX_TABLES:
        raise InputError(
            "the Word file has {count} tables; a blank has far fewer (at most {limit} are "
            "read): the file is refused",
            code="blank_too_many_tables",
            count=len(tables),
            limit=MAX_TABLES,
        )
    return tables


def _read_tables(
    tables: list[etree._Element], index: _Index, reader: _Reader, form: dict[str, Any]
) -> dict[str, Rows]:
    """The fields tables' values into ``form``; the rows of the other tables, by their name."""
    rows_of: dict[str, Rows] = {}
    for table in tables:
        in_time()  # a blank is read within its input's time (asendusdoc.read.budget)
        rows = table.findall(f"{W}tr")
        if not rows:
            continue
        first = _cells(rows[0])
        names = _bookmarks(first[0]) if first else []
        part_name = next((n for n in names if n in index.tables), None)
        if part_name is None:
            _read_field_rows(rows, index, reader, form)
            continue
        part = index.tables[part_name]
        if len(rows) - 1 > part.max_rows + MAX_EMPTY_ROWS:
            raise _too_many_rows(part.titles.get(reader.lang), len(rows) - 1, part.max_rows)
        rows_of[part_name] = [(i, _cells(row)) for i, row in enumerate(rows[1:], start=1)]
    return rows_of


def _read_field_rows(
    rows: list[etree._Element], index: _Index, reader: _Reader, form: dict[str, Any]
) -> None:
    """A fields table: each row's label cell names its field, the next cell holds the value."""
    if len(rows) > len(index.leaves) + MAX_EMPTY_ROWS:
        raise _too_many_rows("", len(rows), len(index.leaves))
    for row in rows:
        in_time()
        cells = _cells(row)
        if len(cells) < 2:
            continue
        name = next((n for n in _bookmarks(cells[0]) if n in index.leaves), None)
        if name is None:
            continue
        leaf = index.leaves[name]
        where = Location(
            index.heading[name],
            label=leaf.titles,
            group=leaf.group,
            blank_lang=reader.lang,
            kind=leaf.kind,
        )
        reader.locations[leaf.path] = where
        value = reader.value(leaf, cell_text(cells[1]), cells[1])
        if value is not None:
            _set(form, leaf.path, value)


def _table_items(part: TablePart, rows: Rows, reader: _Reader) -> Kept:
    """The items of a table's filled rows (an empty row is no item)."""
    items: Kept = []
    for number, cells in rows:
        in_time()
        first_text = cell_text(cells[0]) if cells else ""
        item: Any = {} if not part.scalar else None
        filled = False
        for column_number, column in enumerate(part.columns, start=1):
            leaf = column.leaf
            cell = cells[column_number] if column_number < len(cells) else None
            raw = cell_text(cell) if cell is not None else ""
            if not raw or cell is None:
                continue
            filled = True
            value = reader.value(leaf, raw, cell)
            if part.scalar:
                item = value
            elif value is not None:
                _set(item, leaf.path, value)
        if filled:
            items.append((number, (first_text, item)))
    return items


def _place_top_table(
    part: TablePart, kept: Kept, heading: dict[str, str], reader: _Reader, form: dict[str, Any]
) -> Placed:
    """A top table's items as the form's list at the table's path."""
    entries: Placed = []
    for position, (number, (_, item)) in enumerate(kept):
        path: JsonPath = (*part.path, position)
        entries.append((number, item, path))
        _locate_row(reader, heading, part, number, path, reader.lang)
    reader.locations[part.path] = Location(heading, part.titles, blank_lang=reader.lang)
    if entries or part.required:
        _set(form, part.path, [item for _, item, _ in entries])
    return entries


def _place_nested_table(
    part: TablePart, kept: Kept, parents: Placed, heading: dict[str, str], reader: _Reader
) -> Placed:
    """A nested table's items into the items of its parent table's rows they name."""
    lang = reader.lang
    by_number = {number: (item, path) for number, item, path in parents}
    for _, parent_item, _ in parents:
        if part.required and isinstance(parent_item, dict):
            parent_item.setdefault(part.path[-1], [])
    entries: Placed = []
    counters: dict[JsonPath, int] = {}
    for number, (first_text, item) in kept:
        parent_item, parent_path = _parent_row(first_text, by_number, parents, part, number, lang)
        if not isinstance(parent_item, dict):
            continue
        position = counters.get(parent_path, len(parent_item.get(part.path[-1], [])))
        counters[parent_path] = position + 1
        parent_item.setdefault(part.path[-1], []).append(item)
        path = (*parent_path, *part.path, position)
        entries.append((number, item, path))
        _locate_row(reader, heading, part, number, path, lang)
    for _, _, parent_path in parents:
        reader.locations[(*parent_path, *part.path)] = Location(
            heading, part.titles, blank_lang=lang
        )
    return entries


def form_value(data: dict[str, Any], path: Path) -> Any:
    current: Any = data
    for name in path:
        if not isinstance(current, dict):
            return None
        current = current.get(name)
    return current


def _locate_row(
    reader: _Reader,
    heading: dict[str, str],
    part: TablePart,
    number: int,
    path: JsonPath,
    lang: str,
) -> None:
    reader.locations[path] = Location(heading, part.titles, number, blank_lang=lang)
    for column in part.columns:
        leaf = column.leaf
        if leaf.path:
            reader.locations[(*path, *leaf.path)] = Location(
                heading, part.titles, number, leaf.titles, leaf.group, lang, leaf.kind
            )


def _parent_row(
    first_text: str,
    by_number: dict[int, tuple[Any, JsonPath]],
    parents: list[tuple[int, Any, JsonPath]],
    part: TablePart,
    number: int,
    lang: str,
) -> tuple[Any, JsonPath]:
    """The parent entry a nested row belongs to, by the row number in its first column."""
    assert part.parent is not None
    compact = first_text.strip().rstrip(".")
    if not compact and len(parents) == 1:
        return parents[0][1], parents[0][2]
    if compact.isdigit() and int(compact) in by_number:
        return by_number[int(compact)]
    raise InputError(
        "the table „{table}“, row {row}: the first column must give the number of a filled "
        "row of the table „{parent}“",
        code="blank_parent_row",
        table=part.titles.get(lang),
        row=number,
        parent=part.parent.titles.get(lang),
    )
