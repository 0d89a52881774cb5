"""The document of the form ``progress-report``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import ProgressReport
from asendusdoc.forms.progress_report import ContactSummary, GoalProgress
from asendusdoc.render.document import Party, Section
from asendusdoc.render.layouts._shared import Layout, prepared_by, service_end_rows

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["layout"]


def layout(form: ProgressReport, c: Context) -> Layout:
    f = form
    return Layout(
        author=f.provider or f.municipality.name,
        subtitle=f.service.title(c.lang),
        prepared_by=prepared_by(c, f.worker, f),
        parties=[
            Party(
                c.title(f, "worker"),
                [*(p for p in (f.provider,) if p), *c.worker_lines(f.worker)],
                path="worker",
            ),
            c.municipality_party(f.municipality),
        ],
        sections=[
            Section(
                c.title(f, "service"),
                [
                    c.fields(
                        f, ("service", "client", "service_start", "period_start", "period_end")
                    ),
                    *service_end_rows(c, f.service_end, c.title(f, "service_end")),
                ],
                key="service",
            ),
            Section(c.title(f, "situation"), [c.text_of(f, "situation")], key="situation"),
            Section(c.title(f, "progress"), [c.text_of(f, "progress")], key="progress"),
            Section(c.title(f, "difficulties"), [c.text_of(f, "difficulties")], key="difficulties"),
            Section(
                c.title(f, "goal_progress"),
                [
                    c.table(
                        f.goal_progress,
                        GoalProgress,
                        ["goal", "status", "comment"],
                        widths=(0.07, 0.43, 0.17, 0.33),
                    )
                ],
                key="goal_progress",
            ),
            Section(
                c.title(f, "contacts"),
                [
                    c.table(
                        f.contacts,
                        ContactSummary,
                        [
                            "kind",
                            "count",
                            (
                                c.title(ContactSummary, "hours"),
                                lambda s: c.duration(s.hours * 60),
                                "duration",
                            ),
                        ],
                        widths=(0.07, 0.53, 0.2, 0.2),
                    )
                ],
                key="contacts",
            ),
            Section(c.title(f, "next_steps"), [c.text_of(f, "next_steps")], key="next_steps"),
        ],
    )
