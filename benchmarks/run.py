"""Benchmarks against what users would otherwise use (issue 9).

Run from a checkout after the README's install (``pip install -e ".[test]"``)::

    python benchmarks/run.py            # full: about 2 to 3 minutes
    python benchmarks/run.py --quick    # under a minute: fewer repeats and forms
    python benchmarks/run.py --json     # the figures as one JSON object on the last line

Every figure is the median of repeated runs in this one process (or of repeated subprocesses
where a whole process is what is measured; two commands compared are run by turns, so that a
machine busy with other work slows both alike). Subprocesses run with Python's bytecode cache
(``PYTHONDONTWRITEBYTECODE`` removed, a warm-up run first), as an installed package has it.
The figures and their targets:

==============================  ==========================================================  ======
key                             what                                                        target
==============================  ==========================================================  ======
validate_speedup_vs_jsonschema  1,000 varied forms as dicts: jsonschema's time / ours        >= 10
                                (``form_adapter().validate_python`` against
                                ``Draft202012Validator(schema).iter_errors``, compiled once;
                                a fresh set of forms each repeat; 500 with ``--quick``)
docx_overhead_vs_docxtpl        referral to DOCX: ``render_docx(form, "et")`` / plain        <= 1.25
                                docxtpl on the same template and prepared context
pdf_ms_median                   the two-page referral to PDF, milliseconds                   <= 40
                                (pdf_cpu_ms_median: its CPU time, less hit by a busy machine)
pdf_speedup_vs_libreoffice      ``soffice --headless --convert-to pdf`` of our DOCX / our
                                PDF (null without ``soffice``)
python_startup_ms               ``python -c pass`` as a whole process (the yardstick)
cli_startup_ms                  ``asendusdoc --version`` as a whole process
cli_startup_ratio               cli_startup_ms / python_startup_ms, run by turns             <= 6
validate_process_ratio          ``asendusdoc validate`` of one referral as a whole process   <= 15
                                / ``python -c pass`` (validate_process_ms: its time)
batch_speedup_2_jobs            forms to PDF with ``render --out-dir``: ``--jobs 1`` time /
                                ``--jobs 2`` time (80 forms; 40 with ``--quick``)
cpu_parallel_ceiling_2_procs    the same ratio for pure arithmetic in 1 and 2 processes,
                                measured by turns with the batch: what the machine allows
batch_parallel_efficiency       batch_speedup_2_jobs / cpu_parallel_ceiling_2_procs          >= 0.9
diary_500_pdf_ms                the 500-entry client diary to PDF, milliseconds
diary_500_peak_mib              its tracemalloc peak while rendering (MiB; null with --quick)
diary_500_maxrss_mib            peak RSS of a whole process that renders it (MiB), beside
                                process_maxrss_before_diary_mib, the same process's peak
                                after rendering a one-entry diary (imports, fonts)
==============================  ==========================================================  ======
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SCHEMAS = REPO / "schemas"
REFERRAL = "family-support-referral"

TARGETS: dict[str, tuple[str, float]] = {
    "validate_speedup_vs_jsonschema": (">=", 10.0),
    "docx_overhead_vs_docxtpl": ("<=", 1.25),
    "pdf_ms_median": ("<=", 40.0),
    "cli_startup_ratio": ("<=", 6.0),
    "validate_process_ratio": ("<=", 15.0),
    "batch_parallel_efficiency": (">=", 0.9),
}

# --- Varied forms ------------------------------------------------------------------------------

_GIVEN_NAMES = (
    "Mari", "Kati", "Liis", "Anu", "Jaan", "Toomas", "Rasmus", "Kristjan", "Ülle", "Jüri",
    "Olga", "Irina", "Svetlana", "Dmitri", "Aleksei", "Nikolai", "Sofia", "Marta", "Õnne", "Märt",
)  # fmt: skip
_FAMILY_NAMES = (
    "Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel",
    "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vassiljev", "Petrov", "Sokolov", "Lepik",
)  # fmt: skip
_SENTENCES = (
    "Perega lepiti kokku järgmine kohtumine.",
    "Lapse õpetaja kinnitas, et olukord koolis on paranenud.",
    "Vanemad soovivad rohkem tuge õhtuste rutiinide loomisel.",
    "Семья попросила перенести встречу на вечернее время.",
    "Ребёнок начал посещать кружок рисования два раза в неделю.",
    "Tugiisik saatis kokkuvõtte e-kirjaga ja pere kinnitas selle.",
)
_TEXT_KEYS = frozenset(
    {
        "comment", "communication_principles", "confidentiality", "description", "difficulties",
        "expected_outcome", "family_situation", "family_strengths", "further_needs", "goal",
        "indicator", "justification", "needs_assessment", "next_steps", "notes",
        "previous_service_details", "progress", "recommendations", "situation",
    }
)  # fmt: skip
_DATE_KEYS = frozenset(
    {
        "date", "document_date", "due", "leaving_care_date", "period_end", "period_start",
        "placement_date", "service_end", "service_start",
    }
)  # fmt: skip
_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 1)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)


def _check_digit(first_ten: str) -> int:
    """The isikukood check digit (EVS 585), written out here so the benchmark stands alone."""
    for weights in (_WEIGHTS_1, _WEIGHTS_2):
        remainder = sum(int(d) * w for d, w in zip(first_ten, weights, strict=True)) % 11
        if remainder < 10:
            return remainder
    return 0


def example_forms() -> dict[str, dict[str, Any]]:
    """The bundled example of each form id, read from ``examples/``."""
    return {
        path.stem: json.loads(path.read_text("utf-8")) for path in sorted(EXAMPLES.glob("*.json"))
    }


def _vary(value: Any, key: str, rng: random.Random, shift: int) -> Any:
    if isinstance(value, dict):
        varied = {k: _vary(v, k, rng, shift) for k, v in value.items()}
        if "position" in varied and "name" in varied:  # a worker: a person's name
            varied["name"] = f"{rng.choice(_GIVEN_NAMES)} {rng.choice(_FAMILY_NAMES)}"
        return varied
    if isinstance(value, list):
        items = [_vary(item, f"{key}[]", rng, shift) for item in value]
        if key == "goals" and items and isinstance(items[-1], dict) and "key" in items[-1]:
            extra = copy.deepcopy(items[-1])
            extra["key"] = f"L{len(items) + 1}"
            extra["description"] = rng.choice(_SENTENCES)
            items.append(extra)
        return items
    if not isinstance(value, str):
        return value
    if key == "given_name":
        return rng.choice(_GIVEN_NAMES)
    if key == "family_name":
        return rng.choice(_FAMILY_NAMES)
    if key == "personal_code":  # same birth date, another serial number, a valid check digit
        first_ten = value[:7] + f"{rng.randrange(1000):03d}"
        return first_ten + str(_check_digit(first_ten))
    if key == "phone":
        return f"+372 5{rng.randrange(100, 1000)} {rng.randrange(1000, 10000)}"
    if key == "email":
        return f"{rng.choice(_GIVEN_NAMES).lower()}.{rng.randrange(10_000)}@example.com"
    if key in _DATE_KEYS:
        date = dt.date.fromisoformat(value)
        day = min(date.day, 28) if date.month == 2 else date.day  # no 29 February in most years
        return date.replace(year=date.year - shift, day=day).isoformat()
    if key in _TEXT_KEYS:
        return f"{value} {rng.choice(_SENTENCES)} (nr {rng.randrange(10_000)})"
    return value


def make_varied_forms(count: int = 1000, seed: int = 9) -> list[dict[str, Any]]:
    """``count`` valid forms of all nine kinds, each an example with its details varied.

    Names, personal codes (same birth date, new serial and check digit), phones, e-mails and
    free texts change; every date but birth dates moves back by the same 0 to 2 years (whole
    years, so the forms' date and period rules still hold); forms with keyed goals get one more
    goal. Deterministic for a given ``seed``.
    """
    rng = random.Random(seed)
    examples = list(example_forms().values())
    forms = []
    for index in range(count):
        shift = rng.randrange(3)
        forms.append(_vary(examples[index % len(examples)], "", rng, shift))
    return forms


def diary_with_entries(count: int = 500) -> dict[str, Any]:
    """The example client diary grown to ``count`` entries, a few a day over its period."""
    diary = example_forms()["client-diary"]
    start = dt.date.fromisoformat(diary["period_start"])
    days = (dt.date.fromisoformat(diary["period_end"]) - start).days + 1
    template = diary["entries"]
    diary["entries"] = [
        {
            **template[index % len(template)],
            "date": (start + dt.timedelta(days=index * days // count)).isoformat(),
        }
        for index in range(count)
    ]
    return diary


# --- Measuring ---------------------------------------------------------------------------------


def median_seconds(
    action: Callable[[], object],
    repeats: int,
    *,
    warm_up: bool = True,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """The median time of ``repeats`` calls of ``action``, wall time unless ``clock`` says."""
    if warm_up:
        action()
    times = []
    for _ in range(repeats):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times)


def paired_medians(
    ours: Callable[[], object],
    theirs: Callable[[], object],
    repeats: int,
    *,
    warm_up: bool = True,
) -> tuple[float, float]:
    """Median times of two actions run alternately, so drift of the machine hits both alike."""
    if warm_up:
        ours()
        theirs()
    our_times, their_times = [], []
    for _ in range(repeats):
        for action, times in ((ours, our_times), (theirs, their_times)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return statistics.median(our_times), statistics.median(their_times)


def paired_medians_on(
    ours: Callable[[Any], object], theirs: Callable[[Any], object], inputs: Iterator[Any]
) -> tuple[float, float]:
    """As :func:`paired_medians`, but each repeat gets the next input (the first warms up)."""
    first = next(inputs)
    ours(first)
    theirs(first)
    our_times, their_times = [], []
    for value in inputs:
        for action, times in ((ours, our_times), (theirs, their_times)):
            start = time.perf_counter()
            action(value)
            times.append(time.perf_counter() - start)
    return statistics.median(our_times), statistics.median(their_times)


def _cli() -> list[str]:
    script = shutil.which("asendusdoc")
    return [script] if script else [sys.executable, "-m", "asendusdoc"]


def _environment() -> dict[str, str]:
    """The benchmark's environment for subprocesses: with Python's bytecode cache."""
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def _run(command: list[str], **kwargs: Any) -> None:
    subprocess.run(command, check=True, capture_output=True, env=_environment(), **kwargs)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def _timed(name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    _log(f"  {name}: {time.perf_counter() - start:.1f} s")


# --- The benchmarks ----------------------------------------------------------------------------


def bench_validation(count: int, repeats: int) -> dict[str, Any]:
    """Our validator against jsonschema's Draft 2020-12 validator, both compiled once.

    Each repeat validates a fresh set of ``count`` varied forms (the same set on both sides), so
    a cache keyed on field values (phone numbers, e-mails) cannot make a repeat look free.
    """
    from jsonschema import Draft202012Validator

    from asendusdoc.forms import form_adapter

    adapter = form_adapter()
    validators = {
        path.name.removesuffix(".schema.json"): Draft202012Validator(
            json.loads(path.read_text("utf-8"))
        )
        for path in SCHEMAS.glob("*.schema.json")
    }  # no format_checker: format checking off
    rounds = [make_varied_forms(count, seed=seed) for seed in range(2 * repeats + 2)]
    for form in rounds[0]:  # both sides must accept the forms, or the comparison is void
        adapter.validate_python(form)
        errors = list(validators[form["form"]].iter_errors(form))
        assert not errors, errors[0].message

    def ours(forms: list[dict[str, Any]]) -> None:
        for form in forms:
            adapter.validate_python(form)

    def theirs(forms: list[dict[str, Any]]) -> None:
        for form in forms:
            list(validators[form["form"]].iter_errors(form))

    def ours_bytes(payloads: list[bytes]) -> None:
        for payload in payloads:
            adapter.validate_json(payload)

    def theirs_bytes(payloads: list[bytes]) -> None:
        for payload in payloads:
            form = json.loads(payload)
            list(validators[form["form"]].iter_errors(form))

    dict_rounds = iter(rounds[: repeats + 1])
    byte_rounds = iter(
        [json.dumps(form, ensure_ascii=False).encode() for form in forms]
        for forms in rounds[repeats + 1 :]
    )
    our_time, their_time = paired_medians_on(ours, theirs, dict_rounds)
    our_bytes, their_bytes = paired_medians_on(ours_bytes, theirs_bytes, byte_rounds)
    return {
        "validate_forms": count,
        "validate_ours_us_per_form": round(our_time / count * 1e6, 1),
        "validate_jsonschema_us_per_form": round(their_time / count * 1e6, 1),
        "validate_speedup_vs_jsonschema": round(their_time / our_time, 2),
        "validate_json_bytes_speedup_vs_jsonschema": round(their_bytes / our_bytes, 2),
    }


def bench_docx(form: Any, repeats: int) -> dict[str, Any]:
    """Our DOCX API against plain docxtpl on the same template and prepared context."""
    from docxtpl import DocxTemplate

    from asendusdoc.render import build_document, render_docx
    from asendusdoc.render.docx import template_path

    document = build_document(form, "et")
    context = document.as_template_context()
    path = template_path(document.form_id, document.lang)

    def theirs() -> None:
        template = DocxTemplate(path)
        template.render(context, autoescape=True)
        template.save(io.BytesIO())

    our_time, their_time = paired_medians(lambda: render_docx(form, "et"), theirs, repeats)
    return {
        "docx_ms_median": round(our_time * 1000, 1),
        "docxtpl_ms_median": round(their_time * 1000, 1),
        "docx_overhead_vs_docxtpl": round(our_time / their_time, 3),
    }


def bench_pdf(form: Any, repeats: int, soffice_repeats: int) -> dict[str, Any]:
    """Our PDF of the referral, and LibreOffice converting our DOCX of it, when installed."""
    from pypdf import PdfReader

    from asendusdoc.render import render_docx, render_pdf

    pages = len(PdfReader(io.BytesIO(render_pdf(form, "et"))).pages)
    assert pages == 2, f"the benchmark referral should make 2 pages, not {pages}"
    pdf_time = median_seconds(lambda: render_pdf(form, "et"), repeats)
    cpu_time = median_seconds(lambda: render_pdf(form, "et"), repeats, clock=time.process_time)
    result: dict[str, Any] = {
        "pdf_pages": pages,
        "pdf_ms_median": round(pdf_time * 1000, 1),
        "pdf_cpu_ms_median": round(cpu_time * 1000, 1),
    }
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    result["soffice_ms_median"] = None
    result["pdf_speedup_vs_libreoffice"] = None
    if soffice is None:
        return result
    with tempfile.TemporaryDirectory(prefix="asendusdoc-bench-") as folder:
        source = Path(folder) / "referral.docx"
        source.write_bytes(render_docx(form, "et"))
        profile = Path(folder, "profile").as_uri()  # its own profile: no clash with a user's
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless",
            "--convert-to", "pdf", "--outdir", folder, str(source),
        ]  # fmt: skip
        soffice_time = median_seconds(lambda: _run(command, timeout=120), soffice_repeats)
        assert (Path(folder) / "referral.pdf").is_file()
    result["soffice_ms_median"] = round(soffice_time * 1000, 1)
    result["pdf_speedup_vs_libreoffice"] = round(soffice_time / pdf_time, 1)
    return result


def bench_cli_startup(repeats: int) -> dict[str, Any]:
    """``asendusdoc --version`` and ``asendusdoc validate`` of one referral, each as a whole
    process, by turns with ``python -c pass`` (Python's own start, the yardstick)."""
    python = [sys.executable, "-c", "pass"]
    version = [*_cli(), "--version"]
    validate = [*_cli(), "validate", str(EXAMPLES / f"{REFERRAL}.json")]
    cli, python_alone = paired_medians(lambda: _run(version), lambda: _run(python), repeats)
    validating, python_again = paired_medians(lambda: _run(validate), lambda: _run(python), repeats)
    return {
        "python_startup_ms": round(statistics.median([python_alone, python_again]) * 1000, 1),
        "cli_startup_ms": round(cli * 1000, 1),
        "cli_startup_ratio": round(cli / python_alone, 2),
        "validate_process_ms": round(validating * 1000, 1),
        "validate_process_ratio": round(validating / python_again, 2),
    }


def bench_batch(forms: list[dict[str, Any]], repeats: int) -> dict[str, Any]:
    """``render --out-dir`` of many forms to PDF with two processes against one, and the
    machine's ceiling for two processes, measured by turns with it (other work on a shared
    machine takes cores away: the batch is judged against what the machine allowed then)."""
    with tempfile.TemporaryDirectory(prefix="asendusdoc-bench-") as folder:
        names = []
        for index, form in enumerate(forms):
            path = Path(folder) / f"{index:04d}-{form['form']}.json"
            path.write_text(json.dumps(form, ensure_ascii=False), "utf-8")
            names.append(path.name)
        (Path(folder) / "out").mkdir()
        base = [*_cli(), "render", *names, "--lang", "et", "--format", "pdf"]
        base += ["--out-dir", "out", "--force"]

        def run(jobs: int) -> Callable[[], None]:
            return lambda: _run([*base, "--jobs", str(jobs)], cwd=folder)

        run(1)()  # warm-up: bytecode caches, fonts in the page cache
        batch, ceiling = [], []
        for _ in range(repeats):
            one, two = paired_medians(run(1), run(2), 1, warm_up=False)
            batch.append(one / two)
            ceiling.append(_parallel_ceiling())
        rendered = len(list((Path(folder) / "out").glob("*.pdf")))
        assert rendered == len(forms), f"{rendered} of {len(forms)} PDFs rendered"
    speedup, limit = statistics.median(batch), statistics.median(ceiling)
    return {
        "batch_forms": len(forms),
        "batch_speedup_2_jobs": round(speedup, 2),
        "cpu_parallel_ceiling_2_procs": round(limit, 2),
        "batch_parallel_efficiency": round(speedup / limit, 2),
    }


def _spin(count: int) -> int:
    total = 0
    for number in range(count):
        total += number
    return total


def _parallel_ceiling() -> float:
    """What two processes gain on this machine now, on pure arithmetic: one pool of one
    worker against one of two, each summing the same numbers."""
    from concurrent.futures import ProcessPoolExecutor

    def run(workers: int) -> Callable[[], None]:
        def action() -> None:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                list(pool.map(_spin, [3_000_000] * 8))

        return action

    one, two = paired_medians(run(1), run(2), 1, warm_up=False)
    return one / two


def bench_diary(repeats: int, *, trace_memory: bool) -> dict[str, Any]:
    """The 500-entry client diary to PDF: time, Python memory peak, and a whole process's RSS.

    ``tracemalloc`` slows the render about eightfold, so ``--quick`` leaves that figure out.
    """
    from asendusdoc.read.loading import load_form
    from asendusdoc.render import render_pdf

    form = load_form(diary_with_entries(500))
    seconds = median_seconds(lambda: render_pdf(form, "et"), repeats, warm_up=False)
    peak = None
    if trace_memory:
        tracemalloc.start()
        render_pdf(form, "et")
        peak = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    output = subprocess.run(
        [sys.executable, __file__, "--diary-maxrss"], check=True, capture_output=True, text=True
    ).stdout
    before, after = (float(value) for value in output.split())
    return {
        "diary_500_pdf_ms": round(seconds * 1000, 1),
        "diary_500_peak_mib": peak,
        "diary_500_maxrss_mib": round(after, 1),
        "process_maxrss_before_diary_mib": round(before, 1),
    }


def _peak_rss_mib() -> float:
    """This process's peak RSS in MiB: Linux's ``VmHWM`` (``ru_maxrss`` can carry over the
    parent's size through fork, so it is only the fallback)."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _diary_maxrss() -> None:
    """Child process: peak RSS after rendering a one-entry diary (imports, fonts), then after
    rendering the 500-entry diary."""
    from asendusdoc.render import render_pdf

    render_pdf(diary_with_entries(1), "et")
    print(round(_peak_rss_mib(), 1))
    render_pdf(diary_with_entries(500), "et")
    print(round(_peak_rss_mib(), 1))


# --- Report ------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def target_verdicts(figures: dict[str, Any]) -> dict[str, bool]:
    """For each figure with a target: is the target met?"""
    verdicts = {}
    for key, (relation, limit) in TARGETS.items():
        value = figures.get(key)
        if value is not None:
            verdicts[key] = value >= limit if relation == ">=" else value <= limit
    return verdicts


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark; print a table, or with ``--json`` one JSON object last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and forms (< 1 min)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON last")
    parser.add_argument("--diary-maxrss", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.diary_maxrss:
        _diary_maxrss()
        return 0

    from asendusdoc.read.loading import load_form

    quick = args.quick
    forms = make_varied_forms(80)
    referral = load_form(example_forms()[REFERRAL])
    figures: dict[str, Any] = {"quick": quick, **machine()}
    _log("benchmarks (" + ("quick" if quick else "full") + "):")
    with _timed("validation"):
        figures.update(bench_validation(500 if quick else 1000, repeats=3 if quick else 9))
    with _timed("docx"):
        figures.update(bench_docx(referral, repeats=10 if quick else 40))
    with _timed("pdf"):
        figures.update(bench_pdf(referral, repeats=10 if quick else 40, soffice_repeats=1))
    with _timed("start-up"):
        figures.update(bench_cli_startup(repeats=5 if quick else 15))
    with _timed("batch"):
        figures.update(bench_batch(forms[: 40 if quick else 80], repeats=1 if quick else 3))
    with _timed("diary"):
        figures.update(bench_diary(repeats=1 if quick else 5, trace_memory=not quick))
    figures["load_average_1min_after"] = round(os.getloadavg()[0], 2)
    figures["targets_met"] = target_verdicts(figures)

    for key, value in figures.items():
        if key != "targets_met":
            mark = ""
            if key in figures["targets_met"]:
                relation, limit = TARGETS[key]
                verdict = "met" if figures["targets_met"][key] else "MISSED"
                mark = f"  (target {relation} {limit:g}: {verdict})"
            print(f"{key:45} {value}{mark}")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
