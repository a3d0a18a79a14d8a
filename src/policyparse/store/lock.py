"""One writer per store: an ingest (or renormalise) holds ``<store>.lock`` while it runs.

A second ingest into the same store is refused at once with a :class:`StoreError` that says who
holds it, instead of both reading and extracting every file and racing to write it. The lock is
``flock`` on the lock file, so the kernel releases it when the holder exits however it exits
(``kill -9`` included): there is never a stale lock to remove by hand. The file is left in place
(removing it would let two processes lock two different files of the same name).

>>> with writer_lock("outputs/policyparse.sqlite"):   # doctest: +SKIP
...     ...
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from policyparse.errors import StoreError


def lock_path(store: str | Path) -> Path:
    store = Path(store)
    return store.with_name(store.name + ".lock")


@contextlib.contextmanager
def writer_lock(store: str | Path, what: str = "ingest") -> Iterator[None]:
    """Hold the store's writer lock for the body; StoreError at once if another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock (SQLite's own locking still applies)
        yield
        return
    path = lock_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise StoreError(
                store, f"another {holder} is writing to this store; wait for it to finish, or use "
                "another --store (two writers would read and extract every file twice)") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what} (pid {os.getpid()}, since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC)".encode(), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
