"""Named phases of a long call that a front end may show; the library itself prints nothing.

``with phase("loading models"):`` wraps a step; while a listener is installed (:func:`listening`,
what the CLI does to put a status line on stderr), it is told when the step starts and how long it
took. Without one, :func:`phase` costs nothing and :func:`listened` is False.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

LOADING_MODELS = "loading models"


class Listener(Protocol):
    def start(self, name: str) -> None: ...

    def done(self, name: str, seconds: float) -> None: ...


_LISTENERS: list[Listener] = []


def listened() -> bool:
    """Whether a listener is installed (a step that only a listener needs may be skipped)."""
    return bool(_LISTENERS)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Install ``listener`` for the duration of the ``with`` block."""
    _LISTENERS.append(listener)
    try:
        yield
    finally:
        _LISTENERS.remove(listener)


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Tell the listener (if any) that step ``name`` starts, and its time when it ends without error."""
    listener = _LISTENERS[-1] if _LISTENERS else None
    if listener is None:
        yield
        return
    t0 = time.perf_counter()
    listener.start(name)
    yield
    listener.done(name, time.perf_counter() - t0)
