"""``render`` and ``encrypt``: parse the arguments, read, :func:`asendusdoc.produce`, write.

``render A.json -o A.pdf`` renders one form; ``render A.json B.json --format pdf -o both.pdf``
joins several forms into one PDF; ``render *.json --out-dir DIR [--jobs N]`` renders each form
to its own file (a progress bar on a terminal), reporting a bad file and going on.
``encrypt FILE -o OUT`` protects any file. Keys and passwords are read once, before any job
(``cli/_protection.py``); validating, rendering and protecting are the library's
(:mod:`asendusdoc.product`). ``--json`` prints one JSON object per output file on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asendusdoc.cli._common import (
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    INTERNAL_ERROR,
    add_lang_option,
    cli_language,
    gettext_for,
    ngettext_for,
    printable_text,
    whole_number,
)
from asendusdoc.cli._input import load_input
from asendusdoc.cli._protection import (
    add_asice_seal_options,
    add_protection_options,
    protection_from_arguments,
    protection_suffix,
)
from asendusdoc.errors import AsendusdocError, FormValidationError
from asendusdoc.i18n import DOCUMENT_LANGUAGES
from asendusdoc.protect import (
    CdocEnvelope,
    Protection,
    RecipientSummary,
    SealSummary,
    check_protection,
    without_envelope_suffix,
)
from asendusdoc.read.budget import MAX_PROBLEMS_SHOWN

if TYPE_CHECKING:
    from asendusdoc.render.restriction import AccessRestriction

from asendusdoc.cli._received import add_received_options

__all__ = ["register"]


@dataclass(frozen=True)
class Job:
    """One output file to make from one or more input files."""

    inputs: tuple[str, ...]
    output: Path
    lang: str
    """The document language, et or ru."""
    messages: str
    """The language of messages, et, ru or en."""
    fmt: str
    force: bool
    template_dir: Path | None
    protection: Protection
    restriction_holder: str | None = None
    restriction_years: int | None = None
    embedded_data: bool = True
    """Whether the document carries its form as data (``--no-embedded-data`` leaves it out)."""


@dataclass
class Outcome:
    """What became of a job: an exit code, the lines to show and, when written, the record."""

    job: Job
    exit_code: int
    lines: list[str] = field(default_factory=list)
    recipients: tuple[RecipientSummary, ...] = ()
    seal: SealSummary | None = None
    written: str = ""
    """The line that says what was written (``--json`` says it in its object instead)."""

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` object of this output file."""
        return {
            "path": str(self.job.output),
            "inputs": list(self.job.inputs),
            "ok": self.exit_code == EXIT_OK,
            "exit_code": self.exit_code,
            "recipients": [recipient.as_json() for recipient in self.recipients],
            "seal": self.seal.as_json() if self.seal is not None else None,
            "messages": [] if self.exit_code == EXIT_OK else self.lines,
        }


def register(commands: Any) -> None:
    """Add ``render`` and ``encrypt`` to the CLI."""
    _ = gettext_for(cli_language())
    render = commands.add_parser("render")
    render.add_argument("files", nargs="+", metavar=_("FILE"), help=_("form file(s), - for stdin"))
    render.add_argument(
        "--format",
        choices=("docx", "pdf"),
        default=None,
        dest="fmt",
        help=_("the document format (default: from the ending of -o, else pdf)"),
    )
    target = render.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", type=Path, metavar=_("OUT"), help=_("the output file"))
    target.add_argument(
        "--out-dir", type=Path, metavar=_("DIR"), help=_("one output file per form in DIR")
    )
    render.add_argument("--force", action="store_true", help=_("overwrite existing files"))
    render.add_argument(
        "--template-dir",
        type=Path,
        metavar=_("DIR"),
        help=_("own DOCX templates: DIR/<lang>/<id>.docx"),
    )
    render.add_argument(
        "--jobs",
        type=whole_number(1, JOBS_MAX),
        default=1,
        metavar="N",
        help=_("render in N processes (--out-dir), at most one per processor"),
    )
    render.add_argument(
        "--doc-lang",
        choices=DOCUMENT_LANGUAGES,
        help=_(
            "document language when it differs from --lang (e.g. English messages, "
            "Russian documents); --lang en gives Estonian documents"
        ),
    )
    render.add_argument(
        "--restriction-holder",
        type=printable_text(200),
        metavar=_("NAME"),
        help=_("holder of the information in the access-restriction marking (default: the issuer)"),
    )
    render.add_argument(
        "--restriction-years",
        type=whole_number(1, 75),
        metavar="N",
        help=_(
            "how many years access is restricted, 1 to 75 (default: 75, the term for personal data)"
        ),
    )
    render.add_argument(
        "--no-embedded-data",
        dest="embedded_data",
        action="store_false",
        help=_("leave out the form data the document carries"),
    )
    add_protection_options(render, passwords=True)
    _add_json_option(render)
    add_asice_seal_options(render, passwords=False)
    add_received_options(render)
    render.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=_("say nothing when a document is written (problems are still shown)"),
    )
    add_lang_option(render, default=False)
    render.set_defaults(handler=_render)

    encrypt = commands.add_parser("encrypt")
    encrypt.add_argument("file", metavar=_("FILE"), help=_("the file to encrypt"))
    encrypt.add_argument(
        "-o", "--output", type=Path, required=True, metavar=_("OUT"), help=_("the output file")
    )
    encrypt.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    add_protection_options(encrypt, passwords=False)
    _add_json_option(encrypt)
    add_lang_option(encrypt, default=False)
    encrypt.set_defaults(handler=_encrypt)


def _add_json_option(parser: argparse.ArgumentParser) -> None:
    _ = gettext_for(cli_language())
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("print one JSON object per output file (path, recipients) on standard output"),
    )


def _usage_error(lang: str, message: str) -> int:
    _ = gettext_for(lang)
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return EXIT_USAGE


def _read_protection(args: argparse.Namespace) -> Protection | int:
    """The protection the arguments ask for, or the exit code of a refusal (already shown)."""
    from asendusdoc.cli._hints import error_text

    _ = gettext_for(args.lang)
    if args.sign_with is not None and not args.encrypt_to:
        return _usage_error(args.lang, _("--sign-with needs --encrypt-to"))
    if args.cdoc_to and args.encrypt_to:
        return _usage_error(
            args.lang, _("choose --cdoc-to (CDOC) or --encrypt-to (OpenPGP), not both")
        )
    if getattr(args, "password_file", None) and getattr(args, "password_env", None):
        return _usage_error(args.lang, _("give --password-file or --password-env, not both"))
    if args.sign_passphrase_file is not None and args.sign_passphrase_env is not None:
        return _usage_error(
            args.lang, _("give --sign-passphrase-file or --sign-passphrase-env, not both")
        )
    if args.sign_with is None and (
        args.sign_passphrase_file is not None or args.sign_passphrase_env is not None
    ):
        return _usage_error(args.lang, _("a signing passphrase needs --sign-with"))
    if getattr(args, "seal_password_file", None) and getattr(args, "seal_password_env", None):
        return _usage_error(
            args.lang, _("give --seal-password-file or --seal-password-env, not both")
        )
    try:
        protection = protection_from_arguments(args)
        # refuse what cannot work before any work
        check_protection(protection, getattr(args, "fmt", None))
    except AsendusdocError as exc:
        return _usage_error(args.lang, error_text(exc, args.lang))
    return protection


def _format_of(args: argparse.Namespace) -> str | None:
    """The document format: ``--format``, else the ending of ``-o`` (``x.docx``,
    ``x.pdf.gpg``), else PDF; None when ``--format`` contradicts the ending (a usage error)."""
    named = None
    if args.output is not None:
        ending = Path(without_envelope_suffix(args.output.name)).suffix.lower()
        if ending in (".docx", ".pdf"):
            named = ending.lstrip(".")
    if args.fmt is not None and named is not None and args.fmt != named:
        return None
    return args.fmt or named or "pdf"


def _render(args: argparse.Namespace) -> int:
    _ = gettext_for(args.lang)
    lang = args.doc_lang or (args.lang if args.lang in DOCUMENT_LANGUAGES else "et")
    fmt = _format_of(args)
    if fmt is None:
        return _usage_error(
            args.lang,
            _("--format {fmt} does not match the ending of {path}").format(
                fmt=args.fmt, path=args.output
            ),
        )
    args.fmt = fmt
    if args.restriction_years is not None and not 1 <= args.restriction_years <= 110:
        return _usage_error(args.lang, _("--restriction-years must be between 1 and 110"))
    if args.output is not None:
        from asendusdoc.cli._hints import error_text
        from asendusdoc.product import check_bundle

        try:
            check_bundle(len(args.files), args.fmt)
        except AsendusdocError as exc:
            return _usage_error(args.lang, error_text(exc, args.lang))
    if args.output is None and "-" in args.files:
        return _usage_error(args.lang, _("standard input cannot be used with --out-dir"))
    protection = _read_protection(args)
    if isinstance(protection, int):
        return protection

    def job(inputs: tuple[str, ...], output: Path) -> Job:
        return Job(
            inputs,
            output,
            lang,
            args.lang,
            args.fmt,
            args.force,
            args.template_dir,
            protection,
            args.restriction_holder,
            args.restriction_years,
            args.embedded_data,
        )

    if args.output is not None:
        outcome = run_job(job(tuple(args.files), args.output))
        _show(outcome, as_json=args.json, quiet=args.quiet)
        return outcome.exit_code
    suffix = f".{args.fmt}{protection_suffix(args)}"
    jobs = [job((name,), args.out_dir / (Path(name).stem + suffix)) for name in args.files]
    return _run_batch(
        jobs, _workers(args.jobs, args.lang), args.lang, as_json=args.json, quiet=args.quiet
    )


JOBS_MAX = 1024
"""The most ``--jobs`` accepts; beyond the processors it is lowered to their number."""


def _workers(jobs: int, lang: str) -> int:
    """``--jobs``, lowered to the processors this process may use (and said so, once)."""
    from asendusdoc.cli._pool import processors

    available = processors()
    if jobs <= available:
        return jobs
    ngettext = ngettext_for(lang)
    message = ngettext(
        "--jobs {jobs}: this computer has {count} processor; rendering in {count} process",
        "--jobs {jobs}: this computer has {count} processors; rendering in {count} processes",
        available,
    )
    print(message.format(jobs=jobs, count=available), file=sys.stderr)
    return available


def _make_out_dir(folder: Path, lang: str) -> str | None:
    """Make ``--out-dir`` (and its parents) when it does not exist yet, as ``soffice --outdir``
    does; the refusal's message when it cannot be a folder."""
    _ = gettext_for(lang)
    if folder.is_dir():
        return None
    if folder.exists() or folder.is_symlink():
        return _("{path} exists and is not a folder; give a folder for --out-dir").format(
            path=folder
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from asendusdoc.i18n.library_errors import os_reason

        return _("the folder {path} could not be made: {reason}").format(
            path=folder, reason=_(os_reason(exc))
        )
    return None


def _run_batch(
    jobs: list[Job], workers: int, lang: str, *, as_json: bool = False, quiet: bool = False
) -> int:
    from tqdm import tqdm

    _ = gettext_for(lang)
    collision = _first_collision(jobs)
    if collision is not None:
        first, second, output = collision
        return _usage_error(
            lang,
            _(
                "{first} and {second} would both be written to {output}; nothing was written. "
                "Rename one of them or render them into different folders."
            ).format(first=first, second=second, output=output),
        )
    refusal = _make_out_dir(jobs[0].output.parent, lang)
    if refusal is not None:
        return _usage_error(lang, refusal)
    show_progress = sys.stderr.isatty() and len(jobs) > 1 and not quiet
    codes: list[int] = []
    # a terminal that reports no width (0 columns) would get an empty bar: 80 columns then
    width = shutil.get_terminal_size().columns
    with tqdm(
        total=len(jobs), disable=not show_progress, unit="", file=sys.stderr, ncols=width
    ) as bar:
        for outcome in _outcomes(jobs, workers):
            with tqdm.external_write_mode(file=sys.stderr):  # lines above the bar, not through it
                _show(outcome, as_json=as_json, quiet=quiet)
            codes.append(outcome.exit_code)
            bar.update()
    failed = sum(1 for code in codes if code != EXIT_OK)
    if failed or not quiet:
        print(
            _("{done} of {total} document(s) rendered, {failed} failed").format(
                done=len(jobs) - failed, total=len(jobs), failed=failed
            ),
            file=sys.stderr,
        )
    return max(codes, key=_EXIT_RANK.index)


_EXIT_RANK = (EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL)
"""Exit codes of a batch from mild to grave: the batch exits with its gravest."""


def _first_collision(jobs: list[Job]) -> tuple[str, str, Path] | None:
    """Two inputs whose outputs would be the same file (``a/x.json``, ``b/x.json``)."""
    seen: dict[str, Job] = {}
    for job in jobs:
        key = os.path.normcase(os.path.abspath(job.output))
        if key in seen:
            return seen[key].inputs[0], job.inputs[0], job.output
        seen[key] = job
    return None


def _outcomes(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """The outcome of every job, in order; in ``workers`` processes when more than one
    (:mod:`asendusdoc.cli._pool`: a killed worker's files still get their outcome, once)."""
    if workers == 1 or len(jobs) == 1:
        yield from map(run_job, jobs)
        return
    from asendusdoc.cli import _pool

    yield from _pool.outcomes(jobs, min(workers, len(jobs)), run_job, Outcome)


def document_name(output: Path, fmt: str, protection: Protection) -> str:
    """The document's own name, without ending, from its output path.

    ``suunamine.pdf.gpg`` → ``suunamine``: inside an envelope that carries a file name the
    document is called ``suunamine.pdf``.
    """
    name = output.name
    for ending in (protection.suffix, f".{fmt}"):
        if ending and name.lower().endswith(ending) and len(name) > len(ending):
            name = name[: -len(ending)]
    return name


def _restriction(job: Job) -> AccessRestriction:
    """The access-restriction marking's holder and term from the options (defaults otherwise)."""
    from asendusdoc.render.restriction import DEFAULT_YEARS, AccessRestriction

    return AccessRestriction(
        holder=job.restriction_holder or None, years=job.restriction_years or DEFAULT_YEARS
    )


def run_job(job: Job) -> Outcome:
    """Read, then produce and write one output file; never raises."""
    from asendusdoc.cli._hints import error_text
    from asendusdoc.cli.output import output_exists, write_output
    from asendusdoc.problems.messages import describe_problem, more_problems
    from asendusdoc.product import produce

    _ = gettext_for(job.messages)
    names = ", ".join(_("standard input") if n == "-" else n for n in job.inputs)
    try:
        if job.output.exists() and not job.force:
            raise output_exists(job.output)
        forms = []
        for name in job.inputs:
            try:
                forms.append(load_input(name))
            except FormValidationError as exc:
                count = len(exc.problems)
                heading = ngettext_for(job.messages)(
                    "{file}: {count} problem", "{file}: {count} problems", count
                )
                lines = [heading.format(file=name, count=count)]
                shown = exc.problems[:MAX_PROBLEMS_SHOWN]
                lines += ["  " + describe_problem(p, exc.form_id, job.messages) for p in shown]
                if count > len(shown):
                    lines.append("  " + more_problems(count - len(shown), job.messages))
                return Outcome(job, EXIT_INVALID, lines)
        product = produce(
            forms,
            job.lang,
            job.fmt,
            job.protection,
            name=document_name(job.output, job.fmt, job.protection),
            template_dir=job.template_dir,
            restriction=_restriction(job),
            embedded_data=job.embedded_data,
        )
        write_output(job.output, product.data, force=job.force)
    except AsendusdocError as exc:
        return Outcome(
            job,
            exc.exit_code,
            [f"{names}: {error_text(exc, job.messages, most=MAX_PROBLEMS_SHOWN)}"],
        )
    except OSError as exc:
        from asendusdoc.i18n.library_errors import os_reason

        return Outcome(job, EXIT_USAGE, [f"{names}: {_(os_reason(exc))}"])
    except Exception as exc:  # our bug: this file's problem, the batch goes on (exit 70)
        message = _(INTERNAL_ERROR).format(kind=exc.__class__.__name__)
        return Outcome(job, EXIT_INTERNAL, [f"{names}: {message}"])
    lines = _sealed_by(product.seal, job.output, job.messages)
    lines += _encrypted_for(product.recipients, job.output, job.messages)
    written = _written(job, product.pages)
    return Outcome(job, EXIT_OK, lines, product.recipients, product.seal, written)


def _written(job: Job, pages: int | None) -> str:
    """What was written: the file, its format and pages, how it is protected (the seal's and
    the recipients' certificates follow on their own lines)."""
    _ = gettext_for(job.messages)
    ngettext = ngettext_for(job.messages)
    details = [job.fmt.upper()]
    if pages is not None:
        details.append(ngettext("{count} page", "{count} pages", pages).format(count=pages))
    protection = job.protection
    if protection.pdf_password is not None:
        details.append(_("opens with a password"))
    if protection.seal is not None:
        details.append(_("sealed"))
    if protection.envelope is not None:
        kind = "CDOC" if isinstance(protection.envelope, CdocEnvelope) else "OpenPGP"
        details.append(_("encrypted ({kind})").format(kind=kind))
    return _("{path}: written ({details})").format(path=job.output, details=", ".join(details))


def _sealed_by(seal: SealSummary | None, output: Path, lang: str) -> list[str]:
    if seal is None:
        return []
    _ = gettext_for(lang)
    template = _(
        "{path}: sealed with the certificate {subject} (serial number {serial}, "
        "valid until {date}, SHA-256 {fingerprint})"
    )
    return [template.format(path=output, **_certificate_fields(seal, lang))]


def _encrypted_for(recipients: tuple[RecipientSummary, ...], output: Path, lang: str) -> list[str]:
    _ = gettext_for(lang)
    lines = []
    for recipient in recipients:
        if recipient.kind == "x509":
            template = _(
                "{path}: encrypted for the certificate {subject} (serial number {serial}, "
                "valid until {date}, SHA-256 {fingerprint})"
            )
            lines.append(template.format(path=output, **_certificate_fields(recipient, lang)))
        else:
            lines.append(
                _("{path}: encrypted for the key {fingerprint}").format(
                    path=output, fingerprint=recipient.fingerprint
                )
            )
    return lines


def _certificate_fields(summary: RecipientSummary | SealSummary, lang: str) -> dict[str, object]:
    """What a person compares of a certificate: its name, serial, validity end (in words, in
    the case the translation asks for), fingerprint."""
    from asendusdoc.i18n.formatting import DateInWords

    day = summary.valid_until.date() if summary.valid_until else None
    return {
        "subject": summary.subject or "",
        "serial": summary.serial_number or "",
        "date": "" if day is None else DateInWords(day, lang),
        "fingerprint": summary.fingerprint,
    }


def _show(outcome: Outcome, *, as_json: bool = False, quiet: bool = False) -> None:
    if quiet and outcome.exit_code == EXIT_OK:
        if as_json:
            print(json.dumps(outcome.as_json(), ensure_ascii=False), flush=True)
        return
    if as_json:
        print(json.dumps(outcome.as_json(), ensure_ascii=False), flush=True)
        stream = sys.stderr
    else:
        stream = sys.stdout if outcome.exit_code == EXIT_INVALID else sys.stderr
        if outcome.written:
            print(outcome.written, file=stream)
    for line in outcome.lines:
        print(line, file=stream)


def _read_document(name: str) -> bytes:
    """The file to encrypt, or standard input for ``-``: reading stops after the limit."""
    from asendusdoc.read.budget import MAX_DOCUMENT_BYTES
    from asendusdoc.read.files import read_bounded, read_form_file

    if name == "-":
        return read_bounded(sys.stdin.buffer, MAX_DOCUMENT_BYTES)
    return read_form_file(name, MAX_DOCUMENT_BYTES)


def _encrypt(args: argparse.Namespace) -> int:
    from asendusdoc.cli._hints import error_text
    from asendusdoc.cli.output import output_exists, write_output
    from asendusdoc.product import protect_file

    _ = gettext_for(args.lang)
    if not args.encrypt_to and not args.cdoc_to:
        return _usage_error(
            args.lang, _("give at least one --cdoc-to CERT or --encrypt-to KEYFILE")
        )
    if args.output.exists() and not args.force:
        return _usage_error(args.lang, error_text(output_exists(args.output), args.lang))
    if args.file != "-" and not Path(args.file).is_file():
        return _usage_error(args.lang, _("file not found: {path}").format(path=args.file))
    protection = _read_protection(args)
    if isinstance(protection, int):
        return protection
    file_name = Path(args.file).name
    if args.file == "-":  # the name inside an envelope: the output's, without the envelope's ending
        file_name = args.output.name.removesuffix(protection.suffix) or "stdin"
    job = Job((args.file,), args.output, "et", args.lang, "", args.force, None, protection)
    try:
        data = _read_document(args.file)
        product = protect_file(data, file_name, protection)
        write_output(args.output, product.data, force=args.force)
    except AsendusdocError as exc:
        outcome = Outcome(
            job,
            exc.exit_code,
            [f"{args.file}: {error_text(exc, args.lang, most=MAX_PROBLEMS_SHOWN)}"],
        )
    else:
        lines = _encrypted_for(product.recipients, args.output, args.lang)
        outcome = Outcome(job, EXIT_OK, lines, product.recipients)
    _show(outcome, as_json=args.json)
    return outcome.exit_code
