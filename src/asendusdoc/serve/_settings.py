"""What the service runs with: its keys, limits, workers and seal, as values (never paths).

The command line (``asendusdoc serve``) reads the files and the environment and hands the
service a :class:`ServeSettings`. A keys file (``--keys``, or ``[[keys]]`` in ``--config``)::

    [[keys]]
    name = "case-register"            # shown in the access log, never the key itself
    sha256 = "9f86d08…"               # the SHA-256 of the key, 64 hexadecimal characters
    operations = ["validate", "documents"]

Only the SHA-256 of a key is kept, so the file tells no one the key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from asendusdoc.errors import InputError
from asendusdoc.read.budget import MAX_DOCUMENT_BYTES, MAX_INPUT_BYTES

if TYPE_CHECKING:
    from asendusdoc.protect import Seal

__all__ = [
    "OPERATIONS",
    "ApiKey",
    "Limits",
    "ServeSettings",
    "all_operations_key",
    "key_digest",
    "keys_from_toml",
]

OPERATIONS = ("forms", "blank", "validate", "documents", "extract", "check", "suggest")
"""What a key may be allowed, named after the endpoints (``check`` is ``/v1/cases/check``)."""

_DIGEST = re.compile(r"[0-9a-fA-F]{64}")


@dataclass(frozen=True)
class ApiKey:
    """A key the service accepts: its name, the SHA-256 of the key, what it may do."""

    name: str
    sha256: bytes = field(repr=False)
    operations: frozenset[str]


@dataclass(frozen=True)
class Limits:
    """How much one request may ask: bytes of one file, of the whole body, parts, seconds."""

    file_bytes: int = MAX_INPUT_BYTES  # the CLI's limit for a form file
    body_bytes: int = MAX_DOCUMENT_BYTES  # the CLI's limit for a file to protect
    parts: int = 64
    time_limit: float = 60.0


@dataclass(frozen=True)
class ServeSettings:
    """Everything the service needs: who may call it, its limits, its worker processes.

    ``client_certificates``: the TLS layer requires a client certificate from the
    configured CA (``--tls-client-ca``); a connection that has one may do every operation.
    ``queue``: how many requests may wait for a worker before the service answers 503.
    ``tasks_per_worker``: a worker process is replaced after this many requests (memory).
    """

    keys: tuple[ApiKey, ...] = ()
    client_certificates: bool = False
    workers: int = 1
    queue: int = 32
    tasks_per_worker: int = 200
    limits: Limits = field(default_factory=Limits)
    seal: Seal | None = None


def key_digest(key: str) -> bytes:
    """The SHA-256 of a key as sent (``Authorization: Bearer KEY``)."""
    return hashlib.sha256(key.encode("utf-8")).digest()


def all_operations_key(secret: str, name: str = "ASENDUSDOC_SERVE_KEY") -> ApiKey:
    """The one key that may do everything (from the environment variable)."""
    return ApiKey(name, key_digest(secret), frozenset(OPERATIONS))


def keys_from_toml(document: Mapping[str, Any]) -> tuple[ApiKey, ...]:
    """The ``[[keys]]`` of a parsed TOML document; :class:`InputError` names the bad entry."""
    entries = document.get("keys", [])
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise InputError(
            "'keys' must be a list of tables: [[keys]] with name, sha256 and operations",
            code="serve_keys_not_tables",
        )
    return tuple(_key(number, entry) for number, entry in enumerate(entries, start=1))


def _key(number: int, entry: Mapping[str, Any]) -> ApiKey:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(
            "key {number} of the keys file needs a name", code="serve_key_name", number=number
        )
    digest = entry.get("sha256")
    if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
        raise InputError(
            "key {number} of the keys file: 'sha256' must be the SHA-256 of the key, "
            "64 hexadecimal characters",
            code="serve_key_digest",
            number=number,
        )
    operations = entry.get("operations")
    if not isinstance(operations, list) or not operations:
        raise InputError(
            "key {number} of the keys file needs 'operations', a list of: {known}",
            code="serve_key_operations",
            number=number,
            known=", ".join(OPERATIONS),
        )
    for operation in operations:
        if operation not in OPERATIONS:
            raise InputError(
                "key {number} of the keys file: unknown operation '{operation}'; known: {known}",
                code="serve_key_operation",
                number=number,
                operation=str(operation),
                known=", ".join(OPERATIONS),
            )
    return ApiKey(name.strip(), bytes.fromhex(digest), frozenset(operations))
