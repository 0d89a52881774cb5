"""What the DOCX template of one form lays out: its sections, blocks, rows and tables, by name.

The plan is read off the documents the form's own layout (``render/layouts/<form>.py``) makes
of a few complete variants of the form's example (:data:`VARIANTS`): every optional part
present, and the alternatives a layout chooses between (goals with and without keys, the older
"agreed" of a conference referral, ...). The parts of all variants are merged in order, so the
template holds every part any form of that kind can show; which of them a given form shows is
the document's to say (``section``, ``shown``, ``columns`` in the template context).

Paths inside a list's items are written with ``*`` ("goals.*.activities"): the template loops
the list there.
"""

from __future__ import annotations

import copy
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import annotated_types
from pydantic import BaseModel

from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS, FormModel
from asendusdoc.forms._blocks import Service
from asendusdoc.forms._types import birth_date_of
from asendusdoc.render.build import build_document
from asendusdoc.render.document import (
    Document,
    FieldsBlock,
    ListBlock,
    TableBlock,
    TextBlock,
)

__all__ = ["BlockPlan", "FormPlan", "RowPlan", "SectionPlan", "TableShape", "item_name", "plan"]

_INDEX = re.compile(r"\.\d+(?=\.|$)")


# ---------------------------------------------------------------- the variants of each form


def _without_goal_keys(data: dict[str, Any]) -> None:
    for name in ("goals", "family_activities", "worker_activities", "tasks"):
        for item in data.get(name) or []:
            item.pop("key", None)
            item.pop("goal_key", None)


def _older_conference_agreement(data: dict[str, Any]) -> None:
    data["guardianship_authority_agreement"] = True  # an older form's bare "agreed"


def _diary_with_an_end(data: dict[str, Any]) -> None:
    entries = data["entries"]
    last = entries[-1]
    last["service_end"] = {"date": last["date"], "reason": "tasks-done"}
    entries.reverse()  # the layout sorts the entries by date: the template must follow it


def _report_with_an_end(data: dict[str, Any]) -> None:
    data["service_end"] = {"date": data["period_end"], "reason": "tasks-done"}


def _viimsi_summary(data: dict[str, Any]) -> None:
    data["service"] = "family-support-person"
    data["provider"] = None


def _without_personal_codes(data: dict[str, Any]) -> None:
    """Nobody's personal code (the provider's referral; children known by birth date): the
    family's tables have no personal-code column then."""
    family = data.get("family") or {}
    for person in family.get("caregivers") or []:
        person.pop("personal_code", None)
    for child in [*(family.get("children") or []), *(data.get("children") or [])]:
        code = child.pop("personal_code", None)
        if code is not None and "birth_date" not in child:
            child["birth_date"] = birth_date_of(code).isoformat()


Patch = Callable[[dict[str, Any]], None]

VARIANTS: dict[str, tuple[tuple[Patch, ...], ...]] = {
    "family-support-referral": ((), (_without_goal_keys,), (_without_personal_codes,)),
    "support-person-referral": ((), (_without_goal_keys,), (_without_personal_codes,)),
    "family-conference-referral": (
        (),
        (_older_conference_agreement,),
        (_without_personal_codes,),
    ),
    "cooperation-agreement": ((), (_without_goal_keys,), (_without_personal_codes,)),
    "support-plan": ((), (_without_goal_keys,), (_without_personal_codes,)),
    "action-plan": ((), (_without_goal_keys,), (_without_personal_codes,)),
    "client-diary": ((_diary_with_an_end,),),
    "progress-report": ((_report_with_an_end,),),
    "closure": ((), (_viimsi_summary,), (_without_personal_codes,)),
    "family-needs-feedback": ((),),
}
"""Per form, the variants its plan is read from: each a list of changes to the example."""


def variant_forms(form_id: str) -> list[FormModel]:
    """The forms the plan of ``form_id`` is read from (pydantic-valid; rules are not asked)."""
    forms = []
    for patches in VARIANTS[form_id]:
        data = copy.deepcopy(example_data(form_id))
        for patch in patches:
            patch(data)
        forms.append(FORM_MODELS[form_id].model_validate(data))
    return forms


# ---------------------------------------------------------------- the plan


@dataclass
class RowPlan:
    """A labelled value: the label as the document shows it, where the value is."""

    label: str
    ref: str
    """The value's path ("family.address", "entries.*.service_end.date") or computed key."""
    computed: bool = False


@dataclass
class TableShape:
    """One set of columns a table can have: header texts and the item value of each column."""

    headers: list[str]
    keys: list[str]


@dataclass
class BlockPlan:
    kind: str
    """"fields", "table", "list" or "text"."""
    ident: str
    heading: str = ""
    path: str = ""
    """Tables, lists and texts: where they are in the form (with ``*`` for list items)."""
    rows: list[RowPlan] = field(default_factory=list)
    shapes: list[TableShape] = field(default_factory=list)
    reordered: bool = False
    """A table whose rows the document sorts (the diary by date)."""

    @property
    def parent(self) -> str:
        """The fields block's object: the common parent of its rows' paths."""
        parents = {row.ref.rpartition(".")[0] for row in self.rows if not row.computed}
        return parents.pop() if len(parents) == 1 else ""


@dataclass
class SectionPlan:
    key: str
    """"goals", or "goals.*" for a section per item of a list."""
    titles: list[str]
    blocks: list[BlockPlan] = field(default_factory=list)


@dataclass
class PartyPlan:
    key: str
    roles: list[str]
    variants: int = 1


@dataclass
class FormPlan:
    form_id: str
    model: type[FormModel]
    parties: list[PartyPlan]
    sections: list[SectionPlan]
    data_titled: set[str]
    """Fields whose title depends on the form's data (``FormModel.data_titles``)."""
    variants: int
    reordered: set[str] = field(default_factory=set)
    """Lists the document shows in its own order (``rows[...]`` in templates)."""
    parties_labels: list[str] = field(default_factory=list)
    """The heading of the parties ("Pooled" or "Osalised"): two where the form can be either."""


def _starred(path: str) -> str:
    return _INDEX.sub(".*", path)


def _block_plans(document: Document, form: FormModel, blocks: Iterable[Any]) -> list[BlockPlan]:
    plans = []
    none = document.labels["none"]
    for block in blocks:
        if isinstance(block, FieldsBlock):
            rows = [
                RowPlan(row.label, _starred(row.path) if row.path else row.key, not row.path)
                for row in block.rows
            ]
            plan_ = BlockPlan("fields", "", block.heading, rows=rows)
            plan_.ident = f"fields:{block.heading}:{plan_.parent}"
            plans.append(plan_)
        elif isinstance(block, TableBlock):
            path = _starred(block.path)
            natural = [f"{block.path}.{i}" for i in range(len(block.row_paths))]
            shape = TableShape(list(block.columns), list(block.column_keys))
            plans.append(
                BlockPlan(
                    "table",
                    f"seq:{path}",
                    block.heading,
                    path,
                    shapes=[shape],
                    reordered=block.row_paths != natural,
                )
            )
        elif isinstance(block, ListBlock):
            path = _starred(block.path)
            plans.append(BlockPlan("list", f"seq:{path}", block.heading, path))
        elif isinstance(block, TextBlock):
            path = _starred(block.path)
            if block.text == none and _is_list(form, block.path):
                plans.append(BlockPlan("none", f"seq:{path}", block.heading, path))
            else:
                plans.append(BlockPlan("text", f"text:{path}", block.heading, path))
    return plans


def _is_list(form: BaseModel, path: str) -> bool:
    value: Any = form
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    return isinstance(value, list)


_T = TypeVar("_T")


def _merge(
    into: list[_T], items: list[_T], key: Callable[[_T], str], join: Callable[[_T, _T], None]
) -> None:
    """Merge ``items`` into ``into`` in order: a known item is joined, a new one goes after the
    item that came before it."""
    position = -1
    for item in items:
        known = [index for index, old in enumerate(into) if key(old) == key(item)]
        if known:
            join(into[known[0]], item)
            position = known[0]
        else:
            position += 1
            into.insert(position, item)


def _join_blocks(old: BlockPlan, new: BlockPlan) -> None:
    if old.kind == "none":
        old.kind = new.kind
        old.shapes = new.shapes
    _merge(old.rows, new.rows, lambda r: r.ref, _same_label)
    for shape in new.shapes:
        if all(shape.keys != known.keys for known in old.shapes):
            old.shapes.append(shape)
    old.reordered = old.reordered or new.reordered


def _same_label(old: RowPlan, new: RowPlan) -> None:
    if old.label != new.label:
        raise ValueError(f"the row {old.ref} has two labels: {old.label!r}, {new.label!r}")


def _join_sections(old: SectionPlan, new: SectionPlan) -> None:
    old.titles += [title for title in new.titles if title not in old.titles]
    _merge(old.blocks, new.blocks, lambda b: b.ident, _join_blocks)


def _join_parties(old: PartyPlan, new: PartyPlan) -> None:
    old.roles += [role for role in new.roles if role not in old.roles]
    old.variants += 1


def _data_titled(forms: list[FormModel]) -> set[str]:
    probes = list(forms)
    for form in forms:
        if "service" in type(form).model_fields:
            probes += [form.model_copy(update={"service": service}) for service in Service]
    return {
        name
        for name in type(forms[0]).model_fields
        if any(probe.data_titles(name) is not None for probe in probes)
    }


def plan(form_id: str, lang: str) -> FormPlan:
    """The plan of the template of ``form_id`` in ``lang``."""
    forms = variant_forms(form_id)
    parties: list[PartyPlan] = []
    sections: list[SectionPlan] = []
    headings: list[str] = []
    for form in forms:
        document = build_document(form, lang)
        if document.labels["parties"] not in headings:
            headings.append(document.labels["parties"])
        _merge(
            parties,
            [PartyPlan(p.path, [p.role]) for p in document.parties],
            lambda p: p.key,
            _join_parties,
        )
        found: list[SectionPlan] = []
        for section in document.sections:
            key = _starred(section.key)
            plans = _block_plans(document, form, section.blocks)
            if found and found[-1].key == key:  # a section per item: one plan for all
                _join_sections(found[-1], SectionPlan(key, [], plans))
            else:
                found.append(SectionPlan(key, [section.title], plans))
        _merge(sections, found, lambda s: s.key, _join_sections)
    result = FormPlan(form_id, type(forms[0]), parties, sections, _data_titled(forms), len(forms))
    result.parties_labels = headings
    result.reordered = {
        block.path
        for s in sections
        for block in s.blocks
        if block.kind == "table" and block.reordered
    }
    return result


_ITEM_NAMES = {
    "children": "child",
    "entries": "entry",
    "activities": "activity",
    "needs": "need",
    "services_used": "service_use",
    "goal_progress": "goal",
    "goal_outcomes": "outcome",
    "network": "member",
}


def item_name(path: str) -> str:
    """The name of a list's item in templates and their reference: "goals" → "goal"."""
    last = [part for part in path.split(".") if part != "*" and not part.isdigit()][-1]
    return _ITEM_NAMES.get(last, last.removesuffix("s"))


# ---------------------------------------------------------------- what may be absent


def may_be_absent(model: type[BaseModel], path: str) -> bool:
    """Whether a form of ``model`` may lack the value at ``path`` (None or an empty list)."""
    current: type[BaseModel] | None = model
    parts = path.split(".")
    for index, part in enumerate(parts):
        if part == "*" or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return True
        annotation = info.annotation
        is_list = typing.get_origin(annotation) is list
        allows_none = type(None) in typing.get_args(annotation)
        least = max(
            (m.min_length for m in info.metadata if isinstance(m, annotated_types.MinLen)),
            default=0,
        )
        optional = not info.is_required() or allows_none or (is_list and least == 0)
        last = index == len(parts) - 1
        if optional and (last or not is_list or parts[index + 1] != "*"):
            return True
        current = _inner_model(annotation)
    return False


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        for inner in (candidate, *typing.get_args(candidate)):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None
