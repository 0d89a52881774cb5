"""The commands check, redact and draft-report: exit codes, languages, JSON and iCalendar."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.read.loading import load_form, validate_form
from tests.case.helpers import CASES

TODAY = "2026-11-22"

PLANTED = {
    "narva-broken": {
        "form_unreadable", "form_invalid", "case_reference_differs", "goal_not_in_agreement",
        "support_plan_missing", "goal_outcome_missing", "children_differ", "caregivers_differ",
        "dates_out_of_order", "report_gap",
    },
    "keila-adaptation-broken": {"adaptation_year_over", "closure_due"},
    "tartu-broken": {
        "professional_start_too_early", "young_person_differs", "report_gap", "report_overdue",
        "reassessment_overdue",
    },
    "viimsi-broken": {"closure_overdue", "report_overdue"},
}  # fmt: skip
OK_CASES = ("narva-ok", "tartu-ok", "tartu-moved", "viimsi-ok")
LANGS = ("et", "ru", "en")


def _printed_codes(text: str) -> set[str]:
    return set(re.findall(r"\[([a-z_]+)\]", text))


def test_every_case_is_shipped() -> None:
    assert {p.name for p in CASES.iterdir()} == {*PLANTED, *OK_CASES}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", OK_CASES)
def test_ok_cases_exit_0(case: str, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CASES / case), "--today", TODAY, "--lang", lang]) == 0
    assert _printed_codes(capsys.readouterr().out) <= {"report_due_soon"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(PLANTED))
def test_broken_cases_list_every_planted_problem(
    case: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(CASES / case), "--today", TODAY, "--lang", lang]) == 1
    assert _printed_codes(capsys.readouterr().out) == PLANTED[case]


def test_messages_are_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(CASES / "viimsi-broken"), "--today", TODAY, "--lang", "ru"])
    ru = capsys.readouterr().out
    main(["check", str(CASES / "viimsi-broken"), "--today", TODAY, "--lang", "et"])
    et = capsys.readouterr().out
    assert "итоговый отчёт" in ru and "ошибка" in ru
    assert "klienditöö kokkuvõte" in et and "viga" in et


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(CASES / "tartu-broken"), "--today", TODAY, "--json", "--lang", "en"])
    result = json.loads(capsys.readouterr().out)
    assert code == 1
    assert result["case_reference"] == "TRT-2026-0312" and result["today"] == TODAY
    overdue = next(f for f in result["findings"] if f["code"] == "report_overdue")
    assert overdue == {
        "severity": "error",
        "code": "report_overdue",
        "forms": ["04-ulevaade-2026-03.json"],
        "due": "2026-09-01",
        "message": "The progress report from 01.06.2026 was due on 01.09.2026.",
    }


def test_ics_holds_the_coming_deadlines_without_personal_data(tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "deadlines.ics"
    case = CASES / "viimsi-ok"
    assert main(["check", str(case), "--today", TODAY, "--ics", str(target), "--lang", "et"]) == 0
    assert target.stat().st_mode & 0o777 == 0o600
    calendar = Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    assert [(str(e["uid"]).split("-", 1)[1], e.decoded("dtstart").isoformat()) for e in events] == [
        ("progress-report@asendusdoc", "2026-12-01"),
        ("closure-summary@asendusdoc", "2027-03-13"),
    ]
    assert all(
        e.decoded("dtend").toordinal() - e.decoded("dtstart").toordinal() == 1 for e in events
    )
    text = target.read_text("utf-8")
    for path in case.glob("*.json"):
        form = load_form(path)
        for person in (
            [*form.family.caregivers, *form.family.children] if hasattr(form, "family") else []
        ):
            assert person.given_name not in text and person.family_name not in text
            assert not person.personal_code or person.personal_code not in text
    assert "VII-2026-118" in text


def test_ics_uids_are_stable_and_refuse_overwrite(tmp_path: Path) -> None:
    from icalendar import Calendar

    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    case = str(CASES / "viimsi-ok")
    main(["check", case, "--today", TODAY, "--ics", str(first)])
    main(["check", case, "--today", "2026-11-30", "--ics", str(second)])
    uids = [
        [str(e["uid"]) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")]
        for p in (first, second)
    ]
    assert uids[0] == uids[1]
    assert main(["check", case, "--today", TODAY, "--ics", str(first)]) == 2
    assert main(["check", case, "--today", TODAY, "--ics", str(first), "--force"]) == 0


@pytest.mark.parametrize(
    "make_args",
    [
        lambda tmp: ["check", str(tmp / "missing")],
        lambda tmp: ["check", str(tmp)],
        lambda tmp: ["check", str(CASES / "narva-ok" / "01-suunamine.json")],
        lambda tmp: ["check", str(CASES / "narva-ok"), "--today", "2026-02-30"],
    ],
    ids=["no-folder", "empty-folder", "a-file", "bad-today"],
)
def test_usage_errors_exit_2(make_args, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main(make_args(tmp_path)) == 2


def test_redact_writes_a_valid_provider_referral(tmp_path: Path) -> None:
    target = tmp_path / "provider.json"
    source = CASES / "narva-ok" / "01-suunamine.json"
    assert main(["redact", str(source), "--for", "provider", "-o", str(target)]) == 0
    data = json.loads(target.read_text("utf-8"))
    assert validate_form(data) == []
    assert "personal_code" not in target.read_text("utf-8")
    assert main(["redact", str(source), "--for", "provider", "-o", str(target)]) == 2


def test_redact_refuses_another_form(tmp_path: Path) -> None:
    source = CASES / "narva-ok" / "02-koostoolepe.json"
    assert main(["redact", str(source), "--for", "provider", "-o", str(tmp_path / "x")]) == 2


def test_draft_report_names_what_to_fill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.json"
    diary = CASES / "viimsi-ok" / "02-kliendipaevik.json"
    args = ["draft-report", str(diary), "--month", "2026-10", "-o", str(target), "--lang", "en"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "Fill in before sending: Next steps; Municipality, child-protection worker." in printed
    assert "next_steps" not in printed
    assert {p.code for p in validate_form(json.loads(target.read_text("utf-8")))} == {"missing"}


@pytest.mark.parametrize("month", ["2026-13", "oktoober", "2026-12"], ids=["bad", "word", "empty"])
def test_draft_report_bad_or_empty_month_exits_2(month: str, tmp_path: Path) -> None:
    diary = CASES / "viimsi-ok" / "02-kliendipaevik.json"
    assert main(["draft-report", str(diary), "--month", month, "-o", str(tmp_path / "r")]) == 2


def test_no_coming_deadlines_writes_no_calendar_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "deadlines.ics"
    case = str(CASES / "viimsi-ok")
    main(["check", case, "--today", "2040-01-01", "--ics", str(target), "--lang", "en"])
    assert f"No coming deadlines: {target} was not written." in capsys.readouterr().err
    assert not target.exists()  # RFC 5545: a calendar holds at least one component
