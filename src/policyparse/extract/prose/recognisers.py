"""Recognisers: each finds one shape of target in a :class:`Sentence` and records it.

* :func:`baseline_pairs`: "A由2022年的600家达到800家" (baseline and target);
* :func:`quantity_candidates`: every quantity that may be a target (with its clause words);
* the special forms a candidate may take, tried in order (:data:`SPECIAL_FORMS`):
  :func:`breakdown` ("1.20%(市本级2.1%,县区1.1%)"), :func:`yearly_quota` ("每年新增…50家以上"),
  :func:`recurring_quota` ("每年选派50余名科技特派员"), :func:`share_goal` ("80%以上的规上企业实现…");
* :func:`qualitative_goals`: "排名明显提升", "实现全覆盖", "较上一年增加".

A special form returns True when it has dealt with the candidate (recorded a target or not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policyparse.extract.deadlines import year_context
from policyparse.extract.phrases import is_verb_phrase, object_after
from policyparse.extract.prose.clauses import (
    after_previous_target,
    clause_start,
    clean_indicator,
    first_quantity,
    in_title,
    open_paren,
    qual_text,
)
from policyparse.extract.prose.filters import rejected
from policyparse.extract.prose.model import Candidate, Draft, ProseTarget, Sentence
from policyparse.extract.prose.patterns import (
    BASELINE,
    CLAUSE_SEP,
    COMPARATOR_TAIL,
    GOAL_VERB,
    QUALITATIVE,
    QUALITATIVE_WORD,
    RANK_WORDS,
    RATIO_NAME,
    RATIO_WINDOW,
    RECURRING_HEAD,
    RECURRING_VERB,
    TRIGGER,
    VERB_OBJECT,
)
from policyparse.extract.prose.years import year_and_source
from policyparse.extract.quantities import QUANTITY, Quantity, not_a_quantity, parse_quantity


def baseline_pairs(st: Sentence) -> None:
    """Baseline -> target pairs: "A力争由2022年的194.76人达到2026年的197.02人"."""
    text = st.text
    for m in BASELINE.finditer(text, st.s0, st.s1):
        tq = first_quantity(m.group("tq"), m.start("tq"))
        bq = first_quantity(m.group("bq"), m.start("bq"))
        if tq is None:
            continue
        c0 = clause_start(text, m.start(), st.s0)
        indicator = clean_indicator(text[c0 : m.start()])
        if not indicator and st.item_indicator:
            indicator = st.item_indicator
        ty, ty_source = (int(m.group("ty")), "stated") if m.group("ty") else year_and_source(
            text, st.s0, m.start(), st.year_default, st.default_source)
        st.add(ProseTarget(indicator, tq.value, tq.unit, tq.comparator, ty,
                           {"value": bq.value if bq else None, "year": int(m.group("by"))}, None, None,
                           c0, tq.end, year_source=ty_source if ty is not None else None),
               (m.start(), tq.end))


def quantity_candidates(st: Sentence) -> Iterator[Candidate]:
    """The quantity/comparator recogniser: quantities with a unit (or a ratio's bare number after a
    ratio word), not inside a claimed range, a title or a non-quantity ("2024年", "第17次")."""
    text, s0 = st.text, st.s0
    for m in st.quantity_matches():
        if not m.group("num"):
            continue
        if not (m.group("unit") or m.group("pct")) and not RATIO_NAME.search(
                text, max(s0, m.start("num") - RATIO_WINDOW), m.start("num")):
            continue  # a bare number counts nothing, unless it is a ratio or coefficient ("收入比缩小到2.75")
        if st.claimed(m.start()):
            continue
        q = parse_quantity(m)
        if q is None or not_a_quantity(m, text) or in_title(text, s0, m.start()):
            continue
        yield _candidate(st, m, q)


def _candidate(st: Sentence, m: re.Match[str], q: Quantity) -> Candidate:
    """The candidate's clause words and its verb of attainment."""
    clause0 = clause_start(st.text, m.start(), st.s0)
    c0 = after_previous_target(st.text, clause0, m.start(), st.used)
    head = st.text[c0 : m.start("pct") if m.group("pct") else m.start("num")]
    trig = None
    for t in TRIGGER.finditer(head):
        if not (trig is not None and trig.group(0) in VERB_OBJECT and t.group(0) in VERB_OBJECT):
            trig = t  # the last verb; in a chain of building verbs the first ("完成X改造规模")
    return Candidate(m, q, clause0, c0, head, open_paren(st.text, st.s0, m.start()), trig)


def breakdown(st: Sentence, c: Candidate) -> bool:
    """A breakdown of the previous target inside brackets: "1.20%(市本级2.1%,县区1.1%)"."""
    if c.paren is None or not st.targets:
        return False
    prev, q = st.targets[-1], c.q
    start = max(c.c0, c.paren + 1)
    scope = st.text[start : c.m.start()].strip()
    if scope and len(scope) <= 12 and not TRIGGER.search(scope):
        st.add(ProseTarget(prev.indicator, q.value, q.unit, q.comparator, prev.year, None, None, scope,
                           start, q.end, year_source=prev.year_source))
    return True


def yearly_quota(st: Sentence, c: Candidate) -> bool:
    """"每年新增高新技术企业50家以上", "市级财政每年安排资金不少于5亿元": a yearly quota, object
    before the quantity (one target per listed year: "2024年和2025年每年…")."""
    yearly = None if RECURRING_VERB.search(c.head) else RECURRING_HEAD.search(c.head)
    if not (yearly and clean_indicator(COMPARATOR_TAIL.sub("", yearly.group("rest")))):
        return False
    text, q = st.text, c.q
    pre = clean_indicator(c.head[: yearly.start()])
    indicator = clean_indicator(COMPARATOR_TAIL.sub("", yearly.group("rest")))
    end = q.end
    if is_verb_phrase(indicator):
        after = object_after(text, q.end, st.s1)
        if after:  # "每年建设100所基层骨干老年学校": the counted thing follows
            indicator, end = after, q.end + len(after)
        elif len(pre) >= 2 and not re.match(r"[和及与、]", pre):
            indicator = pre  # "A每年提升1～3个百分点": A
    per = re.match(r"^(?:每个?|各)[^,，]{1,12}$", pre)
    for y in _quota_years(text[st.s0 : c.c0 + yearly.start()], st.past):
        st.targets.append(ProseTarget(indicator, q.value, q.unit, q.comparator, y, None, None,
                                      per.group(0) if per else None, c.c0, end, ["recurring_yearly"],
                                      "stated" if y else None))
    st.used.append((c.c0, end))
    return True


_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[—–\-~～至到]\s*((?:19|20)\d{2})\s*年")


def _quota_years(lead_in: str, past: int | None) -> dict[int | None, None]:
    """"到2025年每年…": a yearly rate through that year; "2024年和2025年每年…": one per year;
    "2025—2027年…每年…": through the range's last year."""
    listed = re.fullmatch(r"\D*?((?:(?:19|20)\d{2}\s*年\s*(?:和|、|及)\s*)+(?:19|20)\d{2}\s*年)\s*", lead_in)
    ranges = _YEAR_RANGE.findall(lead_in)
    years = ([int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", listed.group(1))] if listed
             else [y for _, y in year_context(lead_in)][-1:] or [int(b) for _, b in ranges[-1:]])
    return dict.fromkeys([y for y in years if past is None or y >= past] or [None])


def recurring_quota(st: Sentence, c: Candidate) -> bool:
    """"每年选派50余名科技特派员": a yearly quota; the object follows the quantity."""
    recurring = RECURRING_VERB.search(c.head)
    if not recurring:
        return False
    q = c.q
    obj = re.split(r"[,，;；。(（]", st.text[q.end : st.s1], maxsplit=1)[0]
    if obj:
        st.add(ProseTarget(recurring.group(1) + obj, q.value, q.unit, q.comparator, None, None, None, None,
                           c.c0 + recurring.start(), q.end + len(obj), ["recurring_yearly"]),
               (c.c0, q.end + len(obj)))
    return True


def share_goal(st: Sentence, c: Candidate) -> bool:
    """A scoped target: "50%以上的县(市、区)A达到2.8%以上" (the first quantity is the scope); with no
    other quantity in its clause a share goal: "80%以上的规上企业实现数字化改造"."""
    text, m, q = st.text, c.m, c.q
    if not (q.unit == "%" and text[m.end() : m.end() + 1] == "的"):
        return False
    goal = _share_clause(text, m.end() + 1, st.s1)
    year, source = year_and_source(text, st.s0, m.start(), st.year_default, st.default_source)
    if goal and year is not None and not (st.past is not None and year < st.past):
        st.add(ProseTarget(goal[0], q.value, q.unit, q.comparator, year, None, None, None, c.c0, goal[1],
                           ["share_goal"], source))
    return True


def _share_clause(text: str, a: int, s1: int) -> tuple[str, int] | None:
    """The goal clause after "N%以上的" when it holds no quantity of its own: (indicator, end)."""
    m = CLAUSE_SEP.search(text, a, s1)
    b = m.start() if m else s1
    clause = text[a:b]
    if not GOAL_VERB.search(clause) or any(q.group("num") and (q.group("unit") or q.group("pct"))
                                            for q in QUANTITY.finditer(clause)):
        return None
    return clean_indicator(clause), b


# The special forms, in the order they are tried (after the "head" filters).
SPECIAL_FORMS = (yearly_quota, recurring_quota, share_goal)


def qualitative_goals(st: Sentence) -> None:
    """The qualitative recogniser: goals without a number (rank, level, coverage, doubling, a growth
    rate above another, more than the year before), each filtered by the "qualitative" filters."""
    text = st.text
    if not QUALITATIVE_WORD.search(text, st.s0, st.s1):
        return
    for m in QUALITATIVE.finditer(text, st.s0, st.s1):
        if st.claimed(m.start()):
            continue
        d = _qualitative_draft(st, m)
        if not rejected("qualitative", st, d):
            st.add(d.target())


_QUAL_COMPARATOR = {"超过": ">", "高于": ">", "优于": ">", "快于": ">", "不低于": ">="}


def _qualitative_draft(st: Sentence, m: re.Match[str]) -> Draft:
    """A qualitative goal's indicator (the clause before it, else the previous target's), year,
    flags and goal words."""
    text, s0 = st.text, st.s0
    c0 = clause_start(text, m.start(), s0)
    if st.claimed(c0):
        c0 = m.start()
    head = re.sub(r"^(?:实现|达到)", "", clean_indicator(text[c0 : m.start()]))
    year, source = year_and_source(text, s0, m.start(), st.year_default, st.default_source)
    if source == "plan_period":
        year, source = None, None  # a qualitative goal needs a year of its own or of its section
    dated, standing, extra = year, False, []
    if m.group("yoy"):
        year, source, standing, extra = None, None, True, ["recurring_yearly"]  # every year, no target year
    elif year is None and m.group("cmp"):
        standing, extra = True, ["year_not_stated"]  # a standing goal of a growth comparison
    elif year is None:
        standing = "覆盖" in m.group(0) and bool(re.match(r"(?:实现|基本实现)", text[c0 : m.start()].lstrip()))
    is_rank = bool(re.search(r"排名|排位|位次", m.group(0)))
    flags = ["qualitative", "rank"] if is_rank else (["coverage", "qualitative"] if "覆盖" in m.group(0) else ["qualitative"])
    indicator = "" if st.goal_cell and not is_rank else head  # a target cell: the row names it
    if not st.goal_cell and (is_rank or not indicator or RANK_WORDS.match(indicator)):
        indicator = st.targets[-1].indicator if st.targets else (st.item_indicator or head)
    qual = qual_text(text, clause_start(text, m.start(), s0) if is_rank else m.start(), m.end())
    comparator = ">" if m.group("yoy") else _QUAL_COMPARATOR.get(m.group("verb") or m.group("cmp") or "", "=")
    return Draft(indicator, None, None, comparator, year, source, qual if is_rank else qual.strip(), None,
                 c0, m.end(), flags + extra, dated=dated, named=indicator, standing=standing)
