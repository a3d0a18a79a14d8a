"""Every seed reads to the same normalised text and the same table cells in all four formats.

DOCX, PDF and HTML are renderings of one clean document and must agree exactly (whitespace aside).
The TXT seeds are the raw extractions the renderings were made from: they still carry a receipt
stamp, web chrome and OCR'd formulas that the renderings dropped, so they are compared by
similarity, while their tables must hold the same cells.
"""

import difflib
import re
from functools import cache
from pathlib import Path

import pytest

from policyparse.model import BlockKind
from policyparse.readers import read_document

CORPUS = Path(__file__).parents[2] / "corpus"
STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))
RENDERINGS = ("docx", "pdf", "html")


@cache
def doc(stem: str, ext: str):
    return read_document(CORPUS / f"{stem}.{ext}")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def cells(d) -> list[list[str]]:
    return [[squeeze(c.text) for row in b.rows for c in row if c.text.strip()] for b in d.blocks if b.kind is BlockKind.TABLE]


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("ext", ["pdf", "html"])
def test_renderings_have_identical_text_and_cells(stem, ext):
    a, b = doc(stem, "docx"), doc(stem, ext)
    assert squeeze(b.text) == squeeze(a.text)
    assert cells(b) == cells(a)


@pytest.mark.parametrize("stem", STEMS)
def test_txt_matches_renderings(stem):
    a, t = doc(stem, "docx"), doc(stem, "txt")
    ratio = difflib.SequenceMatcher(None, squeeze(a.text), squeeze(t.text), autojunk=False).ratio()
    assert ratio >= 0.98
    # same table cells, up to a wrapped-cell break the text extraction lost
    for ta, tt in zip(cells(a), cells(t), strict=True):
        assert sorted(ta) == sorted(tt) or difflib.SequenceMatcher(None, ta, tt).ratio() >= 0.95
