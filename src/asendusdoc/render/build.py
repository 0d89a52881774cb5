"""One form and a language become the one :class:`~asendusdoc.render.document.Document` that the
PDF, the DOCX and the blank are all made from: the form's layout, filled by its context.

Here, above both, so that the context (every word and formatted value) and the layouts (what
each form shows) need not know each other: a layout is given a context, and this module
gives it one.
"""

from __future__ import annotations

from typing import Any

from asendusdoc.forms import FormModel
from asendusdoc.forms._words import INTROS
from asendusdoc.render import layouts
from asendusdoc.render.context import Context, form_values
from asendusdoc.render.document import Block, Document, FieldsBlock, Section, TableBlock, value_at
from asendusdoc.render.restriction import AccessRestriction, marking_lines

__all__ = ["build_document"]


def build_document(
    form: FormModel, lang: str, restriction: AccessRestriction | None = None
) -> Document:
    """What the documents of ``form`` show, in ``lang`` ("et" or "ru").

    ``restriction`` sets the holder, term and basis of the access-restriction marking (default:
    the issuer, 75 years, AvTS § 35 lg 1 p 12).
    """
    context = Context(lang, form)
    layout = layouts.layout_for(form, context)
    sections = numbered_sections(layout.sections)
    values = form_values(form, context)
    _add_computed_values(values, sections)
    labels = dict(context.labels)
    if not layout.agreement:
        labels["parties"] = labels["participants"]
    return Document(
        form_id=form.form_id,
        lang=lang,
        title=layout.title or type(form).titles.get(lang),
        subtitle=layout.subtitle,
        case_reference=form.case_reference or context.labels["missing"],
        document_date=context.date(form.document_date),
        document_date_iso=form.document_date.isoformat(),
        author=layout.author,
        parties=layout.parties,
        sections=sections,
        signatures=layout.signatures,
        labels=labels,
        intro=(INTROS[form.form_id].get(lang) if form.form_id in INTROS else "")
        if layout.intro is None
        else layout.intro,
        prepared_by=layout.prepared_by,
        restriction=marking_lines(
            restriction or AccessRestriction(), layout.author, form.document_date, lang
        ),
        form=values,
    )


def numbered_sections(sections: list[Section]) -> list[Section]:
    """The sections a document shows, each numbered by its place in the layout.

    A layout lists every section its form can have, in order, one that does not apply with no
    blocks (or only empty ones): such a section is left out, but keeps its number, so a section
    has one number in every document and blank of its form (the blank holds every section). A
    section of one item of a list ("goals.0" after "goals") is numbered within the list's section
    ("3.1"); the list's section, which has no blocks of its own, heads its items.
    """
    numbers: dict[int, str] = {}
    parents: dict[str, str] = {}
    counts: dict[str, int] = {}
    top = 0
    for index, section in enumerate(sections):
        parent, _, item = section.key.rpartition(".")
        if item.isdigit() and parent in parents:
            counts[parent] += 1
            numbers[index] = f"{parents[parent]}.{counts[parent]}"
            continue
        top += 1
        numbers[index] = parents[section.key] = str(top)
        counts[section.key] = 0
    shown = [(index, s, _shown(s.blocks)) for index, s in enumerate(sections)]
    with_items = {numbers[i].partition(".")[0] for i, _, blocks in shown if blocks}
    return [
        Section(f"{numbers[i]}. {s.heading}", blocks, s.key, numbers[i], s.heading)
        for i, s, blocks in shown
        if blocks or (s.key in parents and numbers[i] in with_items and counts[s.key])
    ]


def _shown(blocks: list[Block]) -> list[Block]:
    """The blocks that show something: a fields block whose every row was left out goes."""
    return [b for b in blocks if not (isinstance(b, FieldsBlock) and not b.rows)]


def _add_computed_values(values: dict[str, Any], sections: list[Section]) -> None:
    """The values the document computes from several fields, by name beside the form's own:
    a table's computed columns in each item ("full_name", "contact", "duration"), a computed
    row at the top ("total_hours", "county")."""
    for section in sections:
        for block in section.blocks:
            if isinstance(block, FieldsBlock):
                values.update((row.key, row.value) for row in block.rows if row.key)
            elif isinstance(block, TableBlock):
                for row, path in zip(block.rows, block.row_paths, strict=False):
                    if not path:
                        continue
                    item = value_at(values, path)
                    for cell, field_name, key in zip(
                        row[1:], block.column_fields, block.column_keys, strict=False
                    ):
                        if key and not field_name:
                            item[key] = cell
