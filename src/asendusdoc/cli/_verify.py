"""``verify FILE [--trust CERT ...] [--json]``: who signed a container, and whether it holds.

Exit codes: 0 every signature valid; 1 one is invalid or indeterminate, or there is none;
2 the file cannot be read or is refused (an unsafe path in the manifest). A ``.cdoc`` is
opened first with ``--key`` or ``--pkcs11``. No personal code is printed.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from asendusdoc.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    add_lang_option,
    cli_language,
    gettext_for,
)

if TYPE_CHECKING:
    from asendusdoc.protect.asice_verify import SignatureReport

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add ``verify`` to the CLI."""
    from asendusdoc.cli._received import add_key_options, add_trust_option

    _ = gettext_for(cli_language())
    parser = commands.add_parser(
        "verify",
        description=_(
            "Check each signature of an ASiC-E container: the files and the signature are "
            "unchanged, the certificate was valid at the signing time and leads to a trusted "
            "certificate. Exit code 0: every signature is valid; 1: a signature is invalid or "
            "cannot be trusted, or there is none; 2: the file cannot be read or is refused."
        ),
    )
    parser.add_argument(
        "file", metavar=_("FILE"), help=_("the container (.asice, .bdoc) or an envelope (.cdoc)")
    )
    add_trust_option(parser)
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    add_key_options(parser)
    add_lang_option(parser, default=False)
    parser.set_defaults(handler=_verify)


def _verify(args: argparse.Namespace) -> int:
    from asendusdoc.cli._input import read_input
    from asendusdoc.cli._received import receiving, trusted_from_arguments
    from asendusdoc.protect.asice_verify import verify_container

    with receiving(args):
        data, name = _opened(read_input(args.file, received=False, envelope=True), args)
    report = verify_container(data, trusted_from_arguments(args), name=name)
    if args.json:
        document = {
            "file": args.file,
            "status": report.status,
            "files": list(report.files),
            "signatures": [signature.as_json() for signature in report.signatures],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print_report(args.file, report, args.lang)
    return EXIT_OK if report.status == "valid" else EXIT_INVALID


def _opened(data: bytes, args: argparse.Namespace) -> tuple[bytes, str]:
    """The container: ``data`` itself, or the one file of an envelope."""
    from asendusdoc.cli._received import recipient_key
    from asendusdoc.errors import EncryptionError
    from asendusdoc.protect.cdoc_open import decrypt
    from asendusdoc.read.kinds import is_cdoc

    if not is_cdoc(data):
        return data, args.file
    key = recipient_key(args)
    if key is None:
        raise EncryptionError(
            "{name} is an encrypted envelope (CDOC); give the recipient's key with --key "
            "or --pkcs11 to read it",
            code="cdoc_needs_key",
            name=args.file,
        )
    files = decrypt(data, key, args.file)
    return files[0].data, files[0].name


def _print_report(name: str, report: Any, lang: str) -> None:
    from asendusdoc.cli._received import signature_status
    from asendusdoc.i18n import translations

    _ = gettext_for(lang)
    ngettext = translations(lang).ngettext
    files = ngettext("{count} file", "{count} files", len(report.files)).format(
        count=len(report.files)
    )
    print(f"{name}: {files}: {', '.join(report.files)}")
    if not report.signatures:
        print("  " + _("no signature: the container is not signed"))
        return
    for index, signature in enumerate(report.signatures, 1):
        print(f"  {index}. {signature_status(signature, lang)}")
        print("     " + _details(signature, lang))


def _details(signature: SignatureReport, lang: str) -> str:
    _ = gettext_for(lang)
    if signature.signing_time is None:
        time = _("unknown")
    else:
        time = signature.signing_time.strftime("%Y-%m-%d %H:%M:%S UTC")
    kind = (
        _("trusted, from the timestamp") if signature.time_trusted else _("claimed by the signer")
    )
    return _("profile {profile}; signing time {time} ({kind})").format(
        profile=signature.profile, time=time, kind=kind
    )
