"""Each form rule on both sides of its boundary, with the month-end arithmetic spelled out.

The expected dates are written out by hand, not computed with the package's own helpers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from .helpers import codes, example, with_changes

# --- family support referral: the adaptation service (seed 000) ------------------------------


def _adaptation(placement: str, start: str, end: str | None = None) -> dict[str, Any]:
    return with_changes(
        "family-support-referral",
        service_type="adaptation",
        placement_date=placement,
        service_start=start,
        service_end=end,
    )


@pytest.mark.parametrize(
    ("placement", "start", "expected"),
    [
        pytest.param("2026-04-03", "2026-03-03", [], id="exactly-1-month-before"),
        pytest.param("2026-04-03", "2026-03-02", ["adaptation_start_too_early"], id="a-day-more"),
        pytest.param("2026-04-03", "2026-04-03", [], id="on-the-placement-day"),
        pytest.param("2026-03-31", "2026-02-28", [], id="31-march-to-28-february"),
        pytest.param("2026-03-31", "2026-02-27", ["adaptation_start_too_early"], id="27-february"),
        pytest.param("2028-03-31", "2028-02-29", [], id="leap-year-29-february"),
        pytest.param("2028-03-31", "2028-02-28", ["adaptation_start_too_early"], id="leap-28-feb"),
        pytest.param("2026-05-31", "2026-04-30", [], id="31-may-to-30-april"),
        pytest.param("2026-05-31", "2026-04-29", ["adaptation_start_too_early"], id="29-april"),
    ],
)
def test_adaptation_starts_at_most_one_month_before_placement(
    placement: str, start: str, expected: list[str]
) -> None:
    assert codes(_adaptation(placement, start)) == expected


@pytest.mark.parametrize(
    ("placement", "start", "expected"),
    [
        pytest.param("2025-03-02", "2026-03-01", [], id="last-day-of-the-first-year"),
        pytest.param("2025-03-02", "2026-03-02", ["adaptation_start_too_late"], id="a-year-on"),
        pytest.param("2028-02-29", "2029-02-27", [], id="leap-day-placement"),
        pytest.param("2028-02-29", "2029-02-28", ["adaptation_start_too_late"], id="leap-year-on"),
    ],
)
def test_adaptation_starts_within_the_first_year(
    placement: str, start: str, expected: list[str]
) -> None:
    assert codes(_adaptation(placement, start)) == expected


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        pytest.param("2027-02-20", [], id="exactly-1-year-after-placement"),
        pytest.param("2027-02-21", ["adaptation_end_too_late"], id="a-day-later"),
    ],
)
def test_adaptation_ends_at_most_one_year_after_placement(end: str, expected: list[str]) -> None:
    assert codes(_adaptation("2026-02-20", "2026-03-02", end)) == expected


def test_adaptation_needs_the_placement_date() -> None:
    data = _adaptation("2026-02-20", "2026-03-02")
    del data["placement_date"]
    assert codes(data) == ["adaptation_placement_date_missing"]


def test_needs_based_service_ignores_the_placement_date() -> None:
    assert codes(with_changes("family-support-referral", placement_date="2010-01-01")) == []


@pytest.mark.parametrize(
    ("end", "expected"),
    [("2026-03-02", []), ("2026-03-01", ["end_before_start"])],
    ids=["same-day", "day-before"],
)
def test_referral_service_end_not_before_start(end: str, expected: list[str]) -> None:
    assert codes(with_changes("family-support-referral", service_end=end)) == expected


@pytest.mark.parametrize(
    ("provider", "language", "expected"),
    [
        ("MTÜ Teadlik Lapsevanem", "ru", []),
        ("MTÜ Teadlik Lapsevanem", "en", ["provider_language"]),
        ("Tallinna Lastekodu", "en", []),
        ("MTÜ Igale Lapsele Pere", "en", []),
        ("MTÜ Oma Pere ja SOS Lasteküla Eesti Ühing", "en", ["provider_language"]),
        ("MTÜ Ennetustegevuse Keskus", "ru", ["provider_wrong_service"]),
    ],
)
def test_preferred_provider_provides_the_service_in_its_language(
    provider: str, language: str, expected: list[str]
) -> None:
    data = with_changes(
        "family-support-referral", preferred_provider=provider, service_language=language
    )
    assert codes(data) == expected


def test_service_language_defaults_to_estonian() -> None:
    data = with_changes("family-support-referral", service_language=None)
    assert codes(data) == []  # MTÜ Igale Lapsele Pere works in Estonian


# --- support-person referral (seed 001) -------------------------------------------------------


def _support_person(kind: str, leaving: str, start: str) -> dict[str, Any]:
    data = with_changes(
        "support-person-referral",
        support_person_type=kind,
        leaving_care_date=leaving,
        service_start=start,
    )
    if kind == "professional":
        del data["trusted_support_person"]
    return data


@pytest.mark.parametrize(
    ("leaving", "start", "expected"),
    [
        pytest.param("2026-06-30", "2026-06-30", [], id="on-the-leaving-day"),
        pytest.param("2026-06-30", "2026-06-29", ["trusted_start_before_leaving"], id="day-before"),
        pytest.param("2026-06-30", "2027-01-15", [], id="long-after"),
    ],
)
def test_trusted_support_person_starts_after_leaving(
    leaving: str, start: str, expected: list[str]
) -> None:
    assert codes(_support_person("trusted", leaving, start)) == expected


@pytest.mark.parametrize(
    ("leaving", "start", "expected"),
    [
        pytest.param("2026-06-30", "2025-12-30", [], id="exactly-6-months-before"),
        pytest.param("2026-06-30", "2025-12-29", ["professional_start_too_early"], id="day-more"),
        pytest.param("2026-08-31", "2026-02-28", [], id="31-august-to-28-february"),
        pytest.param("2026-08-31", "2026-02-27", ["professional_start_too_early"], id="27-feb"),
        pytest.param("2026-06-30", "2026-08-01", [], id="after-leaving"),
    ],
)
def test_professional_support_person_starts_at_most_6_months_before(
    leaving: str, start: str, expected: list[str]
) -> None:
    assert codes(_support_person("professional", leaving, start)) == expected


@pytest.mark.parametrize(
    ("leaving", "expected"),
    [("2026-05-20", []), ("2026-05-21", ["left_earlier_date_in_future"])],
    ids=["on-the-document-date", "day-after"],
)
def test_left_earlier_means_the_leaving_date_is_past(leaving: str, expected: list[str]) -> None:
    data = with_changes(
        "support-person-referral",
        reason="left-earlier",
        leaving_care_date=leaving,
        service_start="2026-06-01",
    )
    assert codes(data) == expected


# --- family group conference referral (seed 004) ----------------------------------------------


def test_child_protection_worker_refers_without_the_authority_agreement() -> None:
    data = example("family-conference-referral")
    data["referrer"]["kind"] = "child-protection-worker"
    data["guardianship_authority_agreement"] = False
    assert codes(data) == []


def test_conference_agreement_defaults_to_false() -> None:
    data = with_changes("family-conference-referral", guardianship_authority_agreement=None)
    assert codes(data) == ["authority_agreement_missing"]


def test_other_grounds_needed_only_for_the_other_case() -> None:
    data = with_changes("family-conference-referral", grounds=["child-welfare"], other_grounds=None)
    assert codes(data) == []


@pytest.mark.parametrize("field", ["grounds", "children", "protective_factors", "risk_factors"])
def test_conference_lists_need_at_least_one_entry(field: str) -> None:
    assert codes(with_changes("family-conference-referral", **{field: []})) == ["too_short"]


# --- cooperation agreement (seeds 000, 001) ---------------------------------------------------


def test_family_support_agreement_needs_no_communication_fields() -> None:
    data = with_changes(
        "cooperation-agreement",
        service="family-support",
        young_person=None,
        communication_principles=None,
        confidentiality=None,
        communication_language=None,
    )
    data["provider"]["name"] = "Tallinna Lastekodu"
    assert codes(data) == []


def test_activity_without_goal_key_is_fine() -> None:
    data = example("cooperation-agreement")
    del data["worker_activities"][0]["goal_key"]
    assert codes(data) == []


# --- progress report: the period length (seeds 000, 001, 003) ---------------------------------


def _report(service: str, start: str, end: str, **more: Any) -> dict[str, Any]:
    changes: dict[str, Any] = {
        "service": service,
        "service_start": "2026-01-01",
        "period_start": start,
        "period_end": end,
        "document_date": "2026-11-22",
        **more,
    }
    return with_changes("progress-report", **changes)


@pytest.mark.parametrize(
    ("service", "start", "end", "expected"),
    [
        pytest.param("family-support", "2026-01-01", "2026-03-31", [], id="quarter"),
        pytest.param("family-support", "2026-01-01", "2026-04-01", ["period_too_long"],
                     id="quarter-and-a-day"),
        pytest.param("support-person", "2026-04-15", "2026-07-14", [], id="3-months-mid-month"),
        pytest.param("support-person", "2026-04-15", "2026-07-15", ["period_too_long"],
                     id="3-months-and-a-day"),
        pytest.param("family-support-person", "2026-10-01", "2026-10-31", [], id="viimsi-month"),
        pytest.param("family-support-person", "2026-10-01", "2026-11-01", ["period_too_long"],
                     id="viimsi-month-and-a-day"),
        pytest.param("family-support-person", "2026-02-01", "2026-02-28", [], id="february"),
        pytest.param("family-support-person", "2026-02-01", "2026-03-01", ["period_too_long"],
                     id="february-and-a-day"),
        pytest.param("family-support-person", "2026-10-15", "2026-11-14", [], id="mid-month"),
        pytest.param("family-support-person", "2026-10-15", "2026-11-15", ["period_too_long"],
                     id="mid-month-and-a-day"),
    ],
)  # fmt: skip
def test_report_period_is_not_longer_than_allowed(
    service: str, start: str, end: str, expected: list[str]
) -> None:
    assert codes(_report(service, start, end)) == expected


@pytest.mark.parametrize(
    ("document_date", "expected"),
    [("2026-10-31", []), ("2026-10-30", ["report_before_period_end"])],
    ids=["on-the-last-day", "day-before"],
)
def test_report_written_after_its_period(document_date: str, expected: list[str]) -> None:
    data = _report("family-support-person", "2026-10-01", "2026-10-31", document_date=document_date)
    assert codes(data) == expected


@pytest.mark.parametrize(
    ("service_start", "expected"),
    [("2026-10-01", []), ("2026-10-02", ["period_before_service"])],
    ids=["same-day", "service-a-day-later"],
)
def test_report_period_lies_in_the_service(service_start: str, expected: list[str]) -> None:
    assert codes(with_changes("progress-report", service_start=service_start)) == expected


# --- client diary -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry_date", "expected"),
    [
        pytest.param("2026-09-07", [], id="on-the-first-day"),
        pytest.param("2026-09-06", ["entry_outside_period"], id="the-day-before"),
        pytest.param("2026-10-31", [], id="on-the-last-day"),
        pytest.param("2026-11-01", ["entry_outside_period"], id="the-day-after"),
    ],
)
def test_diary_entry_lies_in_the_period(entry_date: str, expected: list[str]) -> None:
    data = example("client-diary")
    data["entries"][3]["date"] = entry_date
    assert codes(data) == expected


@pytest.mark.parametrize(
    ("entry_date", "expected"),
    [("2026-11-02", []), ("2026-11-03", ["entry_outside_period"])],
    ids=["on-the-document-date", "after-the-document-date"],
)
def test_open_diary_ends_at_the_document_date(entry_date: str, expected: list[str]) -> None:
    data = with_changes("client-diary", period_end=None)
    data["entries"][7]["date"] = entry_date
    assert codes(data) == expected


def test_diary_problem_points_at_the_entry() -> None:
    from asendusdoc.read.loading import validate_form

    data = example("client-diary")
    data["entries"][5]["date"] = "2026-08-01"
    [problem] = validate_form(data)
    assert problem.path == ("entries", 5, "date")


@pytest.mark.parametrize(("minutes", "ok"), [(1, True), (1440, True), (0, False), (1441, False)])
def test_diary_entry_duration_bounds(minutes: int, ok: bool) -> None:
    data = example("client-diary")
    data["entries"][0]["duration_minutes"] = minutes
    assert (codes(data) == []) is ok


# --- action plan and closure (seed 003) -------------------------------------------------------


def test_action_plan_family_lives_in_the_municipality() -> None:
    data = example("action-plan")
    data["family"]["municipality"] = "Harku vald"
    assert codes(data) == ["family_not_resident"]


@pytest.mark.parametrize(
    ("document_date", "expected"),
    [("2026-03-02", []), ("2026-03-01", ["closure_before_start"])],
    ids=["on-the-start-day", "day-before"],
)
def test_closure_not_dated_before_the_start(document_date: str, expected: list[str]) -> None:
    assert codes(with_changes("closure", document_date=document_date)) == expected


@pytest.mark.parametrize(
    "reason",
    [
        "term-reached",
        "left-municipality",
        "tasks-done",
        "tasks-undoable",
        "no-minors",
        "avoids-contact",
        "cooperation-impossible",
    ],
)
def test_viimsi_closure_accepts_every_reason_but_a_refusal_without_its_form(reason: str) -> None:
    data = with_changes(
        "closure", service="family-support-person", provider=None, reason=reason, refusal_form=None
    )
    assert codes(data) == []


def test_family_support_closure_needs_no_reason() -> None:
    assert codes(with_changes("closure", reason=None, refusal_form=None)) == []


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2026-01-31", "2026-02-28", True),
        ("2026-01-31", "2026-03-01", False),
        ("2026-10-01", "2026-10-31", True),
        ("2026-10-01", "2026-11-01", False),
        ("2026-10-15", "2026-11-14", True),
        ("2026-10-15", "2026-11-15", False),
    ],
)
def test_monthly_report_period_counts_calendar_months(start: str, end: str, ok: bool) -> None:
    from asendusdoc.forms.progress_report import last_day_of_period

    assert (dt.date.fromisoformat(end) <= last_day_of_period(dt.date.fromisoformat(start), 1)) is ok
