"""Benchmark of ``asendusdoc agenda`` over a caseload of many case folders (issue 17).

Run from a checkout after the README's install::

    python benchmarks/agenda.py                 # 1,000 case folders, target < 10 s
    python benchmarks/agenda.py --cases 200     # fewer
    python benchmarks/agenda.py --json          # the figures as one JSON object

The case folders are copies of the shipped example cases (``examples/cases/``), each with its own
case reference, written to a temporary folder. The figure is the wall time of the whole command
as a process (``python -m asendusdoc agenda DIR --today 2026-11-22 --json``), the median of
``--repeat`` runs; the first run is a warm-up of the file-system cache and is not counted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "examples" / "cases"
TARGET_SECONDS = 10.0


def make_caseload(root: Path, count: int) -> int:
    """``count`` case folders under ``root`` (nested by worker, like a real share); file count."""
    examples = sorted(p for p in CASES.iterdir() if p.is_dir())
    files = 0
    for number in range(count):
        source = examples[number % len(examples)]
        folder = root / f"tootaja-{number % 25:02d}" / f"{source.name}-{number:04d}"
        folder.mkdir(parents=True)
        for path in sorted(source.glob("*.json")):
            raw = path.read_bytes()
            try:
                data = json.loads(raw)
            except json.JSONDecodeError:
                (folder / path.name).write_bytes(raw)  # the planted unreadable file
            else:
                if isinstance(data, dict) and isinstance(data.get("case_reference"), str):
                    data["case_reference"] = f"{data['case_reference']}-{number:04d}"
                (folder / path.name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            files += 1
    return files


def run_once(root: Path) -> tuple[float, int]:
    """Seconds of one whole ``agenda`` process, and the number of items it listed."""
    command = [sys.executable, "-m", "asendusdoc", "agenda", str(root), "--today", "2026-11-22"]
    started = time.perf_counter()
    done = subprocess.run([*command, "--json"], capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"agenda failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return seconds, len(json.loads(done.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="asendusdoc-agenda-") as tmp:
        root = Path(tmp)
        files = make_caseload(root, args.cases)
        run_once(root)  # warm-up
        runs = [run_once(root) for _ in range(args.repeat)]
    seconds = statistics.median(s for s, _ in runs)
    result = {
        "cases": args.cases,
        "files": files,
        "items": runs[0][1],
        "agenda_seconds_median": round(seconds, 2),
        "target_seconds": TARGET_SECONDS,
        "met": seconds < TARGET_SECONDS,
    }
    if args.json:
        print(json.dumps(result))
    else:
        verdict = "ok" if result["met"] else "MISSED"
        print(
            f"agenda over {args.cases} case folders ({files} files, {result['items']} items): "
            f"{seconds:.2f} s (target < {TARGET_SECONDS:.0f} s) {verdict}"
        )
    return 0 if result["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
