"""Character-level normalisation: width folding, traditional->simplified, spaces in numbers.

All steps keep the offset map (:class:`MappedText`) so that spans quote the source exactly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policyparse.text.mapped import MappedText

# Full-width ASCII variants (U+FF01..U+FF5E) fold to ASCII; the ideographic space to a space.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
_WIDTH_TABLE[0x00A0] = 0x20
# Dash-like characters used as number ranges ("2—3年", "2022年11月—2023年12月") keep their
# meaning; we only unify the look-alikes of the ASCII hyphen.
_WIDTH_TABLE[0x2212] = ord("-")  # minus sign
_WIDTH_TABLE[0xFE63] = ord("-")


def fold_width(text: str) -> str:
    """Full-width digits, letters and punctuation -> ASCII ("２０２４（％）" -> "2024(%)")."""
    return text.translate(_WIDTH_TABLE)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese with OpenCC (``t2s``)."""
    return _t2s().convert(text)


# Horizontal whitespace runs; removed unless both neighbours are ASCII letters/digits
# (so "到 2024年" -> "到2024年", "R&D 经费" -> "R&D经费", but "GDP ratio" keeps its space).
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_ASCII_WORD = re.compile(r"[A-Za-z]")


def _space_repl(m: re.Match[str]) -> str:
    s, a, b = m.string, m.start(), m.end()
    left = s[a - 1] if a > 0 else ""
    right = s[b] if b < len(s) else ""
    if left and right and _ASCII_WORD.match(left) and _ASCII_WORD.match(right):
        return " "
    return ""


def remove_spaces(mt: MappedText) -> MappedText:
    """Drop spaces inside numbers/dates and between CJK characters; keep them between words."""
    return mt.sub(_SPACES, _space_repl)


def normalise(mt: MappedText) -> MappedText:
    """All character-level steps, in order: width folding, t2s, spaces."""
    mt = mt.map_chars(fold_width)
    mt = mt.map_chars(to_simplified)
    return remove_spaces(mt)
