"""Assembly: turn a quantity candidate into a draft target (indicator, comparator, scope, year,
flags), then into a :class:`ProseTarget` once the "quantity" filters let it through."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyparse.extract.phrases import (
    ends_with_verb,
    is_verb_phrase,
    object_after,
    previous_clause,
    starts_with_verb,
)
from policyparse.extract.prose.clauses import (
    bare_head,
    clean_indicator,
    noun_after,
    opens_with_time,
    qual_text,
)
from policyparse.extract.prose.model import Candidate, Draft, Sentence
from policyparse.extract.prose.patterns import (
    CHANGE_VERBS,
    COMPARED_TO,
    DECREASE_VERBS,
    GOAL_ADVERB,
    GROWTH_TAIL,
    KEEP_VERB,
    QUALITATIVE,
    QUALITATIVE_WORD,
    RANK_WORDS,
    RELATIVE,
    STATUS_QUO,
    STEADY_VERB,
    SUB_AREA,
    TRIGGER,
    VERB_OBJECT,
)
from policyparse.extract.prose.years import quantity_year
from policyparse.extract.quantities import COUNT_UNITS

_SHARE_SCOPE = re.compile(r"^(\d+(?:\.\d+)?%(?:以上|以下)?的[^\d,，]{1,12}?(?:\([^)]*\))?)")


@dataclass
class Naming:
    """What the words around a quantity say: the indicator and how the quantity relates to it."""

    indicator: str
    comparator: str
    end: int
    scope: str | None = None
    relative_words: str | None = None  # "比2020年提高5个百分点", "高于…3个百分点": kept as written
    margin: bool = False  # a margin over another indicator: no value of its own
    flags: list[str] = field(default_factory=list)


def _relative(st: Sentence, c: Candidate, n: Naming) -> None:
    """A change against a reference year ("A比2020年提高5个百分点": no baseline value, the words keep
    the year), a growth rate ("投入年均增长10%"), or a margin over another indicator ("高于全区税收年均
    增速3个百分点以上"); a decrease verb flags the value as a reduction."""
    head, trig, t = c.head, c.trig, c.trig_text
    relative = RELATIVE.search(head[: trig.start()] if trig else head)
    if relative:
        n.indicator = clean_indicator(head[: relative.start()])
        n.relative_words = st.text[c.c0 + relative.start() : c.q.end]
        n.flags.append("relative_to_baseline")
    elif trig and t in CHANGE_VERBS and c.q.unit in ("%", "百分点") and head[trig.end() :].strip() == "":
        n.indicator = clean_indicator(head[: trig.end()])
    n.margin = bool(t in COMPARED_TO and head[trig.end() :].strip())
    if n.margin:
        n.relative_words = st.text[c.c0 + trig.start() : c.q.end]
        n.indicator = clean_indicator(head[: trig.start()])
        n.flags.append("relative_to_other")
    if t in DECREASE_VERBS:
        n.flags.append("decrease")  # "较2020年下降10%": the value is a reduction
    if n.margin and n.comparator == "=":
        n.comparator = "<" if t == "低于" else ">"


def _verb_object(st: Sentence, c: Candidate, n: Naming) -> None:
    """"全市建成省级重点实验室7家": the object of a building verb is the indicator; "每个县(市、区)至少
    建成1家县域医疗次中心": verb, quantity, object (and the scope "每个…")."""
    head, trig, t = c.head, c.trig, c.trig_text
    if not (trig and t in VERB_OBJECT):
        return
    obj = clean_indicator(head[trig.end() :])
    after = "" if obj else noun_after(st.text, c.q.end, st.s1)
    subject = clean_indicator(head[: trig.start()]) if t == "完成" else ""  # "工业投资上半年完成1600亿元"
    n.indicator = obj or after or subject or clean_indicator(head)
    if t in KEEP_VERB and (obj or after):
        n.indicator = t + n.indicator
        n.flags.append("increment")
    if after:
        n.end = c.q.end + len(after)
        before = head[: trig.start()]
        if before.rstrip().endswith("至少") and n.comparator == "=":
            n.comparator = ">="
        per = re.match(r"^(?:每个?|各)[^,，]{1,12}", clean_indicator(re.sub(r"至少\s*$", "", before)))
        n.scope = per.group(0) if per else None


def _verb_first(st: Sentence, c: Candidate, n: Naming) -> None:
    """No name, or only a verb, before the quantity: the object after it ("突破百项前沿技术"), else
    the clause before (unless that is a goal of its own)."""
    text, q = st.text, c.q
    if n.indicator and not is_verb_phrase(n.indicator):
        after = object_after(text, q.end, st.s1) if c.trig is None and ends_with_verb(n.indicator) else ""
        if after:  # "组织企业参加50个左右全球重点展会": the subject acts on what is counted
            n.indicator, n.end = after, q.end + len(after)
        return
    after = object_after(text, q.end, st.s1)
    if after:
        n.indicator, n.end = after, q.end + len(after)
        if c.m.group("pre") == "突破" and n.comparator == ">":
            n.comparator = "="  # "突破百项前沿技术": the verb (make breakthroughs), not "more than"
        return
    prev = previous_clause(text, c.c0, st.s0)
    if prev and QUALITATIVE_WORD.search(prev) and QUALITATIVE.search(prev):
        prev = ""  # "较上一年增加,力争2023年达到80%": a goal of its own, not a name
    # a verb phrase that names the activity counted ("报废更新6万台") stays; a bare "完成" does not
    keep = not is_verb_phrase(n.indicator) or (len(n.indicator) >= 4 and not TRIGGER.fullmatch(n.indicator))
    n.indicator = prev or (n.indicator if keep else "")


def _share_scope(n: Naming) -> None:
    """A share written before the name is its scope: "50%以上的县(市、区)A"."""
    sm = _SHARE_SCOPE.match(n.indicator)
    if sm:
        n.scope = sm.group(1)
        n.indicator = n.indicator[len(n.scope) :]


def _sub_area(n: Naming) -> None:
    """"中心城区公共交通分担率达到45%": the part of the jurisdiction is the scope."""
    if n.scope is None:
        sub = SUB_AREA.match(n.indicator)
        if sub and len(n.indicator) > sub.end() + 1:
            n.scope, n.indicator = sub.group(1), n.indicator[sub.end() :]


def name_quantity(st: Sentence, c: Candidate) -> Naming:
    """The indicator-phrase recogniser: what the quantity counts, from the clause words around it."""
    head = c.head
    n = Naming(clean_indicator(head[: c.trig.start()] if c.trig else head), c.q.comparator, c.q.end)
    if c.m.group("pre") == "超" and n.indicator.endswith("超"):
        n.indicator = n.indicator[:-1]  # "消费促进活动超2000场次": 超 is the comparator
    _relative(st, c, n)
    _verb_object(st, c, n)
    _verb_first(st, c, n)
    _share_scope(n)
    return n


def _standing(st: Sentence, c: Candidate) -> bool:
    """An undated quantity that is still a goal: "力争…增长10%以上" (goal adverb), "合格率稳定在98%以上"
    (a steady verb, outside a status sentence), or a table's goal cell."""
    steady = c.trig and STEADY_VERB.match(c.trig_text) and not STATUS_QUO.search(st.text, st.s0, st.s1)
    return bool(GOAL_ADVERB.search(st.text, c.c0, c.m.start()) or steady or st.goal_cell or _quota(st, c))


def _quota(st: Sentence, c: Candidate) -> bool:
    """A task's quota with a comparator: "组织300场左右…境外展", "举办…对接活动300场以上" (an action verb
    opens the clause, the count is bounded by 以上/左右/不少于), outside a status sentence."""
    bounded = c.m.group("post") in ("以上", "左右") or c.m.group("pre") in ("不少于", "不低于", "超过")
    return bool(bounded and c.q.unit in COUNT_UNITS and (c.verb_head or starts_with_verb(bare_head(c.head)))
                and not STATUS_QUO.search(st.text, st.s0, st.s1)
                and not _REWARD.search(st.text, c.m.end(), st.s1))


# "…游览2个以上A级景区,每住宿1天奖励旅行社0.5万元": bounds before a reward are its conditions
_REWARD = re.compile(r"奖励|奖补|补助|补贴|给予")


def _rank(st: Sentence, c: Candidate, indicator: str, flags: list[str], qualitative: str | None):
    """"排名提升2个位次": a rank target keeps its goal words; a bare rank takes the previous target's
    indicator (or the item's). Returns (indicator, qualitative)."""
    if not (c.q.unit in ("位", "位次") or RANK_WORDS.match(indicator or "")):
        return indicator, qualitative
    flags.append("rank")
    own = bool(indicator) and not RANK_WORDS.match(indicator)
    qualitative = qual_text(st.text, c.c0 + c.trig.start() if own and c.trig else c.c0, c.q.end)
    if not indicator or RANK_WORDS.match(indicator):
        indicator = st.targets[-1].indicator if st.targets else (st.item_indicator or indicator)
    return indicator, qualitative


def _fallback_name(st: Sentence, c: Candidate, indicator: str) -> str:
    """No name of its own: the previous target's in a list ("A分别达到5万元和2.5万元", "A2万户、完成12万户")
    or in a clause that opens with another time of the year ("A上半年完成x,全年完成y"), else the item's,
    else ""."""
    listed = c.clause0 > st.s0 and st.text[c.clause0 - 1] == "、"  # "改造2万户、完成12万户"
    if not indicator and st.targets and (c.c0 != c.clause0 or listed or opens_with_time(c.head)):
        indicator = st.targets[-1].indicator
    return indicator or st.item_indicator or ""


def quantity_draft(st: Sentence, c: Candidate) -> Draft:
    """Assemble a quantity target: name, year (flag ``year_not_stated`` when a standing goal has
    none), scope, rank, and the previous target's name where the clause names none."""
    n, q = name_quantity(st, c), c.q
    year, source = quantity_year(st, c)
    standing = False
    if year is None:
        standing = _standing(st, c)
        n.flags.append("year_not_stated")  # "力争贷款余额年均增长10%以上": a goal, no year stated
    _sub_area(n)
    flags: list[str] = []
    indicator, qualitative = _rank(st, c, n.indicator, flags, n.relative_words)
    if not indicator and st.targets and c.trig is not None and STEADY_VERB.match(c.trig_text):
        indicator = GROWTH_TAIL.sub("", st.targets[-1].indicator)  # "A年均增长12%,到2026年达到520万人次": A
    named = indicator
    indicator = _fallback_name(st, c, indicator)
    if q.upper is not None and qualitative is None:
        qualitative = st.text[c.m.start("num") : q.end].strip()  # "1-3个百分点": the range as written
    return Draft(indicator, None if n.margin else q.value, None if n.margin else q.unit, n.comparator, year,
                 source, qualitative, n.scope, c.c0, n.end, flags + n.flags, dated=year, named=named,
                 standing=standing)
