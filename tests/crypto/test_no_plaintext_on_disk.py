"""No plaintext touches the disk on any protection path, and no temporary file remains.

Each path runs the real command under ``strace -f`` (following gpg and the CDOC 2.0 writer
process too) and lists every file any of these processes opened for writing. The only files
allowed are the output (its temporary name in the output folder, then its final name) and
GnuPG's throw-away home (keys, never the document: gpg encrypts from a pipe to a pipe).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asendusdoc.render import render_pdf

from .conftest import SEAL_PASSWORD, CertificateSet, KeySet, SealFiles

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"
OPEN_CALL = re.compile(
    r'^\d+\s+(?:openat|open|creat)\((?:AT_FDCWD, )?"(?P<path>[^"]*)", (?P<flags>[A-Z_|]+)'
)
WRITING = ("O_WRONLY", "O_RDWR", "O_CREAT", "creat")
UNLINK_CALL = re.compile(r'^\d+\s+unlink(?:at)?\((?:AT_FDCWD, )?"(?P<path>[^"]*)"')
PROBE = re.compile(r"[a-z0-9_]{8}")
"""The name of the file Python's tempfile writes and removes at once to find a usable TMPDIR."""


def _strace() -> str:
    program = shutil.which("strace")
    if program is None:
        if os.environ.get("CI") == "true":
            pytest.fail("strace is missing in CI (.ci/run installs it)")
        pytest.skip("strace is not installed")
    return program


def _unlinked_paths(log: Path) -> set[str]:
    lines = log.read_text(errors="replace").splitlines()
    return {found["path"] for line in lines if (found := UNLINK_CALL.match(line))}


def _written_paths(log: Path) -> set[str]:
    written = set()
    for line in log.read_text(errors="replace").splitlines():
        found = OPEN_CALL.match(line)
        if found and any(flag in found["flags"] for flag in WRITING):
            path = found["path"]
            if "O_TMPFILE" in found["flags"]:
                path += "/<O_TMPFILE>"  # a nameless file in that folder, linked in when complete
            written.add(path)
    return written


def _cases(
    keys: KeySet, certificates: CertificateSet, seal_files: SealFiles
) -> dict[str, list[str]]:
    cases = {
        "openpgp": ["--encrypt-to", str(keys.good.public), "--sign-with", str(keys.good.secret)],
        "cdoc1": ["--cdoc-to", str(certificates.ec_p384.pem),
                  "--cdoc-to", str(certificates.rsa.der)],
        "seal-then-cdoc1": ["--seal-with", str(seal_files.good),
                            "--seal-password-env", "ASENDUSDOC_SEAL", "--cdoc-to",
                            str(certificates.rsa.pem)],
        "pdf-password": ["--password-env", "ASENDUSDOC_SEAL"],
        "asice-then-cdoc1": ["--asice-seal-with", str(seal_files.good),
                             "--seal-password-env", "ASENDUSDOC_SEAL", "--cdoc-to",
                             str(certificates.ec_p256.pem)],
    }  # fmt: skip
    if (sys.platform, os.uname().machine) == ("linux", "x86_64"):
        cases["cdoc2"] = ["--cdoc-version", "2", "--cdoc-to", str(certificates.rsa.pem)]
    return cases


CASES = ["openpgp", "cdoc1", "seal-then-cdoc1", "pdf-password", "cdoc2", "asice-then-cdoc1"]


@pytest.mark.parametrize("case", CASES)
def test_render_writes_only_the_protected_output(
    tmp_path: Path,
    keys: KeySet,
    certificates: CertificateSet,
    seal_files: SealFiles,
    case: str,
) -> None:
    strace = _strace()
    arguments = _cases(keys, certificates, seal_files).get(case)
    if arguments is None:
        pytest.skip("CDOC 2.0 is written on Linux x86_64 only")
    out_dir = tmp_path / "out"
    temp = tmp_path / "tmp"
    home = tmp_path / "home"
    for folder in (out_dir, temp, home):
        folder.mkdir()
    log = tmp_path / "strace.log"
    env = {
        **os.environ,
        "TMPDIR": str(temp),
        "HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
        "ASENDUSDOC_SEAL": SEAL_PASSWORD,
    }
    done = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=open,openat,creat,unlink,unlinkat", "-o", str(log),
         sys.executable, "-m", "asendusdoc", "render", str(REFERRAL), "--out-dir", str(out_dir),
         "--lang", "en", *arguments],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    (output,) = out_dir.iterdir()  # no temporary file left beside it
    nameless = {str(out_dir) + "/<O_TMPFILE>", "out/<O_TMPFILE>"}  # the output, before its name
    allowed_temporary = re.compile(
        re.escape(str(out_dir)) + r"/\." + re.escape(output.name) + r"\.\w+\.tmp"
    )
    unexpected = sorted(
        path
        for path in _written_paths(log)
        if path != str(output)
        and path not in nameless
        and not allowed_temporary.fullmatch(path)
        and "/asendusdoc-gpg-" not in path  # gpg's home: keys only, then removed
        and not (  # tempfile's probe of TMPDIR (a few bytes of its own), removed at once
            Path(path).parent == temp
            and PROBE.fullmatch(Path(path).name)
            and path in _unlinked_paths(log)
        )
        and path not in ("/dev/null", "/dev/tty", "/dev/stdout")
        and not path.startswith("/dev/shm/sem.")  # a lock (multiprocessing), in memory
    )
    assert unexpected == [], f"files written besides the output: {unexpected}"
    assert list(temp.iterdir()) == [] and list(home.iterdir()) == []
    our_gpg_homes = {
        Path(
            path.split("/asendusdoc-gpg-")[0],
            "asendusdoc-gpg-" + path.split("/asendusdoc-gpg-")[1].split("/")[0],
        )
        for path in _written_paths(log)
        if "/asendusdoc-gpg-" in path
    }
    assert [home for home in our_gpg_homes if home.exists()] == []  # removed after use
    # The output is not the plain document: no stream of the plain PDF (its pages, fonts, the
    # embedded form) appears in it. (Object dictionaries are the same in both: PDF encryption
    # leaves them in the clear.)
    plain = render_pdf(REFERRAL, "et")
    start = plain.index(b"stream\n") + len(b"stream\n")
    assert plain[start : start + 64] not in output.read_bytes()


def test_decrypt_writes_only_its_output(tmp_path: Path, certificates: CertificateSet) -> None:
    """What arrives is opened in memory: the only file written is the output."""
    from cryptography.hazmat.primitives import serialization

    from asendusdoc import CdocEnvelope, KeyData, Protection, protect_file

    strace = _strace()
    recipient = certificates.ec_p384
    plain = render_pdf(REFERRAL, "et")
    envelope = tmp_path / "suunamine.pdf.cdoc"
    key = KeyData(recipient.pem.read_bytes(), "mari.pem")
    envelope.write_bytes(
        protect_file(plain, "suunamine.pdf", Protection(CdocEnvelope((key,)))).data
    )
    key_file = tmp_path / "mari.key"
    key_file.write_bytes(
        recipient.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    out_dir, temp, home = tmp_path / "out", tmp_path / "tmp", tmp_path / "home"
    for folder in (out_dir, temp, home):
        folder.mkdir()
    log = tmp_path / "strace.log"
    output = out_dir / "suunamine.pdf"
    env = {**os.environ, "TMPDIR": str(temp), "HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=open,openat,creat,unlink,unlinkat", "-o", str(log),
         sys.executable, "-m", "asendusdoc", "decrypt", str(envelope), "-o", str(output),
         "--key", str(key_file), "--lang", "en"],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert output.read_bytes() == plain
    assert list(out_dir.iterdir()) == [output]
    temporary = re.compile(re.escape(str(out_dir)) + r"/\.suunamine\.pdf\.\w+\.tmp")
    unexpected = sorted(
        path
        for path in _written_paths(log)
        if path not in (str(output), str(out_dir) + "/<O_TMPFILE>", "/dev/null", "/dev/tty")
        and not temporary.fullmatch(path)
        and not (Path(path).parent == temp and path in _unlinked_paths(log))
        and not path.startswith("/dev/shm/sem.")
    )
    assert unexpected == [], f"files written besides the output: {unexpected}"
    assert list(temp.iterdir()) == [] and list(home.iterdir()) == []
