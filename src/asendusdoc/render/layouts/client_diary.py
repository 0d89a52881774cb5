"""The document of the form ``client-diary``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import ClientDiary
from asendusdoc.forms.client_diary import DiaryEntry
from asendusdoc.render.document import FieldRow, FieldsBlock, Party, Section
from asendusdoc.render.layouts._shared import Layout, prepared_by, service_end_rows

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["layout"]


def layout(form: ClientDiary, c: Context) -> Layout:
    f = form
    entries = sorted(f.entries, key=lambda e: e.date)
    minutes = sum(e.duration_minutes for e in entries)
    return Layout(
        author=f.municipality,
        subtitle=f.service.title(c.lang),
        prepared_by=prepared_by(c, f.worker, f),
        parties=[
            Party(
                c.title(f, "worker"),
                [*(p for p in (f.provider,) if p), *c.worker_lines(f.worker)],
                path="worker",
            ),
            Party(c.title(f, "client"), [f.client, f.municipality], path="client"),
        ],
        sections=[
            Section(
                c.title(f, "service"),
                [c.fields(f, ("service", "client", "period_start", "period_end"))],
                key="service",
            ),
            Section(
                c.title(f, "entries"),
                [
                    c.table(
                        entries,
                        DiaryEntry,
                        [
                            (
                                c.title(DiaryEntry, "date"),
                                lambda e: c.short_date(e.date),
                                "short_date",
                            ),
                            "kind",
                            (
                                c.labels["duration"],
                                lambda e: c.duration(e.duration_minutes),
                                "duration",
                            ),
                            "participants",
                            "description",
                            "next_steps",
                        ],
                        widths=(0.05, 0.13, 0.18, 0.1, 0.15, 0.21, 0.18),
                    ),
                    FieldsBlock(
                        [
                            FieldRow(
                                c.labels["total_contacts"], str(len(entries)), key="total_contacts"
                            ),
                            FieldRow(
                                c.labels["total_hours"], c.duration(minutes), key="total_hours"
                            ),
                        ]
                    ),
                    *(
                        block
                        for entry in entries
                        for block in service_end_rows(
                            c, entry.service_end, c.title(DiaryEntry, "service_end")
                        )
                    ),
                ],
                key="entries",
            ),
        ],
    )
