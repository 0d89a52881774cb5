"""Read a CDOC 2.0 envelope with pycdoc in a process of its own (pycdoc's objects are not
reliable after a first use in one interpreter, as for :mod:`._cdoc2_writer`).

Standard input: one JSON line, then the envelope's bytes. ``{"mode": "locks"}`` prints the
envelope's locks (JSON: for each, whether it is RSA, the recipient's public key, the key
material and the encrypted file master key, hex). ``{"mode": "open", "fmk": HEX}`` decrypts the
payload with that file master key and prints the files (names, data in base64) and whether the
payload was authentic. The envelope (ciphertext only) is given to pycdoc as a file in a
private temporary folder, removed at once; the plain files go back through the pipe.
"""

from __future__ import annotations

import base64
import json
import sys
import tempfile
from pathlib import Path
from typing import Any


def _locks(reader: Any, pycdoc: Any) -> list[dict[str, Any]]:
    found = []
    for lock in reader.get_locks():
        found.append(
            {
                "rsa": bool(lock.is_rsa()),
                "pki": bool(lock.is_pki()),
                "recipient": bytes(lock.get_bytes(pycdoc.Lock.RCPT_KEY)).hex(),
                "material": bytes(lock.get_bytes(pycdoc.Lock.KEY_MATERIAL)).hex(),
                "fmk": bytes(lock.get_encrypted_fmk()).hex(),
            }
        )
    return found


def _open(reader: Any, pycdoc: Any, fmk: bytes) -> dict[str, Any]:
    files: list[dict[str, str]] = []
    if reader.begin_decryption(fmk)[0] != pycdoc.OK:
        return {"authentic": False, "files": []}
    while True:
        info = pycdoc.FileInfo()
        if reader.next_file(info) != pycdoc.OK:
            break
        data = bytearray(info.size)
        if info.size and reader.read_data(data) != info.size:
            return {"authentic": False, "files": []}
        files.append({"name": info.name, "data": base64.b64encode(bytes(data)).decode()})
    authentic = reader.finish_decryption() == pycdoc.OK
    return {"authentic": authentic, "files": files if authentic else []}


def main() -> int:
    import pycdoc

    request = json.loads(sys.stdin.buffer.readline())
    envelope = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="asendusdoc-cdoc2-") as folder:
        path = Path(folder) / "envelope.cdoc"
        path.write_bytes(envelope)
        reader = pycdoc.CDocReader.create_reader(str(path), None, None, None)
        if reader is None:
            print(json.dumps({"error": "not readable"}))
            return 0
        if request["mode"] == "locks":
            answer: Any = {"locks": _locks(reader, pycdoc)}
        else:
            answer = _open(reader, pycdoc, bytes.fromhex(request["fmk"]))
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
