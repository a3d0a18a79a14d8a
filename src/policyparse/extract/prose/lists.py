"""Lists of indicators sharing one verb: "A、B、C分别达到x、y和z" and "A和B均达到90%以上"."""

from __future__ import annotations

import re

from policyparse.extract.prose.clauses import clause_start, clean_indicator, split_list
from policyparse.extract.prose.model import ProseTarget, Sentence
from policyparse.extract.prose.patterns import INDICATOR_END, LIST_SEP, RESPECTIVELY
from policyparse.extract.prose.years import year_and_source
from policyparse.extract.quantities import QUANTITY, Quantity, not_a_quantity, parse_quantity


def each(targets: list[ProseTarget], text: str) -> list[ProseTarget]:
    """"A和B均达到90%以上" / "A、B都达到…": the same goal for every listed indicator, when each
    listed name is a whole indicator (ends like one: 率, 数, 量, 比重, 比例, 水平 ...)."""
    out: list[ProseTarget] = []
    for t in targets:
        names = split_list(t.indicator)
        tail = text[t.start : t.end]
        if (len(names) >= 2 and re.search(r"(?:均|都|全部)(?:达到|达|提高到|保持在|不低于|不少于|控制在)", tail)
                and all(INDICATOR_END.search(n) for n in names)):
            out.extend(ProseTarget(n, t.value, t.unit, t.comparator, t.year, t.baseline, t.qualitative, t.scope,
                                   t.start, t.end, list(t.flags), t.year_source) for n in names)
        else:
            out.append(t)
    return out


def _listed_values(text: str, a: int, s1: int) -> tuple[list[Quantity], int]:
    """The quantities listed right after "分别" ("x、y和z"), and where the list ends."""
    qs: list[Quantity] = []
    pos = a
    for m in QUANTITY.finditer(text, a, s1):
        gap = text[pos : m.start()]
        if not m.group("num") or not (m.group("unit") or m.group("pct")) or not_a_quantity(m, text):
            if qs and m.group(0):
                break
            continue
        if (not qs and len(gap) > 8) or (qs and not LIST_SEP.fullmatch(gap)):
            break
        q = parse_quantity(m)
        if q is None:
            break
        qs.append(q)
        pos = m.end()
    return qs, pos


def respectively(st: Sentence, targets: list[ProseTarget]) -> list[ProseTarget]:
    """Re-pair "A、B、C分别达到x、y和z" (one target per indicator, in order); a comparator written once
    for the whole list ("x、y和z以下", "分别不低于x、y") applies to every value."""
    text, s0, s1 = st.text, st.s0, st.s1
    for r in RESPECTIVELY.finditer(text, s0, s1):
        c0 = clause_start(text, r.start(), s0)
        names = [clean_indicator(n) for n in split_list(clean_indicator(text[c0 : r.start()]))]
        qs, pos = _listed_values(text, r.end(), s1)
        if len(qs) < 2 or len(names) != len(qs) or not all(names):
            continue
        shared = next((q.comparator for q in (qs[-1], qs[0]) if q.comparator != "="), "=")
        year, source = year_and_source(text, s0, r.start(), st.year_default, st.default_source)
        if year is None:
            continue
        keep = [t for t in targets if t.end <= c0 or t.start >= pos]
        if st.past is not None and year < st.past:
            targets = keep  # the listed values report the past
            continue
        flags = ["decrease"] if re.match(r"(?:下降|降低|减少)(?![到至])", text[r.end() :]) else []
        made = [ProseTarget(n, q.value, q.unit, q.comparator if q.comparator != "=" else shared, year, None, None,
                            None, c0, q.end, list(flags), source) for n, q in zip(names, qs, strict=True)]
        targets = sorted(keep + made, key=lambda t: t.start)
    return targets
