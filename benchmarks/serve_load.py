"""Load test of ``asendusdoc serve`` on loopback, beside the same work done by the CLI (issue 27).

Run from a checkout after the README's install::

    python benchmarks/serve_load.py                       # 2,000 mixed requests, 16 at a time
    python benchmarks/serve_load.py --requests 200 --cli 40 --json

The service is started as a subprocess on 127.0.0.1 (``--workers``, default 2) and sent a fixed
mix of requests, ``--concurrency`` at a time, by an asynchronous HTTP client in this process:
validations of every example form (JSON, and a rendered PDF), PDFs and DOCX in Estonian and
Russian, extractions, suggestions, the form list and schemas. Reported: how many answers of each
status (503 are the service's deliberate "busy"; any other 5xx is a failure), latency
percentiles, throughput, and the resident memory of the service's processes (the server, the
fork server, the workers) after the first 100 requests and every 100 after (the ratio is the
largest later figure over the first).

The same kind of work is then done by the CLI, one process per document (``--cli`` documents,
two at a time on the two cores): ``asendusdoc validate`` and ``asendusdoc render``.

Bounded: the run stops after ``--requests`` requests or ``--max-seconds``, whichever comes
first; nothing leaves the machine (127.0.0.1 only).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
KEY = "load-test-key"
AUTH = {"Authorization": f"Bearer {KEY}"}


def form_ids() -> list[str]:
    return sorted(p.stem for p in EXAMPLES.glob("*.json"))


KINDS = [
    "validate",
    "pdf",
    "validate-pdf",
    "docx",
    "validate",
    "pdf",
    "extract",
    "suggest",
    "forms",
    "schema",
]
"""The mix, in order: four in ten validate, three render, one extracts, suggests, lists."""


def request_mix(count: int, pdfs: dict[str, bytes]) -> list[dict[str, Any]]:
    """``count`` requests in a fixed order: the mix is the same in every run."""
    ids = form_ids()
    json_type = {"Content-Type": "application/json"}
    pdf_type = {"Content-Type": "application/pdf"}
    feedback = (EXAMPLES / "family-needs-feedback.json").read_bytes()
    mix = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        form_id = ids[(number // len(KINDS)) % len(ids)]
        lang = "et" if number % 2 else "ru"
        form = (EXAMPLES / f"{form_id}.json").read_bytes()
        method, url, body, headers = {
            "validate": ("POST", "/v1/validate", form, json_type),
            "pdf": ("POST", f"/v1/documents?lang={lang}&format=pdf", form, json_type),
            "docx": ("POST", f"/v1/documents?lang={lang}&format=docx", form, json_type),
            "validate-pdf": ("POST", "/v1/validate", pdfs[form_id], pdf_type),
            "extract": ("POST", "/v1/extract", pdfs[form_id], pdf_type),
            "suggest": ("POST", "/v1/suggest", feedback, json_type),
            "forms": ("GET", "/v1/forms", None, {}),
            "schema": ("GET", f"/v1/forms/{form_id}/schema", None, {}),
        }[kind]
        mix.append({"kind": kind, "method": method, "url": url, "body": body, "headers": headers})
    return mix


def tree_rss(pid: int) -> int:
    """The resident memory (bytes) of ``pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        stack.extend(children.get(current, []))
    return total


def start_server(workers: int, temp: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "ASENDUSDOC_SERVE_KEY": KEY, "TMPDIR": str(temp)}
    log = (temp / "server.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "asendusdoc",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/ready", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the service did not get ready")


async def load(
    url: str, mix: list[dict[str, Any]], concurrency: int, pid: int, max_seconds: float
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    rss: list[int] = []
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for request in mix:
        queue.put_nowait(request)
    done = 0
    started = time.monotonic()
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=120, limits=limits) as client:

        async def worker() -> None:
            nonlocal done
            while not queue.empty() and time.monotonic() - started < max_seconds:
                request = queue.get_nowait()
                begun = time.monotonic()
                answer = await client.request(
                    request["method"],
                    request["url"],
                    content=request["body"],
                    headers=request["headers"],
                )
                latencies.append(time.monotonic() - begun)
                statuses[answer.status_code] += 1
                done += 1
                if done % 100 == 0:  # after the first 100, then every 100
                    rss.append(tree_rss(pid))

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.monotonic() - started
    return {"elapsed": elapsed, "latencies": latencies, "statuses": statuses, "rss": rss}


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    return {
        "p50_ms": round(at(0.50) * 1000, 1),
        "p95_ms": round(at(0.95) * 1000, 1),
        "p99_ms": round(at(0.99) * 1000, 1),
    }


def cli_run(count: int, folder: Path) -> dict[str, Any]:
    """The same kind of work by the CLI, one process per document, two at a time."""
    ids = form_ids()
    commands = []
    for number in range(count):
        form = str(EXAMPLES / f"{ids[number % len(ids)]}.json")
        if number % 2:
            commands.append([sys.executable, "-m", "asendusdoc", "validate", form])
        else:
            out = str(folder / f"{number}.pdf")
            commands.append(
                [
                    sys.executable,
                    "-m",
                    "asendusdoc",
                    "render",
                    form,
                    "--lang",
                    "et",
                    "--format",
                    "pdf",
                    "-o",
                    out,
                    "--force",
                ]
            )
    latencies: list[float] = []
    started = time.monotonic()
    running: list[tuple[subprocess.Popen[bytes], float]] = []
    for command in commands:
        while len(running) >= 2:
            for item in running:
                if item[0].poll() is not None:
                    latencies.append(time.monotonic() - item[1])
                    running.remove(item)
                    break
            else:
                time.sleep(0.005)
        running.append((subprocess.Popen(command, stdout=subprocess.DEVNULL), time.monotonic()))
    for process, begun in running:
        process.wait()
        latencies.append(time.monotonic() - begun)
    elapsed = time.monotonic() - started
    return {
        "requests": count,
        "elapsed_s": round(elapsed, 1),
        "throughput_per_s": round(count / elapsed, 1),
        **percentiles(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--cli", type=int, default=100, help="documents done by the CLI (0: none)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "src"))
    from asendusdoc.examples import example_data
    from asendusdoc.product import produce

    pdfs = {form_id: produce(example_data(form_id), "et", "pdf").data for form_id in form_ids()}
    temp = Path(tempfile.mkdtemp(prefix="load-"))
    load_before = os.getloadavg()
    process, url = start_server(args.workers, temp)
    try:
        mix = request_mix(args.requests, pdfs)
        result = asyncio.run(load(url, mix, args.concurrency, process.pid, args.max_seconds))
    finally:
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(120)
    statuses = result["statuses"]
    answered = sum(statuses.values())
    ok = sum(n for status, n in statuses.items() if 200 <= status < 300)
    failures = sum(n for status, n in statuses.items() if status >= 500 and status != 503)
    rss = result["rss"]
    report: dict[str, Any] = {
        "service": {
            "requests": answered,
            "concurrency": args.concurrency,
            "workers": args.workers,
            "statuses": dict(sorted(statuses.items())),
            "share_2xx": round(ok / answered, 4) if answered else 0.0,
            "other_5xx": failures,
            "elapsed_s": round(result["elapsed"], 1),
            "throughput_per_s": round(answered / result["elapsed"], 1),
            **percentiles(result["latencies"]),
            "rss_after_100_mib": round(rss[0] / 2**20, 1) if rss else None,
            "rss_max_later_mib": round(max(rss[1:]) / 2**20, 1) if len(rss) > 1 else None,
            "rss_at_end_mib": round(rss[-1] / 2**20, 1) if rss else None,
            "rss_ratio": round(max(rss[1:]) / rss[0], 3) if len(rss) > 1 else None,
            "exit_code_after_sigterm": exit_code,
        },
        "load_average_before": [round(v, 2) for v in load_before],
    }
    if args.cli:
        report["cli_one_process_per_document"] = cli_run(args.cli, temp)
    report["load_average_after"] = [round(v, 2) for v in os.getloadavg()]
    shutil.rmtree(temp, ignore_errors=True)
    if args.json:
        print(json.dumps(report))
    else:
        print(json.dumps(report, indent=2))
    service = report["service"]
    passed = service["share_2xx"] >= 0.95 and not failures and exit_code == 0
    passed = passed and (service["rss_ratio"] is None or service["rss_ratio"] <= 1.2)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
