"""``seal FILE --asice-seal-with FILE.p12``: any file (a DOCX report) in a sealed ASiC-E container.

B-B offline by default; ``--tsa-url`` and ``--ocsp-url`` (both) make it LT, as DigiDoc4 signs.
``--cdoc-to`` then encrypts the container. The output is ``FILE.asice`` (``FILE.asice.cdoc``)
beside the input unless ``-o`` names it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from asendusdoc.cli._common import EXIT_OK, add_lang_option, cli_language, gettext_for
from asendusdoc.errors import EncryptionError

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add ``seal`` to the CLI."""
    from asendusdoc.cli._protection import add_asice_seal_options, add_protection_options

    _ = gettext_for(cli_language())
    parser = commands.add_parser(
        "seal",
        description=_(
            "Put a file (e.g. a DOCX report) in an ASiC-E container sealed with an e-seal "
            "certificate, as DigiDoc4 signs; --cdoc-to then encrypts the container. Exit "
            "code 0: written; 2: the file, key or service cannot be used."
        ),
    )
    parser.add_argument("file", metavar=_("FILE"), help=_("the file to seal"))
    parser.add_argument(
        "-o", "--output", type=Path, metavar=_("OUT"),
        help=_("the output file (default: FILE.asice, or FILE.asice.cdoc, beside FILE)"),
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help=_("overwrite existing files"))
    add_asice_seal_options(parser, passwords=True)
    add_protection_options(parser, passwords=False)
    add_lang_option(parser, default=False)
    parser.set_defaults(handler=_seal)


def _seal(args: argparse.Namespace) -> int:
    from asendusdoc.cli._input import read_input
    from asendusdoc.cli._protection import protection_from_arguments
    from asendusdoc.cli.output import write_output
    from asendusdoc.product import protect_file

    _ = gettext_for(args.lang)
    protection = protection_from_arguments(args)  # reads --asice-seal-with too
    if protection.asice_seal is None:
        raise EncryptionError(
            "give the PKCS#12 file to seal with: --asice-seal-with FILE.p12",
            code="asice_seal_missing",
        )
    source = Path(args.file)
    data = read_input(args.file, received=False, document=True)
    product = protect_file(data, source.name, protection)
    target = Path(args.output) if args.output else source.with_name(product.file_name)
    write_output(target, product.data, force=args.force)
    print(_("Sealed to {path}.").format(path=target), file=sys.stderr)
    return EXIT_OK
