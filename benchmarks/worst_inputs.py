"""The worst input of every command, within the input limits: peak memory and time (issue 23).

Issue 23 asks that any input within the input limits (10 MiB for a form file, a PDF or a DOCX;
64 MiB for a file to ``encrypt``) never take more than 1 GB of peak memory or 60 s in any
command. This builds the worst input of each command, runs the command as a whole process
(``python -m asendusdoc ...``) and reports its peak resident memory and its time::

    python benchmarks/worst_inputs.py                 # every case (about 5 minutes)
    python benchmarks/worst_inputs.py render-pdf-diary validate-blank   # some cases
    python benchmarks/worst_inputs.py --json          # the figures as JSON on the last line

Each command is started by a small measuring process of its own (Linux keeps ``ru_maxrss``
across fork and exec, so a command started from this process, which holds the inputs, would
report this process's peak); the measuring process reports its children's peak RSS (of the
largest process: the command, or a worker it waited for), their CPU time and the wall time.
The exit status is 1 when a case goes over 1,024 MiB or 60 s of wall time.

The inputs (fictional, made here):

* ``diary``: the largest client diary the limits allow, 5,000 entries (the list maximum) of
  1,900 characters each, just under 10 MiB;
* ``short-lines``: the same 5,000 entries of a line break every other character (the most
  lines, so the most pages, 10 MiB can hold);
* ``unknown-keys``: a closure of 99,000 unknown keys, just under the values limit and 10 MiB
  (every key a problem);
* ``too-many-values``: 3.4 million empty goals (over the values limit: refused unparsed);
* ``blank``: the diary's fillable Word blank, prefilled with the largest diary (what
  ``validate`` reads as a filled blank);
* ``bundle.pdf``: a PDF carrying three largest diaries (30 MiB of forms, the most one
  document's forms may inflate to is 32 MiB);
* ``case/``: a case folder of the bundle, the largest diary and the examples of every form;
* ``case-of-pdfs/``: thirty 100 KB PDFs, each carrying a largest diary (300 MiB of forms);
* ``plain.bin``: 64 MiB of random bytes (the ``encrypt`` limit), its CDOC and its sealed
  container.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scaling import diary

MEMORY_LIMIT_MIB = 1024
TIME_LIMIT_S = 60.0
SEAL_PASSWORD = "pitsati-parool"

MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
run = subprocess.run(sys.argv[2:], capture_output=True, timeout=float(sys.argv[1]))
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "exit": run.returncode, "wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
    "peak_mib": usage.ru_maxrss / 1024,
    "said": (run.stdout + run.stderr).decode(errors="replace").strip().splitlines()[-1:],
}))
"""


# ---------------------------------------------------------------- inputs


def _largest_diary() -> bytes:
    from asendusdoc.read.budget import MAX_INPUT_BYTES

    chars = 1900
    while True:
        raw = json.dumps(diary(5000, chars), ensure_ascii=False).encode()
        if len(raw) <= MAX_INPUT_BYTES:
            return raw
        chars -= 50


def _short_lines() -> bytes:
    data = diary(5000)
    for entry in data["entries"]:
        entry["description"] = "a\n" * 633
    return json.dumps(data, ensure_ascii=False).encode()


def _unknown_keys() -> bytes:
    from asendusdoc.examples import example_data
    from asendusdoc.read.budget import MAX_FORM_ITEMS, MAX_INPUT_BYTES

    data = example_data("closure")
    values = MAX_FORM_ITEMS - 1_000
    width = (MAX_INPUT_BYTES - 200_000) // values - len('"k000000":"",')
    data.update({f"k{index:06d}": "x" * width for index in range(values)})
    return json.dumps(data, separators=(",", ":")).encode()


def _bundle_pdf(forms: list[bytes]) -> bytes:
    """A PDF whose ``/AF`` carries ``forms`` (client diaries, each in asendusdoc's envelope)."""
    from tests.attacks.pdfs import data_stream, file_spec, pdf

    head = b'{"asendusdoc":"0.1.0","schema":"x/client-diary.schema.json","form":'
    objects: list[bytes] = []
    for index, form in enumerate(forms):
        stream = 3 + len(objects)
        objects += [data_stream(head + form + b"}"), file_spec(stream, b"form-%d.json" % index)]
    specs = b" ".join(b"%d 0 R" % (4 + 2 * index) for index in range(len(forms)))
    return pdf(b"/AF [ " + specs + b" ]", *objects)


def _certificates(folder: Path) -> None:
    """A CDOC recipient (EC P-384, its key in PEM) and an e-seal (PKCS#12), fictional: made as
    the crypto tests make theirs."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from tests.crypto.conftest import _pkcs12, make_certificate

    recipient = make_certificate(folder, "saaja", ec.generate_private_key(ec.SECP384R1()))
    (folder / "saaja-key.pem").write_bytes(
        recipient.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    seal_key = ec.generate_private_key(ec.SECP256R1())
    seal = make_certificate(folder, "pitsat", seal_key, key_usage="content_commitment")
    _pkcs12(folder, "pitsat", seal, SEAL_PASSWORD)
    (folder / "parool.txt").write_text(SEAL_PASSWORD + "\n")


def build(folder: Path) -> None:
    """Every input, into ``folder``."""
    from asendusdoc.examples import example_data
    from asendusdoc.forms import FORM_MODELS

    largest = _largest_diary()
    (folder / "diary.json").write_bytes(largest)
    (folder / "short-lines.json").write_bytes(_short_lines())
    (folder / "unknown-keys.json").write_bytes(_unknown_keys())
    (folder / "too-many-values.json").write_bytes(
        b'{"form": "family-support-referral", "goals": [' + b",".join([b"{}"] * 3_400_000) + b"]}"
    )
    (folder / "bundle.pdf").write_bytes(_bundle_pdf([largest] * 3))
    case = folder / "case"
    case.mkdir()
    for number, form_id in enumerate(sorted(FORM_MODELS), 1):
        (case / f"{number:02d}-{form_id}.json").write_text(json.dumps(example_data(form_id)))
    shutil.copy(folder / "diary.json", case / "20-largest-diary.json")
    shutil.copy(folder / "bundle.pdf", case / "21-bundle.pdf")
    carried = folder / "case-of-pdfs"  # 100 KB PDFs, each carrying a largest diary
    carried.mkdir()
    for number in range(30):
        (carried / f"{number:02d}-paevik.pdf").write_bytes(_bundle_pdf([largest]))
    (folder / "plain.bin").write_bytes(os.urandom(64 * 1024 * 1024))
    _certificates(folder)


# ---------------------------------------------------------------- cases

ASENDUSDOC = [sys.executable, "-m", "asendusdoc"]

CASES: dict[str, list[str]] = {
    "validate-diary": ["validate", "diary.json"],
    "validate-unknown-keys": ["validate", "unknown-keys.json"],
    "validate-unknown-keys-json": ["validate", "unknown-keys.json", "--json"],
    "validate-too-many-values": ["validate", "too-many-values.json"],
    "render-pdf-diary": ["render", "diary.json", "-o", "out/diary.pdf", "--force"],
    "render-pdf-short-lines": ["render", "short-lines.json", "-o", "out/lines.pdf", "--force"],
    "render-docx-diary": ["render", "diary.json", "-o", "out/diary.docx", "--force"],
    "render-docx-short-lines": ["render", "short-lines.json", "-o", "out/lines.docx", "--force"],
    "blank-prefill-diary": ["blank", "client-diary", "--prefill", "diary.json", "-o",
                            "blank.docx", "--force"],
    "validate-blank": ["validate", "blank.docx"],
    "render-pdf-blank": ["render", "blank.docx", "-o", "out/blank.pdf", "--force"],
    "validate-bundle-pdf": ["validate", "bundle.pdf"],
    "extract-bundle-pdf": ["extract", "bundle.pdf", "--out-dir", "out/extracted", "--force"],
    "check-case": ["check", "case", "--today", "2026-11-22"],
    "check-case-of-pdfs": ["check", "case-of-pdfs", "--today", "2026-11-22"],
    "agenda-case": ["agenda", "case", "--today", "2026-11-22"],
    "needs-report-case": ["needs-report", "case", "-o", "out/needs.pdf", "--force"],
    "draft-report-diary": ["draft-report", "diary.json", "--month", "2026-10", "-o",
                           "out/report.json", "--force"],
    "produce-docx-cdoc": ["render", "diary.json", "-o", "out/diary.docx.cdoc",
                                 "--cdoc-to", "saaja.pem", "--force"],
    "encrypt-cdoc1-64mib": ["encrypt", "plain.bin", "-o", "out/plain.bin.cdoc",
                            "--cdoc-to", "saaja.pem", "--force"],
    "decrypt-cdoc1-64mib": ["decrypt", "out/plain.bin.cdoc", "-o", "out/plain.back",
                            "--key", "saaja-key.pem", "--force"],
    "seal-64mib": ["seal", "plain.bin", "-o", "out/plain.asice", "--asice-seal-with",
                   "pitsat.p12", "--seal-password-file", "parool.txt", "--force"],
    "verify-64mib": ["verify", "out/plain.asice", "--trust", "pitsat.pem"],
}  # fmt: skip


NEEDS = {
    "validate-blank": "blank-prefill-diary",
    "render-pdf-blank": "blank-prefill-diary",
    "decrypt-cdoc1-64mib": "encrypt-cdoc1-64mib",
    "verify-64mib": "seal-64mib",
}
"""A case that reads what another case wrote, and that case."""


def measure(folder: Path, arguments: list[str]) -> dict[str, Any]:
    """Run ``arguments`` in ``folder`` under a measuring process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(TIME_LIMIT_S * 10), *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


SERVE_DRIVER = """
import json, os, signal, subprocess, sys, time, urllib.error, urllib.request
port = sys.argv[1]
server = subprocess.Popen([sys.executable, "-m", "asendusdoc", "serve", "--port", port,
                           "--workers", "1"], stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
for _ in range(600):
    try:
        urllib.request.urlopen(base + "/ready", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
said = {}
for name, path, body in (("render-docx", "/v1/documents?lang=et&format=docx", "diary.json"),
                         ("render-pdf", "/v1/documents?lang=et&format=pdf", "diary.json"),
                         ("validate", "/v1/validate", "unknown-keys.json")):
    request = urllib.request.Request(base + path, data=open(body, "rb").read(), headers={
        "Authorization": "Bearer " + os.environ["ASENDUSDOC_SERVE_KEY"],
        "Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        status = urllib.request.urlopen(request, timeout=300).status
    except urllib.error.HTTPError as error:
        status = error.code
    said[name] = [status, round(time.perf_counter() - started, 1)]
def peak_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
parents = {}
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            stat = open(f"/proc/{entry}/stat").read()
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        except OSError:
            pass
tree, grown = {server.pid}, True
while grown:
    more = {pid for pid, parent in parents.items() if parent in tree} - tree
    tree |= more
    grown = bool(more)
said["largest_process_peak_mib"] = round(max(peak_kib(pid) for pid in tree) / 1024)
said["processes"] = len(tree)
server.send_signal(signal.SIGTERM)
server.wait(timeout=120)
print(json.dumps(said))
"""


def serve_case(folder: Path) -> dict[str, Any]:
    """``serve`` with one worker: the largest diary to DOCX and PDF, 99,000 unknown keys to
    validate. The service's worker is no child this process waits for: the driver reports the
    largest peak (``VmHWM``) of the service's processes before it stops them."""
    os.environ["ASENDUSDOC_SERVE_KEY"] = "a-long-random-benchmark-key"
    return measure(folder, [sys.executable, "-c", SERVE_DRIVER, "18742"])


# ---------------------------------------------------------------- main


def run(names: list[str]) -> dict[str, dict[str, Any]]:
    figures: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="worst-inputs-") as name:
        folder = Path(name)
        started = time.perf_counter()
        build(folder)
        (folder / "out" / "extracted").mkdir(parents=True)
        names = [*(NEEDS[name] for name in names if name in NEEDS), *names]
        print(f"inputs built in {time.perf_counter() - started:.0f} s; load {os.getloadavg()}")
        steps: dict[str, Callable[[], dict[str, Any]]] = {
            case: (lambda arguments=arguments: measure(folder, ASENDUSDOC + arguments))
            for case, arguments in CASES.items()
        }
        steps["serve"] = lambda: serve_case(folder)
        for case, step in steps.items():
            if names and case not in names:
                continue
            result = step()
            figures[case] = result
            over = result["peak_mib"] > MEMORY_LIMIT_MIB or result["wall_s"] > TIME_LIMIT_S
            print(
                f"{case:28} exit {result['exit']}  {result['wall_s']:6.1f} s wall "
                f"{result['cpu_s']:6.1f} s cpu  {result['peak_mib']:6.0f} MiB"
                f"{'  OVER' if over else ''}  {' '.join(result['said'])[:90]}",
                flush=True,
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help=f"some of: {', '.join([*CASES, 'serve'])}")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    figures = run(args.cases)
    if args.json:
        print(json.dumps(figures))
    over = [
        case
        for case, result in figures.items()
        if result["peak_mib"] > MEMORY_LIMIT_MIB or result["wall_s"] > TIME_LIMIT_S
    ]
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
