"""``serve``: run the HTTP service (:mod:`asendusdoc.serve`) with uvicorn.

The command reads what the service needs from files and the environment (the keys file,
``ASENDUSDOC_SERVE_KEY``, the ``--config`` TOML, the seal's PKCS#12 and password, the TLS
files) and hands the service values. Nothing of the web stack is imported until the command
runs. SIGTERM or SIGINT stop it gracefully: no new connections, the requests in flight are
answered, then it exits 0.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from asendusdoc.cli._common import (
    EXIT_OK,
    EXIT_USAGE,
    add_lang_option,
    cli_language,
    gettext_for,
    ngettext_for,
    whole_number,
)
from asendusdoc.errors import InputError

__all__ = ["register"]

KEY_VARIABLE = "ASENDUSDOC_SERVE_KEY"

PORT_MAX = 65535
"""The highest TCP port."""

WORKERS_MAX = 1024
"""The most ``--workers`` accepts (as ``render --jobs``); beyond the processors it is lowered to
their number: the work is rendering, one process per processor keeps each busy."""

_SETTINGS: dict[str, type | tuple[type, ...]] = {
    "host": str,
    "port": int,
    "workers": int,
    "queue": int,
    "time_limit": (int, float),
    "max_file_bytes": int,
    "max_body_bytes": int,
    "max_parts": int,
    "tasks_per_worker": int,
    "keys": list,
    "seal": dict,
    "tls": dict,
}


def register(commands: Any) -> None:
    """Add ``serve`` to the CLI."""
    _ = gettext_for(cli_language())
    parser = commands.add_parser(
        "serve",
        description=_(
            "Run the HTTP service: the library's operations at /v1/, its description at "
            "/openapi.json. Every request needs a key (--keys, --config or the environment "
            "variable ASENDUSDOC_SERVE_KEY) or a client certificate (--tls-client-ca)."
        ),
    )
    parser.add_argument(
        "--host", metavar=_("HOST"), help=_("address to listen on (default: 127.0.0.1)")
    )
    parser.add_argument(
        "--port",
        type=whole_number(1, PORT_MAX),
        metavar=_("PORT"),
        help=_("port (default: 8080)"),
    )
    parser.add_argument(
        "--workers",
        type=whole_number(1, WORKERS_MAX),
        metavar="N",
        help=_("worker processes, at most one per processor (default: the number of processors)"),
    )
    parser.add_argument(
        "--keys",
        type=Path,
        metavar=_("FILE"),
        help=_("the keys file (TOML: [[keys]] with name, sha256, operations)"),
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar=_("FILE"),
        help=_("the configuration file (TOML): keys, seal, limits, workers"),
    )
    parser.add_argument(
        "--tls-cert", type=Path, metavar=_("FILE"), help=_("the server's TLS certificate (PEM)")
    )
    parser.add_argument(
        "--tls-key", type=Path, metavar=_("FILE"), help=_("the server's TLS key (PEM)")
    )
    parser.add_argument(
        "--tls-client-ca",
        type=Path,
        metavar=_("FILE"),
        help=_("require client certificates issued by this CA (PEM)"),
    )
    add_lang_option(parser, default=False)
    parser.set_defaults(handler=_serve)


def _toml(path: Path) -> dict[str, Any]:
    from asendusdoc.cli._input import read_input

    raw = read_input(str(path))
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(
            "{path} is not a TOML file: {detail}",
            code="serve_config_not_toml",
            path=str(path),
            detail=str(exc),
        ) from None


def _config(args: argparse.Namespace) -> dict[str, Any]:
    config = _toml(args.config) if args.config is not None else {}
    for name, value in config.items():
        kind = _SETTINGS.get(name)
        if kind is None:
            raise InputError(
                "unknown setting '{name}' in the configuration file",
                code="serve_config_unknown",
                name=name,
            )
        if not isinstance(value, kind) or isinstance(value, bool):
            raise InputError(
                "the setting '{name}' of the configuration file has the wrong type",
                code="serve_config_type",
                name=name,
            )
    for name in ("host", "port", "workers"):
        if getattr(args, name) is not None:
            config[name] = getattr(args, name)
    tls = config.setdefault("tls", {})
    for name in ("cert", "key", "client_ca"):
        value = getattr(args, f"tls_{name}")
        if value is not None:
            tls[name] = str(value)
    return config


def _settings(args: argparse.Namespace, config: dict[str, Any]) -> Any:
    from asendusdoc.serve import Limits, ServeSettings, all_operations_key, keys_from_toml

    keys = keys_from_toml(config)
    if args.keys is not None:
        keys += keys_from_toml(_toml(args.keys))
    secret = os.environ.get(KEY_VARIABLE, "")
    if secret:
        keys += (all_operations_key(secret),)
    client_certificates = bool(config["tls"].get("client_ca"))
    if not keys and not client_certificates:
        raise InputError(
            "the service needs a key: give --keys FILE, keys in --config, the environment "
            "variable ASENDUSDOC_SERVE_KEY, or --tls-client-ca",
            code="serve_no_keys",
        )
    workers = _workers(config.get("workers"), args.lang)
    defaults = Limits()
    limits = Limits(
        file_bytes=config.get("max_file_bytes", defaults.file_bytes),
        body_bytes=config.get("max_body_bytes", defaults.body_bytes),
        parts=config.get("max_parts", defaults.parts),
        time_limit=float(config.get("time_limit", defaults.time_limit)),
    )
    numbers = {
        "workers": workers,
        "queue": config.get("queue", 32),
        "port": config.get("port", 8080),
        "tasks_per_worker": config.get("tasks_per_worker", 200),
        "time_limit": limits.time_limit,
        "max_parts": limits.parts,
    }
    for name, value in numbers.items():
        if not 0 < value <= 65535:
            raise InputError(
                "the setting '{name}' is out of range", code="serve_config_range", name=name
            )
    return ServeSettings(
        keys=keys,
        client_certificates=client_certificates,
        workers=workers,
        queue=numbers["queue"],
        tasks_per_worker=numbers["tasks_per_worker"],
        limits=limits,
        seal=_seal(config.get("seal")),
    )


def _workers(asked: int | None, lang: str) -> int:
    """The worker processes: as asked, lowered to the processors (and said so, once)."""
    from asendusdoc.cli._pool import processors

    available = processors()
    if asked is None:
        return available
    if asked <= available:
        return asked  # the range check of the settings refuses 0 and less
    ngettext = ngettext_for(lang)
    message = ngettext(
        "--workers {workers}: this computer has {count} processor; the service runs {count} "
        "worker process",
        "--workers {workers}: this computer has {count} processors; the service runs {count} "
        "worker processes",
        available,
    )
    print(message.format(workers=asked, count=available), file=sys.stderr)
    return available


def _seal(section: dict[str, Any] | None) -> Any:
    """The organisation's seal from ``[seal]`` (pkcs12, password_file or password_env)."""
    if not section:
        return None
    from asendusdoc.cli._protection import read_key_file, read_password
    from asendusdoc.protect import Seal
    from asendusdoc.protect.seal import seal_summary

    if not isinstance(section.get("pkcs12"), str):
        raise InputError(
            "the [seal] section needs 'pkcs12', the path of the seal's PKCS#12 file",
            code="serve_seal_file",
        )
    password = None
    if section.get("password_file") or section.get("password_env"):
        file = section.get("password_file")
        password = read_password(
            password_file=Path(file) if file else None, env_var=section.get("password_env")
        ).encode("utf-8")
    seal = Seal(read_key_file(Path(section["pkcs12"])), password)
    seal_summary(seal)  # refuse a wrong password or an expired certificate now, not per request
    return seal


def _serve(args: argparse.Namespace) -> int:
    import ssl

    import uvicorn

    from asendusdoc.serve import create_app
    from asendusdoc.serve._log import logging_config

    config = _config(args)
    settings = _settings(args, config)
    tls = config["tls"]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings),
            host=config.get("host", "127.0.0.1"),
            port=config.get("port", 8080),
            log_config=logging_config(),
            access_log=False,
            server_header=False,
            timeout_graceful_shutdown=int(settings.limits.time_limit) + 5,
            ssl_certfile=tls.get("cert"),
            ssl_keyfile=tls.get("key"),
            ssl_ca_certs=tls.get("client_ca"),
            ssl_cert_reqs=ssl.CERT_REQUIRED if tls.get("client_ca") else ssl.CERT_NONE,
        )
    )
    try:
        with _graceful_signals():
            server.run()
    except SystemExit:  # uvicorn could not listen (the port is taken) or start: it said why
        return EXIT_USAGE
    return EXIT_OK if server.started else EXIT_USAGE


@contextmanager
def _graceful_signals() -> Iterator[None]:
    """uvicorn handles SIGTERM and SIGINT gracefully, then raises the signal again to the
    handler found before it: that one does nothing, so the command exits 0."""
    previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    for number in previous:
        signal.signal(number, _after_shutdown)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _after_shutdown(signum: int, frame: FrameType | None) -> None:
    """The graceful shutdown is done; the signal needs nothing more."""
