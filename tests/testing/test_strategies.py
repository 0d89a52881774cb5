"""The strategies: every generated form is valid, and every variant of each form is reached."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings

from asendusdoc.forms import FORM_MODELS
from asendusdoc.forms._types import birth_date_of, personal_code_check_digit
from asendusdoc.read.loading import validate_form
from asendusdoc.testing.strategies import (
    FORM_STRATEGIES,
    emails,
    forms,
    personal_codes,
    phones,
    texts,
)

Data = dict[str, Any]
FAST = settings(max_examples=50, deadline=None, database=None)
SEARCH = settings(max_examples=2000, deadline=None, database=None, phases=[Phase.generate])


def test_there_is_a_strategy_for_every_form() -> None:
    assert list(FORM_STRATEGIES) == list(FORM_MODELS)


def test_forms_without_an_id_draw_from_all_nine() -> None:
    @FAST
    @given(forms())
    def check(data: Data) -> None:
        assert validate_form(data) == []

    check()


def test_an_unknown_form_id_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: family-support-referral"):
        forms("no-such-form")


@FAST
@given(personal_codes())
def test_personal_codes_have_a_real_date_and_the_right_check_digit(code: str) -> None:
    assert len(code) == 11
    birth_date_of(code)
    assert personal_code_check_digit(code[:10]) == int(code[10])


@FAST
@given(phones(), emails(), texts())
def test_contacts_and_texts_are_well_formed(phone: str, email: str, text: str) -> None:
    assert phone.startswith("+372 ")
    assert email.endswith("@example.com")
    assert text == text.strip() and text.isprintable()


def _has(path: tuple[str | int, ...], value: Any) -> Callable[[Data], bool]:
    def holds(data: Data) -> bool:
        current: Any = data
        for part in path:
            try:
                current = current[part]
            except (KeyError, IndexError, TypeError):
                return False
        return bool(current == value or (isinstance(current, list) and value in current))

    return holds


def _present(*path: str | int) -> Callable[[Data], bool]:
    def holds(data: Data) -> bool:
        current: Any = data
        for part in path:
            try:
                current = current[part]
            except (KeyError, IndexError, TypeError):
                return False
        return True

    return holds


# Variants each form must reach: (form id, readable id, predicate).
VARIANTS: list[tuple[str, str, Callable[[Data], bool]]] = [
    ("family-support-referral", "adaptation", _has(("service_type",), "adaptation")),
    ("family-support-referral", "needs-based", _has(("service_type",), "needs-based")),
    ("family-support-referral", "preferred-provider", _present("preferred_provider")),
    ("family-support-referral", "english-service", _has(("service_language",), "en")),
    (
        "family-support-referral",
        "child-code-only",
        lambda d: "birth_date" not in d["family"]["children"][0],
    ),
    (
        "family-support-referral",
        "child-birth-date-only",
        lambda d: "personal_code" not in d["family"]["children"][0],
    ),
    ("family-support-referral", "caregiver-email", _present("family", "caregivers", 0, "email")),
    ("family-support-referral", "address", _present("family", "address")),
    ("support-person-referral", "trusted", _has(("support_person_type",), "trusted")),
    ("support-person-referral", "professional", _has(("support_person_type",), "professional")),
    ("support-person-referral", "left-earlier", _has(("reason",), "left-earlier")),
    ("support-person-referral", "pregnant-or-mother", _has(("reason",), "pregnant-or-mother")),
    ("support-person-referral", "guardianship", _has(("care_setting",), "guardianship")),
    ("support-person-referral", "east-region", _has(("provider_region",), "ida")),
    (
        "family-conference-referral",
        "provider-referrer",
        _has(("referrer", "kind"), "substitute-care-provider"),
    ),
    ("family-conference-referral", "other-grounds", _has(("grounds",), "other-substitute-care")),
    ("family-conference-referral", "network", _present("network", 0, "phone")),
    ("cooperation-agreement", "family-support", _has(("service",), "family-support")),
    ("cooperation-agreement", "support-person", _has(("service",), "support-person")),
    ("cooperation-agreement", "activity-goal-key", _present("family_activities", 0, "goal_key")),
    ("support-plan", "family-strengths", _present("family_strengths")),
    ("action-plan", "other-difficulty", _has(("difficulties",), "other")),
    ("client-diary", "period-end", _present("period_end")),
    ("client-diary", "accompanying", _has(("entries", 0, "kind"), "accompanying")),
    ("progress-report", "monthly-service", _has(("service",), "family-support-person")),
    ("progress-report", "contacts", _present("contacts", 0, "hours")),
    ("progress-report", "goal-progress", _has(("goal_progress", 0, "status"), "partly-achieved")),
    ("closure", "family-support-person", _has(("service",), "family-support-person")),
    ("closure", "written-refusal", _has(("refusal_form",), "written")),
    ("closure", "oral-refusal", _has(("refusal_form",), "oral")),
    ("closure", "no-reason", lambda d: "reason" not in d),
]
VARIANTS += [
    ("closure", f"reason-{reason}", _has(("reason",), reason))
    for reason in (
        "term-reached", "left-municipality", "tasks-done", "tasks-undoable", "no-minors",
        "refused-cooperation", "avoids-contact", "cooperation-impossible",
    )
]  # fmt: skip


@pytest.mark.parametrize("form_id", list(FORM_MODELS))
def test_every_generated_form_is_valid_json_and_every_variant_is_reached(form_id: str) -> None:
    wanted = {name: predicate for fid, name, predicate in VARIANTS if fid == form_id}
    seen: set[str] = set()

    @settings(max_examples=100, deadline=None, database=None)
    @given(forms(form_id))
    def check(data: Data) -> None:
        assert data["form"] == form_id
        assert json.loads(json.dumps(data)) == data
        assert validate_form(data) == []
        seen.update(name for name, predicate in wanted.items() if predicate(data))

    check()
    # A rare variant the sweep missed is searched for on its own (without shrinking).
    for name in set(wanted) - seen:
        found = find(forms(form_id), wanted[name], settings=SEARCH)
        assert validate_form(found) == [], name


def test_the_public_strategies_are_typed_as_search_strategies() -> None:
    """Another project's type checker sees what each strategy draws, not ``Any``."""
    import inspect
    import typing

    from hypothesis.strategies import SearchStrategy

    from asendusdoc.testing import strategies

    functions = [
        getattr(strategies, name)
        for name in strategies.__all__
        if inspect.isfunction(getattr(strategies, name, None))
        or hasattr(getattr(strategies, name, None), "cache_info")
    ]
    assert len(functions) >= 9
    for function in functions:
        returned = typing.get_type_hints(getattr(function, "__wrapped__", function))["return"]
        assert typing.get_origin(returned) is SearchStrategy, function.__name__
    source = inspect.getsource(strategies)
    assert "-> Any" not in source
