"""Files over their limit are refused from their size or cut while read, never read whole:
a 3 GB file in a case folder, ``/dev/zero`` as a password file (issue 23)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from tests.attacks.limits import cli

THREE_GB = 3 * 1024**3


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no disk is used: the file is a hole
    return path


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "cases" / "juhtum-1"
    folder.mkdir(parents=True)
    (folder / "01-suunamine.json").write_text(json.dumps(example_data("family-support-referral")))
    _sparse(folder / "02-suur.json", THREE_GB)
    return folder


def test_check_refuses_a_3_gb_file_and_checks_the_others(case: Path) -> None:
    run = cli("check", case, "--json")
    assert run.returncode == 1, run.stderr
    result = json.loads(run.stdout)
    assert result["case_reference"]
    unreadable = [f for f in result["findings"] if f["forms"] == ["02-suur.json"]]
    assert unreadable and "larger than the limit" in json.dumps(unreadable)


def test_agenda_refuses_a_3_gb_file_and_lists_the_case(case: Path) -> None:
    run = cli("agenda", case.parent, "--json")
    assert run.returncode == 1, run.stderr
    assert "Internal error" not in run.stderr


def test_needs_report_leaves_out_a_3_gb_file(tmp_path: Path) -> None:
    folder = tmp_path / "feedback"
    folder.mkdir()
    _sparse(folder / "suur.json", THREE_GB)
    run = cli("needs-report", folder, "--format", "json", "-o", tmp_path / "report.json")
    assert run.returncode in (0, 1, 2), run.stderr
    assert "Internal error" not in run.stderr and "MemoryError" not in run.stderr


@pytest.mark.parametrize("option", ["--password-file", "--seal-password-file"])
def test_a_password_file_without_end_is_refused_not_read(tmp_path: Path, option: str) -> None:
    form = tmp_path / "closure.json"
    form.write_text(json.dumps(example_data("closure")))
    extra: list[str | Path] = []
    if option == "--seal-password-file":
        extra = ["--seal-with", tmp_path / "seal.p12"]
        (tmp_path / "seal.p12").write_bytes(b"not a key")
    run = cli("render", form, "-o", tmp_path / "closure.pdf", option, "/dev/zero", *extra)
    assert run.returncode == 2, run.stderr
    assert "larger than" in run.stderr
    assert not (tmp_path / "closure.pdf").exists()


def test_a_key_file_past_its_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    form = tmp_path / "closure.json"
    form.write_text(json.dumps(example_data("closure")))
    key = _sparse(tmp_path / "ska.asc", THREE_GB)
    run = cli("render", form, "-o", tmp_path / "closure.pdf", "--encrypt-to", key)
    assert run.returncode == 2, run.stderr
    assert "larger than" in run.stderr


def test_sparse_files_take_no_disk(tmp_path: Path) -> None:
    """The attack's file really is 3 GB to the reader and nothing on the disk."""
    path = _sparse(tmp_path / "hole", THREE_GB)
    assert os.stat(path).st_size == THREE_GB and os.stat(path).st_blocks == 0
