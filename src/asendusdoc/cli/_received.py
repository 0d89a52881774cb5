"""What arrived: a CDOC envelope opened with the recipient's key, an ASiC-E container verified.

Every command that reads a form file (``validate``, ``extract``, ``check``, ``render``,
``redact``, ``suggest``, ``draft-report``) takes the options of :func:`add_received_options`
and reads through :func:`cli._input.read_input`, which calls :func:`open_received`:

* a ``.cdoc`` is decrypted in memory with ``--key`` (PEM or PKCS#12) or ``--pkcs11`` (a token);
* an ASiC-E container (``.asice``, ``.bdoc``, also out of an envelope) is verified: one line
  on standard error says who signed and whether it holds; a container whose signature is
  invalid is refused (exit 1) unless ``--ignore-signatures`` is given. The container's bytes
  then go on to the reader, which finds our PDF or DOCX inside.

The options of the command being run are kept in a context variable for the time of the
command (:func:`receiving`), so the readers need no extra parameters.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from asendusdoc.cli._common import cli_language, gettext_for, whole_number
from asendusdoc.errors import EncryptionError

if TYPE_CHECKING:
    from asendusdoc.protect.asice_verify import ContainerReport, SignatureReport
    from asendusdoc.protect.recipient_keys import RecipientKey

__all__ = [
    "add_key_options",
    "add_received_options",
    "add_trust_option",
    "open_received",
    "receiving",
    "recipient_key",
    "signature_status",
    "summary_line",
    "trusted_from_arguments",
]

SLOT_MAX = 255
"""The highest ``--slot``: the index of a token in the PKCS#11 module's list of slots with a
token. A computer has a few card readers; a hardware security module a few dozen slots."""

_options: ContextVar[argparse.Namespace | None] = ContextVar("asendusdoc_received", default=None)


def add_key_options(parser: argparse.ArgumentParser) -> None:
    """``--key`` / ``--pkcs11`` and their passwords: the recipient's key for a CDOC envelope."""
    _ = gettext_for(cli_language())
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--key", type=Path, metavar=_("FILE"),
        help=_("the recipient's private key: PEM, or PKCS#12 (.p12) with its password"),
    )  # fmt: skip
    source.add_argument(
        "--pkcs11", metavar=_("MODULE"),
        help=_("use a key kept by a token (an ID card, an HSM) through this PKCS#11 module, "
               "e.g. opensc-pkcs11.so"),
    )  # fmt: skip
    passwords = parser.add_mutually_exclusive_group()
    passwords.add_argument(
        "--key-password-file", type=Path, metavar=_("FILE"),
        help=_("the password of the --key file, from the first line of FILE"),
    )  # fmt: skip
    passwords.add_argument(
        "--key-password-env", metavar=_("VAR"),
        help=_("the password of the --key file, from the environment variable VAR"),
    )  # fmt: skip
    pins = parser.add_mutually_exclusive_group()
    pins.add_argument(
        "--pin-file", type=Path, metavar=_("FILE"),
        help=_("the token's PIN, from the first line of FILE"),
    )  # fmt: skip
    pins.add_argument(
        "--pin-env", metavar=_("VAR"),
        help=_("the token's PIN, from the environment variable VAR"),
    )  # fmt: skip
    parser.add_argument(
        "--slot", type=whole_number(0, SLOT_MAX), metavar="N",
        help=_("the token's slot: its index in the module's list (default: the first)"),
    )  # fmt: skip


def add_trust_option(parser: argparse.ArgumentParser) -> None:
    """``--trust CERT``: a certificate trusted besides the Estonian roots (repeatable)."""
    _ = gettext_for(cli_language())
    parser.add_argument(
        "--trust", action="append", type=Path, default=[], metavar=_("CERT"),
        help=_("also trust this certificate (a root or an intermediate, PEM or DER; "
               "repeatable)"),
    )  # fmt: skip


def add_received_options(parser: argparse.ArgumentParser) -> None:
    """The options for reading what arrived: the key, the trust, ``--ignore-signatures``."""
    _ = gettext_for(cli_language())
    add_key_options(parser)
    add_trust_option(parser)
    parser.add_argument(
        "--ignore-signatures", action="store_true",
        help=_("read a signed container even when a signature is invalid"),
    )  # fmt: skip


@contextmanager
def receiving(args: argparse.Namespace) -> Iterator[None]:
    """Make ``args`` the options :func:`open_received` uses while the command runs."""
    token = _options.set(args)
    try:
        yield
    finally:
        _options.reset(token)


def recipient_key(args: argparse.Namespace) -> RecipientKey | None:
    """The key the options name (None when none is named); files are read here."""
    from asendusdoc.cli._protection import read_key_file, read_password
    from asendusdoc.protect.recipient_keys import Pkcs11Key, private_key_from_file

    if getattr(args, "pkcs11", None):
        pin = None
        if args.pin_file is not None or args.pin_env is not None:
            pin = read_password(password_file=args.pin_file, env_var=args.pin_env)
        return Pkcs11Key(args.pkcs11, pin, args.slot)
    if getattr(args, "key", None) is None:
        return None
    key_file = read_key_file(args.key)
    password = None
    if args.key_password_file is not None or args.key_password_env is not None:
        password = read_password(
            password_file=args.key_password_file, env_var=args.key_password_env
        ).encode("utf-8")
    return private_key_from_file(key_file.data, key_file.name, password)


def trusted_from_arguments(args: argparse.Namespace) -> list[bytes]:
    """The bytes of every ``--trust`` certificate."""
    from asendusdoc.cli._protection import read_key_file

    return [read_key_file(path, certificate=True).data for path in getattr(args, "trust", [])]


def open_received(data: bytes, name: str) -> bytes:
    """``data`` decrypted when it is an envelope, and verified when it is a signed container."""
    from asendusdoc.read.kinds import is_cdoc, looks_like_asice

    args = _options.get()
    if is_cdoc(data):
        from asendusdoc.protect.cdoc_open import decrypt

        key = recipient_key(args) if args is not None else None
        if key is None:
            raise EncryptionError(
                "{name} is an encrypted envelope (CDOC); give the recipient's key with --key "
                "or --pkcs11 to read it",
                code="cdoc_needs_key",
                name=name,
            )
        files = decrypt(data, key, name)
        if len(files) != 1:
            raise EncryptionError(
                "the envelope {name} holds {count} files; write them out with 'asendusdoc "
                "decrypt {name} --out-dir DIR' and give the one to read",
                code="cdoc_several_files",
                name=name,
                count=len(files),
            )
        data, name = files[0].data, files[0].name
    if looks_like_asice(data):
        _check_signatures(data, name, args)
    return data


def _check_signatures(data: bytes, name: str, args: argparse.Namespace | None) -> None:
    from asendusdoc.errors import SignatureError
    from asendusdoc.protect.asice_verify import verify_container

    trusted = trusted_from_arguments(args) if args is not None else []
    report = verify_container(data, trusted, name=name)
    lang = getattr(args, "lang", None) or cli_language()
    print(summary_line(report, name, lang), file=sys.stderr)
    if report.status == "invalid" and not getattr(args, "ignore_signatures", False):
        raise SignatureError(
            "the signature of {name} is invalid: the document was changed after signing, or "
            "the certificate was not valid then. It was not read; give --ignore-signatures to "
            "read it anyway",
            code="signature_invalid",
            name=name,
        )


def summary_line(report: ContainerReport, name: str, lang: str) -> str:
    """One line: who signed ``name`` and whether each signature holds."""
    _ = gettext_for(lang)
    if not report.signatures:
        return _("{name}: no signature").format(name=name)
    parts = [signature_status(signature, lang) for signature in report.signatures]
    return _("{name}: signed: {signatures}").format(name=name, signatures="; ".join(parts))


def signature_status(signature: SignatureReport, lang: str) -> str:
    """``signer (role): status: reason``, translated."""
    from asendusdoc.cli._hints import reason_hint
    from asendusdoc.protect.asice_verify import REASONS

    _ = gettext_for(lang)
    statuses = {
        "valid": _("valid"),
        "invalid": _("INVALID"),
        "indeterminate": _("not confirmed"),
    }
    who = signature.signer
    extra = signature.role or signature.organisation
    if extra and extra != who:
        who = f"{who} ({extra})"
    reason = _(REASONS[signature.reason]).format(**signature.params)
    reason += reason_hint(signature.reason, lang)
    return f"{who}: {statuses[signature.status]}: {reason}"
