"""Any input within the input limits stays under 1 GB of memory and 60 s (issue 23): the largest
form file the budget lets through (10 MiB, close to 250,000 values) in the commands that read it
whole, measured as the peak resident memory of the command's own process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from asendusdoc.read.budget import MAX_FORM_ITEMS, MAX_INPUT_BYTES

GIGABYTE_KIB = 1024 * 1024  # ru_maxrss is in KiB on Linux

MEASURED = """
import resource, subprocess, sys
run = subprocess.run(sys.argv[1:], capture_output=True, timeout=60)
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@pytest.fixture
def largest_form(tmp_path: Path) -> Path:
    data = example_data("closure")
    values = MAX_FORM_ITEMS - 1_000
    width = (MAX_INPUT_BYTES - 200_000) // values - len('"k000000":"",')
    data.update({f"k{index:06d}": "x" * width for index in range(values)})
    path = tmp_path / "suurim.json"
    path.write_text(json.dumps(data, separators=(",", ":")))
    assert MAX_INPUT_BYTES - 300_000 < path.stat().st_size <= MAX_INPUT_BYTES
    return path


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB is Linux's")
def test_the_largest_form_allowed_stays_under_1_gb(largest_form: Path) -> None:
    """``validate`` reads, parses and validates it whole (``render`` stops at the same point:
    the form is invalid)."""
    run = subprocess.run(
        [sys.executable, "-c", MEASURED, sys.executable, "-m", "asendusdoc", "validate",
         str(largest_form)],
        capture_output=True, text=True, timeout=90, check=True,
    )  # fmt: skip
    code, peak = map(int, run.stdout.split())
    assert code == 1  # read, validated: its unknown fields are problems
    assert peak < GIGABYTE_KIB
