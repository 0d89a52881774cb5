"""Safe writing of output files: atomic, private (mode 0600), never a silent overwrite.

The documents we write hold personal data of children and families, so an output file must
never be left half-written, readable by other users, or put over someone else's file by
accident.

How ``write_output`` works:

1. The bytes go to an unnamed file (Linux ``O_TMPFILE``) in the target's own directory, so
   that nothing is left if the process dies while writing, even by SIGKILL; where the system
   has no unnamed files, to a temporary file created with :func:`tempfile.mkstemp` there (so
   the final rename stays on one file system). Both are created with mode 0600 whatever the
   umask; the file is flushed and ``fsync``-ed. The unnamed file gets its name with ``linkat``
   (through ``/proc/self/fd``), which, like ``os.link`` below, fails if the name exists.
2. With ``force=True`` the temporary file is moved over the target with :func:`os.replace`
   (atomic on POSIX and Windows): readers see the old file or the new one, never a mix. Only a
   regular file is replaced: a device node, a pipe, a socket or a symbolic link is refused.
3. With ``force=False`` the temporary file is *hard-linked* to the target name with
   :func:`os.link`, which fails if the name exists: the existence check and the creation are
   one system call, so a file that appears between our check and our write is not
   overwritten. Then the temporary name is removed. On file systems without hard links
   (FAT, some network shares) we fall back to checking right before ``os.replace``; that
   leaves a window of microseconds, which we accept there.
4. On any failure the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from asendusdoc.errors import OutputError
from asendusdoc.i18n.library_errors import os_reason

__all__ = ["OUTPUT_MODE", "output_exists", "write_output"]

OUTPUT_MODE = 0o600
"""Permissions of every file we write: read and write for the owner only."""

# errno values meaning "this file system cannot make hard links"
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def write_output(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600.

    Raises:
        OutputError: ``output_exists`` if ``path`` exists and ``force`` is false;
            ``output_unwritable`` if ``path`` is a directory, its parent directory is
            missing, or the file system refuses the write.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(
            "Cannot write {path}: it is a directory. Give a file name.",
            code="output_unwritable",
            path=str(path),
            reason="is a directory",
        )
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(
            "Cannot write {path}: the folder {parent} does not exist. Create it first.",
            code="output_unwritable",
            path=str(path),
            parent=str(parent),
            reason="parent directory missing",
        )
    if not force and os.path.lexists(path):
        raise output_exists(path)
    if force:
        _check_replaceable(path)

    temp_name: str | None = None
    try:
        unnamed = _unnamed_file(parent)
        if unnamed is None or not _write_unnamed(unnamed, data, parent, path, force=force):
            fd, temp_name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                _write_all(handle, data)
            if force:
                os.replace(temp_name, path)
                temp_name = None
            else:
                _link_without_overwrite(temp_name, path)
        _fsync_directory(parent)
    except OutputError:
        raise
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)


def _write_all(handle: BinaryIO, data: bytes) -> None:
    if hasattr(os, "fchmod"):  # mkstemp and O_TMPFILE already give 0600; say it explicitly
        os.fchmod(handle.fileno(), OUTPUT_MODE)
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())


def _unnamed_file(parent: Path) -> int | None:
    """An unnamed file in ``parent`` (Linux ``O_TMPFILE``): if the process dies while writing,
    nothing is left on disk. None where the system or the file system has no such files."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(parent, flag | os.O_WRONLY, OUTPUT_MODE)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None
        raise


def _write_unnamed(fd: int, data: bytes, parent: Path, path: Path, *, force: bool) -> bool:
    """Write ``data`` into the unnamed file ``fd`` and give it the name ``path``; False when
    this file system cannot name it (then the caller writes through a named temporary file).

    Without ``force`` the name is given with one ``linkat`` that fails if it exists; with
    ``force`` the finished file gets a temporary name first, then replaces ``path``.
    """
    directory = os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, data)
            source = f"/proc/self/fd/{handle.fileno()}"
            name = path.name if not force else f".{path.name}.{os.urandom(6).hex()}.tmp"
            try:
                # a dst_dir_fd makes Python call linkat(..., AT_SYMLINK_FOLLOW)
                os.link(source, name, dst_dir_fd=directory, follow_symlinks=True)
            except FileExistsError as exc:
                raise output_exists(path) from exc
            except OSError as exc:
                if exc.errno in _NO_HARD_LINKS or exc.errno == errno.ENOENT:
                    return False
                raise
        if force:
            try:
                os.replace(name, path.name, src_dir_fd=directory, dst_dir_fd=directory)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(name, dir_fd=directory)
        return True
    finally:
        os.close(directory)


def _check_replaceable(path: Path) -> None:
    """``--force`` replaces a regular file only: never a device, a pipe, a socket or a link."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    if not stat.S_ISREG(mode):
        raise OutputError(
            "{path} is not a regular file (it is a link, a device, a pipe or a socket); "
            "overwriting (--force) replaces regular files only. Choose another name.",
            code="output_not_regular",
            path=str(path),
        )


def _link_without_overwrite(temp_name: str, path: Path) -> None:
    """Give the finished temporary file its final name, failing if that name exists."""
    try:
        os.link(temp_name, path)
    except FileExistsError as exc:
        raise output_exists(path) from exc
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: check as late as possible, then rename.
        if os.path.lexists(path):
            raise output_exists(path) from exc
        os.replace(temp_name, path)
    # After a successful link the temporary name is removed by the caller's ``finally``.


def output_exists(path: Path | str) -> OutputError:
    """The one refusal of a file in the way (``output_exists``), for every command that writes:
    what is there, and what to do (another name, or ``--force``)."""
    return OutputError(
        "{path} already exists. Choose another name or allow overwriting (--force).",
        code="output_exists",
        path=str(path),
    )


def _unwritable(path: Path, exc: OSError) -> OutputError:
    """The refusal of an output the operating system would not let us write."""
    return OutputError(
        "Cannot write {path}: {reason}. Check the folder's permissions and free space.",
        code="output_unwritable",
        path=str(path),
        reason=os_reason(exc),
    )


def _fsync_directory(directory: Path) -> None:
    """Make the new directory entry durable (POSIX); silently skipped where unsupported."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
