"""One output convention for every command that prints a result: ``--format table|csv|json`` and
``-o/--out FILE``.

A command builds its answer once and hands :func:`emit` three renderings (JSON object, CSV text,
table renderables); :func:`emit` picks the one asked for and writes it to standard output or,
atomically (a temporary file in the same folder, then a rename), to ``--out``. Tables are drawn at
:func:`policyparse.console.terminal_width`. Spellings of earlier versions stay valid:
``--format text`` is ``table`` and ``--json`` (ingest) is ``--format json``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from policyparse.cli._common import info
from policyparse.console import render_plain, show, terminal_width


class Fmt(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


ALIASES = {"text": Fmt.table}  # the values of earlier versions keep working
FORMAT_METAVAR = "[table|csv|json]"


def parse_format(value: str | Fmt) -> Fmt:
    """``--format``'s value as a :class:`Fmt` (``text`` is an alias of ``table``)."""
    v = str(value).strip().lower()
    if v in ALIASES:
        return ALIASES[v]
    try:
        return Fmt(v)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not one of table, csv, json", param_hint="--format") from None


FORMAT_HELP = "table (for people; alias: text), csv (one row per record) or json."
FormatOption = Annotated[Fmt, typer.Option("--format", parser=parse_format, metavar=FORMAT_METAVAR, help=FORMAT_HELP)]
OutOption = Annotated[Path | None, typer.Option(
    "--out", "-o", dir_okay=False, help="Write the output to FILE (atomically) instead of standard output.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="The same as --format json (kept from earlier versions).")]


def to_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def flat_csv(rows: Iterable[dict], columns: list[str] | None = None) -> str:
    """CSV of dict rows (header from ``columns`` or the first row; nested values as JSON text).
    No row and no ``columns``: an empty text."""
    from policyparse.query.render import csv_text

    rows = list(rows)
    keys = columns or (list(rows[0]) if rows else [])
    return csv_text(rows, keys, _cell) if keys else ""


def _mode(out: Path) -> int:
    """The permissions ``out`` keeps (or a new file gets under the umask); mkstemp's are 0600."""
    try:
        return out.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write(text: str, out: Path | None) -> None:
    """``text`` to standard output, or atomically to ``out`` (parent folders created)."""
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    out = Path(out)
    if out.is_dir():
        raise IsADirectoryError(21, "is a folder; -o/--out takes a file", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, _mode(out))
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    info(f"wrote {out}")


def table_text(parts: list[Any], out: Path | None) -> str | None:
    """Draw ``parts`` on a terminal (returns None: done) or as plain text for a file or pipe.
    Lines of text only (no table) are written as they are."""
    if all(isinstance(p, str) for p in parts):
        return "".join(p if p.endswith("\n") else p + "\n" for p in parts)
    width = terminal_width()
    if out is None and sys.stdout.isatty():
        from rich.console import Console

        console = Console(width=width, soft_wrap=False, highlight=False)
        for p in parts:
            show(console, p)
        return None
    return render_plain(parts, width)


def emit(fmt: Fmt, out: Path | None, *, json_obj: Callable[[], Any], csv_text: Callable[[], str],
         table: Callable[[], list[Any]]) -> None:
    """Write the answer in format ``fmt`` to stdout or ``out``.

    ``json_obj()`` gives the JSON object; ``csv_text()`` the CSV; ``table()`` a list of rich
    renderables (or plain strings, never read as markup) for people.
    """
    if fmt is Fmt.json:
        text = to_json(json_obj())
    elif fmt is Fmt.csv:
        text = csv_text()
    else:
        text = table_text(table(), out)
        if text is None:
            return
    write(text, out)
