"""Shortcuts change no result: the cheap tests that let a text unit skip the pipeline never turn away
a text the rules would use, and the quick checks inside the rules match what the full patterns match."""

import random
import re
from functools import cache
from pathlib import Path

import pytest

from policyparse.extract.deadlines import BY_YEAR, FROM_YEAR
from policyparse.extract.prose import QUALITATIVE, QUALITATIVE_WORD, YEAR_HERE, find_targets, may_hold_target
from policyparse.extract.quantities import QUANTITY
from policyparse.extract.roles import find_roles, may_name_roles

CORPUS = Path(__file__).parents[2] / "corpus"
LEADING_LOOKAHEAD = re.compile(r"^\(\?=\[[^\]]*\]\)")


@cache
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


@pytest.mark.parametrize("pattern", [QUANTITY, BY_YEAR, FROM_YEAR, YEAR_HERE], ids=["QUANTITY", "BY_YEAR", "FROM_YEAR", "YEAR_HERE"])
def test_leading_lookahead_changes_no_match(pattern):
    plain = re.compile(LEADING_LOOKAHEAD.sub("", pattern.pattern))
    assert plain.pattern != pattern.pattern
    for text in _texts():
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)]
