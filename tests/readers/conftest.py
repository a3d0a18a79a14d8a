"""Shared fixtures for the reader tests: a cached RawDocument reader, comparison helpers, a
small-PDF builder (``helpers.write_pdf``)."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest

from policyparse.readers import read_raw
from policyparse.readers.base import RawDocument

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIX = ROOT / "tests" / "fixtures"
BAD = FIX / "bad"
SEEDS = sorted(p.stem for p in CORPUS.glob("*.txt"))
SEEDS_WITH_TABLES = ["000_66384f2078c7182b", "001_2193336686149f8c", "004_53cef2a0b11e33d7"]


@functools.cache
def raw_cached(path: str) -> RawDocument:
    return read_raw(path)


@pytest.fixture(scope="session")
def raw():
    """``raw(path)``: the RawDocument of ``path`` (read once per test session)."""

    def _raw(path: str | Path) -> RawDocument:
        return raw_cached(str(path))

    return _raw


@pytest.fixture(scope="session")
def helpers():
    """Comparison helpers and a small-PDF builder (fixtures, since conftest is not importable)."""
    import types

    return types.SimpleNamespace(norm=norm, body_text=body_text, tables=tables, write_pdf=write_pdf)


def norm(text: str) -> str:
    """Compare texts across formats: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def body_text(doc: RawDocument) -> str:
    return norm("".join((b.number or "") + "".join(b.lines) for b in doc.blocks if not b.is_table))


def tables(doc: RawDocument) -> list[list[list[tuple[str, int, int]]]]:
    return [
        [[(norm(c.text), c.rowspan, c.colspan) for c in row] for row in b.rows]
        for b in doc.blocks
        if b.rows is not None
    ]


def write_pdf(path: Path, pages: list[list[tuple[float, float, str]]], *, size: float = 12,
              font: str = "Helvetica", rects: list[tuple[int, float, float, float, float]] = ()) -> Path:
    """A small PDF: ``pages[i]`` is a list of (x, y-from-top, text); ``rects``: (page, x, top, w, h)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    if font != "Helvetica":
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(font))
    w, h = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for i, items in enumerate(pages):
        c.setFont(font, size)
        for x, top, text in items:
            c.drawString(x, h - top, text)
        for page, x, top, rw, rh in rects:
            if page == i:
                c.rect(x, h - top - rh, rw, rh)
        c.showPage()
    c.save()
    return path
