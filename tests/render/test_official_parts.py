"""The parts an official document has: who wrote it, who takes part, its marking, its words."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from asendusdoc import AccessRestriction, produce
from asendusdoc.examples import example_data
from asendusdoc.render import build_document, render_pdf
from asendusdoc.render.document import FieldsBlock
from tests.render.test_forms_docx import LANGS, docx_text, squeezed

PREPARED_BY = (
    "family-support-referral",
    "support-person-referral",
    "family-conference-referral",
    "support-plan",
    "progress-report",
    "client-diary",
)


def viimsi_closure() -> dict[str, Any]:
    data = example_data("closure")
    data["service"] = "family-support-person"
    data["provider"] = None
    return data


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", PREPARED_BY)
def test_forms_without_signatures_say_who_prepared_them(form_id: str, lang: str) -> None:
    document = build_document(example_data(form_id), lang)
    assert document.prepared_by is not None and document.prepared_by.name
    assert document.prepared_by.date == document.document_date
    word = {"et": "Koostas", "ru": "Составитель"}[lang]
    pdf = squeezed(
        "".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(render_pdf(example_data(form_id), lang))).pages
        )
    )
    assert squeezed(f"{word}{document.prepared_by.name}") in pdf
    docx = docx_text(produce(example_data(form_id), lang, "docx").data)
    assert f"{word}\n{document.prepared_by.name}" in docx
    assert document.labels["signed_digitally"] in docx


@pytest.mark.parametrize(
    ("form_id", "et", "ru"),
    [
        ("cooperation-agreement", "Pooled", "Стороны"),
        ("closure", "Pooled", "Стороны"),
        ("family-support-referral", "Osalised", "Участники"),
        ("client-diary", "Osalised", "Участники"),
        ("progress-report", "Osalised", "Участники"),
    ],
)
def test_only_agreements_have_parties(form_id: str, et: str, ru: str) -> None:
    assert build_document(example_data(form_id), "et").labels["parties"] == et
    assert build_document(example_data(form_id), "ru").labels["parties"] == ru


def test_the_viimsi_closure_is_the_support_persons_client_work_summary() -> None:
    et = build_document(viimsi_closure(), "et")
    ru = build_document(viimsi_closure(), "ru")
    assert et.title == "Klienditöö kokkuvõte"
    assert ru.title == "Итоговый отчёт о работе с семьёй"
    assert et.labels["parties"] == "Osalised"
    assert et.signatures == [] and et.prepared_by is not None
    assert "sotsiaal- ja tervishoiuosakonnale" in et.intro


def _rows(document: Any) -> dict[str, str]:
    return {
        row.label: row.value
        for section in document.sections
        for block in section.blocks
        if isinstance(block, FieldsBlock)
        for row in block.rows
    }


def test_a_row_that_does_not_apply_is_left_out() -> None:
    data = example_data("closure")
    assert "Keeldumise viis" in _rows(build_document(data, "et"))
    data["reason"] = "tasks-done"
    data["refusal_form"] = None
    rows = _rows(build_document(data, "et"))
    assert "Keeldumise viis" not in rows
    assert "—" not in rows.values()


def test_the_marking_takes_the_configured_holder_and_term() -> None:
    restriction = AccessRestriction(holder="Narva Linnavalitsus", years=30)
    document = build_document(example_data("closure"), "ru", restriction)
    assert (
        "Teabevaldaja: Narva Linnavalitsus. Märge tehtud: 18.11.2026. Kehtib kuni: 18.11.2056"
        in document.restriction[0]
    )
    assert "Владелец информации: Narva Linnavalitsus" in document.restriction[1]
    default = build_document(example_data("closure"), "et")
    assert default.restriction == [
        "ASUTUSESISESEKS KASUTAMISEKS. Teabevaldaja: MTÜ Igale Lapsele Pere. "
        "Märge tehtud: 18.11.2026. Kehtib kuni: 18.11.2101. "
        "Alus: AvTS\u00a0§\u00a035\u00a0lg\u00a01\u00a0p\u00a012"  # the citation on one line
    ]


def test_durations_read_as_hours_and_minutes_and_dates_keep_their_year_mark() -> None:
    et = build_document(example_data("client-diary"), "et")
    ru = build_document(example_data("client-diary"), "ru")
    assert _rows(et)["Aega kokku"] == "9\u00a0h 20\u00a0min"
    assert _rows(ru)["Всего времени"] == "9\u00a0ч 20\u00a0мин"
    assert ru.document_date.endswith("2026\u00a0г.")
    table = next(b for s in ru.sections for b in s.blocks if getattr(b, "columns", None))
    assert table.rows[0][1] == "07.09.2026"
