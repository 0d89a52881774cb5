"""``extract FILE [-o OUT.json | --out-dir DIR]``: the form a PDF or Word file carries, as JSON.

A rendered PDF or DOCX gives exactly the form it was made from, a filled blank the form filled
in. One form goes to standard output or to ``-o``; a bundle PDF (several forms) needs
``--out-dir``, where each form gets its own file. The form is written as it is, valid or not:
``validate`` checks it.

A document is untrusted input, so nothing inside it names a file: in ``--out-dir`` each name is
made of the input file's stem (what the user gave), the form's position and its form id checked
against the known ids (``suunamine-01-family-support-referral.json``); never the name of an
embedded file, never a hidden file, never a path outside the folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from asendusdoc.cli._common import (
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    cli_language,
    gettext_for,
)
from asendusdoc.cli._input import read_input
from asendusdoc.cli._received import add_received_options

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add ``extract`` to the CLI."""
    _ = gettext_for(cli_language())
    parser = commands.add_parser(
        "extract",
        description=_(
            "Write the form that a PDF or DOCX made by asendusdoc, or a filled Word blank, "
            "carries as JSON. Exit code 0: written; 2: the file carries no form or cannot "
            "be read."
        ),
    )
    parser.add_argument(
        "file", metavar=_("FILE"), help=_("the PDF or Word (DOCX) file; - for standard input")
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_("OUT"),
        help=_("the output file (default: standard output)"),
    )
    target.add_argument(
        "--out-dir",
        type=Path,
        metavar=_("DIR"),
        help=_("one JSON file per form in DIR (needed for a PDF of several forms)"),
    )
    parser.add_argument("--force", action="store_true", help=_("overwrite existing files"))
    passwords = parser.add_mutually_exclusive_group()
    passwords.add_argument(
        "--password-file",
        type=Path,
        metavar=_("FILE"),
        help=_("the password of a protected PDF from the first line of FILE"),
    )
    passwords.add_argument(
        "--password-env",
        metavar=_("VAR"),
        help=_("the password of a protected PDF from the environment variable VAR"),
    )
    add_received_options(parser)
    add_lang_option(parser, default=False)
    parser.set_defaults(handler=_extract)


def out_dir_names(input_name: str | Path, form_ids: list[str]) -> list[str]:
    """The file names of ``extract --out-dir``: ``<stem>-<NN>-<form id>.json`` in document
    order, from the input file's stem (``form`` for standard input), the position and the form
    id, which must be a known one. No name is hidden or holds a path; no two are the same."""
    from asendusdoc.forms import FORM_MODELS

    stem = Path(input_name).stem.lstrip(".") if input_name else ""
    stem = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in stem) or "form"
    names = []
    for position, form_id in enumerate(form_ids, 1):
        if form_id not in FORM_MODELS:  # checked when read; never a name from the document
            raise ValueError(form_id)
        names.append(f"{stem}-{position:02d}-{form_id}.json")
    if len({name.casefold() for name in names}) != len(names):
        raise ValueError("two outputs of one name")
    return names


def _extract(args: argparse.Namespace) -> int:
    from asendusdoc.cli._protection import read_password
    from asendusdoc.cli.output import output_exists, write_output
    from asendusdoc.read.dispatch import read_form_documents
    from asendusdoc.render.embedding import form_json

    _ = gettext_for(args.lang)
    password = None
    if args.password_file is not None or args.password_env is not None:
        password = read_password(password_file=args.password_file, env_var=args.password_env)
    name = "" if args.file == "-" else args.file
    forms = read_form_documents(read_input(args.file), name, password=password)
    if args.out_dir is not None:
        folder: Path = args.out_dir
        if not folder.is_dir():
            print(
                _("Error: {message}").format(
                    message=_("output folder not found: {path}").format(path=folder)
                ),
                file=sys.stderr,
            )
            return EXIT_USAGE
        names = out_dir_names(name, [form.data["form"] for form in forms])
        targets = [
            (folder / file_name, form_json(form.data))
            for file_name, form in zip(names, forms, strict=True)
        ]
        existing = [str(path) for path, _data in targets if path.exists()]
        if existing and not args.force:  # nothing is written when any file is in the way
            raise output_exists(", ".join(existing))
        for path, data in targets:
            write_output(path, data, force=args.force)
            print(_("The form was written to {path}.").format(path=path), file=sys.stderr)
        return EXIT_OK
    if len(forms) > 1:
        print(
            _("Error: {message}").format(
                message=_(
                    "the PDF holds {count} forms (a bundle); give --out-dir DIR to write "
                    "each to its own file"
                ).format(count=len(forms))
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    data = form_json(forms[0].data)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    write_output(args.output, data, force=args.force)
    print(_("The form was written to {path}.").format(path=args.output), file=sys.stderr)
    return EXIT_OK
