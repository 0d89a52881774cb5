"""Open a CDOC file with libcdoc's own reader (pycdoc), as one recipient; run as its own process.

``python libcdoc_open.py ENVELOPE PRIVATE_KEY.pem CERT.der [CERT.der ...]`` prints one JSON
object: the file version, the locks (label, is_pki, is_rsa, method), whether each certificate has
a lock, the file's name and data (base64), and whether the payload was authentic. libcdoc is
what DigiDoc4 reads CDOC with, so a file it opens is a file DigiDoc4 opens.

pycdoc's own crypto backend needs a card or PKCS#11, so the file master key is unwrapped here
from the lock libcdoc parsed: CDOC 1.1 RSA (PKCS#1 v1.5) and EC (ECDH-ES with the lock's
ephemeral key, ConcatKDF over the lock's AlgorithmID ‖ PartyUInfo ‖ PartyVInfo, AES key
unwrap); CDOC 2.0 RSA (RSA-OAEP-SHA256 key encryption key, XOR with the lock's value). A process
of its own because pycdoc's objects are not reliable after a first use in one interpreter.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

import pycdoc
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
from cryptography.hazmat.primitives.keywrap import aes_key_unwrap

DIGESTS = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def _file_master_key(version: int, lock: Any, key: Any) -> bytes:
    wrapped = bytes(lock.get_encrypted_fmk())
    if version == 2:
        oaep = padding.OAEP(
            mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None
        )
        kek = key.decrypt(bytes(lock.get_bytes(pycdoc.Lock.KEY_MATERIAL)), oaep)
        return bytes(a ^ b for a, b in zip(kek, wrapped, strict=True))
    if isinstance(key, rsa.RSAPrivateKey):
        return bytes(key.decrypt(wrapped, padding.PKCS1v15()))
    peer = ec.EllipticCurvePublicKey.from_encoded_point(
        key.curve, bytes(lock.get_bytes(pycdoc.Lock.KEY_MATERIAL))
    )
    digest = lock.get_string(pycdoc.Lock.CONCAT_DIGEST).rsplit("#", 1)[1]
    other_info = b"".join(
        bytes(lock.get_bytes(name))
        for name in (pycdoc.Lock.ALGORITHM_ID, pycdoc.Lock.PARTY_UINFO, pycdoc.Lock.PARTY_VINFO)
    )
    kek = ConcatKDFHash(DIGESTS[digest](), 32, other_info).derive(key.exchange(ec.ECDH(), peer))
    return aes_key_unwrap(kek, wrapped)


def main(
    envelope: str, key_file: str, own_certificate: str, *certificate_files: str
) -> dict[str, object]:
    key = serialization.load_pem_private_key(Path(key_file).read_bytes(), None)
    version = pycdoc.CDocReader.get_cdoc_file_version(envelope)
    result: dict[str, object] = {"version": version}
    reader = pycdoc.CDocReader.create_reader(envelope, None, None, None)
    locks = list(reader.get_locks())
    result["locks"] = [
        [
            lock.get_label(),
            lock.is_pki(),
            lock.is_rsa(),
            lock.get_string(pycdoc.Lock.METHOD) if lock.is_cdoc1() else "",
        ]
        for lock in locks
    ]
    result["has_lock"] = [
        reader.get_lock_for_cert(Path(path).read_bytes())[0] >= 0 for path in certificate_files
    ]
    index = reader.get_lock_for_cert(Path(own_certificate).read_bytes())[0]
    fmk = _file_master_key(version, locks[index], key)
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
