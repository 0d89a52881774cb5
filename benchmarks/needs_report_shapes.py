"""``needs-report`` over 1,000 forms in every shape (issue 26): each period, grouping, format
and language, as one process each; a PDF whose words overlap fails the run.

    python benchmarks/needs_report_shapes.py            # 1,000 forms, 60 reports
    python benchmarks/needs_report_shapes.py --json     # the figures as JSON on the last line

Figures: ``shapes_run`` (reports written), ``shapes_failed`` (a list of the failed shapes: exit
other than 0 and 1, or overlapping words), ``slowest_seconds`` and which shape it was. The
suite runs the same shapes over 1, 4 and 5 forms (``tests/needs/test_report_shapes.py``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.pdf_words import overlapping_words  # noqa: E402

from benchmarks.needs_report import write_forms  # noqa: E402

PERIODS = ("quarter", "year")
GROUPINGS = (None, "county", "region", "family-type", "life-stage")
FORMATS = ("pdf", "csv", "json")
LANGUAGES = ("et", "ru")


def run_shape(folder: Path, out: Path, shape: tuple[str, str | None, str, str]) -> float:
    """Seconds of one report; raises when it fails or its PDF's words overlap."""
    period, by, fmt, lang = shape
    command = [sys.executable, "-m", "asendusdoc", "needs-report", str(folder), "-o", str(out),
               "--force", "--period", period, "--format", fmt, "--lang", lang,
               *(["--by", by] if by else [])]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.decode()[-300:]}")
    if fmt == "pdf" and (pairs := overlapping_words(out)):
        raise RuntimeError(f"overlapping words: {[(a.text, b.text) for a, b in pairs[:3]]}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    failed: list[str] = []
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "forms"
        write_forms(folder, args.count)
        for shape in itertools.product(PERIODS, GROUPINGS, FORMATS, LANGUAGES):
            name = "-".join(part or "all" for part in shape)
            try:
                times[name] = run_shape(folder, Path(temp) / f"report.{shape[2]}", shape)
            except RuntimeError as error:
                failed.append(f"{name}: {error}")
    slowest = max(times, key=times.__getitem__) if times else ""
    figures: dict[str, Any] = {
        "forms": args.count,
        "shapes_run": len(times) + len(failed),
        "shapes_failed": failed,
        "slowest_shape": slowest,
        "slowest_seconds": round(times.get(slowest, 0.0), 2),
        "total_seconds": round(sum(times.values()), 2),
    }
    for key, value in figures.items():
        print(f"{key}: {value}", file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
