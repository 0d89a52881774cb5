"""Absurd values and options are refused with their range, never an internal error (issue 23):
a year 9990, ``--days 99999999999``, a 20-digit ``--restriction-years``, control characters in
``--restriction-holder``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from asendusdoc.read.loading import validate_form
from tests.attacks.limits import cli


@pytest.mark.parametrize("day", ["9990-01-01", "1899-12-31", "0001-01-01", "2101-01-01"])
def test_a_date_beyond_1900_to_2100_is_a_validation_problem(tmp_path: Path, day: str) -> None:
    data = example_data("closure")
    data["document_date"] = day
    problems = validate_form(data)
    assert [p.code for p in problems] == ["date_out_of_range"]
    form = tmp_path / "lopetamine.json"
    form.write_text(json.dumps(data))
    for command in (["validate", form], ["render", form, "-o", tmp_path / "x.pdf"]):
        run = cli(*command)
        assert run.returncode == 1, run.stderr
        assert "1900" in run.stdout + run.stderr and "2100" in run.stdout + run.stderr


def test_the_edges_of_the_range_are_dates_a_form_can_mean() -> None:
    for day in ("1900-01-01", "2100-12-31"):
        data = example_data("closure")
        data["document_date"] = day
        assert "date_out_of_range" not in [p.code for p in validate_form(data)]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--days", "99999999999"], "3660"),
        (["--days", "-1"], "3660"),
        (["--days", "1" * 5000], "3660"),
        (["--today", "9999-12-31"], "2100"),
    ],
)
def test_agenda_options_say_their_range(tmp_path: Path, options: list[str], says: str) -> None:
    (tmp_path / "juhtum").mkdir()
    run = cli("agenda", tmp_path, *options)
    assert run.returncode == 2, run.stderr
    assert says in run.stderr


def test_check_today_says_its_range(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(example_data("closure")))
    run = cli("check", tmp_path, "--today", "9999-01-01")
    assert run.returncode == 2 and "2100" in run.stderr


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--restriction-years", "100000000000000000000", "1 to 75"),
        ("--restriction-years", "0", "1 to 75"),
        ("--restriction-holder", "KOV\x1b[31m valid", "control character"),
        ("--restriction-holder", "Viimsi\nvald", "control character"),
        ("--restriction-holder", "V" * 201, "200"),
    ],
)
def test_render_options_are_usage_errors_out_of_range(
    tmp_path: Path, option: str, value: str, says: str
) -> None:
    form = tmp_path / "lopetamine.json"
    form.write_text(json.dumps(example_data("closure")))
    run = cli("render", form, "-o", tmp_path / "x.docx", option, value)
    assert run.returncode == 2, run.stderr
    assert says in run.stderr
    assert "\x1b" not in run.stderr
    assert not (tmp_path / "x.docx").exists()


RANGE_WORDS = {"et": "täisarv vahemikus", "ru": "целое число от", "en": "whole number from"}


@pytest.mark.parametrize("lang", sorted(RANGE_WORDS))
@pytest.mark.parametrize(
    ("command", "option", "value", "says"),
    [
        (["serve"], "--port", "0", "65535"),
        (["serve"], "--port", "70000", "65535"),
        (["serve"], "--port", "8" * 5000, "65535"),
        (["serve"], "--workers", "0", "1024"),
        (["serve"], "--workers", "100000000000000000000", "1024"),
        (["decrypt", "kiri.cdoc", "-o", "kiri.pdf"], "--slot", "-1", "255"),
        (["decrypt", "kiri.cdoc", "-o", "kiri.pdf"], "--slot", "256", "255"),
        (["render", "x.json", "--out-dir", "v"], "--jobs", "0", "1024"),
    ],
)
def test_service_token_and_batch_options_say_their_range(
    tmp_path: Path, lang: str, command: list[str], option: str, value: str, says: str
) -> None:
    run = cli(*command, option, value, cwd=tmp_path, lang=lang)
    assert run.returncode == 2, run.stderr
    assert option in run.stderr and says in run.stderr
    assert RANGE_WORDS[lang] in run.stderr
    assert value not in run.stderr or len(value) < 8
    assert list(tmp_path.iterdir()) == []


def test_more_service_workers_than_processors_are_lowered_and_said_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from asendusdoc.cli._pool import processors
    from asendusdoc.cli._serve import _workers

    assert _workers(1024, "en") == processors()
    assert _workers(None, "en") == processors()
    assert _workers(1, "en") == 1
    said = capsys.readouterr().err.splitlines()
    assert said == [
        f"--workers 1024: this computer has {processors()} processor"
        f"{'s' if processors() != 1 else ''}; the service runs {processors()} worker process"
        f"{'es' if processors() != 1 else ''}"
    ]
