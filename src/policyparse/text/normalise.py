"""Character-level normalisation: width folding (and ideograph look-alikes), traditional->simplified,
spaces in numbers.

All steps keep the offset map (:class:`MappedText`) so that spans quote the source exactly.
"""

from __future__ import annotations

import re
import unicodedata
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


def _nfkc_one_to_one(ranges: tuple[tuple[int, int], ...]) -> dict[int, int]:
    """Code points of ``ranges`` whose NFKC form is one other character."""
    table = {}
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = ord(folded)
    return table


# Look-alikes of ordinary ideographs that PDF text layers and copies of them carry ("⽂件" with
# the Kangxi radical U+2F42 for 文, CJK compatibility ideographs such as U+F900), and the
# half-width ideographic punctuation (U+FF61-FF64 "｡｢｣､"): NFKC-folded, one character for one,
# so a copy with them reads as the same text. Only these ranges: NFKC elsewhere would also
# rewrite characters the rules read ("①" -> "1", "㎡" -> "m2", "²" -> "2").
_WIDTH_TABLE.update(
    _nfkc_one_to_one(((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0xFF61, 0xFF64)))
)
# The CJK Radicals Supplement has no NFKC mapping for the simplified radicals, but PDF text
# layers put them for whole characters too ("⻓江" for 长江, "⻔户" for 门户): the radicals whose
# glyph is a character of their own, mapped by hand (Unicode names "CJK RADICAL C-SIMPLIFIED
# LONG" -> 长, ...).
_RADICALS = "⻓长⻔门⻅见⻋车⻚页⻛风⻜飞⻢马⻥鱼⻦鸟⻩黄⻬齐⻮齿⻰龙⻳龟⻆角⻨麦⻉贝⻙韦⻧卤⻪黾⺠民⻄西⻝食⻘青⻣骨⻤鬼"
_WIDTH_TABLE.update({ord(a): ord(b) for a, b in zip(_RADICALS[::2], _RADICALS[1::2], strict=True)})


def fold_width(text: str) -> str:
    """Full-width digits, letters and punctuation -> ASCII ("２０２４（％）" -> "2024(%)"); Kangxi
    radicals and CJK compatibility ideographs -> the ideograph ("⽂" -> "文"); half-width "｡､"
    -> "。、"."""
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
