"""The month's report drafted from the diary: counts, placeholders, valid once filled."""

from __future__ import annotations

import pytest

from asendusdoc.case.draft_report import draft_progress_report, missing_parts
from asendusdoc.errors import InputError
from asendusdoc.forms import ClientDiary
from asendusdoc.forms._blocks import Worker
from asendusdoc.read.loading import load_form, validate_form
from tests.case.helpers import case_data


@pytest.fixture
def diary() -> ClientDiary:
    form = load_form(case_data("viimsi-ok")["02-kliendipaevik.json"])
    assert isinstance(form, ClientDiary)
    return form


def test_contacts_counted_by_kind_with_hours(diary: ClientDiary) -> None:
    draft = draft_progress_report(diary, 2026, 9)
    assert draft["period_start"] == "2026-09-07" and draft["period_end"] == "2026-09-30"
    assert draft["document_date"] == "2026-10-01"
    assert draft["contacts"] == [
        {"kind": "home-visit", "count": 1, "hours": 2.0},
        {"kind": "round-table", "count": 1, "hours": 1.5},
        {"kind": "accompanying", "count": 1, "hours": 1.0},
        {"kind": "phone-or-online", "count": 1, "hours": 0.33},
    ]
    assert "4 kontakti" in draft["situation"]
    assert "14.09.2026, koduvisiit: Koostasime nädala päevakava" in draft["progress"]


def test_russian_texts(diary: ClientDiary) -> None:
    draft = draft_progress_report(diary, 2026, 10, lang="ru")
    assert "контактов — 4" in draft["situation"] and "визит на дом" in draft["progress"]


def test_draft_does_not_validate_until_the_worker_fills_it(diary: ClientDiary) -> None:
    draft = draft_progress_report(diary, 2026, 10)
    assert missing_parts(draft) == ["next_steps", "municipality.worker"]
    assert {p.path for p in validate_form(draft)} == {("next_steps",), ("municipality", "worker")}
    draft["next_steps"] = "Novembris registreerime Mia tantsutrenni."
    draft["municipality"]["worker"] = {"name": "Piret Kivi"}
    assert missing_parts(draft) == []
    assert validate_form(draft) == []


def test_municipality_worker_can_be_given(diary: ClientDiary) -> None:
    draft = draft_progress_report(diary, 2026, 10, municipality_worker=Worker(name="Piret Kivi"))
    assert missing_parts(draft) == ["next_steps"]


def test_month_without_entries_is_an_input_error(diary: ClientDiary) -> None:
    with pytest.raises(InputError) as caught:
        draft_progress_report(diary, 2026, 11)
    assert caught.value.code == "diary_month_empty"
