"""The service under faults: clients that go away or crawl, bodies too large or broken, a
worker killed mid-render, a request over its time limit, a full queue, hostile files.

The service never stalls, never crashes, answers each with its own status and problem, and
leaves no process and no temporary file behind (checked when each server stops).
"""

from __future__ import annotations

import concurrent.futures
import socket
import time
from pathlib import Path

import httpx
import pytest

from asendusdoc.examples import example_data
from asendusdoc.product import MEDIA_TYPES
from asendusdoc.render.embedding import form_json
from tests.serve.server import ALL_KEY, AUTH, Server, running

FILE_LIMIT = 10 * 1024 * 1024


def diary(entries: int) -> bytes:
    """A client diary with ``entries`` entries: slow enough to render to be caught at it."""
    data = example_data("client-diary")
    data["entries"] = [data["entries"][0]] * entries
    return form_json(data)


def raw_request(server: Server, head: str, body: bytes = b"") -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    connection.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
    return connection


def read_status(connection: socket.socket) -> int:
    received = b""
    while b"\r\n" not in received:
        chunk = connection.recv(4096)
        if not chunk:
            break
        received += chunk
    return int(received.split(b" ", 2)[1])


def head(path: str, content_type: str, length: int | None = None, chunked: bool = False) -> str:
    lines = [
        f"POST {path} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Authorization: Bearer {ALL_KEY}",
        f"Content-Type: {content_type}",
    ]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    return "\n".join(lines) + "\n"


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_until_rendering(server: Server, timeout: float = 30) -> None:
    """Until a worker is busy (its processor time grows): a request is in its hands."""
    workers = server.workers()
    before = {pid: cpu_ticks(pid) for pid in workers}
    deadline = time.monotonic() + timeout
    while all(cpu_ticks(pid) - before[pid] < 10 for pid in workers):
        assert time.monotonic() < deadline, "no worker started rendering"
        time.sleep(0.05)


def still_serves(server: Server) -> None:
    with server.client(headers=AUTH) as client:
        answer = client.post("/v1/validate", json=example_data("closure"))
    assert answer.status_code == 200 and answer.json()["valid"]


def test_a_client_gone_mid_upload_is_logged_and_the_service_goes_on(server: Server) -> None:
    connection = raw_request(server, head("/v1/validate", "application/json", 500_000), b"{" * 1000)
    connection.close()
    still_serves(server)
    deadline = time.monotonic() + 10
    while '"operation": "validate", "form": null, "status": 499' not in server.log_text():
        assert time.monotonic() < deadline, server.log_text()
        time.sleep(0.1)


def test_a_client_sending_its_headers_a_byte_a_second_stalls_no_one_else(server: Server) -> None:
    slow = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    try:
        for byte in b"GET /health HTTP/1.1\r\nHo":
            slow.sendall(bytes([byte]))
            if byte == ord("/"):
                break
            time.sleep(1)
        for _ in range(3):  # its headers are still unfinished while these are answered
            still_serves(server)
            slow.sendall(b"x")
            time.sleep(1)
    finally:
        slow.close()


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(
    server: Server,
) -> None:
    connection = raw_request(server, head("/v1/validate", "application/json", FILE_LIMIT + 1))
    try:
        assert read_status(connection) == 413
    finally:
        connection.close()
    still_serves(server)


def test_a_chunked_body_growing_past_the_limit_is_refused_while_it_arrives(server: Server) -> None:
    connection = raw_request(server, head("/v1/validate", "application/json", chunked=True))
    chunk = b" " * (1024 * 1024)
    try:
        for _ in range(12):
            try:
                connection.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            except OSError:  # the service answered and closed: stop sending
                break
        assert read_status(connection) == 413
    finally:
        connection.close()
    still_serves(server)


def test_a_multipart_file_over_the_limit_is_413(server: Server) -> None:
    files = {"file": ("big.json", b" " * (FILE_LIMIT + 1), "application/json")}
    with server.client(headers=AUTH) as client:
        answer = client.post("/v1/validate", files=files)
    assert answer.status_code == 413
    assert answer.json()["code"] == "request_too_large"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\n\r\n"),
        ("multipart/form-data; boundary=x", b"no boundary at all"),
        ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="file"'),
        (
            "multipart/form-data; boundary=x",
            b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\n\r\n{}',
        ),
        ("multipart/form-data; boundary=x", b"--x\r\nNo-Colon\r\n\r\nx\r\n--x--\r\n"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Type: a/b\r\n\r\nx\r\n--x--\r\n"),
    ],
    ids=[
        "no-boundary",
        "no-parts",
        "unfinished-headers",
        "no-final-boundary",
        "bad-header",
        "no-disposition",
    ],
)
def test_a_malformed_multipart_body_is_400(server: Server, content_type: str, body: bytes) -> None:
    with server.client(headers=AUTH) as client:
        answer = client.post("/v1/validate", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == "multipart_malformed"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/xml"])
def test_an_unsupported_media_type_is_415(server: Server, content_type: str | None) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    with server.client(headers=AUTH) as client:
        answer = client.post("/v1/validate", content=b"{}", headers=headers)
    assert answer.status_code == 415
    assert answer.json()["code"] == "media_type_unsupported"
    assert "application/json" in answer.json()["detail"]


def test_a_worker_killed_mid_render_fails_that_request_and_the_pool_recovers(
    server: Server,
) -> None:
    import os
    import signal

    workers = server.workers()
    assert len(workers) == 2
    with concurrent.futures.ThreadPoolExecutor(1) as pool, server.client(headers=AUTH) as client:
        rendering = pool.submit(
            client.post,
            "/v1/documents?lang=et",
            content=diary(600),
            headers={"Content-Type": "application/json"},
        )
        wait_until_rendering(server)
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        answer = rendering.result()
    assert answer.status_code == 503
    assert answer.json()["code"] == "worker_lost"
    assert answer.headers["retry-after"] == "1"
    server.wait_ready()
    for _ in range(3):
        still_serves(server)
    replaced = server.workers()
    assert len(replaced) == 2 and not replaced & workers


def test_hostile_files_in_every_upload_endpoint(server: Server, tmp_path: Path) -> None:
    from asendusdoc.render import render_docx, render_pdf
    from tests.cli.test_hostile_documents import _hostile_files

    docx = render_docx(example_data("closure"), "et")
    plain_pdf = render_pdf(example_data("closure"), "et", embedded_data=False)
    hostile = _hostile_files(tmp_path, docx, plain_pdf)
    processes = len(server.descendants())
    wrong = []
    with server.client(headers=AUTH) as client:
        for name, (path, code) in hostile.items():
            kind = "application/pdf" if name.endswith(".pdf") else MEDIA_TYPES["docx"]
            upload = (path.name, path.read_bytes(), kind)
            for address in ("/v1/validate", "/v1/extract", "/v1/suggest", "/v1/documents?lang=et"):
                part = "form" if "documents" in address else "file"
                answer = client.post(address, files={part: upload})
                said = answer.json() if "json" in answer.headers["content-type"] else {}
                if (answer.status_code, said.get("code")) != (400, code):
                    wrong.append((name, address, answer.status_code, said))
            answer = client.post("/v1/cases/check", files={"file": upload})
            codes = [finding["code"] for finding in answer.json().get("findings", [])]
            if (answer.status_code, codes) != (200, ["form_unreadable"]):
                wrong.append((name, "/v1/cases/check", answer.status_code, answer.text[:200]))
    assert not wrong
    assert "SALADUS" not in server.log_text()
    assert len(server.descendants()) == processes
    still_serves(server)


def test_over_the_time_limit_is_504_and_over_the_queue_503_with_retry_after(
    tmp_path: Path,
) -> None:
    config = "time_limit = 2\nqueue = 1\n"  # one worker, one waiting: a third is refused
    slow = diary(5000)
    with running(tmp_path, config, workers=1) as tight, tight.client(headers=AUTH) as client:
        with concurrent.futures.ThreadPoolExecutor(6) as pool:  # six at once: two are taken
            answers = list(
                pool.map(
                    lambda _: client.post(
                        "/v1/documents?lang=et",
                        content=slow,
                        headers={"Content-Type": "application/json"},
                    ),
                    range(6),
                )
            )
        busy = [answer for answer in answers if answer.status_code == 503]
        over_time = [answer for answer in answers if answer.status_code == 504]
        assert busy and over_time and len(busy) + len(over_time) == 6
        assert all(a.json()["code"] == "busy" and int(a.headers["retry-after"]) >= 1 for a in busy)
        assert all(answer.json()["code"] == "time_limit" for answer in over_time)
        tight.wait_ready()
        assert client.post("/v1/validate", json=example_data("closure")).status_code == 200


def test_sigterm_under_load_finishes_what_is_in_flight_refuses_new_and_exits_0(
    tmp_path: Path,
) -> None:
    with running(tmp_path, workers=1) as server:
        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            client = server.client(headers=AUTH)
            in_flight = [
                pool.submit(
                    client.post,
                    "/v1/documents?lang=ru",
                    content=diary(200),
                    headers={"Content-Type": "application/json"},
                )
                for _ in range(3)
            ]
            wait_until_rendering(server)
            time.sleep(0.3)  # the other two are in the queue
            server.process.terminate()  # SIGTERM
            refused, deadline = False, time.monotonic() + 10
            while not refused and time.monotonic() < deadline:  # new connections are refused
                try:
                    httpx.get(server.url + "/health", timeout=2)
                    time.sleep(0.1)
                except httpx.TransportError:
                    refused = True
            assert refused
            assert [future.result().status_code for future in in_flight] == [200, 200, 200]
            client.close()
        assert server.process.wait(60) == 0
