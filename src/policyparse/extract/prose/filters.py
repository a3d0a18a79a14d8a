"""Not-a-target filters: named predicates that drop a quantity or a draft target.

Each filter is registered for one stage with :func:`not_a_target`; a stage's filters are tried in
the order they were registered and the first that returns True drops the candidate:

=================  ==========================================  ===============================
stage              runs on                                     when
=================  ==========================================  ===============================
``head``           :class:`Candidate` (words before the        before the special forms
                   quantity)                                   (yearly quota, share goal ...)
``candidate``      :class:`Candidate`                          after the special forms
``quantity``       :class:`Draft` of a quantity target         after naming and dating it
``qualitative``    :class:`Draft` of a qualitative goal        after naming and dating it
=================  ==========================================  ===============================

To add one: write ``def my_filter(st: Sentence, x) -> bool`` with a docstring naming the
sentences it drops, decorate it with ``@not_a_target("<stage>")``, and add a case to
``tests/extract/test_recognisers.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from policyparse.extract.phrases import is_verb_phrase
from policyparse.extract.prose.model import Candidate, Draft, Sentence
from policyparse.extract.prose.patterns import (
    CAP_ONLY,
    GOAL_POST,
    INCENTIVE,
    MEASURE_QUALIFIER,
    PARAMETER_CHANGE,
    POLICY_PARAMETER,
    QUALIFIER_CHAIN,
)
from policyparse.extract.quantities import COUNT_UNITS

Filter = Callable[[Sentence, Any], bool]
FILTERS: dict[str, list[Filter]] = {"head": [], "candidate": [], "quantity": [], "qualitative": []}


def not_a_target(stage: str) -> Callable[[Filter], Filter]:
    """Register a filter for ``stage`` (a key of :data:`FILTERS`)."""
    def register(fn: Filter) -> Filter:
        FILTERS[stage].append(fn)
        return fn
    return register


def rejected(stage: str, st: Sentence, x: Any) -> bool:
    """Whether any filter of ``stage`` drops ``x``."""
    return any(f(st, x) for f in FILTERS[stage])


@not_a_target("head")
def incentive(st: Sentence, c: Candidate) -> bool:
    """Incentives and conditions of 若干措施: "给予最高100万元奖励", "对营业收入首次突破10亿元的企业"."""
    return bool(INCENTIVE.search(c.head))


@not_a_target("candidate")
def condition(st: Sentence, c: Candidate) -> bool:
    """Conditions that pick out what is meant: "入井人数超过30人、井深超过800米的…矿山", and sizes
    that qualify what is counted: "年产值超100亿元、…的龙头企业"."""
    return bool((c.trig is None and QUALIFIER_CHAIN.match(st.text, c.m.end(), st.s1)) or (
        c.q.unit not in COUNT_UNITS and c.q.unit != "%" and MEASURE_QUALIFIER.match(st.text, c.m.end(), st.s1)))


@not_a_target("candidate")
def bare_list_item(st: Sentence, c: Candidate) -> bool:
    """A quantity with no verb, comparator or goal wording and no target before it in the sentence:
    a list continuation ("A7家,B120家") needs a target before it ("A约300万人次" has one)."""
    return (c.trig is None and not st.targets and not c.m.group("pre") and not c.verb_head
            and not st.goal_cell and c.m.group("post") not in GOAL_POST)


@not_a_target("candidate")
def qualifies_following(st: Sentence, c: Candidate) -> bool:
    """The quantity qualifies what follows: "具备条件的25户以上自然村", "“15分钟健身圈”"."""
    return c.head.rstrip().endswith(("的", "“", '"'))


@not_a_target("quantity")
def retrospective(st: Sentence, d: Draft) -> bool:
    """Dated before the plan's period: an achievement ("“十三五”期间…下降43.3%" in a 2021-2025 plan)."""
    return d.dated is not None and st.past is not None and d.dated < st.past


@not_a_target("quantity")
def undated_fact(st: Sentence, d: Draft) -> bool:
    """A quantity without a target year and without goal wording is a fact, not a target."""
    return d.year is None and not d.standing


@not_a_target("quantity")
def rule_parameter(st: Sentence, d: Draft) -> bool:
    """A rule's parameter, not a goal: "贷款保底额度由30万元提高到60万元", "补贴标准", "最高"."""
    n = d.named
    return bool(n and (POLICY_PARAMETER.search(PARAMETER_CHANGE.sub("", n)) or CAP_ONLY.fullmatch(n)
                       or re.fullmatch(r"按照?", n)))


@not_a_target("quantity")
def unnamed(st: Sentence, d: Draft) -> bool:
    """Nothing names what is counted (a table's target cell names its indicator in the row)."""
    return not d.indicator and not st.goal_cell


@not_a_target("qualitative")
def retrospective_goal(st: Sentence, d: Draft) -> bool:
    """A qualitative goal dated before the plan's period."""
    return d.dated is not None and st.past is not None and d.dated < st.past


@not_a_target("qualitative")
def undated_goal(st: Sentence, d: Draft) -> bool:
    """A qualitative goal needs a year, unless it recurs yearly, compares growth rates or is an
    explicit coverage goal ("实现…全覆盖")."""
    return d.year is None and not d.standing


@not_a_target("qualitative")
def unnamed_goal(st: Sentence, d: Draft) -> bool:
    """A qualitative goal whose indicator is missing or only a verb phrase (outside a goal cell)."""
    return not st.goal_cell and (not d.indicator or is_verb_phrase(d.indicator))

