"""Sentences, clauses and the words around a quantity: pure functions on the text."""

from __future__ import annotations

import re

from policyparse.extract.prose.patterns import (
    CLAUSE_SEP,
    ENDS_QUANTITY,
    FILLER,
    GOAL_ADVERB_HEAD,
    GOAL_ADVERB_TAIL,
    ITEM_MARK,
    PLAN_END_PREFIX,
    QUANTIFIER_TAIL,
    SENTENCE_END,
    TIME_HEAD,
    TIME_TAIL,
    TRIGGER,
    YEAR_NUMBER,
    YEAR_PREFIX,
    YEAR_TAIL,
)
from policyparse.extract.quantities import QUANTITY, Quantity, parse_quantity


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence (split at 。;!? and line ends)."""
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding ``pos``: after the last comma or colon outside brackets, or
    after the 、 that ends a quantity ("A120家、B100家"); ``floor`` at the latest."""
    depth = 0
    for k in range(pos - 1, floor - 1, -1):
        c = text[k]
        if c in ")）":
            depth += 1
        elif c in "(（":
            depth -= 1
        elif depth <= 0 and CLAUSE_SEP.match(c):
            return k + 1
        elif depth <= 0 and c == "、" and k > floor and ENDS_QUANTITY.match(text[max(floor, k - 4) : k]):
            return k + 1  # "A120家、B100家": a list of quantities
    return floor


def open_paren(text: str, s0: int, pos: int) -> int | None:
    """Offset of the still-open "(" before ``pos`` in the sentence, if any."""
    stack: list[int] = []
    for k in range(s0, pos):
        if text[k] in "(（":
            stack.append(k)
        elif text[k] in ")）" and stack:
            stack.pop()
    return stack[-1] if stack else None


def clean_indicator(s: str) -> str:
    """An indicator name without item marks, year prefixes, fillers and goal adverbs."""
    s = ITEM_MARK.sub("", s.strip().lstrip("、,，;；"))
    s = YEAR_PREFIX.sub("", s)
    s = PLAN_END_PREFIX.sub("", s)
    s = FILLER.sub("", s)
    s = TIME_HEAD.sub("", s)
    s = FILLER.sub("", s)
    s = GOAL_ADVERB_TAIL.sub("", s)
    s = QUANTIFIER_TAIL.sub("", s)
    s = YEAR_TAIL.sub("", s)
    s = TIME_TAIL.sub("", s)
    s = GOAL_ADVERB_TAIL.sub("", s)
    return _balanced_quotes(s.strip(" ,，"))


def _balanced_quotes(s: str) -> str:
    """Strip quote marks at the ends unless they pair with one inside ("“苏新消费”四季…活动" keeps its “)."""
    while s[:1] in ("“", '"') and not (s[:1] == "“" and "”" in s[1:]):
        s = s[1:]
    while s[-1:] in ("”", '"') and not (s[-1:] == "”" and "“" in s[:-1]):
        s = s[:-1]
    return s.strip(" ,，")


def bare_head(s: str) -> str:
    """The words before a quantity without item marks, years, times and goal adverbs, but with the
    verbs :func:`clean_indicator` drops as fillers ("2025年全年推动" -> "推动")."""
    s = ITEM_MARK.sub("", s.strip().lstrip("、,，;；"))
    s = TIME_HEAD.sub("", YEAR_PREFIX.sub("", s))
    return GOAL_ADVERB_HEAD.sub("", s).strip(" ,，")


def opens_with_time(head: str) -> bool:
    """The words before a quantity open with a time of the document's year ("全年完成", "9月底前下达")."""
    return TIME_HEAD.match(GOAL_ADVERB_HEAD.sub("", ITEM_MARK.sub("", head.strip()))) is not None


def after_previous_target(text: str, c0: int, pos: int, used: list[tuple[int, int]]) -> int:
    """A clause that lists several quantities with one verb ("改扩建现有20个A和35个B") starts the
    second one's words after the first target and its connector."""
    for _a, b in used:
        if c0 < b <= pos:
            c0 = b
    while c0 < pos and text[c0] in "和及与、":
        c0 += 1
    return c0


def in_title(text: str, s0: int, pos: int) -> bool:
    """Inside 《…》: a title ("《…三年行动计划》"), never a quantity to reach."""
    return text.count("《", s0, pos) > text.count("》", s0, pos)


def first_quantity(s: str, offset: int) -> Quantity | None:
    """The first quantity with a unit in ``s`` (not a year's 年), offsets shifted by ``offset``."""
    for m in QUANTITY.finditer(s):
        if m.group("num") and (m.group("unit") or m.group("pct")):
            q = parse_quantity(m, offset)
            if q is not None and not (q.unit == "年" and YEAR_NUMBER.fullmatch(m.group("num"))):
                return q
    return None


def noun_after(text: str, a: int, s1: int) -> str:
    """The noun phrase right after a quantity ("1家县域医疗次中心" -> "县域医疗次中心"), or ""."""
    # "1所三级医院和1—2个县域医疗次中心": the name ends where the next quantity starts
    obj = re.split(r"[,，;；。(（:：]|[、和及与](?=\d)", text[a:s1], maxsplit=1)[0]
    if not (2 <= len(obj) <= 20) or TRIGGER.match(obj) or re.match(r"的|以上|以下|以内|左右|余|多|、", obj) \
            or re.search(r"\d", obj):  # "改造2万户、完成12万户": the next quantity, not a noun
        return ""
    return obj.strip()


def split_list(s: str) -> list[str]:
    """"A、B和C" -> [A, B, C], not splitting inside brackets."""
    out, depth, cur = [], 0, ""
    k = 0
    while k < len(s):
        c = s[k]
        depth += c in "(（"
        depth -= c in ")）"
        if depth == 0 and c in "、和及与":
            out.append(cur)
            cur = ""
        else:
            cur += c
        k += 1
    out.append(cur)
    return [x.strip() for x in out]


def qual_text(text: str, a: int, b: int) -> str:
    """The goal words: the clause from ``a`` to the quantity end (plus trailing 左右/以上)."""
    return text[a:b].strip(" ,，")
