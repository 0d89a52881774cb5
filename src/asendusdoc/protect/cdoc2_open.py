"""CDOC 2.0 envelopes opened with the recipient's key (needs pycdoc: ``asendusdoc[cdoc]``).

pycdoc (libcdoc, what DigiDoc4 reads CDOC with) parses the envelope and decrypts its payload, in
a process of its own (:mod:`._cdoc2_reader`); the file master key is unwrapped here with the
recipient's :class:`~asendusdoc.protect.recipient_keys.RecipientKey`, so that a key on a token
stays there:

* RSA: the key encryption key is RSA-OAEP (SHA-256) encrypted to the recipient;
* EC: the key encryption key is HKDF-SHA-256 over the ECDH secret of the recipient's key and the
  sender's ephemeral key (extract with the salt ``CDOC20kekpremaster``, expand with
  ``CDOC20kek`` ‖ ``XOR`` ‖ recipient's key ‖ sender's key);

and the file master key is that key XOR the lock's encrypted one. The payload's own
authentication (HMAC, ChaCha20-Poly1305) tells a wrong key or a changed byte.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from typing import Any

from asendusdoc.errors import EncryptionError
from asendusdoc.protect._opened import DecryptedFile, damaged, not_recipient
from asendusdoc.protect.recipient_keys import RecipientKey

__all__ = ["decrypt_cdoc2"]

_TIMEOUT = 300


def decrypt_cdoc2(data: bytes, key: RecipientKey, name: str) -> list[DecryptedFile]:
    """The files of the CDOC 2.0 envelope ``data``, opened with ``key``."""
    try:
        import pycdoc  # noqa: F401  (only to say clearly that it is missing)
    except ImportError:
        raise EncryptionError(
            "Opening a CDOC 2.0 envelope needs the pycdoc package, which is not installed. "
            "Install it with pip install 'asendusdoc[cdoc]', or open the envelope in DigiDoc4.",
            code="cdoc2_unavailable",
        ) from None
    locks = _ask({"mode": "locks"}, data, name).get("locks", [])
    ours = key.public_keys()
    for lock in locks:
        recipient = bytes.fromhex(lock["recipient"])
        public = next((k for k in ours if _encoded(k) == recipient), None)
        if public is not None:
            fmk = _file_master_key(lock, key, public, name)
            opened = _ask({"mode": "open", "fmk": fmk.hex()}, data, name)
            if not opened.get("authentic") or not opened.get("files"):
                raise damaged(name)
            return [
                DecryptedFile(item["name"], base64.b64decode(item["data"]))
                for item in opened["files"]
            ]
    raise not_recipient(name)


def _encoded(public_key: Any) -> bytes:
    """A public key as libcdoc names a recipient: RSA as PKCS#1 DER, EC as its point."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if isinstance(public_key, rsa.RSAPublicKey):
        return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    return b""


def _file_master_key(lock: dict[str, Any], key: RecipientKey, public: Any, name: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

    material = bytes.fromhex(lock["material"])
    wrapped = bytes.fromhex(lock["fmk"])
    try:
        if lock["rsa"]:
            kek = key.rsa_decrypt_oaep(public, material)
        else:
            sender = ec.EllipticCurvePublicKey.from_encoded_point(public.curve, material)
            shared = key.ecdh(public, sender)
            premaster = hmac.new(b"CDOC20kekpremaster", shared, hashlib.sha256).digest()
            info = b"CDOC20kek" + b"XOR" + bytes.fromhex(lock["recipient"]) + material
            kek = HKDFExpand(hashes.SHA256(), len(wrapped), info).derive(premaster)
    except ValueError:
        raise damaged(name) from None
    if len(kek) != len(wrapped):
        raise damaged(name)
    return bytes(a ^ b for a, b in zip(kek, wrapped, strict=True))


def _ask(request: dict[str, Any], data: bytes, name: str) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "asendusdoc.protect._cdoc2_reader"],
            input=json.dumps(request).encode() + b"\n" + data,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
        answer: dict[str, Any] = json.loads(done.stdout or b"{}")
    except (OSError, subprocess.SubprocessError, ValueError):
        raise damaged(name) from None
    if done.returncode != 0 or "error" in answer:
        raise damaged(name)
    return answer
