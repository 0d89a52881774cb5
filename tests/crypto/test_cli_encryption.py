"""Encryption from the command line: what a caseworker runs to send a document to SKA."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from asendusdoc.cli import main
from asendusdoc.protect.openpgp import decrypt_and_verify, decrypt_bytes
from asendusdoc.read.budget import MAX_DOCUMENT_BYTES
from asendusdoc.render import render_docx, render_pdf

from .conftest import KeySet

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_render_encrypted_decrypts_to_exactly_the_plain_render(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, keys: KeySet, fmt: str
) -> None:
    out = tmp_path / f"referral.{fmt}.gpg"
    code, text = cli(capsys, "render", str(REFERRAL), "--format", fmt, "-o", str(out),
                     "--encrypt-to", str(keys.good.public))  # fmt: skip
    assert code == 0, text
    plain = render_pdf(REFERRAL, "et") if fmt == "pdf" else render_docx(REFERRAL, "et")
    assert decrypt_bytes(out.read_bytes(), keys.good.secret_key) == plain
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_two_recipients_each_decrypt_and_the_signature_verifies(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, keys: KeySet
) -> None:
    out = tmp_path / "referral.pdf.asc"
    code, text = cli(capsys, "render", str(REFERRAL), "-o", str(out), "--armor",
                     "--encrypt-to", str(keys.good.public), "--encrypt-to", str(keys.second.public),
                     "--sign-with", str(keys.good.secret))  # fmt: skip
    assert code == 0, text
    message = out.read_bytes()
    assert message.startswith(b"-----BEGIN PGP MESSAGE-----")
    plain = render_pdf(REFERRAL, "et")
    assert decrypt_bytes(message, keys.second.secret_key) == plain
    verified = decrypt_and_verify(message, keys.good.secret_key, keys.good.public_key)
    assert verified.data == plain
    assert verified.signer_fingerprint == keys.good.fingerprint


def test_encrypt_any_file_such_as_the_json_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, keys: KeySet
) -> None:
    out = tmp_path / "referral.json.gpg"
    code, text = cli(capsys, "encrypt", str(REFERRAL), "--encrypt-to", str(keys.good.public_binary),
                     "-o", str(out))  # fmt: skip
    assert code == 0, text
    assert decrypt_bytes(out.read_bytes(), keys.good.secret_key) == REFERRAL.read_bytes()
    assert json.loads(decrypt_bytes(out.read_bytes(), keys.good.secret_key))["form"]


@pytest.mark.parametrize(
    ("key_name", "expected"),
    [
        ("expired", "expired"),
        ("revoked", "revoked"),
        ("sign_only", "encrypt"),
        ("missing", "does not exist"),
        ("not_a_key", "no OpenPGP key"),
    ],
)
def test_every_refusal_leaves_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, keys: KeySet, key_name: str, expected: str
) -> None:
    if key_name == "missing":
        key = tmp_path / "absent.asc"
    elif key_name == "not_a_key":
        key = tmp_path / "note.txt"
        key.write_text("this is not a key\n")
    else:
        key = getattr(keys, key_name).public
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "referral.pdf.gpg"
    code, text = cli(capsys, "render", str(REFERRAL), "-o", str(out), "--encrypt-to", str(key))
    assert code == 2
    assert expected.lower() in text.lower(), text
    assert "Traceback" not in text
    assert list(out_dir.iterdir()) == []


def test_output_is_kept_unless_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, keys: KeySet
) -> None:
    out = tmp_path / "referral.pdf.gpg"
    out.write_bytes(b"keep me")
    argv = ("render", str(REFERRAL), "-o", str(out), "--encrypt-to", str(keys.good.public))
    code, text = cli(capsys, *argv)
    assert code == 2 and "--force" in text
    assert out.read_bytes() == b"keep me"
    assert cli(capsys, *argv, "--force")[0] == 0
    assert decrypt_bytes(out.read_bytes(), keys.good.secret_key) == render_pdf(REFERRAL, "et")


def test_password_protected_pdf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASENDUSDOC_TEST_PASSWORD", "Tõrva-2026-пароль")
    out = tmp_path / "referral.pdf"
    code, text = cli(capsys, "render", str(REFERRAL), "-o", str(out),
                     "--password-env", "ASENDUSDOC_TEST_PASSWORD")  # fmt: skip
    assert code == 0, text
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert reader.decrypt("Tõrva-2026-пароль") != 0
    assert "Peretoe teenusele suunamise vorm" in reader.pages[0].extract_text()


def test_password_from_a_missing_variable_is_refused_without_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ASENDUSDOC_NO_SUCH_VARIABLE", raising=False)
    out = tmp_path / "referral.pdf"
    code, _ = cli(capsys, "render", str(REFERRAL), "-o", str(out),
                  "--password-env", "ASENDUSDOC_NO_SUCH_VARIABLE")  # fmt: skip
    assert code == 2
    assert not out.exists()


def test_password_protection_is_for_pdf_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    password = tmp_path / "password.txt"
    password.write_text("salasõna\n")
    out = tmp_path / "referral.docx"
    code, text = cli(capsys, "render", str(REFERRAL), "--format", "docx", "-o", str(out),
                     "--password-file", str(password))  # fmt: skip
    assert code == 2 and "PDF" in text
    assert not out.exists()


def test_json_gives_one_object_per_output_file_with_the_recipients(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, keys: KeySet
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"form": "family-support-referral"}', encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code = main(["render", str(REFERRAL), str(broken), "--out-dir", str(out_dir), "--json",
                 "--encrypt-to", str(keys.good.public), "--lang", "en"])  # fmt: skip
    out, _err = capsys.readouterr()
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["path"], r["ok"]) for r in records] == [
        (str(out_dir / "family-support-referral.pdf.gpg"), True),
        (str(out_dir / "broken.pdf.gpg"), False),
    ]
    assert records[0]["recipients"][0]["fingerprint"] == keys.good.fingerprint
    assert records[0]["recipients"][0]["source"] == str(keys.good.public)
    assert records[1]["recipients"] == [] and records[1]["messages"]
    assert sorted(p.name for p in out_dir.iterdir()) == ["family-support-referral.pdf.gpg"]


def test_encrypt_json(capsys: pytest.CaptureFixture[str], tmp_path: Path, keys: KeySet) -> None:
    out = tmp_path / "referral.json.asc"
    code = main(["encrypt", str(REFERRAL), "--encrypt-to", str(keys.good.public), "--armor",
                 "-o", str(out), "--json"])  # fmt: skip
    printed, _err = capsys.readouterr()
    assert code == 0
    (record,) = [json.loads(line) for line in printed.splitlines()]
    assert record["path"] == str(out) and record["ok"]
    assert [r["fingerprint"] for r in record["recipients"]] == [keys.good.fingerprint]


def test_encrypt_from_an_endless_stdin_stops_at_the_limit_and_writes_nothing(
    tmp_path: Path, keys: KeySet
) -> None:
    out = tmp_path / "endless.gpg"
    endless = subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "asendusdoc", "encrypt", "-", "--lang", "en", "--json",
             "--encrypt-to", str(keys.good.public), "-o", str(out)],
            stdin=endless.stdout,
            capture_output=True,
            text=True,
            timeout=120,
        )  # fmt: skip
    finally:
        endless.kill()
        endless.wait()
    assert done.returncode == 2, done.stderr
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["ok"] is False
    assert f"larger than the limit of {MAX_DOCUMENT_BYTES} bytes" in record["messages"][0]
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("source", ["stdin", "file"])
def test_encrypt_takes_a_document_of_the_limit_and_refuses_one_byte_more(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    keys: KeySet,
    source: str,
) -> None:
    """At the real limit (64 MiB) the same, with a smaller limit so the test stays small."""
    monkeypatch.setattr("asendusdoc.read.budget.MAX_DOCUMENT_BYTES", 1000)
    for size, expected in ((1000, 0), (1001, 2)):
        document = tmp_path / f"document-{size}.pdf"
        document.write_bytes(b"%" * size)
        if source == "stdin":
            monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(document.read_bytes())))
        name = "-" if source == "stdin" else str(document)
        out = tmp_path / f"out-{size}.gpg"
        code, text = cli(capsys, "encrypt", name, "--encrypt-to", str(keys.good.public_binary),
                         "-o", str(out))  # fmt: skip
        assert (code, out.exists()) == (expected, expected == 0), text
        if expected:
            assert "larger than the limit of 1000 bytes" in text
        else:
            assert decrypt_bytes(out.read_bytes(), keys.good.secret_key) == b"%" * size
