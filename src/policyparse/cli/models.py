"""The "loading models…" status line on stderr while the gazetteers and the spaCy/jieba pipeline
load (before a progress bar starts); silenced by ``-q``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from policyparse.cli._common import quiet
from policyparse.phases import LOADING_MODELS, listening, phase


class StatusLine:
    """Prints ``<phase>…`` when a phase starts and ``<phase>… done (1.9 s)`` when it ends."""

    def start(self, name: str) -> None:
        typer.echo(f"{name}…", err=True)

    def done(self, name: str, seconds: float) -> None:
        typer.echo(f"{name}… done ({seconds:.1f} s)", err=True)


@contextmanager
def announce_models() -> Iterator[None]:
    """While the block runs, library phases (model loading) are shown on stderr unless ``-q``."""
    if quiet():
        yield
        return
    with listening(StatusLine()):
        yield


def load_models() -> None:
    """Load the models now, as the phase "loading models" (each is loaded once per process)."""
    from policyparse.extract.nlp import load_models as _load

    with phase(LOADING_MODELS):
        _load()
