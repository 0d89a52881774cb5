"""Private by construction: while the service validates, renders, encrypts and reads forms, none
of its processes opens a file for writing (every process is followed with ``strace -f``), and
no answer may be cached."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from tests.serve.server import AUTH, Server, running

OPEN_CALL = re.compile(
    r'^\d+\s+(?:openat|open|creat)\((?:AT_FDCWD, )?"(?P<path>[^"]*)", (?P<flags>[A-Z_|]+)'
)
WRITING = ("O_WRONLY", "O_RDWR", "O_CREAT", "creat")


def _strace() -> str:
    program = shutil.which("strace")
    if program is None:
        if os.environ.get("CI") == "true":
            pytest.fail("strace is missing in CI (.ci/run installs it)")
        pytest.skip("strace is not installed")
    return program


def _work(server: Server, certificate: bytes) -> None:
    from tests.api.test_filled_blank_problems import filled_plan

    with server.client(headers=AUTH) as client:
        form = example_data("family-support-referral")
        assert client.post("/v1/validate", json=form).status_code == 200
        pdf = client.post("/v1/documents?lang=et", json=form)
        assert pdf.status_code == 200 and pdf.headers["cache-control"] == "no-store"
        files = [
            ("form", ("suunamine.pdf", pdf.content, "application/pdf")),
            ("cdoc_recipient", ("mari.pem", certificate, "application/x-pem-file")),
        ]
        assert client.post("/v1/documents?lang=ru", files=files).status_code == 200
        assert (
            client.post(
                "/v1/extract", content=pdf.content, headers={"Content-Type": "application/pdf"}
            ).status_code
            == 200
        )
        blank = ("plaan.docx", filled_plan("et"), "application/octet-stream")
        assert client.post("/v1/validate", files={"file": blank}).status_code == 200


def test_no_process_of_the_service_writes_a_file(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.crypto.conftest import make_certificate

    strace = _strace()
    recipient = make_certificate(tmp_path, "mari", ec.generate_private_key(ec.SECP384R1()))
    trace = tmp_path / "trace.log"
    with running(tmp_path / "server", workers=1) as server:
        pids = [server.process.pid, *sorted(server.descendants())]
        attach = [argument for pid in pids for argument in ("-p", str(pid))]
        tracer = subprocess.Popen(
            [strace, "-f", "-qq", "-e", "trace=open,openat,creat", "-o", str(trace), *attach],
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)  # attached
        _work(server, recipient.pem.read_bytes())
    tracer.wait(60)
    lines = trace.read_text(errors="replace").splitlines()
    assert any("O_RDONLY" in line and "asendusdoc" in line for line in lines)  # workers traced
    written = set()
    for line in lines:
        found = OPEN_CALL.match(line)
        if found and any(flag in found["flags"] for flag in WRITING):
            written.add(found["path"])
    allowed = {path for path in written if path.endswith(".pyc") or path.startswith("/dev/")}
    assert written - allowed == set()
