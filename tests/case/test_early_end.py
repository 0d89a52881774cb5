"""An early end recorded before the closure exists (seed 003), and the closure it makes due.

Seed 003: "Teenuse osutamine lõpetatakse määratud tähtaja saabumisel ... või kui pere on Viimsi
vallast lahkunud", the support person proposes to end it when "klienditöö ülesanded on
täidetud", and "Pere tugiisik esitab kirjaliku klienditöö kokkuvõtte ... ühe nädala jooksul
teenuse osutamise lõpetamisest." A progress report or a diary entry records the end and its
reason (the closure's reasons); ``check`` then counts the week from that end.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from asendusdoc.read.loading import validate_form
from tests.case.helpers import case_data, check, codes

CLOSURE_CODES = {"closure_due", "closure_overdue"}
REPORT_CODES = {"report_due_soon", "report_overdue"}


def _viimsi_moved_away(end: str = "2026-10-28") -> dict[str, Any]:
    """viimsi-ok, the October report saying the family left Viimsi on ``end``."""
    files = case_data("viimsi-ok")
    files["04-aruanne-2026-10.json"]["service_end"] = {"date": end, "reason": "left-municipality"}
    return files


def _viimsi_tasks_done_in_the_diary(end: str = "2026-10-28") -> dict[str, Any]:
    """viimsi-ok, a diary entry of ``end`` recording that the tasks are done."""
    files = case_data("viimsi-ok")
    entry = files["02-kliendipaevik.json"]["entries"][-1]
    entry["date"] = end
    entry["service_end"] = {"date": end, "reason": "tasks-done"}
    return files


@pytest.mark.parametrize("make", [_viimsi_moved_away, _viimsi_tasks_done_in_the_diary])
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-10-28", set()),  # the day of the end: the service is still on
        ("2026-10-29", {"closure_due"}),
        ("2026-11-04", {"closure_due"}),  # one week after the end: the last day
        ("2026-11-05", {"closure_overdue"}),
    ],
)
def test_the_summary_is_due_within_one_week_of_the_recorded_end(
    make: Any, today: str, expected: set[str]
) -> None:
    files = make()
    assert all(validate_form(form) == [] for form in files.values())
    assert codes(files, today) & CLOSURE_CODES == expected


def test_without_the_recorded_end_only_the_next_monthly_report_shows() -> None:
    files = case_data("viimsi-ok")
    assert codes(files, "2026-11-22") & (CLOSURE_CODES | REPORT_CODES) == {"report_due_soon"}
    found = codes(_viimsi_moved_away(), "2026-11-22")
    assert found & (CLOSURE_CODES | REPORT_CODES) == {"closure_overdue"}  # no report after the end


def test_the_finding_names_the_form_that_recorded_the_end_and_the_dates() -> None:
    report = check(_viimsi_moved_away(), "2026-11-02")
    finding = next(f for f in report.findings if f.code == "closure_due")
    assert finding.forms == ("04-aruanne-2026-10.json",)
    assert finding.severity.value == "warning"
    assert finding.due is not None and finding.due.isoformat() == "2026-11-04"
    assert finding.message("et") == (
        "Teenus lõppes 28.10.2026; esitage klienditöö kokkuvõte hiljemalt 04.11.2026."
    )
    assert "итоговый отчёт о работе с семьёй" in finding.message("ru")
    overdue = next(f for f in check(_viimsi_moved_away(), "2026-11-05").findings
                   if f.code == "closure_overdue")  # fmt: skip
    assert overdue.severity.value == "error"


def test_the_earliest_recorded_end_counts() -> None:
    files = _viimsi_moved_away("2026-10-30")
    diary = files["02-kliendipaevik.json"]
    diary["entries"][-1].update(date="2026-10-25")
    diary["entries"][-1]["service_end"] = {"date": "2026-10-25", "reason": "avoids-contact"}
    assert codes(files, "2026-11-01") & CLOSURE_CODES == {"closure_due"}
    assert codes(files, "2026-11-02") & CLOSURE_CODES == {"closure_overdue"}  # 25.10 + 8


def _viimsi_closure(files: dict[str, Any], document_date: str) -> dict[str, Any]:
    plan = files["01-tegevuskava.json"]
    closure = copy.deepcopy(case_data("narva-ok")["06-lopetamine.json"])
    closure.update(
        case_reference=plan["case_reference"], document_date=document_date,
        service="family-support-person", municipality=plan["municipality"],
        worker=plan["support_person"], family=plan["family"], service_start="2026-09-07",
        service_end="2026-10-28", reason="left-municipality",
    )  # fmt: skip
    closure.pop("provider"), closure.pop("refusal_form")
    closure["goal_outcomes"] = [
        {"goal_key": g["key"], "goal": g["description"], "outcome": "partly-achieved"}
        for g in plan["goals"]
    ]
    return closure


@pytest.mark.parametrize(("document_date", "late"), [("2026-11-04", False), ("2026-11-05", True)])
def test_the_closure_ends_the_deadline_and_is_late_after_the_week(
    document_date: str, late: bool
) -> None:
    files = _viimsi_moved_away()
    files["05-kokkuvote.json"] = _viimsi_closure(files, document_date)
    found = codes(files, "2026-11-22")
    assert not found & CLOSURE_CODES
    assert ("closure_late" in found) is late


def test_the_planned_end_without_a_closure_warns_too() -> None:
    # the action plan's term (seed 003: "määratud tähtaja saabumisel") ends 06.03.2027
    files = case_data("viimsi-ok")
    files["05-aruanne-2026-11.json"] = copy.deepcopy(files["04-aruanne-2026-10.json"])
    for month, (start, end, written) in enumerate(
        [("2026-11-01", "2026-11-30", "2026-12-01"), ("2026-12-01", "2026-12-31", "2027-01-04"),
         ("2027-01-01", "2027-01-31", "2027-02-01"), ("2027-02-01", "2027-02-28", "2027-03-01")]
    ):  # fmt: skip
        report = copy.deepcopy(files["04-aruanne-2026-10.json"])
        report.update(period_start=start, period_end=end, document_date=written)
        files[f"05-aruanne-{month}.json"] = report
    del files["05-aruanne-2026-11.json"]
    assert codes(files, "2027-03-06") & CLOSURE_CODES == set()
    assert codes(files, "2027-03-07") & CLOSURE_CODES == {"closure_due"}
    assert codes(files, "2027-03-13") & CLOSURE_CODES == {"closure_due"}
    assert codes(files, "2027-03-14") & CLOSURE_CODES == {"closure_overdue"}


def _narva_without_closure() -> dict[str, Any]:
    files = case_data("narva-ok")
    del files["06-lopetamine.json"]
    return files


def test_family_support_closure_is_due_when_the_next_quarterly_overview_would_be() -> None:
    # seed 000 sets no time limit; the last overview covered June to August, so the next one,
    # or the closure that replaces it, is due on 01.12.2026
    files = _narva_without_closure()
    files["05-ulevaade-2026-06.json"]["service_end"] = {
        "date": "2026-09-04",
        "reason": "tasks-done",
    }
    assert codes(files, "2026-09-04") & (CLOSURE_CODES | REPORT_CODES) == set()
    assert codes(files, "2026-09-05") & CLOSURE_CODES == {"closure_due"}
    assert codes(files, "2026-12-01") & CLOSURE_CODES == {"closure_due"}
    assert codes(files, "2026-12-02") & (CLOSURE_CODES | REPORT_CODES) == {"closure_overdue"}
    message = next(f for f in check(files, "2026-12-02").findings if f.code == "closure_overdue")
    assert "lõpetamise kokkulepe" in message.message("et")


def test_the_support_person_service_end_stops_its_other_deadlines() -> None:
    files = case_data("tartu-ok")
    assert "report_overdue" in codes(files, "2027-01-15")
    report = files["03-ulevaade-2026-07.json"]
    report["service_end"] = {"date": "2026-09-30", "reason": "refused-cooperation"}
    assert not codes(files, "2027-01-15") & {"report_overdue", *CLOSURE_CODES}  # no closure form
    agreement = files["02-koostoolepe.json"]
    del agreement["service_end"]  # open-ended: the one-year assessment would be due
    assert "reassessment_overdue" not in codes(files, "2027-07-15")
    del report["service_end"]
    assert "reassessment_overdue" in codes(files, "2027-07-15")


@pytest.mark.parametrize(
    ("end", "code"),
    [("2026-09-06", "service_end_before_start"), ("2026-09-07", None),
     ("2026-11-02", None), ("2026-11-03", "service_end_in_future")],
)  # fmt: skip
def test_a_report_records_an_end_between_the_start_and_its_own_date(
    end: str, code: str | None
) -> None:
    report = case_data("viimsi-ok")["04-aruanne-2026-10.json"]
    report["service_end"] = {"date": end, "reason": "term-reached"}
    assert [p.code for p in validate_form(report)] == ([code] if code else [])


@pytest.mark.parametrize(
    ("end", "code"),
    [("2026-09-06", "service_end_before_start"), ("2026-10-28", None),
     ("2026-10-29", "service_end_in_future")],
)  # fmt: skip
def test_a_diary_entry_records_an_end_up_to_its_own_date(end: str, code: str | None) -> None:
    diary = _viimsi_tasks_done_in_the_diary()["02-kliendipaevik.json"]
    diary["entries"][-1]["service_end"]["date"] = end
    problems = validate_form(diary)
    assert [p.code for p in problems] == ([code] if code else [])
    if code:
        assert problems[0].path == ("entries", 7, "service_end", "date")


def test_the_reason_is_one_of_the_closures_reasons() -> None:
    report = case_data("viimsi-ok")["04-aruanne-2026-10.json"]
    report["service_end"] = {"date": "2026-10-28", "reason": "moved"}
    assert [p.code for p in validate_form(report)] == ["enum"]
    report["service_end"] = {"date": "2026-10-28"}
    assert [p.code for p in validate_form(report)] == ["missing"]
