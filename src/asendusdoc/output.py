"""Safe writing of output files: atomic, private (mode 0600), never a silent overwrite.

The documents we write hold personal data of children and families, so an output file must
never be left half-written, readable by other users, or put over someone else's file by
accident.

How ``write_output`` works:

1. The bytes go to a temporary file created with :func:`tempfile.mkstemp` in the target's own
   directory (so the final rename stays on one file system). ``mkstemp`` creates it with mode
   0600 whatever the umask; it is flushed and ``fsync``-ed.
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

from asendusdoc.errors import OutputError

__all__ = ["OUTPUT_MODE", "write_output"]

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
        raise _exists(path)
    if force:
        _check_replaceable(path)

    temp_name: str | None = None
    try:
        fd, temp_name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # mkstemp already gives 0600; say it explicitly
                os.fchmod(handle.fileno(), OUTPUT_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temp_name, path)
            temp_name = None
        else:
            _link_without_overwrite(temp_name, path)
        _fsync_directory(parent)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(
            "Cannot write {path}: {reason}. Check the folder's permissions and free space.",
            code="output_unwritable",
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)


def _check_replaceable(path: Path) -> None:
    """``--force`` replaces a regular file only: never a device, a pipe, a socket or a link."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(
            "Cannot write {path}: {reason}. Check the folder's permissions and free space.",
            code="output_unwritable",
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
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
        raise _exists(path) from exc
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: check as late as possible, then rename.
        if os.path.lexists(path):
            raise _exists(path) from exc
        os.replace(temp_name, path)
    # After a successful link the temporary name is removed by the caller's ``finally``.


def _exists(path: Path) -> OutputError:
    return OutputError(
        "{path} already exists. Choose another name or allow overwriting (--force).",
        code="output_exists",
        path=str(path),
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
