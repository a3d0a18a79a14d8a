"""Indicator phrases: the noun phrase a quantity counts, read with jieba's part-of-speech tags.

Chinese goals put the counted thing after the quantity when the verb comes first ("突破百项前沿
关键核心技术", "形成5项标志性产品", "改扩建现有20个中央生活类救灾物资储备库"), or in the clause
before when the verb is repeated ("机动车道井盖井框处置，完成400个"). A text that holds only verbs and
adverbs ("形成", "打造", "力争完成") is never an indicator: :func:`is_verb_phrase` tells them apart
with jieba's tags (v, vn, vd, d, ad), which regex alone cannot.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VERB_FLAGS = ("v", "vn", "vd", "d", "ad", "c", "p")
# Building verbs jieba tags as abbreviations (j); "现有/原有" qualifies the object that follows
_BUILD_VERBS = re.compile(r"^(?:新改扩建|改扩建|扩建|新改建|提档升级)$")
_QUALIFIER = re.compile(r"(?:现有|原有|既有)$")
OBJECT_SEP = re.compile(r"[,，;；。(（:：、和及与]")
MAX_OBJECT = 20


@lru_cache(maxsize=8192)
@lru_cache(maxsize=8192)
def pos_tags(s: str) -> tuple:
    """jieba's (word, flag) pairs of a short phrase, cached: the naming rules ask about the same
    clause heads several times."""
    import jieba.posseg as pseg

    return tuple(pseg.cut(s))


def is_verb_phrase(s: str) -> bool:
    """True when ``s`` holds only verbs, adverbs and connectives ("形成", "突破", "开工建设")."""
    s = _QUALIFIER.sub("", s.strip())
    if not s or len(s) > 8 or re.search(r"[\d%]", s):
        return False
    words = pos_tags(s)
    return bool(words) and all(w.flag in _VERB_FLAGS or _BUILD_VERBS.match(w.word) for w in words)


# Verbs of a task quota ("组织300场", "举办…活动300场以上", "推动1万家企业…"): jieba tags them v
ACTION_FLAGS = ("v",)


def starts_with_verb(s: str) -> bool:
    """True when ``s`` opens with a verb and goes on to what it acts on ("举办场内外配套贸易对接活动")."""
    s = s.strip()
    if not (2 <= len(s) <= 24) or re.search(r"[\d%]", s):
        return False
    first = next(iter(pos_tags(s)), None)
    return first is not None and first.flag in ACTION_FLAGS and len(first.word) >= 2


def ends_with_verb(s: str) -> bool:
    """True when ``s`` closes with a verb of two or more characters ("组织企业参加")."""
    s = s.strip()
    if not (3 <= len(s) <= 24) or re.search(r"[\d%]", s):
        return False
    words = pos_tags(s)
    return len(words) >= 2 and words[-1].flag in ACTION_FLAGS and len(words[-1].word) >= 2


def object_after(text: str, a: int, s1: int) -> str:
    """The noun phrase right after a quantity, up to the next separator ("百项前沿关键核心技术" ->
    "前沿关键核心技术"), or "" when what follows is not one (a verb, 的, a comparator word)."""
    m = OBJECT_SEP.search(text, a, s1)
    obj = text[a : m.start() if m else s1].strip()
    if not (2 <= len(obj) <= MAX_OBJECT) or re.match(r"的|以上|以下|以内|左右|余|多", obj) or re.search(r"\d", obj):
        return ""
    return "" if is_verb_phrase(obj) else obj


def previous_clause(text: str, c0: int, s0: int) -> str:
    """The clause just before ``c0`` when it names what the quantity counts: "机动车道井盖井框处置，
    完成400个" -> "机动车道井盖井框处置" (no figure of its own, a few characters long)."""
    if c0 - 1 <= s0 or text[c0 - 1] not in ",，":
        return ""
    k = c0 - 1
    start = max((text.rfind(sep, s0, k) for sep in ",，;；:："), default=-1)
    start = max(start + 1, s0)
    clause = text[start:k].strip()
    clause = re.sub(r"^[(（]?\d{1,2}[)）.、]", "", clause)
    if not (2 <= len(clause) <= MAX_OBJECT) or re.search(r"\d", clause) or is_verb_phrase(clause):
        return ""
    return clause
