"""One rule, one home: a rule shared by the forms is written once, in forms/_rules.py.

The date order and the provider checks are written once, in ``forms/_rules.py``; a form that
wrote them again said the same code in other words (issue 24).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

FORMS = Path(__file__).resolve().parents[2] / "src" / "asendusdoc" / "forms"
SHARED = ("end_before_start", "provider_wrong_service", "provider_unknown", "provider_language")


def _violations() -> dict[str, set[tuple[str, str]]]:
    """code → {(module, message)} of every ``RuleViolation(path, code, message, ...)`` written."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in sorted(FORMS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "RuleViolation"
                and len(node.args) >= 3
                and all(isinstance(arg, ast.Constant) for arg in node.args[1:3])
            ):
                code, message = (arg.value for arg in node.args[1:3])  # type: ignore[attr-defined]
                found[code].add((path.name, message))
    return found


def test_no_form_writes_a_shared_rule_again() -> None:
    violations = _violations()
    shared = {code for code, places in violations.items() if ("_rules.py" in dict(places))}
    again = {code: sorted(violations[code]) for code in shared if len(violations[code]) > 1}
    assert again == {}


def test_the_shared_checks_are_written_only_in_the_shared_rules() -> None:
    homes = {code: {module for module, _ in _violations()[code]} for code in SHARED}
    assert homes == {code: {"_rules.py"} for code in SHARED}
