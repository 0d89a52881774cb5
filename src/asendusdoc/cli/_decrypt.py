"""``decrypt FILE.cdoc (-o OUT | --out-dir DIR) (--key FILE | --pkcs11 MODULE)``.

The envelope is opened in memory; the only file written is the output (mode 0600, written
whole or not at all). An envelope of several files needs ``--out-dir``, where each file keeps
the name the sender gave it (only its last path part). A wrong key, an envelope for another
recipient, a changed byte or a cut file gives exit 2 and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePath
from typing import Any

from asendusdoc.cli._common import EXIT_OK, add_lang_option, cli_language, gettext_for
from asendusdoc.errors import EncryptionError, OutputError

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add ``decrypt`` to the CLI."""
    from asendusdoc.cli._received import add_key_options

    _ = gettext_for(cli_language())
    parser = commands.add_parser(
        "decrypt",
        description=_(
            "Decrypt a CDOC envelope (.cdoc) with the recipient's private key: a key file "
            "(--key) or a token such as an ID card or an HSM (--pkcs11). Exit code 0: "
            "written; 2: the envelope cannot be opened with this key, or is damaged."
        ),
    )
    parser.add_argument(
        "file", metavar=_("FILE"), help=_("the envelope (.cdoc); - for standard input")
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", type=Path, metavar=_("OUT"), help=_("the output file"))
    target.add_argument(
        "--out-dir", type=Path, metavar=_("DIR"),
        help=_("write each file of the envelope into DIR (needed for several files)"),
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help=_("overwrite existing files"))
    add_key_options(parser)
    add_lang_option(parser, default=False)
    parser.set_defaults(handler=_decrypt)


def _decrypt(args: argparse.Namespace) -> int:
    from asendusdoc.cli._input import read_input
    from asendusdoc.cli._received import recipient_key
    from asendusdoc.cli.output import write_output
    from asendusdoc.protect.cdoc_open import decrypt

    _ = gettext_for(args.lang)
    key = recipient_key(args)
    if key is None:
        raise EncryptionError(
            "give the recipient's key with --key FILE or --pkcs11 MODULE",
            code="decrypt_needs_key",
        )
    data = read_input(args.file, received=False, envelope=True)
    files = decrypt(data, key, "-" if args.file == "-" else args.file)
    if args.output is not None:
        if len(files) > 1:
            raise OutputError(
                "the envelope holds {count} files; give --out-dir DIR to write each",
                code="decrypt_several_files",
                count=len(files),
            )
        targets = [(Path(args.output), files[0].data)]
    else:
        targets = _targets(Path(args.out_dir), files)
    existing = [str(path) for path, _data in targets if path.exists()]
    if existing and not args.force:  # nothing is written when any file is in the way
        raise OutputError(
            "{path} exists; use --force to overwrite it", code="output_exists",
            path=", ".join(existing),
        )  # fmt: skip
    for path, content in targets:
        write_output(path, content, force=args.force)
        print(_("Decrypted to {path}.").format(path=path), file=sys.stderr)
    return EXIT_OK


def _targets(folder: Path, files: list[Any]) -> list[tuple[Path, bytes]]:
    if not folder.is_dir():
        raise OutputError(
            "output folder not found: {path}", code="output_folder_missing", path=str(folder)
        )
    targets: list[tuple[Path, bytes]] = []
    seen: set[str] = set()
    for index, item in enumerate(files, 1):
        name = PurePath(item.name.replace("\\", "/")).name
        if name in ("", ".", "..") or name in seen:
            name = f"{index:02d}-{name.strip('.') or 'document'}"
        seen.add(name)
        targets.append((folder / name, item.data))
    return targets
