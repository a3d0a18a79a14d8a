"""Helpers shared by CLI modules: error reporting, verbosity and exit codes (output formats and
``-o FILE``: :mod:`policyparse.cli.output`).

Exit codes (the same for every command):

- ``0``: success;
- ``1``: some inputs failed (``read``, ``ingest``, ``run``, ``extract`` of several files: the others
  were processed);
- ``2``: a usage or input error (bad option, missing or wrong file, not a store): nothing done;
- ``3``: no answer: the query ran but found nothing (``lead``, ``compare``, ``departments``); the
  message says what was searched and why nothing matched;
- ``4``: an internal error (a bug; ``-v`` shows the traceback).
"""

from __future__ import annotations

import typer

from policyparse.errors import PolicyParseError

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE, EXIT_NO_ANSWER, EXIT_INTERNAL = 0, 1, 2, 3, 4
STORE_HELP = "SQLite store (created by `policyparse ingest`)."


class _State:
    verbosity = 0  # -1 quiet, 0 normal, 1+ verbose


STATE = _State()


def quiet() -> bool:
    return STATE.verbosity < 0


def verbose() -> bool:
    return STATE.verbosity > 0


def info(msg: str) -> None:
    """A human message on stderr (silenced by ``-q``)."""
    if not quiet():
        typer.echo(msg, err=True)


def fail(err: PolicyParseError, code: int = EXIT_USAGE) -> None:
    """Turn a typed library error into a message on stderr and an exit code."""
    typer.echo(f"error: {type(err).__name__}: {err}", err=True)
    raise typer.Exit(code)


NO_OCR_HELP = "Never OCR PDF pages without a usable text layer (they are refused, saying so)."
TIMEOUT_HELP = "Time budget per document, in seconds (0 = none); over it: DocumentTimeoutError."
MEMORY_HELP = "Memory budget per document, e.g. 2G, 512M (0 = none); over it: ResourceLimitError."
DEFAULT_MEMORY_TEXT = "2G"


def budget_option(timeout: float | None, max_memory: str | None):
    """The :class:`~policyparse.budget.Budget` of ``--timeout`` / ``--max-memory``."""
    from policyparse.budget import Budget, parse_size

    try:
        memory = parse_size(max_memory)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-memory") from None
    return Budget.of(timeout, memory)


def no_answer(lines: list[str]) -> None:
    """An empty answer: say why on stderr and exit with :data:`EXIT_NO_ANSWER`."""
    for ln in lines:
        typer.echo(ln, err=True)
    raise typer.Exit(EXIT_NO_ANSWER)
