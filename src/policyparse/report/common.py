"""Escaping and shared styling for the report. Every string that comes from a document goes
through :func:`esc` (HTML text, attributes and SVG alike) or :func:`script_json` (inline JSON)."""

from __future__ import annotations

import html
import json
from typing import Any

# 20 qualitative colours, dark enough for text on white, ordered so that neighbours differ in hue
PALETTE = ("#c0392b", "#2471a3", "#d68910", "#1e8449", "#7d3c98", "#117a65", "#a04000", "#2e4053",
           "#b7950b", "#c2185b", "#00838f", "#6d4c41", "#5b2c6f", "#558b2f", "#1a237e", "#e65100",
           "#880e4f", "#37474f", "#0277bd", "#827717")
NATIONAL_COLOR = "#555555"
STATUS_LABEL = {"final": "正式", "draft": "草稿"}  # draft kinds (讨论稿, 征求意见稿 …) vary
# a table lists at most this many rows (a corpus of thousands of plans would make a page of tens of
# MB); the rest is counted and the table says where the full list is
MAX_TABLE_ROWS = 300
COMPARATOR = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "", "~": "约"}


def esc(value: Any) -> str:
    """HTML-escape anything (None -> ""), quotes included, so it is safe in text and attributes."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def script_json(obj: Any) -> str:
    """JSON safe inside a <script> element: no "<", ">", "&" or line separators survive literally."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for ch, rep in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        s = s.replace(ch, rep)
    return s


def city_colors(cities: list[str], national: str) -> dict[str, str]:
    out = {}
    i = 0
    for c in cities:
        if c == national:
            out[c] = NATIONAL_COLOR
        else:
            out[c] = PALETTE[i % len(PALETTE)]
            i += 1
    return out


def distinct_colors(places: list[str], colors: dict[str, str]) -> dict[str, str]:
    """``colors`` restricted to ``places``, each keeping its report-wide colour unless a place
    before it (in order) already took that colour here; then it gets the first unused palette colour."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for p in places:
        c = colors.get(p, NATIONAL_COLOR)
        if c in used:
            c = next((x for x in PALETTE if x not in used), c)
        out[p] = c
        used.add(c)
    return out


def fmt_num(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.6g}" if abs(v) < 1e6 else f"{v:,.0f}"
    return str(v)


def truncate(s: str | None, n: int) -> str:
    s = s or ""
    return s if len(s) <= n else s[: n - 1] + "…"
