"""Every outside byte comes in through ``asendusdoc.read`` (issue 23): no module outside it
reads a file, standard input, a zip member or a PDF stream, except those listed here with the
reason they read only what is ours (shipped assets, our own output, our own helper's pipe)."""

from __future__ import annotations

import ast
from importlib.resources import files

SOURCE = files("asendusdoc")

READING_CALLS = frozenset(
    {"open", "read", "read_bytes", "read_text", "readline", "readlines", "ZipFile", "PdfReader",
     "urlopen"}
)  # fmt: skip
"""Calls that read bytes from a file, a stream, a zip member or a PDF (``stdin`` too)."""

ALLOWED = {
    ("examples.py", "read_text"): "the shipped examples (importlib.resources)",
    ("i18n/__init__.py", "open"): "the shipped message catalogs",
    ("render/pdf_kit.py", "read_bytes"): "the shipped fonts",
    ("render/docx.py", "ZipFile"): "the DOCX we just rendered",
    ("render/docx.py", "read"): "the members of the DOCX we just rendered",
    ("render/embedding/docx.py", "ZipFile"): "the DOCX we just rendered",
    ("render/embedding/docx.py", "read"): "the members of the DOCX we just rendered",
    ("render/embedding/pdf.py", "PdfReader"): "the PDF we just rendered",
    ("protect/pdf_password.py", "PdfReader"): "the PDF we rendered, or the user's own to protect",
    ("protect/_cdoc2_writer.py", "readline"): "our own helper's pipe from its parent",
    ("protect/_cdoc2_writer.py", "read"): "our own helper's pipe from its parent",
    ("protect/_cdoc2_reader.py", "readline"): "our own helper's pipe from its parent",
    ("protect/_cdoc2_reader.py", "read"): "our own helper's pipe from its parent",
    ("protect/_gnupg_homes.py", "read_bytes"): "/proc, to find our own gpg processes",
    ("protect/asice_verify.py", "read_bytes"): "the root certificates shipped by a dependency",
    ("cli/_protection.py", "urlopen"): "the time-stamping and OCSP services the user named",
    ("cli/_protection.py", "read"): "their answers, cut at _MAX_ANSWER",
    ("testing/snapshot.py", "PdfReader"): "the testing kit, on the caller's own documents",
    ("cli/output.py", "open"): "writing output files (os.open of the folder)",
    ("protect/recipient_keys.py", "open"): "a PKCS#11 session (token.open), not a file",
    ("protect/asice.py", "ZipFile"): "writing an ASiC-E container",
    ("protect/_cdoc2_writer.py", "stdin"): "our own helper's pipe from its parent",
    ("protect/_cdoc2_reader.py", "stdin"): "our own helper's pipe from its parent",
}
"""(module, call) → why that call reads only what is ours or writes."""


def _calls(tree: ast.AST) -> list[tuple[str, int]]:
    handed_over = {  # sys.stdin.buffer given to read.files.read_bounded, which reads it
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "read_bounded"
        for argument in node.args
        for inner in ast.walk(argument)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in handed_over:
            continue
        if isinstance(node, ast.Call):
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else getattr(function, "id", "")
            )
            if name in READING_CALLS:
                found.append((name, node.lineno))
        elif isinstance(node, ast.Attribute) and node.attr == "stdin":
            found.append(("stdin", node.lineno))
    return found


def _modules() -> list[tuple[str, str]]:
    root = SOURCE
    found = []
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir() and entry.name not in ("read", "__pycache__", "_templates"):
                stack.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".py"):
                found.append((f"{prefix}{entry.name}", entry.read_text(encoding="utf-8")))
    return found


def test_no_module_outside_the_way_in_reads_an_outside_byte() -> None:
    readers = {
        f"{module}:{line} {call}"
        for module, text in _modules()
        for call, line in _calls(ast.parse(text))
        if (module, call) not in ALLOWED
    }
    assert readers == set()


def test_the_check_finds_a_reader() -> None:
    """The scan can fail: a module that opens a file itself is found."""
    code = "from pathlib import Path\ndata = Path('x').read_bytes()\nwith open('y') as f: f.read()"
    assert {call for call, _line in _calls(ast.parse(code))} == {"read_bytes", "open", "read"}
    assert _calls(ast.parse("sys.stdin.buffer.read()"))
    assert not _calls(ast.parse("read_bounded(sys.stdin.buffer, 10)"))
