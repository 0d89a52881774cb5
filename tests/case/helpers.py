"""Small helpers: the shipped example cases as editable dicts, and running the checks on them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from asendusdoc.case import CaseReport, check_case_files

CASES = Path(__file__).resolve().parents[2] / "examples" / "cases"


def case_data(name: str) -> dict[str, Any]:
    """File name → the parsed form (a fresh copy) of a shipped case; unparsable files skipped."""
    found: dict[str, Any] = {}
    for path in sorted((CASES / name).glob("*.json")):
        try:
            found[path.name] = json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError:
            continue
    return found


def check(files: dict[str, Any], today: str) -> CaseReport:
    """The checks of a case given as file name → form dict."""
    raw = {name: json.dumps(data).encode() for name, data in files.items()}
    return check_case_files(raw, today=dt.date.fromisoformat(today))


def codes(files: dict[str, Any], today: str) -> set[str]:
    """The finding codes of a case on ``today``."""
    return {f.code for f in check(files, today).findings}
