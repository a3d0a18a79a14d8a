"""Normalisation of surface forms before lookup (shared by loader and matcher).

Two levels:

* :func:`norm_text`: width/case/whitespace/bracket normalisation (NFKC, full-width -> ASCII,
  ``〔〕【】`` -> ``()``, curly quotes -> ``"``, all whitespace removed, ASCII upper-cased,
  surrounding punctuation and ``*`` markers removed). Used for every kind.
* :func:`indicator_key`: :func:`norm_text` plus indicator-specific rules: leading item numbers
  (``1.``, ``(3)``, ``二、``) and scope words (全市, 我市, 全省 ...) and trailing unit parentheses (``(%)``, ``(人年)``, ``(家/万人)``,
  ``(%,分别列出)``, ``(定性)``) are dropped, and a few fixed spellings are canonicalised
  (``研究与试验发展(R&D)`` / ``研发(R&D)`` -> ``R&D``, ``地区生产总值(GDP)`` / ``地区GDP`` -> ``GDP``,
  ``规模以上`` -> ``规上``, ``的比重`` -> ``比重``). Both catalogue keys and queries go through the same
  function, and the loader rejects two entries whose keys collide.
* :func:`indicator_group_key`: the key an indicator the catalogue lacks is kept under,
  ``uncatalogued:<indicator_key>`` after an increment verb (新增 / 新建 …: the extractor flags the
  target ``increment`` and compares it with the stock it adds to, as it does for catalogued ones) is
  dropped: 全市城镇化率(%) and 城镇化率 are one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRANS = str.maketrans(
    {
        "〔": "(",
        "〕": ")",
        "【": "(",
        "】": ")",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "﹐": ",",
        "，": ",",
        "；": ";",
        "：": ":",
        "。": "。",
    }
)
_WS = re.compile(r"\s+")
_EDGE = re.compile(r"^[,.;:、。*\-—·•●]+|[,.;:、。*\-—·•●]+$")


@lru_cache(maxsize=262144)
def norm_text(s: str) -> str:
    """Width, case, bracket and whitespace normalisation (cached)."""
    s = unicodedata.normalize("NFKC", s).translate(_TRANS)
    s = _WS.sub("", s)
    s = s.upper()
    return _EDGE.sub("", s)


_NUM_PREFIX = re.compile(r"^(?:\(?[0-9]{1,3}[).、](?![0-9])|\(?[一二三四五六七八九十]{1,3}[)、])")
_SCOPE_PREFIX = re.compile(r"^(?:全市|全省|全县|全区|我市|本市|我省|本省|全国)(?=..)")
_UNIT_CHARS = set("%‰人年件家个元亿万美篇项户次倍吨标准煤千克当量/;,、分别列出定性评价及以上天平方公里亩")
_TRAILING_PAREN = re.compile(r"\(([^()]{1,16})\)$")
_CANON = (
    ("研究与试验发展(R&D)", "R&D"),
    ("研究与发展(R&D)", "R&D"),
    ("研究与试验发展", "R&D"),
    ("研究与发展", "R&D"),
    ("研发(R&D)", "R&D"),
    ("(R&D)", "R&D"),
    ("地区生产总值(GDP)", "GDP"),
    ("国内生产总值(GDP)", "GDP"),
    ("生产总值(GDP)", "GDP"),
    ("地区生产总值", "GDP"),
    ("地区GDP", "GDP"),
    ("规模以上", "规上"),
    ("的比重", "比重"),
    ("的比例", "比例"),
)


@lru_cache(maxsize=262144)
def indicator_key(s: str) -> str:
    """Normalised lookup key of an indicator name (see module docstring)."""
    s = norm_text(s)
    s = _NUM_PREFIX.sub("", s, count=1)
    s = _SCOPE_PREFIX.sub("", s, count=1)
    while True:
        s = s.rstrip("*")
        m = _TRAILING_PAREN.search(s)
        if m and all(ch in _UNIT_CHARS for ch in m.group(1)):
            s = s[: m.start()]
            continue
        break
    for old, new in _CANON:
        if old in s:
            s = s.replace(old, new)
    return s.strip()


@lru_cache(maxsize=262144)
def department_key(s: str) -> str:
    """Normalised lookup key of a department name (``中共``/``中国共产党`` prefix dropped)."""
    s = norm_text(s)
    for p in ("中国共产党", "中共"):
        if s.startswith(p) and len(s) > len(p):
            s = s[len(p) :]
            break
    return s


@lru_cache(maxsize=262144)
def place_key(s: str) -> str:
    """Normalised lookup key of a place name."""
    return norm_text(s)


UNCATALOGUED_INDICATOR = "uncatalogued:"
_INCREMENT = re.compile(r"^(?:新增|新改建|新建改建|新建|改建)")  # as policyparse.extract.INCREMENT


@lru_cache(maxsize=262144)
def indicator_group_key(name: str) -> str | None:
    """``uncatalogued:<key>`` for an indicator name the catalogue does not hold (None if the name
    normalises to fewer than two characters)."""
    key = indicator_key(_INCREMENT.sub("", norm_text(name or "")))
    return UNCATALOGUED_INDICATOR + key if len(key) >= 2 else None


def target_indicator_key(indicator_id: str | None, name: str | None) -> str | None:
    """What ``compare`` reaches a target by: its catalogue id, else its uncatalogued key."""
    return indicator_id or (indicator_group_key(name) if name else None)
