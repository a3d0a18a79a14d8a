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
