"""write_output: atomic, private, and never a silent overwrite."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from asendusdoc.cli.output import write_output
from asendusdoc.errors import OutputError

DATA = "Suunamine: Õie Šarõpova, Ребёнок".encode()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_the_bytes_with_owner_only_mode(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        write_output(tmp_path / "suunamine.pdf.gpg", DATA)
    finally:
        os.umask(old_umask)

    assert (tmp_path / "suunamine.pdf.gpg").read_bytes() == DATA
    assert _mode(tmp_path / "suunamine.pdf.gpg") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["suunamine.pdf.gpg"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    with pytest.raises(OutputError) as caught:
        write_output(target, DATA)

    assert caught.value.code == "output_exists"
    assert caught.value.params["path"] == str(target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_refuses_a_dangling_symlink_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.symlink_to(tmp_path / "elsewhere.pdf")

    with pytest.raises(OutputError) as caught:
        write_output(target, DATA)

    assert caught.value.code == "output_exists"
    assert not (tmp_path / "elsewhere.pdf").exists()


def test_overwrites_with_force_and_tightens_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)

    write_output(target, DATA, force=True)

    assert target.read_bytes() == DATA
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_file_appearing_after_the_check_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: another process creates the file between our check and our write."""
    target = tmp_path / "out.pdf"
    real_fsync = os.fsync

    def fsync_then_someone_writes(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_bytes(b"theirs")

    monkeypatch.setattr(os, "fsync", fsync_then_someone_writes)

    with pytest.raises(OutputError) as caught:
        write_output(target, DATA)

    assert caught.value.code == "output_exists"
    assert target.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_directory_path_is_unwritable(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path, DATA, force=True)
    assert caught.value.code == "output_unwritable"


def test_missing_parent_is_unwritable(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path / "puudub" / "out.pdf", DATA)
    assert caught.value.code == "output_unwritable"
    assert not (tmp_path / "puudub").exists()


@pytest.mark.parametrize("force", [True, False], ids=["force", "no-force"])
def test_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    # force=True renames with os.replace; force=False links with os.link
    monkeypatch.setattr(os, "replace" if force else "link", refuse)

    with pytest.raises(OutputError) as caught:
        write_output(tmp_path / "out.pdf", DATA, force=force)

    assert caught.value.code == "output_unwritable"
    assert caught.value.params["reason"] == "there is no space left on the disk"  # translated
    assert list(tmp_path.iterdir()) == []


def test_failure_while_writing_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", refuse)

    with pytest.raises(OutputError):
        write_output(tmp_path / "out.pdf", DATA)
    assert list(tmp_path.iterdir()) == []


def test_file_system_without_hard_links_still_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)

    write_output(tmp_path / "out.pdf", DATA)

    assert (tmp_path / "out.pdf").read_bytes() == DATA
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder_is_unwritable(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    try:
        with pytest.raises(OutputError) as caught:
            write_output(folder / "out.pdf", DATA)
    finally:
        folder.chmod(0o700)
    assert caught.value.code == "output_unwritable"
    assert list(folder.iterdir()) == []
