"""Helpers shared by CLI modules: error reporting and JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from policyparse.errors import PolicyParseError


def dump_json(obj: Any) -> None:
    """Print ``obj`` as UTF-8 JSON (Chinese kept readable)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def fail(err: PolicyParseError, code: int = 2) -> None:
    """Turn a typed library error into a message on stderr and an exit code."""
    typer.echo(f"error: {type(err).__name__}: {err}", err=True)
    raise typer.Exit(code)


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
