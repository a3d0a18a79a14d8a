"""Open document files safely: only regular files are read.

A FIFO named ``x.txt`` would block ``open()`` for ever, a device such as ``/dev/zero`` never ends,
a socket cannot be read: :func:`read_file` refuses all of them at once with
:class:`~policyparse.errors.NotRegularFileError`. The check is made twice, on the path
(``os.stat``) and on the opened descriptor (``os.fstat``, opened with ``O_NONBLOCK`` so that
even a FIFO swapped in between the two does not block), so there is no window in which a
non-regular file can be read.

>>> read_file("corpus/000_66384f2078c7182b.txt")[:3]   # doctest: +SKIP
b'\\xe6\\xb3\\xb0'
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from policyparse.errors import NotRegularFileError, ReadError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str | None:
    """What a non-regular file is ("a named pipe (FIFO)", ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _refuse(path: Path, what: str) -> NotRegularFileError:
    if what == "a directory":
        return NotRegularFileError(path, "is a directory")
    return NotRegularFileError(path, f"{what}, not a regular file: only regular files are read")


def _os_error(path: Path, exc: OSError) -> ReadError:
    if isinstance(exc, FileNotFoundError):
        return ReadError(path, "no such file")
    if isinstance(exc, PermissionError):
        return ReadError(path, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return NotRegularFileError(path, "is a directory")
    return ReadError(path, f"cannot read the file: {exc.strerror or exc}")


def check_regular(path: str | Path) -> os.stat_result:
    """``os.stat`` of ``path`` (symlinks followed) if it is a regular file; else a typed error."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _os_error(path, exc) from None
    what = _kind(st.st_mode)
    if what:
        raise _refuse(path, what)
    return st


def is_regular(path: str | Path) -> bool:
    """True if ``path`` is (or links to) a regular file; never raises, never blocks."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_file(path: str | Path, *, limit: int | None = None, head: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (the first ``head`` bytes when given).

    ``limit``: refuse a file larger than this many bytes
    (:class:`~policyparse.errors.ResourceLimitError`, before reading it). Raises
    :class:`NotRegularFileError` for FIFOs, sockets, devices and directories and
    :class:`ReadError` for missing or unreadable files.
    """
    path = Path(path)
    st = check_regular(path)
    if limit is not None and head is None:
        from policyparse.budget import Budget, check_size

        check_size(path, st.st_size, Budget(seconds=None, memory=limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(path, exc) from None
    try:
        what = _kind(os.fstat(fd).st_mode)
        if what:
            raise _refuse(path, what)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            return fh.read() if head is None else fh.read(head)
    except OSError as exc:
        raise _os_error(path, exc) from None
    finally:
        if fd >= 0:
            os.close(fd)
