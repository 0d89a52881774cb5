"""Consistency findings: goals, plan, people, date order, report coverage, case reference."""

from __future__ import annotations

import pytest

from asendusdoc.case import Severity, check_case
from asendusdoc.read.loading import load_form
from tests.case.helpers import case_data, check, codes

TODAY = "2026-11-22"


def test_goal_matched_by_text_when_the_agreement_has_no_key() -> None:
    files = case_data("narva-ok")
    goal = files["02-koostoolepe.json"]["goals"][1]
    goal.pop("key")
    goal["description"] = "  " + goal["description"].upper().rstrip(".") + "  "
    assert "goal_not_in_agreement" not in codes(files, TODAY)


def test_referral_goal_missing_from_the_agreement_is_a_warning() -> None:
    files = case_data("narva-ok")
    goals = files["01-suunamine.json"]["goals"]
    goals[1]["key"], goals[1]["description"] = "E7", "Something the agreement does not hold."
    report = check(files, TODAY)
    found = [f for f in report.findings if f.code == "goal_not_in_agreement"]
    assert [f.severity for f in found] == [Severity.WARNING]
    message = found[0].message("en")
    assert "E7" in message and "#2" not in message  # by its key, as the forms name it
    assert not report.has_errors


def test_referral_goal_consciously_dropped_with_a_reason_is_taken_up() -> None:
    files = case_data("tartu-ok")
    dropped = files["02-koostoolepe.json"]["dropped_goals"]
    assert [d["key"] for d in dropped] == ["E4"]
    assert "goal_not_in_agreement" not in codes(files, TODAY)
    files["02-koostoolepe.json"]["dropped_goals"] = []
    report = check(files, TODAY)
    found = [f for f in report.findings if f.code == "goal_not_in_agreement"]
    assert len(found) == 1 and "E4" in found[0].message("en")


def test_a_goal_is_named_by_its_key_not_its_position() -> None:
    """Stumble 6: the goals were E1, E3, E4 and check said "#3", which meant E4."""
    files = case_data("narva-ok")
    agreed = files["02-koostoolepe.json"]["goals"]
    outcomes = files["06-lopetamine.json"]["goal_outcomes"]
    renamed = {"E1": "E1", "E2": "E3", "E3": "E4"}
    for goal, outcome in zip(agreed, outcomes, strict=True):
        goal["key"] = outcome["goal_key"] = renamed[goal["key"]]
    for activity in files["02-koostoolepe.json"]["family_activities"]:
        activity["goal_key"] = renamed.get(activity.get("goal_key"), activity.get("goal_key"))
    for activity in files["02-koostoolepe.json"]["worker_activities"]:
        activity["goal_key"] = renamed.get(activity.get("goal_key"), activity.get("goal_key"))
    outcomes.pop()  # the closure forgets E4, the third goal
    found = [f for f in check(files, TODAY).findings if f.code == "goal_outcome_missing"]
    assert found, "the closure lacks the last goal's outcome"
    assert all("#" not in f.message(lang) for f in found for lang in ("et", "ru", "en"))
    assert [f.message("et").count("E4") for f in found] == [1]


def test_a_goal_key_of_many_digits_is_named_by_its_position() -> None:
    files = case_data("narva-ok")
    goals = files["01-suunamine.json"]["goals"]
    goals[1]["key"], goals[1]["description"] = "39001011234", "Something the agreement lacks."
    found = [f for f in check(files, TODAY).findings if f.code == "goal_not_in_agreement"]
    assert "#2" in found[0].message("en") and "39001011234" not in found[0].message("en")


def test_a_dropped_goal_is_recognised_by_its_text_without_a_key() -> None:
    files = case_data("tartu-ok")
    files["02-koostoolepe.json"]["dropped_goals"][0].pop("key")
    assert "goal_not_in_agreement" not in codes(files, TODAY)


def test_agreed_goal_without_closure_outcome_is_an_error() -> None:
    files = case_data("narva-ok")
    files["06-lopetamine.json"]["goal_outcomes"].pop()
    assert "goal_outcome_missing" in codes(files, TODAY)


@pytest.mark.parametrize(
    ("today", "found"),
    [("2026-03-01", False), ("2026-03-02", True), ("2026-03-03", True)],
    ids=["day-before-start", "start", "day-after"],
)
def test_needs_based_service_needs_a_plan_once_started(today: str, found: bool) -> None:
    files = case_data("narva-ok")
    del files["03-peretoe-plaan.json"]
    assert ("support_plan_missing" in codes(files, today)) is found


def test_adaptation_service_needs_no_plan() -> None:
    assert "support_plan_missing" not in codes(case_data("keila-adaptation-broken"), TODAY)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda fam: fam["children"][0].update(given_name="Danil"), "children_differ"),
        (lambda fam: fam["children"][0].pop("personal_code"), None),
        (lambda fam: fam["children"][1].update(birth_date="2018-11-02"), None),
        (lambda fam: fam["caregivers"][0].update(family_name="Ivanov"), "caregivers_differ"),
        (lambda fam: fam["caregivers"][1].update(personal_code="37605210000"), "form_invalid"),
    ],
    ids=["child-renamed", "code-dropped-birth-date-kept", "same-birth-date-added",
         "carer-renamed", "bad-code-is-invalid"],
)  # fmt: skip
def test_the_same_family_in_every_form(change, code: str | None) -> None:  # type: ignore[no-untyped-def]
    files = case_data("narva-ok")
    change(files["06-lopetamine.json"]["family"])
    found = codes(files, TODAY) - {"report_due_soon"}  # an invalid closure leaves it open
    assert found == ({code} if code else set())


def test_a_childs_other_personal_code_is_a_difference() -> None:
    files = case_data("narva-ok")
    # 51506180418: another valid code with the same birth date
    files["06-lopetamine.json"]["family"]["children"][0]["personal_code"] = "51506180418"
    assert codes(files, TODAY) == {"children_differ"}


def test_the_same_young_person_in_referral_and_agreement() -> None:
    files = case_data("tartu-ok")
    files["02-koostoolepe.json"]["young_person"]["given_name"] = "Liis"
    assert codes(files, TODAY) == {"young_person_differs"}


@pytest.mark.parametrize(
    ("agreement_date", "found"),
    [("2026-02-09", True), ("2026-02-10", False), ("2026-02-11", False)],
    ids=["day-before-referral", "same-day", "day-after"],
)
def test_agreement_dated_on_or_after_the_referral(agreement_date: str, found: bool) -> None:
    files = case_data("narva-ok")
    files["02-koostoolepe.json"]["document_date"] = agreement_date
    assert ("dates_out_of_order" in codes(files, TODAY)) is found


def test_closure_dated_before_a_report_is_out_of_order() -> None:
    files = case_data("narva-ok")
    files["05-ulevaade-2026-06.json"]["document_date"] = "2026-11-19"
    report = check(files, TODAY)
    found = [f for f in report.findings if f.code == "dates_out_of_order"]
    assert [f.forms for f in found] == [("06-lopetamine.json", "05-ulevaade-2026-06.json")]


@pytest.mark.parametrize(
    ("second_start", "gap_days"),
    [("2026-06-01", None), ("2026-06-02", 1), ("2026-06-03", 2), ("2026-05-20", None)],
    ids=["next-day", "one-day-gap", "two-day-gap", "overlap"],
)
def test_reports_follow_each_other_without_a_gap(second_start: str, gap_days: int | None) -> None:
    files = case_data("narva-ok")
    files["05-ulevaade-2026-06.json"]["period_start"] = second_start
    files["05-ulevaade-2026-06.json"]["period_end"] = "2026-08-19"
    found = [f for f in check(files, TODAY).findings if f.code == "report_gap"]
    assert [f.params["days"] for f in found] == ([gap_days] if gap_days else [])


def test_first_report_starts_with_the_service() -> None:
    files = case_data("narva-ok")
    files["04-ulevaade-2026-03.json"]["period_start"] = "2026-03-03"
    assert codes(files, TODAY) == {"report_gap"}


@pytest.mark.parametrize(
    ("service_end", "found"),
    [("2026-11-30", False), ("2026-12-01", True)],
    ids=["closure-within-a-quarter", "closure-a-quarter-after-last-report"],
)
def test_closure_summarises_at_most_one_report_period(service_end: str, found: bool) -> None:
    files = case_data("narva-ok")
    files["06-lopetamine.json"]["service_end"] = service_end
    files["06-lopetamine.json"]["document_date"] = "2026-12-02"
    assert ("report_gap" in codes(files, "2026-12-02")) is found


def test_a_form_of_another_case_is_reported_and_left_out() -> None:
    files = case_data("narva-ok")
    files["03-peretoe-plaan.json"]["case_reference"] = "NAR-LK-2026-999"
    report = check(files, TODAY)
    assert report.reference == "NAR-LK-2026-014"
    assert {f.code for f in report.findings} == {"case_reference_differs", "support_plan_missing"}


def test_bad_files_are_error_findings_not_exceptions() -> None:
    from asendusdoc.case import check_case_files

    report = check_case_files(
        {"a.json": b"[]", "b.json": b"\xff", "c.json": b'{"form": "closure"}'}
    )
    assert [(f.code, f.forms) for f in report.findings] == [
        ("form_unreadable", ("a.json",)),
        ("form_unreadable", ("b.json",)),
        ("form_invalid", ("c.json",)),
    ]
    assert report.has_errors
    assert all(f.message(lang) for f in report.findings for lang in ("et", "ru", "en"))


def test_api_takes_form_models_named_by_form_id() -> None:
    forms = [
        load_form(data)
        for data in case_data("narva-broken").values()
        if data.get("situation") != ""
    ]
    report = check_case(forms, today=__import__("datetime").date(2026, 11, 22))
    assert "progress-report[2]" in {name for f in report.findings for name in f.forms}
