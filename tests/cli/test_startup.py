"""Start-up (issue 24): ``--version`` and ``--help`` load no model, and a command builds only
the models it uses. Checked by the modules a fresh process has loaded, never by a clock (the
figures are in ``benchmarks/run.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

_PROBE = """
import json, sys
from asendusdoc.cli import main
try:
    main(json.loads(sys.argv[1]))
except SystemExit:
    pass
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""

HEAVY = ("pydantic", "pydantic_core", "phonenumbers", "reportlab", "docx", "docxtpl", "pypdf")
"""Packages no listing of the commands needs: each costs several times Python's own start."""


def _loaded(*args: str, environment: dict[str, str] | None = None) -> list[str]:
    """The modules a new process has loaded after running ``asendusdoc ARGS``."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=environment,
    )
    marker = result.stdout.rindex("\nMODULES ")
    modules: list[str] = json.loads(result.stdout[marker + len("\nMODULES ") :])
    return modules


def _heavy(modules: list[str]) -> list[str]:
    return [name for name in modules if name.split(".")[0] in HEAVY]


@pytest.mark.parametrize(
    "args", [("--version",), ("--help",), ("--lang", "ru", "--help"), ()], ids=str
)
def test_version_and_help_load_no_model_and_no_command(args: tuple[str, ...]) -> None:
    modules = _loaded(*args)
    assert _heavy(modules) == []
    ours = [name for name in modules if name.startswith("asendusdoc.")]
    assert not [name for name in ours if name.startswith(("asendusdoc.forms", "asendusdoc.case"))]
    commands = [name for name in ours if name.startswith("asendusdoc.cli._")]
    assert commands == ["asendusdoc.cli._common"], "a command's module imported to list it"


@pytest.mark.parametrize("command", ["validate", "render", "extract", "check", "needs-report"])
def test_a_command_s_help_loads_no_model(command: str) -> None:
    assert _heavy(_loaded(command, "--help")) == []


def test_validating_one_form_builds_only_its_model() -> None:
    modules = _loaded("validate", str(EXAMPLES / "family-support-referral.json"))
    forms = {name for name in modules if name.startswith("asendusdoc.forms.") and "._" not in name}
    assert forms == {"asendusdoc.forms.family_support_referral"}


def test_every_command_is_listed_without_importing_its_module() -> None:
    """The help's table names every command a module registers (else listing it imports the
    module: slower, though it works)."""
    import argparse

    from asendusdoc.cli import _COMMANDS, build_parser

    actions = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(actions[0].choices) == set(_COMMANDS)


NOT_FOR_A_PLAIN_FORM = (
    "phonenumbers",  # a plain Estonian number is checked with its patterns kept as data
    "importlib.metadata",  # pydantic's search for plugins (the CLI turns plugins off)
    "zipfile",
    "email",
    "asendusdoc.product",
    "asendusdoc.protect",  # envelopes and containers: told apart by read.kinds alone
    "asendusdoc.read.asice",
    "asendusdoc.cli._hints",  # the words about problems: only when there are some
    "asendusdoc.problems.messages",
)
"""What validating one plain JSON form with valid Estonian numbers does without (issue 24: each
was a part of its start-up)."""


def _among(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return [name for name in modules if any(
        name == package or name.startswith(f"{package}.") for package in packages
    )]  # fmt: skip


def test_validating_a_plain_json_form_loads_only_what_it_needs() -> None:
    modules = _loaded("validate", str(EXAMPLES / "family-support-referral.json"))
    assert "asendusdoc.forms.family_support_referral" in modules  # it did validate
    assert _among(modules, NOT_FOR_A_PLAIN_FORM) == []


def test_plugins_are_searched_for_when_the_user_turns_them_on() -> None:
    environment = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": ""}
    modules = _loaded(
        "validate", str(EXAMPLES / "family-support-referral.json"), environment=environment
    )
    assert "importlib.metadata" in modules


def test_the_command_leaves_the_environment_as_it_was(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from asendusdoc.cli import main

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert main(["validate", str(EXAMPLES / "family-support-referral.json")]) == 0
    assert "PYDANTIC_DISABLE_PLUGINS" not in os.environ


@pytest.mark.parametrize(
    "args", [("--lang", "en", "-h", "validate"), ("--lang", "en", "bogus", "validate")], ids=str
)
def test_the_commands_are_all_listed_when_the_list_is_asked_for(
    args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """A command on the command line registers only itself, unless the help before it (or an
    unknown command's error) lists them all."""
    from asendusdoc.cli import _COMMANDS, main

    main(list(args))
    shown = capsys.readouterr()
    assert all(command in shown.out + shown.err for command in _COMMANDS)
