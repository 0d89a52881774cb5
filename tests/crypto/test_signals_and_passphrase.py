"""A signal during signing leaves no secret behind; a protected signing key can be used.

The signal tests run the real command in a child process with a slowed-down gpg (a wrapper
script first on ``PATH`` that sleeps before encrypting) and a private temp folder, send the
signal while gpg works, and look at what is left: no GnuPG home, no gpg-agent, no output.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.protect.openpgp import decrypt_and_verify

from .conftest import PROTECTED_PASSPHRASE, KeySet

ROOT = Path(__file__).resolve().parents[2]
REFERRAL = ROOT / "examples" / "family-support-referral.json"
ENV_NAME = "ASENDUSDOC_TEST_SIGN_PASSPHRASE"


def _wrapper(folder: Path, *, sleep: int) -> Path:
    """A ``gpg`` that logs its arguments, and sleeps before encrypting."""
    real = shutil.which("gpg")
    assert real is not None
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    script = bin_dir / "gpg"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$*" >> "{folder}/gpg-argv.log"\n'
        'case " $* " in *" --encrypt "*)\n'
        f'  touch "{folder}/encrypting"; sleep {sleep};;\n'
        "esac\n"
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return bin_dir


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A temp folder with a short path (gpg-agent's socket must fit), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="sig"))
    try:
        yield folder
    finally:
        for proc in _agents_of(folder):
            os.kill(proc, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)


def _agents_of(folder: Path) -> list[int]:
    """Processes (gpg, gpg-agent) whose command line names something inside ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                arguments = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(folder).encode() in arguments and b"gpg" in arguments:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find gpg-agent")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_while_signing_removes_the_gnupg_home_and_its_agent(
    keys: KeySet, short_tmp: Path, signum: signal.Signals
) -> None:
    bin_dir = _wrapper(short_tmp, sleep=30)
    temp = short_tmp / "t"
    out_dir = short_tmp / "out"
    temp.mkdir()
    out_dir.mkdir()
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "TMPDIR": str(temp),
        ENV_NAME: PROTECTED_PASSPHRASE,
    }
    command = [
        sys.executable, "-m", "asendusdoc", "render", str(REFERRAL), "-o",
        str(out_dir / "referral.pdf.gpg"), "--encrypt-to", str(keys.good.public),
        "--sign-with", str(keys.protected.secret), "--sign-passphrase-env", ENV_NAME,
    ]  # fmt: skip
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (short_tmp / "encrypting").exists():
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline, "gpg never started encrypting"
            time.sleep(0.05)
        homes = list(temp.glob("asendusdoc-gpg-*"))
        assert len(homes) == 1 and list(homes[0].glob("private-keys-v1.d/*.key"))
        child.send_signal(signum)
        _, stderr = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr
    assert list(temp.iterdir()) == []  # the GnuPG home with the secret key is gone
    assert list(out_dir.iterdir()) == []  # no output, no temporary file
    time.sleep(0.5)
    assert _agents_of(temp) == []


def test_a_home_left_by_a_killed_run_is_removed_by_the_next(
    keys: KeySet, short_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from asendusdoc.protect import openpgp as crypto

    monkeypatch.setattr(tempfile, "tempdir", str(short_tmp))
    dead = subprocess.Popen(["true"])
    dead.wait()  # a pid that no longer runs
    stale = short_tmp / f"asendusdoc-gpg-{dead.pid}-abc"
    (stale / "private-keys-v1.d").mkdir(parents=True)
    (stale / "private-keys-v1.d" / "secret.key").write_text("stand-in for a secret key")
    crypto.encrypt_bytes(b"data", [keys.good.public_key])
    assert not stale.exists()


def test_a_protected_signing_key_signs_with_the_passphrase_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    keys: KeySet,
    short_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bin_dir = _wrapper(short_tmp, sleep=0)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv(ENV_NAME, PROTECTED_PASSPHRASE)
    out = short_tmp / "referral.pdf.gpg"
    code = main([
        "render", str(REFERRAL), "-o", str(out), "--lang", "en",
        "--encrypt-to", str(keys.good.public), "--sign-with", str(keys.protected.secret),
        "--sign-passphrase-env", ENV_NAME,
    ])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    result = decrypt_and_verify(out.read_bytes(), keys.good.secret_key, keys.protected.public_key)
    assert result.signer_fingerprint == keys.protected.fingerprint
    logged = (short_tmp / "gpg-argv.log").read_text("utf-8")
    assert "--encrypt" in logged  # the wrapper saw the calls
    for text in (logged, captured.out, captured.err):
        assert PROTECTED_PASSPHRASE not in text


def test_a_protected_signing_key_signs_with_the_passphrase_from_a_file(
    capsys: pytest.CaptureFixture[str], keys: KeySet, tmp_path: Path
) -> None:
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PROTECTED_PASSPHRASE + "\n", "utf-8")
    out = tmp_path / "referral.pdf.gpg"
    code = main([
        "render", str(REFERRAL), "-o", str(out), "--lang", "en",
        "--encrypt-to", str(keys.good.public), "--sign-with", str(keys.protected.secret),
        "--sign-passphrase-file", str(secret),
    ])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    decrypt_and_verify(out.read_bytes(), keys.good.secret_key, keys.protected.public_key)


def test_a_wrong_signing_passphrase_is_bad_passphrase_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    keys: KeySet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_NAME, "not-the-passphrase")
    out = tmp_path / "referral.pdf.gpg"
    code = main([
        "render", str(REFERRAL), "-o", str(out), "--lang", "en",
        "--encrypt-to", str(keys.good.public), "--sign-with", str(keys.protected.secret),
        "--sign-passphrase-env", ENV_NAME,
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "passphrase" in err and "not-the-passphrase" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    "extra",
    [
        ["--sign-passphrase-file", "p.txt", "--sign-passphrase-env", ENV_NAME],
        ["--sign-passphrase-env", ENV_NAME],  # without --sign-with
    ],
    ids=["both", "without-sign-with"],
)
def test_signing_passphrase_options_misused_are_usage_errors(
    capsys: pytest.CaptureFixture[str], keys: KeySet, tmp_path: Path, extra: list[str]
) -> None:
    sign = ["--sign-with", str(keys.protected.secret)] if "p.txt" in extra else []
    code = main([
        "render", str(REFERRAL), "-o", str(tmp_path / "x.pdf.gpg"), "--lang", "en",
        "--encrypt-to", str(keys.good.public), *sign, *extra,
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "Internal error" not in err
    assert not (tmp_path / "x.pdf.gpg").exists()
