"""Running an attack as a user would meet it: a fresh process under 2 GB of address space and
60 seconds (issue 23: every attack must end within these, in the CLI and through the library).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ADDRESS_SPACE = 2 * 1024**3
SECONDS = 60

Run = subprocess.CompletedProcess[str]


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONWARNINGS": "default"}  # a warning must be silenced by us


def cli(*args: str | Path, cwd: Path | None = None, lang: str = "en") -> Run:
    """``asendusdoc ARGS --lang LANG`` in its own process under the limits."""
    return subprocess.run(
        [sys.executable, "-m", "asendusdoc", *map(str, args), "--lang", lang],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=SECONDS,
        preexec_fn=_limit,
        cwd=cwd,
        env=_env(),
        check=False,
    )


def library(code: str, *args: str | Path) -> Run:
    """Python ``code`` (with ``sys.argv[1:]`` = ``args``) in its own process under the limits."""
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=SECONDS,
        preexec_fn=_limit,
        env=_env(),
        check=False,
    )


LIBRARY_INPUT_ERROR = """
import sys
import asendusdoc
from asendusdoc.errors import InputError
try:
    asendusdoc.validate_form(__import__("pathlib").Path(sys.argv[1]))
except InputError as exc:
    print("InputError", exc.code)
    sys.exit(2)
print("read")
"""
"""Library: ``validate_form`` on a path; prints ``InputError <code>`` and exits 2 on refusal."""
