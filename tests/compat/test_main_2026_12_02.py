"""Forms valid on main on 2 December 2026 stay valid, and their cases give the same findings.

``main-2026-12-02/`` is a copy of ``examples/`` and ``examples/cases/`` as they were before issue
17 changed the models; ``check-findings.json`` holds what ``check`` found in each case then, on
three days. A later change may add findings only where an issue asks for new ones
(:data:`NEW_CODES`); everything else must stay as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from asendusdoc.case import check_case_files
from asendusdoc.cli import main
from asendusdoc.migrations import form_migrations
from asendusdoc.read.loading import validate_form
from asendusdoc.read.parse import parse_form_json

SNAPSHOT = Path(__file__).parent / "main-2026-12-02"
CASES = SNAPSHOT / "cases"
EXPECTED: dict[str, dict[str, list[list[Any]]]] = json.loads(
    (SNAPSHOT / "check-findings.json").read_text("utf-8")
)
BROKEN_ON_PURPOSE = {
    "narva-broken/07-ulevaade-2026-09.json",  # invalid: a planted form_invalid
    "narva-broken/08-poolik.json",  # cut short: a planted form_unreadable
}
FORM_FILES = sorted(
    str(p.relative_to(SNAPSHOT))
    for p in [*SNAPSHOT.glob("*.json"), *CASES.glob("*/*.json")]
    if p.name != "check-findings.json"
    and str(p.relative_to(CASES) if p.is_relative_to(CASES) else p) not in BROKEN_ON_PURPOSE
)
NEW_CODES: dict[str, set[str]] = {
    # issue 17: "It also warns from the planned end when no closure follows." The adaptation
    # agreement's planned end (15.09.2026) has passed and no closure follows.
    "keila-adaptation-broken": {"closure_due", "closure_overdue"},
}
"""Case → the finding codes an issue added to it since the snapshot."""


def test_the_snapshot_holds_every_form_and_case() -> None:
    assert len([f for f in FORM_FILES if "/" not in f]) == 9
    assert sorted(p.name for p in CASES.iterdir()) == sorted(EXPECTED["2026-11-22"])


MIGRATED: dict[str, list[str]] = {
    # issue 17: the guardianship authority's agreement is a record; the old yes/no is reported
    "family-conference-referral.json": ["authority_agreement_yes_no"],
}
"""File → the migrations ``validate`` reports for it (every other file: none)."""


@pytest.mark.parametrize("name", FORM_FILES)
def test_a_form_valid_then_is_valid_now(name: str) -> None:
    data = parse_form_json((SNAPSHOT / name).read_bytes())
    assert validate_form(data) == []
    assert [m.code for m in form_migrations(data)] == MIGRATED.get(name, [])


def test_validate_reports_the_migration_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    path = SNAPSHOT / "family-conference-referral.json"
    assert main(["validate", str(path), "--json", "--lang", "en"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert (entry["code"], entry["migration"]) == ("authority_agreement_yes_no", True)


@pytest.mark.parametrize("day", sorted(EXPECTED))
@pytest.mark.parametrize("case", sorted(EXPECTED["2026-11-22"]))
def test_check_finds_what_it_found_then(case: str, day: str) -> None:
    files = {p.name: p.read_bytes() for p in sorted((CASES / case).glob("*.json"))}
    report = check_case_files(files, today=dt.date.fromisoformat(day))
    found = [
        [f.code, f.severity.value, list(f.forms), f.due.isoformat() if f.due else None]
        for f in report.findings
        if f.code not in NEW_CODES.get(case, set())
    ]
    assert found == EXPECTED[day][case]
