"""The year recogniser: which year a target is due, and which rule gave it (``year_source``:
stated / sentence / section / plan_period / document_date)."""

from __future__ import annotations

import re

from policyparse.extract.deadlines import PLAN_END, PLAN_PERIOD, plan_end_year, year_context
from policyparse.extract.prose.model import Candidate, Sentence, YearContext
from policyparse.extract.prose.patterns import (
    BASELINE_FROM,
    GOAL_POST,
    RANGE_START,
    STATUS_QUO,
    THIS_YEAR,
    YEAR_HERE,
)
from policyparse.extract.quantities import Quantity


def year_for(text: str, s0: int, pos: int, default: int | None) -> int | None:
    """The last year stated in the sentence before ``pos`` (ignoring baselines "由2022年的")."""
    year = None
    for m in YEAR_HERE.finditer(text, s0, pos):
        if m.start() > 0 and text[m.start() - 1] in "比较":
            continue  # "比2020年提高5个百分点": the reference year, not the target year
        tail = text[m.end() : m.end() + 1]
        if tail == "的" and BASELINE_FROM.search(text[max(s0, m.start() - 2) : m.start()]):
            continue
        if RANGE_START.match(text[m.end() : m.end() + 6]):
            continue  # a range start ("2023—2025年", "2023年起")
        year = int(m.group(1))
    for m in (*PLAN_END.finditer(text, s0, pos), *PLAN_PERIOD.finditer(text, s0, pos)):
        year = plan_end_year(m.group(1)) or year
    return year if year is not None else default


def year_and_source(text: str, s0: int, pos: int, default: int | None,
                    default_source: str) -> tuple[int | None, str | None]:
    """:func:`year_for` with the rule that gave the year."""
    year = year_for(text, s0, pos, None)
    if year is not None:
        return year, "stated"
    return (default, default_source) if default is not None else (None, None)


def sentence_default(text: str, s0: int, s1: int, default_year: int | None, ctx: YearContext,
                     carried: int | None) -> tuple[int | None, str, int | None]:
    """The year an undated target of this sentence takes, its source, and the year carried to the
    next sentences ("到2025年,A达到x。B达到y。": the year holds), as (year, source, carried)."""
    own = year_context(text[s0:s1]) if ("年" in text[s0:s1] or "五" in text[s0:s1]) else []
    year_default, default_source = default_year, "section"
    if carried is not None and not own and not STATUS_QUO.search(text, s0, s1):
        year_default, default_source = carried, "sentence"
    if own:
        carried = own[-1][1]
    if year_default is None and ctx.plan is not None and not STATUS_QUO.search(text, s0, s1):
        year_default, default_source = ctx.plan, "plan_period"
    return year_default, default_source, carried


def plan_goal(trig_text: str, m: re.Match[str], q: Quantity) -> bool:
    """Whether an undated quantity is a goal due by the plan period's end: it follows a verb of
    attainment or a comparator ("新增…10个以上"), and is not a duration ("三年") nor a partition
    ("分为三个阶段")."""
    return bool((trig_text and trig_text != "为") or m.group("pre") or m.group("post") in GOAL_POST) and q.unit != "年"


def quantity_year(st: Sentence, c: Candidate) -> tuple[int | None, str | None]:
    """A quantity's year: stated before it in the sentence, else the document's for "全年/今年",
    else the sentence's default (the plan period's only for what reads as a goal)."""
    text, m = st.text, c.m
    year = year_for(text, st.s0, m.start(), None)
    if year is not None:
        return year, "stated"
    if st.ctx.document is not None and THIS_YEAR.search(text, st.s0, m.start()):
        return st.ctx.document, "document_date"  # "确保全年新增规上企业40户"
    if st.year_default is not None and (st.default_source != "plan_period"
                                        or plan_goal(c.trig_text, m, c.q) or c.verb_head):
        return st.year_default, st.default_source
    return None, None
