"""What target recognition works on: a sentence with its year context, the quantity candidates
found in it, drafts of targets, and the :class:`ProseTarget` they become."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from policyparse.extract.phrases import is_verb_phrase
from policyparse.extract.prose.clauses import bare_head, clean_indicator
from policyparse.extract.prose.patterns import DURATION_UNITS
from policyparse.extract.quantities import QUANTITY, Quantity


@dataclass
class ProseTarget:
    indicator: str
    value: float | int | None
    unit: str | None
    comparator: str
    year: int | None
    baseline: dict | None
    qualitative: str | None
    scope: str | None
    start: int  # offsets into the text given to find_targets
    end: int
    flags: list[str] = field(default_factory=list)
    year_source: str | None = None  # stated / sentence / section / plan_period (None: no year)


@dataclass(frozen=True)
class YearContext:
    """Where an undated target takes its year from, and which years report the past.

    ``section``: the year a heading or goal paragraph above sets; ``plan``: the end of the plan's
    period; ``past_before``: a year before this one dates an achievement, not a target."""

    section: int | None = None
    plan: int | None = None
    past_before: int | None = None
    document: int | None = None  # the document's year: "全年", "今年", "年底前" mean this one


class QuantityScan:
    """The :data:`~policyparse.extract.quantities.QUANTITY` matches of a whole text (the pipeline's
    ``pp_quantities`` scan), looked up per sentence."""

    def __init__(self, matches: Sequence[re.Match[str]]):
        self.matches = matches
        self.starts = [m.start() for m in matches]

    def within(self, s0: int, s1: int) -> Sequence[re.Match[str]] | None:
        """The matches inside ``s0``..``s1``: the same as a scan of the sentence alone, unless a match
        crosses one of its ends (then None: scan the sentence)."""
        i, j = bisect_left(self.starts, s0), bisect_left(self.starts, s1)
        if (i > 0 and self.matches[i - 1].end() > s0) or (j > i and self.matches[j - 1].end() > s1):
            return None
        return self.matches[i:j]


@dataclass
class Sentence:
    """One sentence being read (``s0``..``s1`` in ``text``), the year an undated target takes
    (``year_default`` and its ``default_source``), and the targets found in it so far."""

    text: str
    s0: int
    s1: int
    year_default: int | None
    default_source: str
    ctx: YearContext
    item_indicator: str | None = None
    goal_cell: bool = False
    targets: list[ProseTarget] = field(default_factory=list)
    used: list[tuple[int, int]] = field(default_factory=list)  # character ranges claimed by targets
    scan: QuantityScan | None = None  # the whole text's quantity matches, if already found

    @property
    def past(self) -> int | None:
        return self.ctx.past_before

    def quantity_matches(self) -> Sequence[re.Match[str]]:
        """The sentence's QUANTITY matches (from the whole text's scan when it has one)."""
        found = self.scan.within(self.s0, self.s1) if self.scan is not None else None
        return found if found is not None else list(QUANTITY.finditer(self.text, self.s0, self.s1))

    def claimed(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a range a target has claimed."""
        return any(a <= pos < b for a, b in self.used)

    def add(self, target: ProseTarget, claim: tuple[int, int] | None = None) -> None:
        """Record a target and the range it claims (its own span unless ``claim`` is given)."""
        self.targets.append(target)
        self.used.append(claim or (target.start, target.end))


@dataclass
class Candidate:
    """A quantity that may be a target: the match, its parse, and the clause words before it.

    ``clause0``: where the clause starts; ``c0``: where this quantity's words start (after an
    earlier target in the same clause); ``head``: text[c0:number]; ``trig``: the verb of
    attainment in ``head`` (a match on ``head``), if any."""

    m: re.Match[str]
    q: Quantity
    clause0: int
    c0: int
    head: str
    paren: int | None
    trig: re.Match[str] | None

    @property
    def trig_text(self) -> str:
        return self.trig.group(0) if self.trig else ""

    @cached_property
    def verb_head(self) -> bool:
        """"形成5项标志性产品": a verb, a count, the counted thing (not "提供365天", "以15分钟为…")."""
        return (self.trig is None and self.q.unit not in DURATION_UNITS and self.q.unit != "%"
                and is_verb_phrase(clean_indicator(self.head) or bare_head(self.head)))


@dataclass
class Draft:
    """A target before the last filters: its fields, plus what those filters read.

    ``dated``: the year checked against the plan's past (for a yearly goal, the year before it was
    dropped); ``named``: the indicator as the sentence names it, before falling back to the
    previous target's or the item's; ``standing``: an undated goal that is still a target."""

    indicator: str
    value: float | int | None
    unit: str | None
    comparator: str
    year: int | None
    year_source: str | None
    qualitative: str | None
    scope: str | None
    start: int
    end: int
    flags: list[str]
    dated: int | None = None
    named: str = ""
    standing: bool = False

    def target(self) -> ProseTarget:
        return ProseTarget(self.indicator, self.value, self.unit, self.comparator, self.year, None,
                           self.qualitative, self.scope, self.start, self.end, self.flags,
                           self.year_source if self.year is not None else None)
