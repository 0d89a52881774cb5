"""The context of a form in a language: every word and formatted value its document shows.

A layout (:mod:`asendusdoc.render.layouts`) is given a :class:`Context` and asks it for
labels and values; :func:`asendusdoc.render.build.build_document` puts the two together. Both
back ends consume the result and format nothing themselves.

Labels come from the models' field titles (:func:`asendusdoc.titles.titles_of`), enum values
from their titles, dates from :func:`asendusdoc.i18n.format_date`, yes/no and the dash for a
missing optional value from :data:`asendusdoc.forms._words.LABELS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from asendusdoc.forms import FormModel
from asendusdoc.forms._blocks import Caregiver, Child, Family, MunicipalityParty, Worker
from asendusdoc.forms._words import labels, withheld_titles
from asendusdoc.i18n import DOCUMENT_LANGUAGES, format_number
from asendusdoc.i18n.formatting import format_document_date
from asendusdoc.render.document import (
    Block,
    FieldRow,
    FieldsBlock,
    ListBlock,
    Party,
    TableBlock,
    TextBlock,
)
from asendusdoc.titles import TitledEnum, titles_of

__all__ = ["Context", "DisplayList", "Missing", "form_values"]


class Context:
    """Formatting for one language: titles, values, and the blocks built from them."""

    def __init__(self, lang: str, form: BaseModel | None = None) -> None:
        if lang not in DOCUMENT_LANGUAGES:
            raise ValueError(f"documents are written in {DOCUMENT_LANGUAGES}, not {lang!r}")
        self.lang = lang
        self.labels = labels(lang)
        self._paths: dict[int, str] = {} if form is None else _paths_of(form)

    def path_of(self, obj: object) -> str | None:
        """Where ``obj`` (a block or a list of the form) is in the form: "" for the form itself,
        "family.children" for a list, None for what the form does not hold."""
        return self._paths.get(id(obj))

    def _field_path(self, obj: object, name: str) -> str:
        base = self.path_of(obj)
        if base is None:
            return ""
        return f"{base}.{name}" if base else name

    # --- words --------------------------------------------------------------------------
    def title(self, model: type[BaseModel] | BaseModel, name: str) -> str:
        """The title of a model's field in the document's language."""
        if isinstance(model, FormModel):
            titles = model.data_titles(name)
            if titles is not None:
                return titles.get(self.lang)
        cls = model if isinstance(model, type) else type(model)
        return titles_of(cls.model_fields[name], name).get(self.lang)

    def value(self, value: Any) -> str:
        """Any field value as the document shows it."""
        if value is None:
            return self.labels["missing"]
        if isinstance(value, bool):
            return self.labels["yes"] if value else self.labels["no"]
        if isinstance(value, TitledEnum):
            return value.title(self.lang)
        if isinstance(value, dt.date):
            return format_document_date(value, self.lang)
        if isinstance(value, float):
            return format_number(value, self.lang)
        if isinstance(value, list | tuple):
            return "\n".join(self.value(item) for item in value) or self.labels["missing"]
        withheld = withheld_titles(value) if isinstance(value, str) else None
        return str(value) if withheld is None else withheld.get(self.lang)

    def date(self, value: dt.date | None) -> str:
        """A date in the long form, or the missing mark."""
        return self.value(value)

    def short_date(self, value: dt.date | None) -> str:
        """A date in the numeric form (07.09.2026), for narrow table columns."""
        return self.labels["missing"] if value is None else f"{value:%d.%m.%Y}"

    def duration(self, minutes: float) -> str:
        """Minutes as a person writes them: "9 h 20 min" / "9 ч 20 мин" (no-break spaces)."""
        total = round(minutes)
        hours, rest = divmod(total, 60)
        h, m = self.labels["hours"], self.labels["minutes"]
        if hours and rest:
            return f"{hours}\u00a0{h} {rest}\u00a0{m}"
        if hours:
            return f"{hours}\u00a0{h}"
        return f"{rest}\u00a0{m}"

    # --- blocks -------------------------------------------------------------------------
    def fields(self, obj: BaseModel, names: Iterable[str], heading: str = "") -> FieldsBlock:
        """Label/value rows of the named fields of ``obj``.

        A field without a value (None or an empty list) does not apply to this case and is left
        out ("Keeldumise viis" when nobody refused); a block may end up with no rows, and
        :func:`build_document` drops it then.
        """
        return FieldsBlock(
            [
                FieldRow(self.title(obj, n), self.value(getattr(obj, n)), self._field_path(obj, n))
                for n in names
                if getattr(obj, n) not in (None, [])
            ],
            heading=heading,
        )

    def table(
        self,
        items: Sequence[BaseModel],
        model: type[BaseModel],
        columns: Sequence[str | tuple[str, Callable[[Any], str], str]],
        *,
        widths: Sequence[float] = (),
        heading: str = "",
        unless_empty: Collection[str] = (),
    ) -> Block:
        """A numbered table of ``items``; a column is a field name, or (header, function, key)
        for a value computed from several fields, named ``key`` in the template's values.

        A field named in ``unless_empty`` is a column only when some item has it: the provider's
        referral, which holds no personal codes, has no column of dashes; its width goes to the
        column after the number (the name)."""
        columns, widths = _without_empty(items, columns, widths, unless_empty)
        row_paths = [self.path_of(item) or "" for item in items]
        parents = {p.rpartition(".")[0] for p in row_paths}
        path = self.path_of(items) or (parents.pop() if len(parents) == 1 else "")
        if not items:
            return TextBlock(self.labels["none"], heading=heading, path=path)
        headers = [self.labels["number"]]
        getters: list[Callable[[Any], str]] = []
        fields: list[str] = []
        keys: list[str] = []
        for column in columns:
            if isinstance(column, str):
                headers.append(self.title(model, column))
                getters.append(self._getter(column))
                fields.append(column)
                keys.append(column)
            else:
                headers.append(column[0])
                getters.append(column[1])
                fields.append("")
                keys.append(column[2])
        rows = [
            [str(number), *(get(item) for get in getters)]
            for number, item in enumerate(items, start=1)
        ]
        return TableBlock(
            headers,
            rows,
            heading=heading,
            widths=list(widths),
            path=path,
            row_paths=row_paths,
            column_fields=fields,
            column_keys=keys,
        )

    def _getter(self, name: str) -> Callable[[Any], str]:
        """A column of a table: the formatted value of the field ``name``."""

        def get(item: Any) -> str:
            return self.value(getattr(item, name))

        return get

    def items(self, values: Sequence[Any], heading: str = "") -> Block:
        """A numbered list, or "none" when empty."""
        path = self.path_of(values) or ""
        if not values:
            return TextBlock(self.labels["none"], heading=heading, path=path)
        return ListBlock([self.value(v) for v in values], heading=heading, path=path)

    def text(self, value: str | None, heading: str = "") -> TextBlock:
        """A paragraph of free text (the missing mark when absent)."""
        return TextBlock(self.value(value), heading=heading)

    def text_of(self, obj: BaseModel, name: str, heading: str = "") -> TextBlock:
        """The free-text field ``name`` of ``obj`` as a paragraph, knowing where it is."""
        return TextBlock(
            self.value(getattr(obj, name)), heading=heading, path=self._field_path(obj, name)
        )

    # --- parties ------------------------------------------------------------------------
    def worker_lines(self, worker: Worker) -> list[str]:
        """Name (position), phone, e-mail: what identifies a worker."""
        name = worker.name if worker.position is None else f"{worker.name}, {worker.position}"
        return [name, *(v for v in (worker.phone, worker.email) if v)]

    def municipality_party(self, municipality: MunicipalityParty, role: str = "") -> Party:
        """The KOV and its child-protection worker."""
        worker_title = self.title(MunicipalityParty, "worker")
        return Party(
            role or self.title(MunicipalityParty, "name"),
            [
                municipality.name,
                f"{worker_title}: " + self.worker_lines(municipality.worker)[0],
                *self.worker_lines(municipality.worker)[1:],
            ],
            path=self.path_of(municipality) or "",
        )

    def family_party(self, family: Family, role: str) -> Party:
        """The adults of the family, each with their role."""
        lines = [f"{c.full_name} ({c.role.title(self.lang)})" for c in family.caregivers]
        lines.append(family.municipality if family.address is None else family.address)
        return Party(role, lines, path=self.path_of(family) or "")

    def family_blocks(self, family: Family) -> list[Block]:
        """The family's adults and children as tables, and where they live."""
        return [
            self.fields(family, ("municipality", "address")),
            self.table(
                family.caregivers,
                Caregiver,
                [
                    (self.labels["name"], lambda c: c.full_name, "full_name"),
                    "role",
                    "personal_code",
                    (
                        self.labels["contact"],
                        lambda c: self.contact(c.phone, c.email),
                        "contact",
                    ),
                ],
                widths=(0.06, 0.24, 0.17, 0.17, 0.36),
                heading=self.title(Family, "caregivers"),
                unless_empty=("personal_code",),
            ),
            self.children_table(family.children),
        ]

    def contact(self, phone: str | None, email: str | None) -> str:
        """Phone and e-mail on two lines; the missing mark when neither is known."""
        return "\n".join(v for v in (phone, email) if v) or self.labels["missing"]

    def children_table(self, children: Sequence[Child], heading: str | None = None) -> Block:
        """The children: name, personal code (when the form has any), birth date."""
        return self.table(
            children,
            Child,
            [
                (self.labels["name"], lambda c: c.full_name, "full_name"),
                "personal_code",
                (self.title(Child, "birth_date"), lambda c: self.date(c.born), "born"),
            ],
            widths=(0.07, 0.43, 0.25, 0.25),
            heading=self.title(Family, "children") if heading is None else heading,
            unless_empty=("personal_code",),
        )


def _without_empty(
    items: Sequence[BaseModel],
    columns: Sequence[str | tuple[str, Callable[[Any], str], str]],
    widths: Sequence[float],
    unless_empty: Collection[str],
) -> tuple[list[str | tuple[str, Callable[[Any], str], str]], list[float]]:
    """``columns`` and ``widths`` without the columns of ``unless_empty`` that no item has."""
    kept_columns = list(columns)
    kept_widths = list(widths)
    for name in unless_empty:
        if name not in kept_columns or any(getattr(item, name) is not None for item in items):
            continue
        index = kept_columns.index(name)
        kept_columns.pop(index)
        if kept_widths:
            kept_widths[1] += kept_widths.pop(index + 1)
    return kept_columns, kept_widths


def _paths_of(form: BaseModel) -> dict[int, str]:
    """Where each block and list of ``form`` is: ``id`` → "family.children.0" (form itself "")."""
    paths: dict[int, str] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, BaseModel):
            paths[id(value)] = path
            for name in type(value).model_fields:
                walk(getattr(value, name), f"{path}.{name}" if path else name)
        elif isinstance(value, list):
            paths[id(value)] = path
            for index, item in enumerate(value):
                walk(item, f"{path}.{index}")

    walk(form, "")
    return paths


class Missing(str):
    """A value the form does not give: shows as the dash word, and is false in a template's
    ``{% if %}`` (a row the document leaves out)."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False


class DisplayList(list[Any]):
    """A list of display values that shows as the document shows it: one item a line, or the
    dash word when empty (``{{ form.participants }}``); a template may also loop it."""

    def __init__(self, items: Iterable[Any] = (), missing: str = "—") -> None:
        super().__init__(items)
        self.missing = missing

    def __str__(self) -> str:
        return "\n".join(str(item) for item in self) or self.missing


def form_values(model: BaseModel, context: Context) -> dict[str, Any]:
    """Every field of ``model`` by name, in display form: nested blocks as dicts, lists as lists.

    What a per-form template names: ``{{ form.service_type }}`` is "vajaduspõhine teenus",
    ``{% for goal in form.goals %}{{ goal.description }}``.
    """
    values: dict[str, Any] = {}
    for name in type(model).model_fields:
        values[name] = _display(getattr(model, name), context)
    return values


def _display(value: Any, context: Context) -> Any:
    if isinstance(value, BaseModel):
        return form_values(value, context)
    if isinstance(value, list | tuple):
        return DisplayList((_display(item, context) for item in value), context.labels["missing"])
    if value is None:
        return Missing(context.labels["missing"])
    return context.value(value)
