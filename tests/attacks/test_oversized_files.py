"""Files over their limit are refused from their size or cut while read, never read whole:
a 3 GB file in a case folder, ``/dev/zero`` as a password file (issue 23)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from tests.attacks.limits import cli

THREE_GB = 3 * 1024**3


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no disk is used: the file is a hole
    return path


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "cases" / "juhtum-1"
    folder.mkdir(parents=True)
    (folder / "01-suunamine.json").write_text(json.dumps(example_data("family-support-referral")))
    _sparse(folder / "02-suur.json", THREE_GB)
    return folder


def test_check_refuses_a_3_gb_file_and_checks_the_others(case: Path) -> None:
    run = cli("check", case, "--json")
    assert run.returncode == 1, run.stderr
    result = json.loads(run.stdout)
    assert result["case_reference"]
    unreadable = [f for f in result["findings"] if f["forms"] == ["02-suur.json"]]
    assert unreadable and "larger than the limit" in json.dumps(unreadable)


def test_agenda_refuses_a_3_gb_file_and_lists_the_case(case: Path) -> None:
    run = cli("agenda", case.parent, "--json")
    assert run.returncode == 1, run.stderr
    assert "Internal error" not in run.stderr


def test_needs_report_leaves_out_a_3_gb_file(tmp_path: Path) -> None:
    folder = tmp_path / "feedback"
    folder.mkdir()
    _sparse(folder / "suur.json", THREE_GB)
    run = cli("needs-report", folder, "--format", "json", "-o", tmp_path / "report.json")
    assert run.returncode in (0, 1, 2), run.stderr
    assert "Internal error" not in run.stderr and "MemoryError" not in run.stderr


@pytest.mark.parametrize("option", ["--password-file", "--seal-password-file"])
def test_a_password_file_without_end_is_refused_not_read(tmp_path: Path, option: str) -> None:
    form = tmp_path / "closure.json"
    form.write_text(json.dumps(example_data("closure")))
    extra: list[str | Path] = []
    if option == "--seal-password-file":
        extra = ["--seal-with", tmp_path / "seal.p12"]
        (tmp_path / "seal.p12").write_bytes(b"not a key")
    run = cli("render", form, "-o", tmp_path / "closure.pdf", option, "/dev/zero", *extra)
    assert run.returncode == 2, run.stderr
    assert "larger than" in run.stderr
    assert not (tmp_path / "closure.pdf").exists()


def test_a_key_file_past_its_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    form = tmp_path / "closure.json"
    form.write_text(json.dumps(example_data("closure")))
    key = _sparse(tmp_path / "ska.asc", THREE_GB)
    run = cli("render", form, "-o", tmp_path / "closure.pdf", "--encrypt-to", key)
    assert run.returncode == 2, run.stderr
    assert "larger than" in run.stderr


def test_sparse_files_take_no_disk(tmp_path: Path) -> None:
    """The attack's file really is 3 GB to the reader and nothing on the disk."""
    path = _sparse(tmp_path / "hole", THREE_GB)
    assert os.stat(path).st_size == THREE_GB and os.stat(path).st_blocks == 0


def _container(path: Path, member_bytes: int) -> None:
    """An ASiC-E container of one data file of ``member_bytes`` zeros (deflated: small)."""
    import zipfile

    with zipfile.ZipFile(path, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.etsi.asic-e+zip")
        with package.open("andmed.bin", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(member_bytes // len(chunk)):
                member.write(chunk)


@pytest.mark.parametrize("lang", ["et", "ru", "en"])
def test_a_container_past_what_seal_makes_is_refused_as_a_container(
    tmp_path: Path, lang: str
) -> None:
    """A container of a file over the 64 MiB a file to seal may have: refused by its own
    limits and in its own words (it was called a Word file)."""
    _container(tmp_path / "suur.asice", 65 * 1024 * 1024)
    run = cli("verify", tmp_path / "suur.asice", lang=lang)
    assert run.returncode == 2, run.stderr
    said = {"et": "konteiner pakib lahti", "ru": "контейнер в распакованном", "en": "container"}
    assert said[lang] in run.stderr and "64 MiB" in run.stderr.replace("МиБ", "MiB")
    assert "Word" not in run.stderr


def test_what_encrypt_and_seal_make_of_their_largest_file_can_be_opened() -> None:
    """``decrypt`` and ``verify`` read up to the envelope limit: a CDOC 1.1 carries its file
    in base64 (a third more), a container adds its signature; 64 MiB encrypted to 85.4 MiB
    was refused by ``decrypt`` as too large (benchmarks/worst_inputs.py opens both)."""
    from asendusdoc.read.budget import MAX_DOCUMENT_BYTES, MAX_ENVELOPE_BYTES

    assert MAX_ENVELOPE_BYTES >= MAX_DOCUMENT_BYTES * 4 // 3 + 1024 * 1024


def test_a_container_of_a_file_under_what_seal_takes_is_not_refused_for_its_size(
    tmp_path: Path,
) -> None:
    """40 MiB is over a Word file's part (32 MiB) but under a file to seal (64 MiB): the
    container is read (and refused only for what it lacks: a manifest, a signature)."""
    _container(tmp_path / "suur.asice", 40 * 1024 * 1024)
    run = cli("verify", tmp_path / "suur.asice")
    assert "unpacks to more than" not in run.stderr, run.stderr
    assert "manifest" in run.stderr.lower(), run.stderr


def test_a_case_folder_past_its_budget_reads_the_forms_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every form of a case is held at once: thirty 10 MiB diaries took over 1 GB. Past the
    case's budget (lowered here) a file is that form's finding; the forms before it are read."""
    from asendusdoc.cli._case_folder import read_case_folder
    from asendusdoc.errors import InputError

    form = json.dumps(example_data("closure")).encode()
    for number in range(1, 5):
        (tmp_path / f"0{number}-lopetamine.json").write_bytes(form)
    monkeypatch.setattr("asendusdoc.read.budget.MAX_CASE_BYTES", 2 * len(form))
    files, refused = read_case_folder(tmp_path, "en")
    assert refused == 0
    assert [isinstance(files[f"0{n}-lopetamine.json"], bytes) for n in range(1, 5)] == [
        True, True, False, False,
    ]  # fmt: skip
    error = files["03-lopetamine.json"]
    assert isinstance(error, InputError) and error.code == "case_too_large"


def test_a_case_budget_counts_what_its_documents_carry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100 KB PDF may carry a 10 MiB form: the case's budget counts the forms as they
    unpack, and the files after it is spent are not opened."""
    from asendusdoc.case import read_case_files
    from tests.attacks.pdfs import data_stream, envelope, file_spec, pdf

    form = envelope(example_data("closure"))
    document = pdf(b"/AF [ 4 0 R ]", data_stream(form), file_spec(3))
    assert len(document) < len(form)  # deflated: the file is smaller than what it carries
    monkeypatch.setattr("asendusdoc.read.budget.MAX_CASE_BYTES", 2 * len(form))
    names = [f"0{number}-lopetamine.pdf" for number in range(1, 5)]
    forms, findings = read_case_files(dict.fromkeys(names, document))
    assert [case_form.name for case_form in forms] == names[:2]
    assert [(f.code, f.forms) for f in findings] == [("form_unreadable", (n,)) for n in names[2:]]
