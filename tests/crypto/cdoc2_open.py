"""Open a CDOC 2.0 file as its RSA recipient with pycdoc's reader; run as its own process.

``python cdoc2_open.py ENVELOPE PRIVATE_KEY.pem CERT.der [CERT.der ...]`` prints one JSON
object: the file version, the locks (is_pki, is_rsa), whether each certificate has a lock, the
file's name and data (base64), and whether the payload was authentic. pycdoc's own crypto
backend needs a card or PKCS#11, so the file master key is unwrapped here (RSA-OAEP-SHA256 key
encryption key, XOR with the lock's value). A process of its own because pycdoc's objects are
not reliable after a first use in one interpreter.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import pycdoc
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def main(envelope: str, key_file: str, *certificate_files: str) -> dict[str, object]:
    key = serialization.load_pem_private_key(Path(key_file).read_bytes(), None)
    result: dict[str, object] = {"version": pycdoc.CDocReader.get_cdoc_file_version(envelope)}
    reader = pycdoc.CDocReader.create_reader(envelope, None, None, None)
    locks = list(reader.get_locks())
    result["locks"] = [[lock.is_pki(), lock.is_rsa()] for lock in locks]
    result["has_lock"] = [
        reader.get_lock_for_cert(Path(path).read_bytes())[0] >= 0 for path in certificate_files
    ]
    (lock,) = [lock for lock in locks if lock.is_rsa()]
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    kek = key.decrypt(bytes(lock.get_bytes(pycdoc.Lock.KEY_MATERIAL)), oaep)  # type: ignore[union-attr]
    fmk = bytes(a ^ b for a, b in zip(kek, bytes(lock.get_encrypted_fmk()), strict=True))
    authentic = reader.begin_decryption(fmk)[0] == pycdoc.OK
    info = pycdoc.FileInfo()
    authentic = authentic and reader.next_file(info) == pycdoc.OK
    data = bytearray(info.size)
    authentic = authentic and reader.read_data(data) == info.size
    authentic = authentic and reader.finish_decryption() == pycdoc.OK
    result.update(name=info.name, data=base64.b64encode(bytes(data)).decode(), authentic=authentic)
    return result


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))
