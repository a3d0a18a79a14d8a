"""Shortcuts change no result: the cheap tests that let a text unit skip the pipeline never turn away
a text the rules would use, and the quick checks inside the rules match what the full patterns match."""

import random
import re
from pathlib import Path

from policyparse.extract.prose import QUALITATIVE, QUALITATIVE_WORD, find_targets, may_hold_target
from policyparse.extract.quantities import QUANTITY
from policyparse.extract.roles import find_roles, may_name_roles

CORPUS = Path(__file__).parents[2] / "corpus"


def _texts() -> list[str]:
    """Every clause of the corpus TXT files, and random runs of up to five clauses."""
    clauses = []
    for f in sorted(CORPUS.rglob("*.txt")):
        clauses += [c for c in re.split(r"(?<=[。;；,，:：、\n])", f.read_text(encoding="utf-8")) if c]
    rng = random.Random(7)
    return clauses + ["".join(rng.choices(clauses, k=rng.randint(2, 5))) for _ in range(3000)]


def test_a_text_turned_away_holds_no_target_and_no_department():
    turned_away = 0
    for text in _texts():
        if not may_hold_target(text):
            turned_away += 1
            assert find_targets(text, 2025, "研发经费投入强度") == [], text
        if not may_name_roles(text):
            found = find_roles(text)
            assert not (found.lead or found.responsible), text
    assert turned_away > 1000


def test_every_qualitative_goal_holds_a_qualitative_word():
    for text in _texts():
        for m in QUALITATIVE.finditer(text):
            assert QUALITATIVE_WORD.search(m.group(0)) or text[max(0, m.start() - 2) : m.start()] in ("增速", "增幅")


def test_quantity_start_lookahead_changes_no_match():
    plain = re.compile(QUANTITY.pattern[QUANTITY.pattern.index("(?P<pre>") :])
    for text in _texts():
        assert [m.groupdict() | {"span": m.span()} for m in QUANTITY.finditer(text)] == [
            m.groupdict() | {"span": m.span()} for m in plain.finditer(text)]
