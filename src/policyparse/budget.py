"""A time and memory budget per document, enforced in the process that does the work.

>>> from policyparse.budget import Budget, guard
>>> with guard("plan.pdf", Budget(seconds=120, memory=2 * 1024**3)):   # doctest: +SKIP
...     facts = extract_file("plan.pdf")

Inside :func:`guard`, going over the budget raises :class:`~policyparse.errors.DocumentTimeoutError`
or :class:`~policyparse.errors.ResourceLimitError` naming the file and the stage the document was
in (:func:`stage` marks them: "read", "read page 12", "assemble", "extract").

How it is enforced, and why this way (it must be cheap: it wraps every document):

* **time**: ``SIGALRM`` from ``setitimer``. Its handler raises :class:`_Deadline`, a
  ``BaseException`` (like ``KeyboardInterrupt``), so the readers' ``except Exception`` fallbacks do
  not swallow it; CPython runs the handler between bytecodes and inside long regex matches, which
  covers every loop of our readers and of pdfminer/python-docx (pure Python). It costs two system
  calls per document and works only in the main thread; elsewhere (a thread pool, a Dask worker
  thread) the time budget is not enforced in-process. The parallel ingest adds a hard backstop in
  the parent: a worker that has not answered ``grace`` seconds after the budget is killed
  (:mod:`policyparse.parallel.workers`).
* **memory**: ``RLIMIT_AS`` (address space) set to what the process uses when the document starts
  plus the budget, restored afterwards; an allocation past it fails and Python raises
  ``MemoryError``, which becomes :class:`~policyparse.errors.ResourceLimitError`. Address space
  over-approximates resident memory, so the budget is never exceeded unnoticed. The limit is
  per process: in a worker process that is one document; in-process (``api.extract``) it also
  bounds the caller's other threads while the document runs.

A file bigger than the memory budget is refused before it is read (:func:`check_size`).
Guards nest: an inner guard inside an active one does nothing (the outer budget holds).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policyparse.errors import DocumentTimeoutError, ResourceLimitError

DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY = 2 * 1024**3  # 2 GiB


@dataclass(frozen=True)
class Budget:
    """Per-document limits: ``seconds`` of wall time and ``memory`` bytes (``None`` = no limit)."""

    seconds: float | None = DEFAULT_SECONDS
    memory: int | None = DEFAULT_MEMORY

    @classmethod
    def of(cls, seconds: float | None = DEFAULT_SECONDS, memory: int | str | None = DEFAULT_MEMORY) -> Budget:
        """A budget from API/CLI options: ``seconds`` (0 or None = none), ``memory`` in bytes or
        as a size ("2G", "512M"; 0 or None = none)."""
        mem = parse_size(memory) if isinstance(memory, str) else memory
        return cls(seconds=float(seconds) if seconds else None, memory=int(mem) if mem else None)

    def describe_seconds(self) -> str:
        return f"{self.seconds:g} s"

    def describe_memory(self) -> str:
        return format_size(self.memory) if self.memory else "none"


DEFAULT_BUDGET = Budget()
NO_BUDGET = Budget(seconds=None, memory=None)

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2, "mib": 1024**2,
          "g": 1024**3, "gb": 1024**3, "gib": 1024**3, "t": 1024**4, "tb": 1024**4, "tib": 1024**4}


def parse_size(text: str | int | None) -> int | None:
    """``"2G"`` -> 2147483648 (binary units; a plain number is bytes; "0"/"none" -> None)."""
    if text is None or isinstance(text, int):
        return text or None
    s = str(text).strip().lower()
    if s in ("", "0", "none", "off", "unlimited"):
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]*)", s)
    if not m or m.group(2) not in _UNITS:
        raise ValueError(f"not a size: {text!r} (examples: 2G, 512M, 1073741824)")
    return int(float(m.group(1)) * _UNITS[m.group(2)]) or None


def format_size(n: int | None) -> str:
    if not n:
        return "none"
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} B"


# --------------------------------------------------------------------------- stages


_STAGE = "read"


def current_stage() -> str:
    return _STAGE


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Mark what the document is doing (named by a budget error). The previous stage comes back
    when the body ends normally; after an exception the stage stays where it failed, so the
    error can name it."""
    global _STAGE
    prev, _STAGE = _STAGE, name
    yield
    _STAGE = prev


def set_stage(name: str) -> None:
    """Set the stage without restoring it (cheap, for loops: ``set_stage(f"read page {n}")``)."""
    global _STAGE
    _STAGE = name


# --------------------------------------------------------------------------- the guard


class _Deadline(BaseException):
    """Raised by the SIGALRM handler: a BaseException so ``except Exception`` does not catch it."""


_ACTIVE: Budget | None = None


def active() -> Budget | None:
    """The budget of the guard this code runs under, or None."""
    return _ACTIVE


# How C libraries report a failed allocation without a Python MemoryError: libxml2 ("Memory
# allocation failed"), zlib (Z_MEM_ERROR, "Error -4"), the C library (ENOMEM)
_OUT_OF_MEMORY = re.compile(r"memory allocation failed|out of memory|insufficient memory|cannot allocate memory"
                            r"|Error -4 while", re.I)


def memory_exhausted(exc: BaseException | None) -> bool:
    """True if ``exc`` is a MemoryError, a library's report of a failed allocation, or was raised while
    handling one (readers wrap errors of their libraries in CorruptFileError: the cause is chained)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError) or _OUT_OF_MEMORY.search(str(exc)):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def over_memory(path: str | Path, budget: Budget | None = None) -> ResourceLimitError:
    """The error for a document that ran out of memory in the current stage."""
    budget = budget or _ACTIVE
    what = f"the memory budget of {budget.describe_memory()}" if budget and budget.memory else "memory"
    return ResourceLimitError(
        path, f"exceeded {what} in stage '{current_stage()}' (raise it with --max-memory)",
        stage=current_stage(), limit=budget.memory if budget else None)


def check_expansion(path: str | Path, declared: int, what: str) -> None:
    """Refuse a package whose parts declare more uncompressed bytes than the active memory budget
    (a decompression bomb) before any is inflated; the declared sizes of a ZIP's entries."""
    budget = _ACTIVE
    if budget is not None and budget.memory and declared > budget.memory:
        raise ResourceLimitError(
            path, f"its {what} expands to {format_size(declared)}, more than the memory budget of "
            f"{budget.describe_memory()} in stage '{current_stage()}' (raise it with --max-memory)",
            stage=current_stage(), limit=budget.memory)


def check_size(path: str | Path, size: int, budget: Budget) -> None:
    """Refuse a file larger than the memory budget before reading it."""
    if budget.memory and size > budget.memory:
        raise ResourceLimitError(
            path, f"the file is {format_size(size)}, more than the memory budget of "
            f"{budget.describe_memory()} (raise it with --max-memory)", stage="read", limit=budget.memory)


def _address_space() -> int | None:
    """This process's current virtual memory size in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def signals_usable() -> bool:
    """True where the time budget can be enforced in-process (POSIX, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def guard(path: str | Path, budget: Budget = DEFAULT_BUDGET) -> Iterator[None]:
    """Run the body under ``budget``; see the module docstring."""
    global _ACTIVE
    if _ACTIVE is not None or (budget.seconds is None and budget.memory is None):
        yield
        return
    _ACTIVE = budget
    disarm, restore_handler = _arm_timer(budget.seconds)
    restore_limit = _limit_memory(budget.memory)
    try:
        with stage("read"):
            try:
                try:
                    yield
                finally:
                    disarm()  # first thing: an alarm due now fires here, inside the except below
            except _Deadline:
                raise DocumentTimeoutError(
                    path, f"exceeded the time budget of {budget.describe_seconds()} in stage "
                    f"'{current_stage()}' (raise it with --timeout)", stage=current_stage(), limit=budget.seconds,
                ) from None
            except MemoryError:
                raise over_memory(path, budget) from None
            except ResourceLimitError:
                raise
            except Exception as exc:
                if memory_exhausted(exc):  # a reader's CorruptFileError caused by a MemoryError
                    raise over_memory(path, budget) from None
                raise
    finally:
        restore_limit()
        restore_handler()
        _ACTIVE = None


def _arm_timer(seconds: float | None):
    """Start the alarm; returns (disarm, restore_handler)."""
    nothing = (lambda: None, lambda: None)
    if not seconds or not signals_usable():
        return nothing
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # someone else's alarm is running: leave it alone
        return nothing

    def on_alarm(signum, frame):
        raise _Deadline()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))

    def disarm() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)

    def restore_handler() -> None:
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)

    return disarm, restore_handler


def _limit_memory(memory: int | None):
    if not memory or sys.platform != "linux":
        return lambda: None
    try:
        import resource
    except ImportError:  # pragma: no cover
        return lambda: None
    now = _address_space()
    if now is None:
        return lambda: None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = now + int(memory)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        return lambda: None

    def restore() -> None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    return restore
