"""The width tables are drawn in, and rich renderables as plain text of that width."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from typing import Any

DEFAULT_WIDTH = 120  # when neither COLUMNS nor a terminal says otherwise


def terminal_width() -> int:
    """Columns to draw tables in: ``COLUMNS``, else the terminal of stdout or stderr, else 120."""
    cols = os.environ.get("COLUMNS", "").strip()
    if cols.isdigit() and int(cols) > 0:
        return int(cols)
    for stream in (sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None and stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            continue
    return DEFAULT_WIDTH


def show(console: Any, r: Any) -> None:
    """Print ``r`` on a rich ``console``: a plain string as it is (never markup: ``[uncatalogued …]``
    is data; never wrapped); a ``Text`` made ``no_wrap`` is cut at the width (rich lets the
    console's default override the text's own setting)."""
    from rich.text import Text

    if isinstance(r, str):  # lines of a summary (paths): as they are, not wrapped
        console.print(Text(r), soft_wrap=True)
    elif isinstance(r, Text) and r.no_wrap:
        console.print(r, no_wrap=True, overflow=r.overflow or "ellipsis")
    else:
        console.print(r)


def render_plain(renderables: Iterable[Any], width: int) -> str:
    """Rich renderables (tables, strings) as plain text ``width`` columns wide."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, soft_wrap=False,
                      force_terminal=False, legacy_windows=False, highlight=False)
    for r in renderables:
        show(console, r)
    return console.file.getvalue()
