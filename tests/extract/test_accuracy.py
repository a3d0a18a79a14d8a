"""Accuracy floors, measured by scripts/evaluate.py against the hand-checked gold (text renderings).

The seeds are where the extractor was developed; corpus/heldout/ and corpus/unseen/ hold eight plans
from other domains and levels (health, transport, industry, provincial S&T, ecology, county education,
rural revitalisation, digital-economy measures) annotated without running the extractor (the first-run
figures on corpus/unseen/ are in its README). A change that breaks a general rule shows up here as a drop below these floors.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from script_modules import load_script

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "corpus" / "heldout"
UNSEEN = ROOT / "corpus" / "unseen"
UNSEEN2 = ROOT / "corpus" / "unseen2"


@cache
def _overall(which: str) -> dict:
    ev = load_script("evaluate")
    if which == "seeds":
        result = ev.evaluate(formats=("txt",))
    else:
        folder = {"heldout": HELDOUT, "unseen": UNSEEN, "unseen2": UNSEEN2}[which]
        result = ev.evaluate(formats=("txt",), corpus=folder, gold_dir=folder / "gold")
    assert not result["failures"], result["failures"]
    return result["overall"]


@pytest.mark.parametrize("metric", ["targets found", "target value", "target unit", "target comparator",
                                    "target year", "target lead", "target responsible", "assignments found",
                                    "assignment lead", "assignment responsible", "assignment deadline"])
def test_seed_accuracy(metric):
    assert _overall("seeds")[metric]["f1"] >= 0.98, _overall("seeds")[metric]


@pytest.mark.parametrize("metric", ["targets found", "target value", "target unit", "target comparator",
                                    "target year", "target lead", "target responsible", "assignments found",
                                    "assignment lead", "assignment responsible", "assignment deadline"])
def test_heldout_accuracy(metric):
    assert _overall("heldout")[metric]["f1"] >= 0.95, _overall("heldout")[metric]


@pytest.mark.parametrize("metric", ["targets found", "target value", "target unit", "target comparator",
                                    "target year", "assignments found", "assignment lead", "assignment responsible"])
def test_unseen_accuracy(metric):
    assert _overall("unseen")[metric]["f1"] >= 0.90, _overall("unseen")[metric]


@pytest.mark.parametrize("metric", ["targets found", "target value", "target comparator", "assignments found"])
def test_second_unseen_set_accuracy(metric):
    """corpus/unseen2/: first run 0.890 (targets) / 0.916 (assignments); the floor keeps that level."""
    assert _overall("unseen2")[metric]["f1"] >= 0.88, _overall("unseen2")[metric]
