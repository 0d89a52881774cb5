"""The benchmark's forms are real forms: a speed figure on invalid input would mean nothing.

Only the helper is tested here, on a few forms, so the suite stays fast; the benchmarks
themselves run with ``python benchmarks/run.py``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import asendusdoc

RUN_PY = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"asendusdoc_benchmarks_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _module(RUN_PY)


def test_varied_forms_are_valid_and_cover_every_form(bench: ModuleType) -> None:
    forms = bench.make_varied_forms(1000)[:20]
    assert {form["form"] for form in forms} == set(asendusdoc.FORM_MODELS)
    for form in forms:
        assert asendusdoc.validate_form(form) == [], form["form"]


def test_varied_forms_differ_from_the_examples_and_each_other(bench: ModuleType) -> None:
    forms = bench.make_varied_forms(1000)[:20]
    examples = bench.example_forms()
    assert all(form != examples[form["form"]] for form in forms)
    assert forms[0] != forms[9]  # the same example, varied twice


def test_varied_forms_are_deterministic(bench: ModuleType) -> None:
    assert bench.make_varied_forms(20) == bench.make_varied_forms(20)


def test_long_diary_is_valid(bench: ModuleType) -> None:
    diary = bench.diary_with_entries(500)
    assert len(diary["entries"]) == 500
    assert asendusdoc.validate_form(diary) == []


SCALING_PY = RUN_PY.with_name("scaling.py")


@pytest.fixture(scope="module")
def scaling() -> ModuleType:
    return _module(SCALING_PY)


def test_the_scaling_forms_are_valid_at_10n(scaling: ModuleType) -> None:
    plan = scaling.support_plan(50)
    varied, same = scaling.diary(5000), scaling.diary(5000, same_entry=True)
    for form in (plan, varied, same):
        assert asendusdoc.validate_form(form) == [], form["form"]
    assert len({entry["description"] for entry in varied["entries"]}) == 8
    assert len({entry["description"] for entry in same["entries"]}) == 1


def test_the_targets_are_those_of_issue_24(bench: ModuleType) -> None:
    assert bench.TARGETS["cli_startup_ratio"] == ("<=", 6.0)
    assert bench.TARGETS["validate_process_ratio"] == ("<=", 15.0)
    assert bench.TARGETS["validate_speedup_vs_jsonschema"] == (">=", 10.0)
    assert bench.TARGETS["batch_parallel_efficiency"] == (">=", 0.9)
    verdicts = bench.target_verdicts({"cli_startup_ratio": 6.3, "batch_parallel_efficiency": 0.95})
    assert verdicts == {"cli_startup_ratio": False, "batch_parallel_efficiency": True}
