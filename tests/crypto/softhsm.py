"""A SoftHSM2 token for the tests: its own configuration and token folder in a temporary
folder, keys and certificates written with OpenSC's ``pkcs11-tool``.

SoftHSM2 (Debian ``softhsm2``) and OpenSC (``opensc``) are installed by ``.ci/run``: in CI a
missing one fails the test; elsewhere the test is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

PIN = "4711"
SO_PIN = "0000"
MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


def softhsm_module() -> str:
    """The SoftHSM2 PKCS#11 module, or fail (CI) / skip (elsewhere) when it is missing."""
    found = next((m for m in MODULES if Path(m).is_file()), None)
    missing = [tool for tool in ("softhsm2-util", "pkcs11-tool") if shutil.which(tool) is None]
    if found is None or missing:
        message = "SoftHSM2 and OpenSC (softhsm2-util, pkcs11-tool) are needed"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " in CI: .ci/run installs them")
        pytest.skip(message)
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        pytest.fail("python-pkcs11 is a dependency of asendusdoc")
    return found


@dataclass(frozen=True)
class Token:
    module: str
    pin: str


def _tool(module: str, *args: str) -> None:
    subprocess.run(
        ["pkcs11-tool", "--module", module, "--login", "--pin", PIN, *args],
        check=True,
        capture_output=True,
        timeout=60,
    )


@contextmanager
def softhsm_token(folder: Path, keys: list[tuple[Any, Any]]) -> Iterator[Token]:
    """A token holding each (private key, certificate): EC keys may derive (ECDH), RSA keys
    decrypt. ``SOFTHSM2_CONF`` points at the token's configuration while the block runs."""
    module = softhsm_module()
    tokens = folder / "tokens"
    tokens.mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(config)
    try:
        subprocess.run(
            [
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                "asendusdoc",
                "--pin",
                PIN,
                "--so-pin",
                SO_PIN,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        for index, (key, certificate) in enumerate(keys, 1):
            key_file = folder / f"key{index}.der"
            key_file.write_bytes(
                key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            usage = (
                "--usage-derive"
                if isinstance(key, ec.EllipticCurvePrivateKey)
                else "--usage-decrypt"
            )
            key_id = f"{index:02x}"
            _tool(
                module,
                "--write-object",
                str(key_file),
                "--type",
                "privkey",
                usage,
                "--id",
                key_id,
                "--label",
                f"key{index}",
            )
            key_file.unlink()
            cert_file = folder / f"cert{index}.der"
            cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.DER))
            _tool(
                module,
                "--write-object",
                str(cert_file),
                "--type",
                "cert",
                "--id",
                key_id,
                "--label",
                f"key{index}",
            )
        yield Token(module, PIN)
    finally:
        if previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = previous
