"""Cost grows linearly with the content (issue 13), and what the worst allowed input costs.

    python benchmarks/scaling.py            # n and 10n, then the worst allowed input
    python benchmarks/scaling.py --quick    # the ratios only, smaller n
    python benchmarks/scaling.py --json     # the figures as one JSON object on the last line

Figures (ratios: the median CPU time of repeats in one process, validation + rendering):

===========================  ===============================================================  =====
key                          what                                                             target
===========================  ===============================================================  =====
support_plan_ratio_pdf       support plan with 10n activities / with n (5 goals → 50 goals,   <= 11
                             50 activities each: 250 → 2,500 rows), validate + PDF
support_plan_ratio_docx      the same to DOCX                                                 <= 11
diary_ratio_pdf              client diary of 10n entries / of n (500 → 5,000), validate + PDF <= 11
diary_ratio_docx             the same to DOCX                                                 <= 11
diary_*_pages, *_per_page    the diary's pages at n and 10n; the PDF ratio per page
diary_same_entry_*           the diary of one entry repeated (the definition before 4.12.2026)
worst_*                      the largest diary the limits allow: 5,000 entries of long text,
                             just under the 10 MiB input limit; seconds and peak RSS (MiB) of
                             a whole process that validates it, renders it to PDF, to DOCX;
                             and a 10 MiB file of 3.4 million empty goals (refused quickly)
===========================  ===============================================================  =====
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def support_plan(goals: int, activities_per_goal: int = 50) -> dict[str, Any]:
    """The example plan with ``goals`` goals of ``activities_per_goal`` activities each."""
    data: dict[str, Any] = json.loads((EXAMPLES / "support-plan.json").read_text("utf-8"))
    goal = data["goals"][0]
    activity = goal["activities"][0]
    data["goals"] = []
    for number in range(goals):
        item = copy.deepcopy(goal)
        item["key"] = f"E{number + 1}"
        item["activities"] = []
        for step in range(activities_per_goal):
            act = copy.deepcopy(activity)
            act["goal_key"] = item["key"]
            act["description"] = f"{activity['description']} ({step + 1})"
            item["activities"].append(act)
        data["goals"].append(item)
    return data


def diary(
    entries: int, text_chars: int | None = None, *, same_entry: bool = False
) -> dict[str, Any]:
    """The example diary with ``entries`` entries over a long period (one a day, cycling).

    The entries are the example's eight in turn, as a real diary varies. ``same_entry`` repeats
    the first one instead (the definition before 4 December 2026): then every row sits on the
    same line-break edge, and the 10n diary's four-digit numbers, widening the first column by
    6 pt, push every description onto a seventh line (64 pages → 718, 11.2 times).
    """
    data: dict[str, Any] = json.loads((EXAMPLES / "client-diary.json").read_text("utf-8"))
    examples = data["entries"][:1] if same_entry else data["entries"]
    start = dt.date(2020, 1, 1)
    data["period_start"] = start.isoformat()
    data["period_end"] = "2026-10-31"
    data["entries"] = []
    days = (dt.date(2026, 10, 31) - start).days + 1
    for number in range(entries):
        entry = examples[number % len(examples)]
        item = copy.deepcopy(entry)
        item["date"] = (start + dt.timedelta(days=number % days)).isoformat()
        if text_chars is not None:
            base = f"{number}: {entry['description']} "
            item["description"] = (base * (text_chars // len(base) + 1))[:text_chars]
        data["entries"].append(item)
    return data


def _pages(data: dict[str, Any]) -> int:
    import io

    from pypdf import PdfReader

    from asendusdoc import produce

    return len(PdfReader(io.BytesIO(produce(data, "et", "pdf").data)).pages)


def _produce_seconds(data: dict[str, Any], fmt: str, repeats: int) -> float:
    from asendusdoc import produce

    raw = json.dumps(data, ensure_ascii=False).encode()
    times = []
    for _ in range(repeats):
        started = time.process_time()  # CPU time: a busy machine moves it less than wall time
        produce(raw, "et", fmt)
        times.append(time.process_time() - started)
    return statistics.median(times)


def ratios(quick: bool) -> dict[str, float]:
    """Time at 10n over time at n, for the plan and the diary, in both formats; the diary's
    pages, and the same for a diary of one entry repeated (see :func:`diary`)."""
    repeats = 1 if quick else 3
    found: dict[str, float] = {}
    cases = {
        "support_plan": (support_plan(5), support_plan(50)),
        "diary": (diary(500), diary(5000)),
        "diary_same_entry": (diary(500, same_entry=True), diary(5000, same_entry=True)),
    }
    from asendusdoc import produce

    produce(support_plan(1, 1), "et", "pdf")  # imports and fonts outside the figures
    produce(support_plan(1, 1), "et", "docx")
    for name, (small, large) in cases.items():
        for fmt in ("pdf", "docx") if name != "diary_same_entry" else ("pdf",):
            small_s = _produce_seconds(small, fmt, repeats)
            large_s = _produce_seconds(large, fmt, repeats)
            found[f"{name}_n_{fmt}_s"] = round(small_s, 3)
            found[f"{name}_10n_{fmt}_s"] = round(large_s, 3)
            found[f"{name}_ratio_{fmt}"] = round(large_s / small_s, 2)
        if name.startswith("diary"):
            small_pages, large_pages = _pages(small), _pages(large)
            found[f"{name}_n_pages"] = small_pages
            found[f"{name}_10n_pages"] = large_pages
            found[f"{name}_ratio_pdf_per_page"] = round(
                found[f"{name}_ratio_pdf"] * small_pages / large_pages, 2
            )
    return found


_CHILD = """
import json, resource, sys, time
from asendusdoc.errors import AsendusdocError
from asendusdoc.read.loading import validate_form
raw = open(sys.argv[1], "rb").read()
started = time.perf_counter()
try:
    if sys.argv[2] == "validate":
        outcome = len(validate_form(raw))
    else:
        from asendusdoc import produce
        outcome = len(produce(raw, "et", sys.argv[2]).data)
except AsendusdocError as exc:
    outcome = exc.code
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "maxrss_mib": peak, "outcome": outcome}))
"""


def _in_child(path: Path, step: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), step],
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def worst(folder: Path) -> dict[str, Any]:
    """The largest diary the limits allow, and 3.4 million empty goals, in whole processes."""
    from asendusdoc.read.budget import MAX_INPUT_BYTES

    chars = 1900
    while True:  # the longest entries that keep the file under the input limit
        data = diary(5000, chars)
        raw = json.dumps(data, ensure_ascii=False).encode()
        if len(raw) <= MAX_INPUT_BYTES:
            break
        chars -= 50
    path = folder / "worst-diary.json"
    path.write_bytes(raw)
    found: dict[str, Any] = {"worst_diary_bytes": len(raw), "worst_diary_entry_chars": chars}
    for step in ("validate", "pdf", "docx"):
        result = _in_child(path, step)
        found[f"worst_diary_{step}_s"] = round(result["seconds"], 2)
        found[f"worst_diary_{step}_maxrss_mib"] = round(result["maxrss_mib"])
        found[f"worst_diary_{step}_outcome"] = result["outcome"]
    goals = folder / "empty-goals.json"
    goals.write_bytes(
        b'{"form": "family-support-referral", "goals": [' + b",".join([b"{}"] * 3_400_000) + b"]}"
    )
    result = _in_child(goals, "validate")
    found["empty_goals_bytes"] = goals.stat().st_size
    found["empty_goals_validate_s"] = round(result["seconds"], 2)
    found["empty_goals_validate_maxrss_mib"] = round(result["maxrss_mib"])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    if not args.quick:
        # first, while this process is small: Linux keeps ru_maxrss across fork and exec, so a
        # child started from a big parent would report the parent's peak
        with tempfile.TemporaryDirectory() as folder:
            figures.update(worst(Path(folder)))
    figures.update(ratios(args.quick))
    figures["maxrss_this_process_mib"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )
    for key, value in figures.items():
        print(f"{key:36} {value}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
