"""The protection options of ``render`` and ``encrypt``, and reading what they name.

The library takes keys and passwords as bytes (:mod:`asendusdoc.protect`); this module is
where the command line's paths and environment variables become those bytes. A key file that
is missing or unreadable, or a password that is not there, is refused here, before anything
is rendered.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from asendusdoc.cli._common import cli_language, gettext_for
from asendusdoc.errors import EncryptionError, InputError
from asendusdoc.protect import (
    AsiceSeal,
    CdocEnvelope,
    KeyData,
    OpenPGPEnvelope,
    PdfPassword,
    Protection,
    Seal,
    Services,
    envelope_suffix,
)
from asendusdoc.read.budget import MAX_KEY_BYTES, MAX_PASSWORD_BYTES

__all__ = [
    "add_asice_seal_options",
    "add_protection_options",
    "asice_seal_from_arguments",
    "protection_from_arguments",
    "read_key_file",
    "read_password",
]


def add_protection_options(parser: argparse.ArgumentParser, *, passwords: bool) -> None:
    """``--cdoc-to``, ``--encrypt-to``, ``--sign-with``, ``--armor``, the PDF password."""
    _ = gettext_for(cli_language())
    parser.add_argument(
        "--cdoc-to", action="append", type=Path, default=[], metavar=_("CERT"),
        help=_("recipient's certificate (PEM or DER) for a CDOC envelope (repeatable)"),
    )  # fmt: skip
    parser.add_argument(
        "--cdoc-version", type=int, choices=(1, 2), default=1,
        help=_("CDOC 1.1 (default, every DigiDoc4 opens it) or CDOC 2.0"),
    )  # fmt: skip
    parser.add_argument(
        "--encrypt-to", action="append", type=Path, default=[], metavar=_("KEYFILE"),
        help=_("recipient's OpenPGP public key file (repeatable)"),
    )  # fmt: skip
    parser.add_argument(
        "--sign-with", type=Path, metavar=_("KEYFILE"), help=_("sign with this key")
    )
    parser.add_argument(
        "--sign-passphrase-file",
        type=Path,
        metavar=_("FILE"),
        help=_("the passphrase of the --sign-with key, from the first line of FILE"),
    )
    parser.add_argument(
        "--sign-passphrase-env",
        metavar=_("VAR"),
        help=_("the passphrase of the --sign-with key, from $VAR"),
    )
    parser.add_argument("--armor", action="store_true", help=_("ASCII-armoured OpenPGP output"))
    if passwords:
        parser.add_argument(
            "--password-file",
            type=Path,
            metavar=_("FILE"),
            help=_("AES-256 PDF password from FILE"),
        )
        parser.add_argument(
            "--password-env", metavar=_("VAR"), help=_("AES-256 PDF password from $VAR")
        )
        parser.add_argument(
            "--seal-with", type=Path, metavar=_("FILE.p12"),
            help=_("seal the PDF (PAdES) with the e-seal certificate and key in this PKCS#12 file"),
        )  # fmt: skip
        _add_seal_password_options(parser)


def _add_seal_password_options(parser: argparse.ArgumentParser) -> None:
    """``--seal-password-file`` / ``--seal-password-env``: one pair for the PAdES and the ASiC-E
    seal (``render`` takes both seals, ``seal`` only the ASiC-E one)."""
    _ = gettext_for(cli_language())
    parser.add_argument(
        "--seal-password-file", type=Path, metavar=_("FILE"),
        help=_("the PKCS#12 password from the first line of FILE"),
    )  # fmt: skip
    parser.add_argument(
        "--seal-password-env", metavar=_("VAR"),
        help=_("the PKCS#12 password from the environment variable VAR"),
    )  # fmt: skip


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
        _add_seal_password_options(parser)
    parser.add_argument(
        "--tsa-url", metavar="URL",
        help=_("time-stamping service for an LT signature (with --ocsp-url)"),
    )  # fmt: skip
    parser.add_argument(
        "--ocsp-url", metavar="URL",
        help=_("OCSP responder for an LT signature (with --tsa-url)"),
    )  # fmt: skip


def asice_seal_from_arguments(args: argparse.Namespace) -> AsiceSeal | None:
    """The :class:`AsiceSeal` the options name, or None; files are read here."""

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


def protection_from_arguments(args: argparse.Namespace) -> Protection:
    """Read every key and password the arguments name; raises ``EncryptionError``."""
    envelope: OpenPGPEnvelope | CdocEnvelope | None = None
    if args.cdoc_to:
        envelope = CdocEnvelope(
            recipients=tuple(read_key_file(path, certificate=True) for path in args.cdoc_to),
            version=2 if args.cdoc_version == 2 else 1,
        )
    elif args.encrypt_to:
        envelope = OpenPGPEnvelope(
            recipients=tuple(read_key_file(path) for path in args.encrypt_to),
            sign_with=read_key_file(args.sign_with) if args.sign_with else None,
            sign_passphrase=_sign_passphrase(args),
            armor=args.armor,
        )
    password_file = getattr(args, "password_file", None)
    password_env = getattr(args, "password_env", None)
    pdf_password = None
    if password_file is not None or password_env is not None:
        pdf_password = PdfPassword(read_password(password_file=password_file, env_var=password_env))
    seal = None
    if getattr(args, "seal_with", None) is not None:
        seal_password_file = args.seal_password_file
        seal_password_env = args.seal_password_env
        password = None
        if seal_password_file is not None or seal_password_env is not None:
            password = read_password(
                password_file=seal_password_file, env_var=seal_password_env
            ).encode("utf-8")
        seal = Seal(read_key_file(args.seal_with), password)
    return Protection(
        envelope=envelope,
        pdf_password=pdf_password,
        seal=seal,
        asice_seal=asice_seal_from_arguments(args),
    )


def _sign_passphrase(args: argparse.Namespace) -> str | None:
    """The signing key's passphrase from a file or the environment, never from argv: gpg
    gets it on a pipe (``--passphrase-fd``, loopback pinentry), no message shows it."""
    if args.sign_passphrase_file is None and args.sign_passphrase_env is None:
        return None
    return read_password(password_file=args.sign_passphrase_file, env_var=args.sign_passphrase_env)


def protection_suffix(args: argparse.Namespace) -> str:
    """The file endings the protection options add (for names made before reading any key)."""
    return envelope_suffix(
        cdoc=bool(args.cdoc_to),
        openpgp=bool(args.encrypt_to),
        armor=bool(args.armor),
        asice=getattr(args, "asice_seal_with", None) is not None,
    )


def read_key_file(path: Path, *, certificate: bool = False) -> KeyData:
    """The bytes of a key (or ``certificate``) file, named by its path in messages."""
    from asendusdoc.read.files import read_key_file as read_key_bytes

    path = Path(path)
    if certificate and not path.is_file():
        raise EncryptionError(
            "The certificate file {path} does not exist. Check the path.",
            code="key_file_missing",
            path=str(path),
        )
    if not path.is_file():
        raise EncryptionError(
            "The key file {path} does not exist. Check the path.",
            code="key_file_missing",
            path=str(path),
        )
    try:
        data = read_key_bytes(path)
    except InputError as exc:
        if exc.code == "input_too_large":
            raise EncryptionError(
                "The key file {path} is larger than {limit} bytes; no key is that large. "
                "Check the path.",
                code="key_file_too_large",
                path=str(path),
                limit=MAX_KEY_BYTES,
            ) from None
        raise EncryptionError(
            "The key file {path} cannot be read: {reason}.",
            code="key_file_unreadable",
            path=str(path),
            reason=str(exc.params.get("reason", "")),
        ) from None
    return KeyData(data, str(path))


def _first_line(password_file: Path) -> str:
    """The first line of a password, passphrase or seal-password file, read through the way in
    (at most MAX_PASSWORD_BYTES: ``/dev/zero`` is refused, not read)."""
    from asendusdoc.read.files import read_first_line

    try:
        return read_first_line(password_file)
    except InputError as exc:
        if exc.code == "input_too_large":
            raise EncryptionError(
                "The password file {path} is larger than {limit} bytes; only its first line is "
                "the password. Check the path.",
                code="password_file_too_large",
                path=str(password_file),
                limit=MAX_PASSWORD_BYTES,
            ) from None
        raise EncryptionError(
            "Cannot read the password file {path}. Check the path.",
            code="password_missing",
            source="file",
            path=str(password_file),
        ) from None


def read_password(*, password_file: Path | None, env_var: str | None) -> str:
    """Read a PDF password from the first line of a file, or from an environment variable.

    Exactly one source must be given. Leading and trailing white space is stripped. There is
    deliberately no way to pass the password itself: command-line arguments are visible to
    every user of the machine.
    """
    if password_file is not None and env_var is not None:
        raise ValueError("give password_file or env_var, not both")
    if password_file is not None:
        password = _first_line(password_file)
        if not password:
            raise EncryptionError(
                "The first line of the password file {path} is empty.",
                code="password_missing",
                source="file",
                path=str(password_file),
            )
        return password
    if env_var is not None:
        password = os.environ.get(env_var, "").strip()
        if not password:
            raise EncryptionError(
                "The environment variable {variable} is not set or empty.",
                code="password_missing",
                source="env",
                variable=env_var,
            )
        return password
    raise EncryptionError(
        "No PDF password given: use a password file or an environment variable.",
        code="password_missing",
        source="none",
    )
