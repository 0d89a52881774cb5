"""``seal FILE --asice-seal-with FILE.p12``: any file (a DOCX report) in a sealed ASiC-E container.

B-B offline by default; ``--tsa-url`` and ``--ocsp-url`` (both) make it LT, as DigiDoc4 signs.
``--cdoc-to`` then encrypts the container. The output is ``FILE.asice`` (``FILE.asice.cdoc``)
beside the input unless ``-o`` names it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asendusdoc.cli._common import EXIT_OK, add_lang_option, cli_language, gettext_for
from asendusdoc.errors import EncryptionError

if TYPE_CHECKING:
    from asendusdoc._wip_asice_seal import Services

__all__ = ["add_asice_seal_options", "asice_seal_from_arguments", "register"]

_SERVICE_TIMEOUT = 30
_MAX_ANSWER = 1024 * 1024


def add_asice_seal_options(parser: argparse.ArgumentParser, *, passwords: bool) -> None:
    """``--asice-seal-with`` and the LT services; the password options when ``passwords``
    (``render`` has them already, for the PAdES seal)."""
    _ = gettext_for(cli_language())
    parser.add_argument(
        "--asice-seal-with", type=Path, metavar=_("FILE.p12"),
        help=_("seal in an ASiC-E container (XAdES) with the certificate and key in this "
               "PKCS#12 file"),
    )  # fmt: skip
    if passwords:
        parser.add_argument(
            "--seal-password-file", type=Path, metavar=_("FILE"),
            help=_("the PKCS#12 password from the first line of FILE"),
        )  # fmt: skip
        parser.add_argument(
            "--seal-password-env", metavar=_("VAR"),
            help=_("the PKCS#12 password from the environment variable VAR"),
        )  # fmt: skip
    parser.add_argument(
        "--tsa-url", metavar="URL",
        help=_("time-stamping service for an LT signature (with --ocsp-url)"),
    )  # fmt: skip
    parser.add_argument(
        "--ocsp-url", metavar="URL",
        help=_("OCSP responder for an LT signature (with --tsa-url)"),
    )  # fmt: skip


def register(commands: Any) -> None:
    """Add ``seal`` to the CLI."""
    from asendusdoc.cli._protection import add_protection_options

    _ = gettext_for(cli_language())
    parser = commands.add_parser(
        "seal",
        help=_("seal any file in a signed container (.asice)"),
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


def asice_seal_from_arguments(args: argparse.Namespace) -> Any:
    """The :class:`AsiceSeal` the options name, or None; files are read here."""
    from asendusdoc._wip_asice_seal import AsiceSeal
    from asendusdoc.cli._protection import read_key_file, read_password

    if getattr(args, "asice_seal_with", None) is None:
        if getattr(args, "tsa_url", None) or getattr(args, "ocsp_url", None):
            raise _lt_needs_both()
        return None
    if bool(args.tsa_url) != bool(args.ocsp_url):
        raise _lt_needs_both()
    password = None
    if args.seal_password_file is not None or args.seal_password_env is not None:
        password = read_password(
            password_file=args.seal_password_file, env_var=args.seal_password_env
        ).encode("utf-8")
    services = _services(args.tsa_url, args.ocsp_url) if args.tsa_url else None
    return AsiceSeal(read_key_file(args.asice_seal_with), password, services)


def _lt_needs_both() -> EncryptionError:
    return EncryptionError(
        "An LT seal needs both --tsa-url and --ocsp-url, with --asice-seal-with.",
        code="asice_lt_needs_both",
    )


def _services(tsa_url: str, ocsp_url: str) -> Services:
    from asendusdoc._wip_asice_seal import Services

    return Services(
        timestamp=lambda request: _post(tsa_url, request, "application/timestamp-query"),
        ocsp=lambda request: _post(ocsp_url, request, "application/ocsp-request"),
    )


def _post(url: str, body: bytes, content_type: str) -> bytes:
    """POST ``body`` to an http(s) ``url``; the answer's bytes (at most 1 MiB)."""
    import urllib.error
    import urllib.request

    if not url.lower().startswith(("http://", "https://")):
        raise OSError(f"not an http(s) address: {url}")
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=_SERVICE_TIMEOUT) as answer:
            data: bytes = answer.read(_MAX_ANSWER + 1)
    except urllib.error.URLError as exc:
        raise OSError(str(exc.reason)) from None
    if len(data) > _MAX_ANSWER:
        raise OSError("the answer is too large")
    return data


def _seal(args: argparse.Namespace) -> int:
    from asendusdoc.cli._common import read_input
    from asendusdoc.cli._protection import protection_from_arguments
    from asendusdoc.output import write_output
    from asendusdoc.product import protect_file

    _ = gettext_for(args.lang)
    protection = protection_from_arguments(args)  # reads --asice-seal-with too
    if protection.asice_seal is None:
        raise EncryptionError(
            "give the PKCS#12 file to seal with: --asice-seal-with FILE.p12",
            code="asice_seal_missing",
        )
    source = Path(args.file)
    data = read_input(args.file, received=False)
    product = protect_file(data, source.name, protection)
    target = Path(args.output) if args.output else source.with_name(product.file_name)
    write_output(target, product.data, force=args.force)
    print(_("Sealed to {path}.").format(path=target), file=sys.stderr)
    return EXIT_OK
