"""Department names of real documents (``../shared/real/annotated/gold``): floors of issue 13.

Measured by ``scripts/eval_departments.py`` (see its docstring); skipped when ``../shared/real`` is
absent (a fresh clone does not have it).
"""

from __future__ import annotations

import pytest

from script_modules import load_script

ev = load_script("eval_departments")
REAL = ev.DEFAULT_REAL
pytestmark = pytest.mark.skipif(not (REAL / "annotated" / "gold").is_dir(),
                                reason=f"real documents not present ({REAL}/annotated/gold)")


@pytest.fixture(scope="module")
def res():
    return ev.evaluate(REAL)


def test_every_form_gets_an_id(res):
    assert res["coverage"] >= 0.95, [r["form"] for r in res["rows"] if r["id"] is None]


def test_grouping_agrees_with_gold(res):
    assert res["within"]["f"] >= 0.90, res["wrong_within"]
    assert res["pooled"]["f"] >= 0.90, res["wrong_pooled"]


def test_uncatalogued_bodies_are_flagged_never_catalogued(res):
    by_form = {(r["doc"][:2], r["form"]): r for r in res["rows"]}
    r = by_form[("h2", "设施养护处")]
    assert r["method"] == "structure" and r["id"] == "uncatalogued:dept.transport/设施养护处"
    assert r["body_kind"] == "internal_division"
    assert by_form[("h2", "申通集团")]["body_kind"] == "enterprise"
    # the same division name under two issuers is two bodies
    assert by_form[("h1", "宣传处")]["id"] != by_form[("h2", "宣传处")]["id"]
    for r in res["rows"]:
        if r["method"] == "structure":
            assert r["id"].startswith("uncatalogued:")


def test_without_issuer_divisions_stay_unattached():
    rows = {(r["doc"][:2], r["form"]): r for r in ev.evaluate(REAL, issuer=False)["rows"]}
    assert rows[("h2", "设施养护处")]["id"] == "uncatalogued:设施养护处"
