"""The period a plan covers, the default year of its undated targets.

Chinese plans name their period in the title or the opening lines: "三年行动计划（2024—2026年）",
"“十四五”国家应急体系规划", "“十五五”时期(2026-2030年)是…", "2025年工作要点", "推动2025年第一季度经济…".
A target that states no year of its own and sits under no dated goal is due by the period's end;
a figure dated before the period starts (or before the document, when no period is stated) reports
the past ("2020年…比2015年下降43.3%", "“十三五”期间…下降37.6%") and is not a target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyparse.extract.deadlines import plan_end_year

_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~至到－]+\s*((?:19|20)\d{2})\s*年?")
_FIVE_YEAR = re.compile(r"[“\"']?(十[一二三四五六])五[”\"']?|第(十[一二三四五六])个五年")
_ONE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?:第[一二三四]季度)?")
# Words of a plan's title that make its one year the period: "2025年工作要点", "2024年度实施方案"
_PLAN_WORD = re.compile(r"计划|规划|方案|要点|意见|措施|行动|纲要|目标|任务")
# The opening lines that state the period: "“十五五”时期(2026-2030年)是…", "本规划期限为2021—2025年"
_OPENING = re.compile(
    r"(?:[“\"']?十[一二三四五六]五[”\"']?时期|规划期|实施期|期限为?|时间为?|行动期)\s*[(（]?\s*((?:19|20)\d{2})\s*年?\s*[—–\-~至到－]+\s*((?:19|20)\d{2})\s*年?")
OPENING_CHARS = 3000  # the period is stated near the start, not in a later retrospective
MAX_SPAN = 15  # "2021—2035年" is a vision, still a period; longer spans are history


@dataclass(frozen=True)
class PlanPeriod:
    start: int
    end: int
    text: str  # the words that state it


def plan_period(title: str | None, text: str) -> PlanPeriod | None:
    """The plan's period from its title, else from its opening lines; None when it states none."""
    for source in (title or "", text[:OPENING_CHARS]):
        found = _from_title(source) if source is title else _from_opening(source)
        if found:
            return found
    return None


def _from_title(title: str) -> PlanPeriod | None:
    m = _SPAN.search(title)
    if m and 0 < int(m.group(2)) - int(m.group(1)) <= MAX_SPAN:
        return PlanPeriod(int(m.group(1)), int(m.group(2)), m.group(0))
    m = _FIVE_YEAR.search(title)
    if m:
        end = plan_end_year(m.group(1) or m.group(2))
        if end:
            return PlanPeriod(end - 4, end, m.group(0))
    m = _ONE_YEAR.search(title)
    if m and _PLAN_WORD.search(title, m.end()):
        y = int(m.group(1))
        return PlanPeriod(y, y, m.group(0))
    return None


def _from_opening(text: str) -> PlanPeriod | None:
    m = _OPENING.search(text)
    if m and 0 < int(m.group(2)) - int(m.group(1)) <= MAX_SPAN:
        return PlanPeriod(int(m.group(1)), int(m.group(2)), m.group(0))
    return None


def past_before(period: PlanPeriod | None, doc_date: str | None) -> int | None:
    """Years before this one report the past: the period's start, else the document's year."""
    if period is not None:
        return period.start
    if doc_date and re.match(r"(?:19|20)\d{2}", doc_date):
        return int(doc_date[:4])
    return None
