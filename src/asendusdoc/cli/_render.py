"""``render`` and ``encrypt``: documents from forms, optionally encrypted, written atomically.

``render A.json -o A.pdf`` renders one form; ``render A.json B.json --format pdf -o both.pdf``
joins several forms into one PDF; ``render *.json --out-dir DIR [--jobs N]`` renders each form
to its own file (a progress bar on a terminal), reporting a bad file and going on.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asendusdoc.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    gettext_for,
    ngettext_for,
    read_input,
)
from asendusdoc.errors import AsendusdocError, FormValidationError
from asendusdoc.i18n import DOCUMENT_LANGUAGES, default_language

__all__ = ["register"]


@dataclass(frozen=True)
class Protection:
    """How output is protected: OpenPGP recipients (and signer), or a PDF password."""

    recipients: tuple[Path, ...] = ()
    sign_with: Path | None = None
    armor: bool = False
    password_file: Path | None = None
    password_env: str | None = None

    @property
    def suffix(self) -> str:
        """The extra file ending of an OpenPGP message."""
        if not self.recipients:
            return ""
        return ".asc" if self.armor else ".gpg"

    def apply(self, data: bytes, fmt: str) -> tuple[bytes, list[str]]:
        """Encrypt ``data`` in memory; the plain bytes never touch the disk.

        Returns the protected bytes and the fingerprints of the keys they were encrypted to,
        for the caseworker to compare with the ones the recipient gave by phone.
        """
        fingerprints: list[str] = []
        if self.password_file is not None or self.password_env is not None:
            from asendusdoc.crypto import encrypt_pdf_with_password, read_password

            if fmt != "pdf":
                raise AsendusdocError(
                    "a password protects PDF files only; use --encrypt-to for {fmt}",
                    code="password_needs_pdf",
                    fmt=fmt,
                )
            password = read_password(password_file=self.password_file, env_var=self.password_env)
            data = encrypt_pdf_with_password(data, password)
        if self.recipients:
            from asendusdoc.crypto import encrypt_bytes

            result = encrypt_bytes(
                data, list(self.recipients), sign_with=self.sign_with, armor=self.armor
            )
            data, fingerprints = result.data, result.recipient_fingerprints
        return data, fingerprints


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


@dataclass
class Outcome:
    """What became of a job: an exit code and the lines to show."""

    job: Job
    exit_code: int
    lines: list[str] = field(default_factory=list)


def register(commands: Any) -> None:
    """Add ``render`` and ``encrypt`` to the CLI."""
    _ = gettext_for(default_language())
    render = commands.add_parser("render", help=_("render forms to DOCX or PDF documents"))
    render.add_argument("files", nargs="+", metavar="FILE", help=_("form file(s), - for stdin"))
    render.add_argument("--format", choices=("docx", "pdf"), default="pdf", dest="fmt")
    target = render.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", type=Path, metavar="OUT", help=_("the output file"))
    target.add_argument(
        "--out-dir", type=Path, metavar="DIR", help=_("one output file per form in DIR")
    )
    render.add_argument("--force", action="store_true", help=_("overwrite existing files"))
    render.add_argument(
        "--template-dir",
        type=Path,
        metavar="DIR",
        help=_("own DOCX templates: DIR/<lang>/<id>.docx"),
    )
    render.add_argument(
        "--jobs", type=int, default=1, metavar="N", help=_("render in N processes (--out-dir)")
    )
    render.add_argument(
        "--doc-lang",
        choices=DOCUMENT_LANGUAGES,
        help=_(
            "document language when it differs from --lang (e.g. English messages, "
            "Russian documents); --lang en gives Estonian documents"
        ),
    )
    _add_protection_options(render, passwords=True)
    add_lang_option(render, default=False)
    render.set_defaults(handler=_render)

    encrypt = commands.add_parser("encrypt", help=_("encrypt any file for OpenPGP recipients"))
    encrypt.add_argument("file", metavar="FILE")
    encrypt.add_argument("-o", "--output", type=Path, required=True)
    encrypt.add_argument("--force", action="store_true")
    _add_protection_options(encrypt, passwords=False)
    add_lang_option(encrypt, default=False)
    encrypt.set_defaults(handler=_encrypt)


def _add_protection_options(parser: argparse.ArgumentParser, *, passwords: bool) -> None:
    _ = gettext_for(default_language())
    parser.add_argument(
        "--encrypt-to", action="append", type=Path, default=[], metavar="KEYFILE",
        help=_("recipient's OpenPGP public key file (repeatable)"),
    )  # fmt: skip
    parser.add_argument("--sign-with", type=Path, metavar="KEYFILE", help=_("sign with this key"))
    parser.add_argument("--armor", action="store_true", help=_("ASCII-armoured OpenPGP output"))
    if passwords:
        parser.add_argument(
            "--password-file", type=Path, metavar="FILE", help=_("AES-256 PDF password from FILE")
        )
        parser.add_argument(
            "--password-env", metavar="VAR", help=_("AES-256 PDF password from $VAR")
        )


def _protection(args: argparse.Namespace) -> Protection:
    return Protection(
        recipients=tuple(args.encrypt_to),
        sign_with=args.sign_with,
        armor=args.armor,
        password_file=getattr(args, "password_file", None),
        password_env=getattr(args, "password_env", None),
    )


def _usage_error(lang: str, message: str) -> int:
    _ = gettext_for(lang)
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return EXIT_USAGE


def _render(args: argparse.Namespace) -> int:
    _ = gettext_for(args.lang)
    lang = args.doc_lang or (args.lang if args.lang in DOCUMENT_LANGUAGES else "et")
    protection = _protection(args)
    if protection.sign_with is not None and not protection.recipients:
        return _usage_error(args.lang, _("--sign-with needs --encrypt-to"))
    if args.jobs < 1:
        return _usage_error(args.lang, _("--jobs must be at least 1"))

    def job(inputs: tuple[str, ...], output: Path) -> Job:
        return Job(
            inputs, output, lang, args.lang, args.fmt, args.force, args.template_dir, protection
        )

    if args.output is not None:
        if len(args.files) > 1 and args.fmt != "pdf":
            return _usage_error(
                args.lang, _("several forms go into one file only as PDF (--format pdf)")
            )
        outcome = run_job(job(tuple(args.files), args.output))
        _show(outcome)
        return outcome.exit_code
    if "-" in args.files:
        return _usage_error(args.lang, _("standard input cannot be used with --out-dir"))
    suffix = f".{args.fmt}{protection.suffix}"
    jobs = [job((name,), args.out_dir / (Path(name).stem + suffix)) for name in args.files]
    return _run_batch(jobs, args.jobs, args.lang)


def _run_batch(jobs: list[Job], workers: int, lang: str) -> int:
    from tqdm import tqdm

    _ = gettext_for(lang)
    if not jobs[0].output.parent.is_dir():
        return _usage_error(
            lang, _("output folder not found: {path}").format(path=jobs[0].output.parent)
        )
    show_progress = sys.stderr.isatty() and len(jobs) > 1
    codes: list[int] = []
    with tqdm(total=len(jobs), disable=not show_progress, unit="", file=sys.stderr) as bar:
        if workers == 1:
            results = map(run_job, jobs)
            for outcome in results:
                _show(outcome)
                codes.append(outcome.exit_code)
                bar.update()
        else:
            from concurrent.futures import ProcessPoolExecutor

            if jobs[0].fmt == "pdf":
                from asendusdoc.render import pdf

                pdf.warm_up()  # fonts loaded once, inherited by forked workers
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for outcome in pool.map(run_job, jobs, chunksize=4):
                    _show(outcome)
                    codes.append(outcome.exit_code)
                    bar.update()
    failed = sum(1 for code in codes if code != EXIT_OK)
    print(
        _("{done} of {total} document(s) rendered, {failed} failed").format(
            done=len(jobs) - failed, total=len(jobs), failed=failed
        ),
        file=sys.stderr,
    )
    if not failed:
        return EXIT_OK
    return EXIT_USAGE if EXIT_USAGE in codes else EXIT_INVALID


def run_job(job: Job) -> Outcome:
    """Read, validate, render, protect and write one output file; never raises."""
    from asendusdoc.i18n.messages import describe_problem, error_message
    from asendusdoc.loading import parse_form_json
    from asendusdoc.output import write_output
    from asendusdoc.render import build_document

    _ = gettext_for(job.messages)
    names = ", ".join(_("standard input") if n == "-" else n for n in job.inputs)
    try:
        if job.output.exists() and not job.force:
            from asendusdoc.errors import OutputError

            raise OutputError(
                "{path} exists; use --force to overwrite it",
                code="output_exists",
                path=str(job.output),
            )
        documents = []
        for name in job.inputs:
            data = parse_form_json(read_input(name))
            try:
                documents.append(build_document(data, job.lang))
            except FormValidationError as exc:
                count = len(exc.problems)
                heading = ngettext_for(job.messages)(
                    "{file}: {count} problem", "{file}: {count} problems", count
                )
                lines = [heading.format(file=name, count=count)]
                lines += [
                    "  " + describe_problem(p, exc.form_id, job.messages) for p in exc.problems
                ]
                return Outcome(job, EXIT_INVALID, lines)
        data_out = _render_bytes(documents, job)
        protected, fingerprints = job.protection.apply(data_out, job.fmt)
        write_output(job.output, protected, force=job.force)
    except AsendusdocError as exc:
        return Outcome(job, exc.exit_code, [f"{names}: {error_message(exc, job.messages)}"])
    except OSError as exc:
        return Outcome(job, EXIT_USAGE, [f"{names}: {exc.strerror or exc}"])
    return Outcome(job, EXIT_OK, _encrypted_for(fingerprints, job.output, job.messages))


def _encrypted_for(fingerprints: list[str], output: Path, lang: str) -> list[str]:
    _ = gettext_for(lang)
    return [
        _("{path}: encrypted for the key {fingerprint}").format(path=output, fingerprint=f)
        for f in fingerprints
    ]


def _render_bytes(documents: list[Any], job: Job) -> bytes:
    if job.fmt == "docx":
        from asendusdoc.render.docx import render_docx

        return render_docx(documents[0], template_dir=job.template_dir)
    from asendusdoc.render.pdf import render_pdf, render_pdf_bundle

    if len(documents) == 1:
        return render_pdf(documents[0])
    return render_pdf_bundle(documents)


def _show(outcome: Outcome) -> None:
    stream = sys.stdout if outcome.exit_code == EXIT_INVALID else sys.stderr
    for line in outcome.lines:
        print(line, file=stream)


def _encrypt(args: argparse.Namespace) -> int:
    from asendusdoc.output import write_output

    _ = gettext_for(args.lang)
    protection = _protection(args)
    if not protection.recipients:
        return _usage_error(args.lang, _("give at least one --encrypt-to KEYFILE"))
    if args.output.exists() and not args.force:
        return _usage_error(
            args.lang, _("{path} exists; use --force to overwrite it").format(path=args.output)
        )
    if args.file == "-":
        data = sys.stdin.buffer.read()
    elif not Path(args.file).is_file():
        return _usage_error(args.lang, _("file not found: {path}").format(path=args.file))
    else:
        data = Path(args.file).read_bytes()
    protected, fingerprints = protection.apply(data, "any")
    write_output(args.output, protected, force=args.force)
    for line in _encrypted_for(fingerprints, args.output, args.lang):
        print(line, file=sys.stderr)
    return EXIT_OK
