"""Every command and code block in ``docs/**/*.md`` runs as written, and every sample of output is
what the program prints today.

How to write a sample of command output (the guides' convention; see also docs/decisions.md,
issue 25): a fenced block tagged ``console`` is a transcript. A line starting with ``$ `` is a
command (a line ending in ``\\`` goes on with the next), and the lines below it, up to the next
command, are what that command prints, standard output and standard error together as a
terminal shows them::

    ```console
    $ asendusdoc validate examples/closure.json
    examples/closure.json: korras
    ```

The test runs the commands with ``bash -e`` and compares each command's output with its lines, line
by line, so that a sample the program no longer prints fails the suite. Trailing spaces do not
count, leading ones do, and a non-breaking space the program prints is written as a plain one.
Two shorthands: a line ``...`` stands for any number of lines left out (a long listing, a
fingerprint that changes with every key), and a line ending in ``...`` for the rest of that line.
A command that exits non-zero stops the block: show its exit code the way the guides do,
``... || echo "väljumiskood $?"``. A command with no lines below it must print nothing.

A sample of what Python prints is a ``pycon`` block (``>>> `` and ``... `` lines, then the output,
as in an interactive session), run with :mod:`doctest` (``...`` in the output stands for anything).
A ``python`` block is run as a script and must not claim output in a comment
(``print(x)  # 42``): write such a sample as ``pycon``, where it is checked.

A fenced block tagged ``bash``, ``sh`` or ``shell`` is run with ``bash -e``, its output not
compared. ``text`` blocks (syntax summaries, file listings, commands for another system) are not
run, and a block without a tag is an error: the author must say which it is.

Each block is its own test, ``<file>.md:<line>``, in a fresh directory holding copies of
``examples/``, ``templates/`` and ``schemas/`` and the files the guides take as given (made once
per session by ``workspace_template``): test keys ``SKA.asc``, ``teenuseosutaja.asc``,
``postavshchik.asc`` (public) and ``MINU-VOTI.asc``, ``MOY-KLYUCH.asc`` (with the secret key),
password files ``parool.txt`` and ``parol.txt``, certificates ``SKA.cer``, ``lastekaitse.cer``
and ``MINU-ID.cer`` (SKA's private key ``SKA-voti.pem``), an e-seal ``e-tempel.p12`` with
``templi-parool.txt`` and its certificate ``e-tempel.cer``, ``FORM.json``, a
finished ``aruanne.docx``, an encrypted ``suunamine.pdf.gpg`` and filled blanks with a choice
typed over and a personal code one digit off, ``plank-vigadega.docx`` (et) and
``blank-s-oshibkami.docx`` (ru), and the referral's filled blanks as LibreOffice saves them in
its own format, ``suunamine.odt`` (et) and ``napravlenie.odt`` (ru; made with ``soffice``: a
block that reads them is skipped where LibreOffice is missing, never in CI). A file the block writes
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
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"

RUN_TAGS = {
    "bash": "bash",
    "sh": "bash",
    "shell": "bash",
    "console": "console",
    "python": "python",
    "pycon": "pycon",
}
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
SEAL_CERTIFICATE = "e-tempel.cer"
"""The e-seal's certificate (PEM; self-signed, so the guides trust it with ``--trust``)."""
PRIVATE_KEYS = {"SKA.cer": "SKA-voti.pem"}
"""The private key of a recipient's certificate, as the recipient's own system holds it
(``decrypt --key``)."""


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
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        NoEncryption,
        PrivateFormat,
    )
    from cryptography.hazmat.primitives.serialization.pkcs12 import serialize_key_and_certificates

    for file_name, kind in CERTIFICATES.items():
        usage = "key_agreement" if kind == "ec" else "key_encipherment"
        certificate, key = _make_certificate(f"TEST {Path(file_name).stem}", kind, usage)
        (folder / file_name).write_bytes(certificate.public_bytes(Encoding.DER))  # type: ignore[attr-defined]
        if file_name in PRIVATE_KEYS:  # the recipient's own key, to decrypt what arrived
            (folder / PRIVATE_KEYS[file_name]).write_bytes(
                key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())  # type: ignore[attr-defined]
            )
    certificate, key = _make_certificate("TEST Vald e-tempel", "ec", "content_commitment")
    (folder / SEAL_CERTIFICATE).write_bytes(certificate.public_bytes(Encoding.PEM))  # type: ignore[attr-defined]
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
    home = Path(tempfile.gettempdir()) / f"asendusdoc-docs-{os.getpid()}"  # the run's own
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
    _make_blanks_typed_wrong(folder, referral)
    _make_odt_blanks(folder, referral)
    return folder


ODT_BLANKS = {"suunamine.odt": "et", "napravlenie.odt": "ru"}
"""Filled blanks saved by LibreOffice as OpenDocument (``.odt``)."""


def _make_odt_blanks(folder: Path, referral: Path) -> None:
    """The referral's filled blanks, saved as .odt by LibreOffice (when it is installed)."""
    from asendusdoc.blank import make_blank
    from asendusdoc.read.loading import load_form

    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is missing; CI installs it (.ci/run)")
        return
    work = folder.parent / f"{folder.name}-odt"
    work.mkdir()
    form = load_form(referral).model_dump(mode="json")
    for name, lang in ODT_BLANKS.items():
        (work / name).with_suffix(".docx").write_bytes(
            make_blank("family-support-referral", lang, form)
        )
    subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--convert-to", "odt", "--outdir", str(folder),
         *(str((work / name).with_suffix(".docx")) for name in ODT_BLANKS)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    shutil.rmtree(work)


TYPED_WRONG = {"plank-vigadega.docx": ("et", "hooldusperekond"),
               "blank-s-oshibkami.docx": ("ru", "опекунская семья")}  # fmt: skip
"""Blanks whose family type was typed over (not one of the list's choices)."""


def _make_blanks_typed_wrong(folder: Path, referral: Path) -> None:
    """The referral's blanks as a worker typed them: the family type over the drop-down, the
    first child's personal code with a wrong check digit."""
    import json

    from asendusdoc.blank import make_blank

    for name, (lang, family_type) in TYPED_WRONG.items():
        data = json.loads(referral.read_text(encoding="utf-8"))
        data["family_type"] = family_type
        child = data["family"]["children"][0]
        child["personal_code"] = child["personal_code"][:-1] + str(
            (int(child["personal_code"][-1]) + 1) % 10
        )
        (folder / name).write_bytes(make_blank("family-support-referral", lang, data))


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
    env["PYTHONUNBUFFERED"] = "1"  # standard output and error in the order a terminal shows them
    env["COLUMNS"] = "100"  # help text wrapped the same way everywhere
    return env


# --------------------------------------------------------------------------- the tests


@dataclass(frozen=True)
class Step:
    """One command of a ``console`` block and the lines the guide says it prints."""

    command: str
    output: tuple[str, ...]


def console_steps(code: str) -> list[Step]:
    """The commands of a ``console`` block (``$ `` lines, ``\\`` continued), each with its
    output."""
    steps: list[tuple[list[str], list[str]]] = []
    continued = False
    for line in code.splitlines():
        if continued:
            steps[-1][0].append(line)
        elif line.startswith("$ "):
            steps.append(([line[2:]], []))
        elif steps:
            steps[-1][1].append(_plain_spaces(line).rstrip())
        elif line.strip():
            raise ValueError(f"output before the first command: {line!r}")
        continued = (line.startswith("$ ") or continued) and line.endswith("\\")
    return [Step("\n".join(command), tuple(_trim(output))) for command, output in steps]


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines.pop()
    return lines


STEP_MARK = "@@docs-test step {}@@"


def _plain_spaces(line: str) -> str:
    """A line with its non-breaking spaces (before «г.», in amounts) as plain ones, as a guide
    author types them."""
    return line.replace("\u00a0", " ").replace("\u202f", " ")


def console_script(steps: list[Step]) -> str:
    """One bash script running the steps, each announced on the shared output by a mark line."""
    lines = ["exec 2>&1"]
    for number, step in enumerate(steps):
        lines += [f"echo '{STEP_MARK.format(number)}'", step.command]
    return "\n".join(lines) + "\n"


def printed_per_step(printed: str, count: int) -> list[list[str]]:
    """The output of a :func:`console_script` split back into what each step printed."""
    outputs: list[list[str]] = []
    for line in printed.splitlines():
        if len(outputs) < count and line == STEP_MARK.format(len(outputs)):
            outputs.append([])
        elif outputs:
            outputs[-1].append(_plain_spaces(line).rstrip())
    return [_trim(output) for output in outputs]


def sample_matches(sample: tuple[str, ...] | list[str], printed: list[str]) -> bool:
    """Whether ``printed`` is ``sample``, where a line ``...`` stands for any lines left out and
    a line ending in ``...`` for the rest of its line."""
    if not sample:
        return not printed
    first, rest = sample[0], sample[1:]
    if first == "...":
        return any(sample_matches(rest, printed[skip:]) for skip in range(len(printed) + 1))
    if not printed:
        return False
    line = printed[0]
    same = line.startswith(first[:-3]) if first.endswith("...") else line == first
    return same and sample_matches(rest, printed[1:])


DOCTEST_RUNNER = """
import doctest, sys

class Checker(doctest.OutputChecker):
    def check_output(self, want, got, optionflags):
        got = got.replace("\\u00a0", " ").replace("\\u202f", " ")
        return super().check_output(want, got, optionflags)

text = sys.stdin.read()
test = doctest.DocTestParser().get_doctest(text, {"__name__": "__main__"}, "block", None, 0)
flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
runner = doctest.DocTestRunner(checker=Checker(), optionflags=flags)
runner.run(test)
sys.exit(1 if runner.failures else 0)
"""


def _run(block: Block, workdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    kind = RUN_TAGS[block.tag]
    script = block.code
    if kind == "python":
        command = [sys.executable, "-"]
    elif kind == "pycon":
        command = [sys.executable, "-c", DOCTEST_RUNNER]
    else:
        command = ["bash", "-e", "-o", "pipefail", "-s"]
        if kind == "console":
            script = console_script(console_steps(block.code))
    return subprocess.run(
        command,
        input=script,
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT_SECONDS,
    )


def _differences(block: Block, printed: str) -> list[str]:
    """Each step whose output is not its sample, with what the guide says and what was printed."""
    steps = console_steps(block.code)
    wrong = []
    for step, output in zip(steps, printed_per_step(printed, len(steps)), strict=False):
        if not sample_matches(step.output, output):
            guide, program = "\n".join(step.output), "\n".join(output)
            wrong.append(f"$ {step.command}\n--- the guide\n{guide}\n--- the program\n{program}")
    return wrong


@pytest.mark.parametrize("block", RUN_BLOCKS, ids=[block.id for block in RUN_BLOCKS])
def test_block_runs(
    block: Block, workspace_template: Path, gnupg_home: Path, tmp_path: Path
) -> None:
    if block.skip_reason is not None:
        pytest.skip(block.skip_reason)
    if any(name in block.code and not (workspace_template / name).exists() for name in ODT_BLANKS):
        pytest.skip("LibreOffice (soffice) is not installed: no .odt blank to read")
    workdir = tmp_path / "work"
    _prepare(workspace_template, workdir, block.code)
    done = _run(block, workdir, _environment(gnupg_home))
    shown = f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    assert done.returncode == 0, f"{block.id} failed (exit {done.returncode})\n{shown}"
    if RUN_TAGS[block.tag] == "console":
        wrong = _differences(block, done.stdout)
        assert not wrong, f"{block.id}: the sample is not what the program prints\n" + "\n".join(
            wrong
        )


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
    steps = console_steps(
        "$ asendusdoc validate a.json \\\n    --lang ru\na.json: без ошибок\n\n"
        "$ true\n$ echo ok\nok\n"
    )
    assert steps == [
        Step("asendusdoc validate a.json \\\n    --lang ru", ("a.json: без ошибок",)),
        Step("true", ()),
        Step("echo ok", ("ok",)),
    ]


def test_console_script_gives_each_step_its_output() -> None:
    steps = [Step("echo one; echo two >&2", ()), Step("true", ()), Step("echo three", ())]
    done = subprocess.run(
        ["bash", "-e", "-s"], input=console_script(steps), capture_output=True, text=True
    )
    assert printed_per_step(done.stdout, 3) == [["one", "two"], [], ["three"]]


@pytest.mark.parametrize(
    ("sample", "printed", "matches"),
    [
        (["a: korras"], ["a: korras"], True),
        (["a: korras"], ["a: korras", "  1. Üldandmed"], False),
        (["header", "  first"], ["header", "  first", "  second"], False),
        (["header", "..."], ["header", "  first", "  second"], True),
        (["header", "...", "exit 1"], ["header", "x", "y", "exit 1"], True),
        (["header", "...", "exit 1"], ["header", "x", "y"], False),
        (['{"path": "a.pdf", "key": ...'], ['{"path": "a.pdf", "key": "AB"}'], True),
        (['{"path": "b.pdf", ...'], ['{"path": "a.pdf", "fingerprint": "AB"}'], False),
        (["  indented"], ["indented"], False),
        ([], [], True),
        ([], ["printed"], False),
    ],
    ids=lambda value: repr(value) if isinstance(value, bool) else None,
)
def test_samples_match_only_what_is_printed(
    sample: list[str], printed: list[str], matches: bool
) -> None:
    assert sample_matches(sample, printed) is matches


CLAIMED_OUTPUT = re.compile(r"^\s*print\(.*\)\s+#")


def test_python_blocks_claim_no_output_in_comments() -> None:
    claims = [
        f"{block.id}: {line.strip()}"
        for block in BLOCKS
        if block.tag == "python"
        for line in block.code.splitlines()
        if CLAIMED_OUTPUT.match(line)
    ]
    assert not claims, "write these samples as pycon blocks, where they are checked:\n" + (
        "\n".join(claims)
    )


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
    from asendusdoc.problems.messages import problem_message

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
