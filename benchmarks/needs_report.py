"""Benchmark of ``asendusdoc needs-report`` (issue 18): 10,000 generated feedback forms.

    python benchmarks/needs_report.py              # 10,000 forms; about half a minute
    python benchmarks/needs_report.py --json       # the figures as JSON on the last line

Figures and targets:

* ``cli_10000_seconds``: the whole command as a process (``--by county --period quarter``,
  PDF), reading 10,000 files: under 10 s (also CSV and JSON, reported beside it; the CPU time
  of each beside the wall-clock time, since a busy machine stretches the latter);
* ``peak_mib_1000`` / ``peak_mib_10000``: tracemalloc's peak while the same work runs in this
  process (read the files, count, build and suppress the tables, PDF) for 1,000 and 10,000
  forms; ``memory_ratio`` = the second over the first: flat memory means about 1 (target
  under 1.5), not 10.

The forms are real, valid forms (every 20th without consent, every 50th broken), spread over
the 79 municipalities, three years of quarters, every family type and life stage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 10.0
TARGET_MEMORY_RATIO = 1.5


def feedback_forms(count: int, seed: int = 18) -> list[dict[str, Any]]:
    """``count`` varied family needs feedback forms (valid, dated in 2023–2025)."""
    from asendusdoc.forms._blocks import FamilyType
    from asendusdoc.forms.family_needs_feedback import (
        ContactOpenness,
        FilledBy,
        LifeStage,
        NeedLevel,
        Usefulness,
    )
    from asendusdoc.reference import MUNICIPALITIES
    from asendusdoc.reference.needs import NeedArea, SupportService

    rng = random.Random(seed)
    municipalities = sorted(MUNICIPALITIES)
    levels = [NeedLevel.NONE, NeedLevel.NONE, NeedLevel.SOME, NeedLevel.GREAT, NeedLevel.SKIPPED]
    forms = []
    for index in range(count):
        year = rng.choice((2023, 2024, 2025))
        quarter = rng.randrange(4)
        start = dt.date(year, 3 * quarter + 1, 1)
        end = dt.date(year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1) - dt.timedelta(days=1)
        needs = []
        for area in NeedArea:
            answer: dict[str, Any] = {"area": area.value, "level": rng.choice(levels).value}
            if area is NeedArea.OTHER and answer["level"] in ("some", "great"):
                answer["description"] = "Transport huviringidesse"
            if rng.random() < 0.2:
                answer["comment"] = "Kommentaar, mida aruandesse ei tohi jõuda."
            needs.append(answer)
        used = rng.sample(list(SupportService), rng.randrange(4))
        form: dict[str, Any] = {
            "form": "family-needs-feedback",
            "case_reference": f"LK-{year}-{index:05d}",
            "document_date": (end + dt.timedelta(days=rng.randrange(1, 30))).isoformat(),
            "filled_by": rng.choice(list(FilledBy)).value,
            "family_type": rng.choice(list(FamilyType)).value,
            "life_stage": rng.choice(list(LifeStage)).value,
            "municipality": rng.choice(municipalities),
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "needs": needs,
            "services_used": [
                {"service": s.value, "usefulness": rng.choice(list(Usefulness)).value} for s in used
            ],
            "contact_openness": rng.choice(list(ContactOpenness)).value,
            "statistics_consent": index % 20 != 7,
        }
        if index % 50 == 13:
            del form["life_stage"]  # broken: counted and named, never dropped silently
        forms.append(form)
    return forms


def write_forms(folder: Path, count: int) -> None:
    """The generated forms as files, 500 per subfolder (as municipalities would send them)."""
    for index, form in enumerate(feedback_forms(count)):
        sub = folder / f"kogum-{index // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"tagasiside-{index:05d}.json").write_text(json.dumps(form, ensure_ascii=False))


def run_in_process(folder: Path) -> tuple[float, float]:
    """Seconds and tracemalloc peak (MiB) of read → count → tables → PDF in this process."""
    from asendusdoc.needs.pdf import report_pdf
    from asendusdoc.needs.report import NeedsTally, build_report

    paths = sorted(folder.rglob("*.json"))
    tracemalloc.start()
    started = time.perf_counter()
    tally = NeedsTally("county", "quarter")
    for path in paths:
        tally.add(str(path), path.read_bytes())
    report_pdf(build_report(tally), "et")
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def run_cli(folder: Path, fmt: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the whole ``asendusdoc needs-report`` process."""
    out = folder.parent / f"report-{folder.name}.{fmt}"
    command = [sys.executable, "-m", "asendusdoc", "needs-report", str(folder), "--by", "county",
               "--period", "quarter", "--format", fmt, "-o", str(out), "--force"]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def main(argv: list[str] | None = None) -> int:
    """Generate, measure, print the figures and whether the targets hold."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as temp:
        small, large = Path(temp) / "small", Path(temp) / "large"
        write_forms(small, args.count // 10)
        write_forms(large, args.count)
        for fmt in ("pdf", "csv", "json"):
            wall, cpu = run_cli(large, fmt)
            figures[f"cli_{args.count}_{fmt}_seconds"] = round(wall, 2)
            figures[f"cli_{args.count}_{fmt}_cpu_seconds"] = round(cpu, 2)
        seconds_small, peak_small = run_in_process(small)
        seconds_large, peak_large = run_in_process(large)
    figures["cli_10000_seconds"] = figures[f"cli_{args.count}_pdf_seconds"]
    figures |= {
        "in_process_small_seconds": round(seconds_small, 2),
        "in_process_large_seconds": round(seconds_large, 2),
        "peak_mib_1000": round(peak_small, 2),
        "peak_mib_10000": round(peak_large, 2),
        "memory_ratio": round(peak_large / peak_small, 2),
    }
    figures["targets_met"] = {
        "cli_10000_seconds": figures["cli_10000_seconds"] < TARGET_SECONDS,
        "memory_ratio": figures["memory_ratio"] < TARGET_MEMORY_RATIO,
    }
    for key, value in figures.items():
        print(f"{key}: {value}", file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
