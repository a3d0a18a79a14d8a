"""Accuracy floors, measured by scripts/evaluate.py against the hand-checked gold (text renderings).

The seeds are where the extractor was developed; corpus/heldout/ holds four plans from other
domains and levels (health, transport, district industry, provincial S&T) annotated without running
the extractor. A change that breaks a general rule shows up here as a drop below these floors.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "corpus" / "heldout"


@cache
def _evaluate():
    spec = importlib.util.spec_from_file_location("policyparse_evaluate_acc", ROOT / "scripts" / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@cache
def _overall(which: str) -> dict:
    ev = _evaluate()
    if which == "seeds":
        result = ev.evaluate(formats=("txt",))
    else:
        result = ev.evaluate(formats=("txt",), corpus=HELDOUT, gold_dir=HELDOUT / "gold")
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
