"""Every command and code block in ``docs/**/*.md`` runs as written.

A fenced block tagged ``bash``, ``sh``, ``shell`` or ``console`` is run with ``bash -e`` (in a
``console`` block only the lines starting with ``$ `` are commands, and every other non-empty
line is output that must appear in what the commands print; ``...`` stands for lines left out).
A ``python`` block is run with the current interpreter. ``text`` blocks (output samples, file
listings, syntax summaries) are not run, and a block without a tag is an error: the author must
say which it is.

Each block is its own test, ``<file>.md:<line>``, in a fresh directory holding copies of
``examples/``, ``templates/`` and ``schemas/`` and the files the guides take as given (made once
per session by ``workspace_template``): test keys ``SKA.asc``, ``teenuseosutaja.asc``,
``postavshchik.asc`` (public) and ``MINU-VOTI.asc``, ``MOY-KLYUCH.asc`` (with the secret key),
password files ``parool.txt`` and ``parol.txt``, certificates ``SKA.cer``, ``lastekaitse.cer``
and ``MINU-ID.cer``, an e-seal ``e-tempel.p12`` with ``templi-parool.txt``, ``FORM.json``, a
finished ``aruanne.docx`` and an encrypted ``suunamine.pdf.gpg``. A file the block writes
itself (``-o NAME``) is left out, so that the block can make it.

A block that cannot run here says why on the line before it::

    <!-- docs-test: skip: installs the package from the package index -->

"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"

RUN_TAGS = {"bash": "bash", "sh": "bash", "shell": "bash", "console": "console", "python": "python"}
NOT_RUN_TAGS = {"text", "json", "toml", "yaml", "ini", "diff", "jinja", "xml", "csv", "ics", "js"}
"""Not run here; the integrator guide's ``js`` block runs in tests/api/test_schemas_strict.py."""

SKIP_MARK = re.compile(r"<!--\s*docs-test:\s*skip:?\s*(?P<reason>.*?)\s*-->")
BLOCK_TIMEOUT_SECONDS = 60

PUBLIC_KEYS = ("SKA", "teenuseosutaja", "postavshchik")
"""Recipients' public key files (``<name>.asc``) the guides encrypt to."""
SECRET_KEYS = ("MINU-VOTI", "MOY-KLYUCH")
"""The caseworker's own key files (``<name>.asc``, with the secret key) for ``--sign-with``."""
PASSWORD = "pikk-parool-Tallinn-2026"
PASSWORD_FILES = ("parool.txt", "parol.txt")
CERTIFICATES = {"SKA.cer": "rsa", "lastekaitse.cer": "ec", "MINU-ID.cer": "ec"}
"""Recipients' X.509 certificates (fictional) the guides send CDOC envelopes to: SKA's (RSA, like
an organisation's), a child-protection worker's and the caseworker's own (EC P-384, like an ID
card's authentication certificate)."""
SEAL_FILE, SEAL_PASSWORD_FILE = "e-tempel.p12", "templi-parool.txt"
"""The organisation's e-seal (fictional) as PKCS#12, and its password's file."""


@dataclass(frozen=True)
class Block:
    """One fenced code block of a document."""

    path: Path
    line: int
    tag: str
    code: str
    skip_reason: str | None

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(DOCS).as_posix()}:{self.line}"


FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*(?P<tag>[\w+-]*)")


def parse_blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, indentation (list items) removed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        body: list[str] = []
        end = index + 1
        while end < len(lines) and not _closes(lines[end], fence):
            line = lines[end]
            body.append(line[min(indent, len(line) - len(line.lstrip(" "))) :])
            end += 1
        blocks.append(
            Block(
                path=path,
                line=index + 1,
                tag=opening["tag"].lower(),
                code="\n".join(body) + "\n",
                skip_reason=_skip_reason(path, lines[:index], "\n".join(body)),
            )
        )
        index = end + 1
    return blocks


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0])


def _skip_reason(path: Path, before: list[str], code: str) -> str | None:
    for line in reversed(before):
        if line.strip():
            mark = SKIP_MARK.search(line)
            if mark is not None:
                return mark["reason"] or "marked not to run"
            break
    return None


def all_blocks() -> list[Block]:
    return [block for path in sorted(DOCS.rglob("*.md")) for block in parse_blocks(path)]


BLOCKS = all_blocks()
RUN_BLOCKS = [block for block in BLOCKS if block.tag in RUN_TAGS]


# --------------------------------------------------------------------------- the workspace


def _gpg(home: Path, *args: str) -> bytes:
    command = ["gpg", "--homedir", str(home), "--batch", "--no-tty"]
    command += ["--pinentry-mode", "loopback", "--passphrase", "", *args]
    return subprocess.run(command, capture_output=True, check=True, timeout=60).stdout


def _make_certificate(name: str, kind: str, usage: str) -> tuple[object, object]:
    """A fictional self-signed certificate and its key, valid for a year."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import NameOID

    key = (
        ec.generate_private_key(ec.SECP384R1())
        if kind == "ec"
        else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    flags = dict.fromkeys(
        ("content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
         "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"), False,
    )  # fmt: skip
    flags[usage] = True
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.KeyUsage(digital_signature=True, **flags), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def _make_certificates(folder: Path) -> None:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding
    from cryptography.hazmat.primitives.serialization.pkcs12 import serialize_key_and_certificates

    for file_name, kind in CERTIFICATES.items():
        usage = "key_agreement" if kind == "ec" else "key_encipherment"
        certificate, _key = _make_certificate(f"TEST {Path(file_name).stem}", kind, usage)
        (folder / file_name).write_bytes(certificate.public_bytes(Encoding.DER))  # type: ignore[attr-defined]
    certificate, key = _make_certificate("TEST Vald e-tempel", "ec", "content_commitment")
    (folder / SEAL_FILE).write_bytes(
        serialize_key_and_certificates(
            b"e-tempel",
            key,
            certificate,
            None,
            BestAvailableEncryption(PASSWORD.encode()),  # type: ignore[arg-type]
        )
    )
    (folder / SEAL_PASSWORD_FILE).write_text(PASSWORD + "\n", encoding="utf-8")


def _make_key(home: Path, folder: Path, name: str, *, secret: bool) -> None:
    """A fast ed25519/cv25519 key without passphrase, exported to ``folder/<name>.asc``."""
    email = f"{name.lower()}@example.org"
    _gpg(home, "--quick-gen-key", f"{name} (test) <{email}>", "ed25519", "cert,sign", "0")
    listing = _gpg(home, "--with-colons", "--list-keys", f"<{email}>").decode()
    fingerprint = next(
        line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:")
    )
    _gpg(home, "--quick-add-key", fingerprint, "cv25519", "encr", "0")
    export = "--export-secret-keys" if secret else "--export"
    _gpg(home, "--armor", "--output", str(folder / f"{name}.asc"), export, fingerprint)


@pytest.fixture(scope="session")
def gnupg_home() -> Iterator[Path]:
    """A private GnuPG home (short path: gpg-agent's socket) holding every test secret key.

    With the recipients' secret keys at hand, ``gpg --list-packets`` of an encrypted file
    succeeds (without them it prints "No secret key" and exits 2, as the guides say).
    """
    if shutil.which("gpg") is None:
        pytest.skip("gpg is not installed")
    home = Path(os.path.realpath("/tmp")) / f"asendusdoc-docs-{os.getpid()}"
    home.mkdir(mode=0o700)
    try:
        yield home
    finally:
        subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], check=False)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def workspace_template(tmp_path_factory: pytest.TempPathFactory, gnupg_home: Path) -> Path:
    """What every block's directory starts from (copied per block)."""
    from asendusdoc.protect.openpgp import encrypt_bytes
    from asendusdoc.render import render_docx, render_pdf

    folder = tmp_path_factory.mktemp("docs-workspace")
    shutil.copytree(REPO / "examples", folder / "examples")
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copytree(REPO / "schemas", folder / "schemas")
    for name in PUBLIC_KEYS:
        _make_key(gnupg_home, folder, name, secret=False)
    for name in SECRET_KEYS:
        _make_key(gnupg_home, folder, name, secret=True)
    for name in PASSWORD_FILES:
        (folder / name).write_text(PASSWORD + "\n", encoding="utf-8")
    _make_certificates(folder)
    referral = folder / "examples" / "family-support-referral.json"
    shutil.copyfile(referral, folder / "FORM.json")  # the encryption guides' placeholder
    (folder / "aruanne.docx").write_bytes(
        render_docx(Path(folder / "examples" / "progress-report.json"), "et")
    )
    pdf = render_pdf(Path(referral), "et")
    encrypted = encrypt_bytes(pdf, [(folder / "SKA.asc").read_bytes()]).data
    (folder / "suunamine.pdf.gpg").write_bytes(encrypted)
    return folder


OUTPUT_ARGUMENT = re.compile(r"(?:-o|--output|--ics|--out-dir|>)\s*([^\s;&|)]+)")


def _prepare(template: Path, target: Path, code: str) -> None:
    """Copy the workspace, leaving out the files ``code`` writes itself."""
    written = {Path(match).name for match in OUTPUT_ARGUMENT.findall(code)}
    target.mkdir()
    for entry in template.iterdir():
        if entry.name in written:
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)


def _environment(gnupg_home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "PYTHONSTARTUP"}
    }
    executable_dirs = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    env["PATH"] = os.pathsep.join([*executable_dirs, env.get("PATH", "")])
    env["LANG"] = "C.UTF-8"
    env["GNUPGHOME"] = str(gnupg_home)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


# --------------------------------------------------------------------------- the tests


def console_commands(code: str) -> tuple[str, list[str]]:
    """The script of a ``console`` block (``$ `` lines, ``\\`` continued) and its output lines."""
    commands: list[str] = []
    expected: list[str] = []
    continued = False
    for line in code.splitlines():
        if continued:
            commands.append(line)
        elif line.startswith("$ "):
            commands.append(line[2:])
        elif line.strip() and line.strip() != "...":
            expected.append(line.strip())
            continue
        else:
            continue
        continued = line.endswith("\\")
    return "\n".join(commands) + "\n", expected


def _run(block: Block, workdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    kind = RUN_TAGS[block.tag]
    if kind == "python":
        command = [sys.executable, "-"]
        script = block.code
    else:
        command = ["bash", "-e", "-o", "pipefail", "-s"]
        script = console_commands(block.code)[0] if kind == "console" else block.code
    return subprocess.run(
        command,
        input=script,
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT_SECONDS,
    )


@pytest.mark.parametrize("block", RUN_BLOCKS, ids=[block.id for block in RUN_BLOCKS])
def test_block_runs(
    block: Block, workspace_template: Path, gnupg_home: Path, tmp_path: Path
) -> None:
    if block.skip_reason is not None:
        pytest.skip(block.skip_reason)
    workdir = tmp_path / "work"
    _prepare(workspace_template, workdir, block.code)
    done = _run(block, workdir, _environment(gnupg_home))
    shown = f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    assert done.returncode == 0, f"{block.id} failed (exit {done.returncode})\n{shown}"
    if RUN_TAGS[block.tag] == "console":
        printed = done.stdout + done.stderr
        missing = [line for line in console_commands(block.code)[1] if line not in printed]
        assert not missing, f"{block.id}: output lines not printed: {missing}\n{shown}"


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: p.name)
def test_every_block_says_whether_it_runs(path: Path) -> None:
    unknown = [
        f"{block.id} ({block.tag or 'no tag'})"
        for block in parse_blocks(path)
        if block.tag not in RUN_TAGS and block.tag not in NOT_RUN_TAGS
    ]
    assert not unknown, (
        "tag these blocks bash/console/python (run by the tests) or text (not run): "
        + ", ".join(unknown)
    )


def test_the_guides_have_executed_examples() -> None:
    counts = {name: 0 for name in ("kasutusjuhend.md", "rukovodstvo.md", "integrator-guide.md")}
    for block in RUN_BLOCKS:
        if block.path.name in counts and block.skip_reason is None:
            counts[block.path.name] += 1
    assert all(count >= 5 for count in counts.values()), counts


def test_console_blocks_split_commands_from_output() -> None:
    script, expected = console_commands(
        "$ asendusdoc validate a.json \\\n    --lang ru\na.json: без ошибок\n...\n$ echo ok\nok\n"
    )
    assert script == "asendusdoc validate a.json \\\n    --lang ru\necho ok\n"
    assert expected == ["a.json: без ошибок", "ok"]


def test_parser_reads_indented_fences_and_skip_marks(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "1. Step\n\n   ```bash\n   echo one\n   ```\n\n<!-- docs-test: skip: why -->\n"
        "```python\nprint(2)\n```\n",
        encoding="utf-8",
    )
    first, second = parse_blocks(doc)
    assert (first.line, first.tag, first.code, first.skip_reason) == (3, "bash", "echo one\n", None)
    assert (second.tag, second.code, second.skip_reason) == ("python", "print(2)\n", "why")


MESSAGE_ROW = re.compile(r"^\|\s*`(?P<code>[a-z_]+)`\s*\|(?P<message>[^|]+)\|[^|]+\|\s*$")


def real_messages(lang: str) -> dict[str, set[str]]:
    """Code → the messages ``validate`` prints for the files in ``examples/invalid/``."""
    from asendusdoc import validate_form
    from asendusdoc.i18n.messages import problem_message

    messages: dict[str, set[str]] = {}
    for path in sorted((REPO / "examples" / "invalid").glob("*.json")):
        for problem in validate_form(path):
            messages.setdefault(problem.code, set()).add(problem_message(problem, lang))
    return messages


@pytest.mark.parametrize(
    ("name", "lang"), [("kasutusjuhend.md", "et"), ("rukovodstvo.md", "ru")], ids=["et", "ru"]
)
def test_message_tables_quote_the_program(name: str, lang: str) -> None:
    rows = [
        match
        for line in (DOCS / name).read_text(encoding="utf-8").splitlines()
        if (match := MESSAGE_ROW.match(line))
    ]
    assert len(rows) >= 40, f"{name}: the table of validation messages is missing"
    messages = real_messages(lang)
    wrong = [
        f"{row['code']}: {row['message'].strip()!r} not in {sorted(messages.get(row['code'], []))}"
        for row in rows
        if row["message"].strip() not in messages.get(row["code"], set())
    ]
    assert not wrong, "\n".join(wrong)
