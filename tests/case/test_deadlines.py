"""Deadline findings on both sides of each deadline: the day before the window, on, after."""

from __future__ import annotations

import copy

import pytest

from tests.case.helpers import case_data, codes


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-11-16", set()),
        ("2026-11-17", {"report_due_soon"}),
        ("2026-12-01", {"report_due_soon"}),
        ("2026-12-02", {"report_overdue"}),
    ],
    ids=["before-window", "window-opens", "on-due-day", "day-after"],
)
def test_monthly_report_is_due_on_the_first_of_the_next_month(
    today: str, expected: set[str]
) -> None:
    found = codes(case_data("viimsi-ok"), today) & {"report_due_soon", "report_overdue"}
    assert found == expected


def test_a_report_covering_the_month_clears_the_deadline() -> None:
    files = case_data("viimsi-ok")
    nov = copy.deepcopy(files["04-aruanne-2026-10.json"])
    nov.update(period_start="2026-11-01", period_end="2026-11-30", document_date="2026-12-01")
    files["05-aruanne-2026-11.json"] = nov
    assert not codes(files, "2026-12-02") & {"report_due_soon", "report_overdue"}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-08-31", set()),
        ("2026-09-01", {"adaptation_year_ending"}),
        ("2026-09-15", {"adaptation_year_ending"}),
        ("2026-09-16", {"adaptation_year_over"}),
    ],
    ids=["before-window", "window-opens", "last-day", "day-after"],
)
def test_adaptation_service_runs_one_year_after_placement(today: str, expected: set[str]) -> None:
    found = codes(case_data("keila-adaptation-broken"), today)
    assert found & {"adaptation_year_ending", "adaptation_year_over"} == expected


def test_a_closed_adaptation_service_has_no_year_deadline() -> None:
    files = case_data("keila-adaptation-broken")
    closure = copy.deepcopy(case_data("narva-ok")["06-lopetamine.json"])
    closure.update(case_reference="KEI-2025-031", document_date="2026-09-15",
                   service_start="2025-09-01", service_end="2026-09-15")  # fmt: skip
    closure["family"] = files["01-suunamine.json"]["family"]
    closure["municipality"] = files["01-suunamine.json"]["municipality"]
    closure["provider"] = "MTÜ Oma Pere ja SOS Lasteküla Eesti Ühing"
    closure["goal_outcomes"] = [{"goal_key": "E1", "goal": "Kohanemine", "outcome": "achieved"}]
    closure.pop("reason"), closure.pop("refusal_form")
    files["07-lopetamine.json"] = closure
    assert codes(files, "2026-11-22") == set()


def _open_ended_support_person() -> dict[str, dict[str, object]]:
    files = case_data("tartu-ok")
    files["02-koostoolepe.json"].pop("service_end")
    return files


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2027-06-16", set()),
        ("2027-06-17", {"reassessment_due_soon"}),
        ("2027-07-01", {"reassessment_due_soon"}),
        ("2027-07-02", {"reassessment_overdue"}),
    ],
    ids=["before-window", "window-opens", "one-year", "day-after"],
)
def test_support_person_reassessment_after_one_year(today: str, expected: set[str]) -> None:
    found = codes(_open_ended_support_person(), today)
    assert found & {"reassessment_due_soon", "reassessment_overdue"} == expected


def test_a_report_written_after_the_year_is_the_reassessment() -> None:
    files = _open_ended_support_person()
    late = copy.deepcopy(files["03-ulevaade-2026-07.json"])
    late.update(period_start="2027-04-01", period_end="2027-06-30", document_date="2027-07-01")
    files["04-ulevaade-2027-04.json"] = late
    assert not codes(files, "2027-07-02") & {"reassessment_due_soon", "reassessment_overdue"}


def test_no_reassessment_when_the_service_ends_within_the_year() -> None:
    assert not codes(case_data("tartu-ok"), "2027-07-02") & {"reassessment_overdue"}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-11-10", set()),
        ("2026-11-11", {"closure_due"}),
        ("2026-11-17", {"closure_due"}),
        ("2026-11-18", {"closure_overdue"}),
    ],
    ids=["last-service-day", "day-after-end", "one-week-after", "day-after-week"],
)
def test_viimsi_closure_summary_due_one_week_after_the_end(today: str, expected: set[str]) -> None:
    found = codes(case_data("viimsi-broken"), today)
    assert found & {"closure_due", "closure_overdue"} == expected


def _viimsi_closure(document_date: str) -> dict[str, object]:
    plan = case_data("viimsi-broken")["01-tegevuskava.json"]
    closure = copy.deepcopy(case_data("narva-ok")["06-lopetamine.json"])
    closure.update(
        case_reference="VII-2026-118", document_date=document_date, service="family-support-person",
        municipality=plan["municipality"], worker=plan["support_person"], family=plan["family"],
        service_start="2026-09-07", service_end="2026-11-10", reason="tasks-done",
    )  # fmt: skip
    closure.pop("provider"), closure.pop("refusal_form")
    closure["goal_outcomes"] = [
        {"goal_key": key, "goal": "…", "outcome": "achieved"} for key in ("E1", "E2", "E3")
    ]
    return closure


@pytest.mark.parametrize(
    ("document_date", "late"),
    [("2026-11-16", False), ("2026-11-17", False), ("2026-11-18", True)],
    ids=["six-days", "seven-days", "eight-days"],
)
def test_viimsi_closure_summary_written_late(document_date: str, late: bool) -> None:
    files = case_data("viimsi-broken")
    files["09-kokkuvote.json"] = _viimsi_closure(document_date)
    found = codes(files, "2026-11-22")
    assert ("closure_late" in found) is late
    assert not found & {"closure_due", "closure_overdue"}


@pytest.mark.parametrize(
    ("start", "found"),
    [("2025-12-29", True), ("2025-12-30", False), ("2025-12-31", False)],
    ids=["day-before-earliest", "earliest", "day-after"],
)
def test_professional_support_person_starts_at_most_6_months_before_leaving(
    start: str, found: bool
) -> None:
    files = case_data("tartu-broken")
    files["02-koostoolepe.json"]["service_start"] = start
    assert ("professional_start_too_early" in codes(files, "2026-01-05")) is found


@pytest.mark.parametrize(
    ("start", "found"),
    [("2026-06-29", True), ("2026-06-30", False), ("2026-07-01", False)],
    ids=["day-before-leaving", "leaving-day", "day-after"],
)
def test_trusted_support_person_starts_after_leaving_care(start: str, found: bool) -> None:
    files = case_data("tartu-ok")
    files["02-koostoolepe.json"]["service_start"] = start
    assert ("trusted_start_before_leaving" in codes(files, "2026-11-22")) is found
