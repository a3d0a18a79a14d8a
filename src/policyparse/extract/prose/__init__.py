"""Targets written in sentences.

A target sentence names an indicator, a verb of attainment and a quantity, in a year context:
"到2024年,A达到2.6%以上,B达到800家左右" (two targets), "A力争由2022年的194.76人达到2026年的
197.02人" (baseline and target), "A提升2个位次" (rank), "实现B全覆盖" / "排名在全省有明显提升"
(qualitative). The year comes from the sentence ("到2025年", "2026年达到", "到“十四五”末") or, failing
that, from the enclosing item.

How a sentence is read (:func:`find_targets`), module by module:

* ``patterns``: the regular expressions and word lists (verbs, year phrases, qualitative goals);
* ``years``: the year recogniser (``year_source``) and the year an undated target takes;
* ``recognisers``: baseline pairs, quantity candidates, the special forms (breakdowns, yearly
  quotas, share goals), qualitative goals;
* ``filters``: the not-a-target predicates, registered per stage (:func:`filters.not_a_target`);
* ``assembly``: the indicator-phrase recogniser and the draft a quantity target is built from;
* ``lists``: "分别" and "均" lists; ``model``: the dataclasses; ``clauses``: text helpers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyparse.extract.prose.assembly import quantity_draft
from policyparse.extract.prose.clauses import sentences
from policyparse.extract.prose.filters import FILTERS, not_a_target, rejected
from policyparse.extract.prose.lists import each, respectively
from policyparse.extract.prose.model import Candidate, Draft, ProseTarget, QuantityScan, Sentence, YearContext
from policyparse.extract.prose.patterns import (
    QUALITATIVE,
    QUALITATIVE_WORD,
    RATIO_WORD,
    TRIGGER,
    YEAR_HERE,
    YEAR_WITH_NIAN,
)
from policyparse.extract.prose.recognisers import (
    SPECIAL_FORMS,
    baseline_pairs,
    breakdown,
    qualitative_goals,
    quantity_candidates,
)
from policyparse.extract.prose.years import sentence_default
from policyparse.extract.quantities import HAS_UNIT_QUANTITY

__all__ = [
    "FILTERS", "QUALITATIVE", "QUALITATIVE_WORD", "TRIGGER", "YEAR_HERE", "Candidate", "Draft", "ProseTarget",
    "Sentence", "YearContext", "find_targets", "may_hold_target", "not_a_target", "read_sentence",
]


def may_hold_target(text: str) -> bool:
    """False when :func:`find_targets` cannot find a target in ``text`` (a cheap test): every target
    needs a quantity with a unit (other than a year's 年), a ratio's bare number after a ratio word,
    or a qualitative goal."""
    return bool(HAS_UNIT_QUANTITY.search(YEAR_WITH_NIAN.sub(" ", text)) or RATIO_WORD.search(text)
                or (QUALITATIVE_WORD.search(text) and QUALITATIVE.search(text)))


def quantity_targets(st: Sentence) -> None:
    """Every quantity candidate through the steps: breakdown, "head" filters, special forms,
    "candidate" filters, then assembly and the "quantity" filters."""
    for c in quantity_candidates(st):
        if breakdown(st, c) or rejected("head", st, c) or any(form(st, c) for form in SPECIAL_FORMS):
            continue
        if rejected("candidate", st, c):
            continue
        d = quantity_draft(st, c)
        if not rejected("quantity", st, d):
            st.add(d.target(), (c.c0, d.end))


def read_sentence(st: Sentence) -> list[ProseTarget]:
    """The targets of one sentence: baseline pairs, quantities, qualitative goals, then lists."""
    baseline_pairs(st)
    quantity_targets(st)
    qualitative_goals(st)
    text, targets = st.text, st.targets
    if "分别" in text[st.s0 : st.s1]:
        targets = respectively(st, targets)
    if len(targets) and any(w in text[st.s0 : st.s1] for w in ("均", "都", "全部")):
        targets = each(targets, text)
    return targets


def find_targets(text: str, default_year: int | None = None, item_indicator: str | None = None,
                 context: YearContext | None = None, goal_cell: bool = False,
                 matches: Sequence[re.Match[str]] | None = None) -> list[ProseTarget]:
    """Targets in a block or item text (offsets relative to ``text``); ``default_year`` is the
    section's year (kept as a parameter for callers that know no more). In a ``goal_cell`` (a
    table's target column: "投运无障碍低地板公交车400辆") a quantity needs no verb to be a target.
    ``matches``: the QUANTITY matches over ``text`` if already found (the pipeline passes its scan)."""
    scan = QuantityScan(matches) if matches is not None else None
    ctx = context or YearContext(section=default_year)
    default_year = ctx.section if context else default_year
    out: list[ProseTarget] = []
    carried: int | None = None  # "到2025年,A达到x。B达到y。": the year holds for the next sentences
    for s0, s1 in sentences(text):
        year_default, source, carried = sentence_default(text, s0, s1, default_year, ctx, carried)
        out.extend(read_sentence(Sentence(text, s0, s1, year_default, source, ctx, item_indicator, goal_cell,
                                        scan=scan)))
    return out
