"""The prose recognisers and filters one at a time, on sentences of real plans."""

from pathlib import Path

import pytest

from policyparse.extract.prose import YearContext, find_targets
from policyparse.extract.prose.assembly import quantity_draft
from policyparse.extract.prose.filters import FILTERS, not_a_target, rejected, retrospective
from policyparse.extract.prose.model import QuantityScan, Sentence
from policyparse.extract.prose.recognisers import quantity_candidates
from policyparse.extract.prose.years import quantity_year
from policyparse.extract.quantities import QUANTITY

ROOT = Path(__file__).resolve().parents[2]
WUXI = ROOT / "corpus/unseen/012_5dae2e0a7f02000f.txt"  # 数字经济 plan: goals and subsidies
EMERGENCY = Path("/work/shared/real/annotated/docs/h6_national_emergency_plan.md")  # a 十四五 plan
CHANGNING = Path("/work/shared/real/annotated/docs/h3_changning_15th_plan.md")  # a 十五五 plan
PLAN_2025 = YearContext(plan=2025, past_before=2021)
PLAN_2030 = YearContext(plan=2030, past_before=2026)


def _sentence(path: Path, needle: str) -> str:
    """The sentence of a real document that holds ``needle``."""
    if not path.exists():
        pytest.skip(f"{path} not available")
    text = path.read_text(encoding="utf-8")
    k = text.index(needle)
    start = max(text.rfind(c, 0, k) for c in "。\n") + 1
    ends = [e for e in (text.find(c, k) for c in "。\n") if e != -1]
    return text[start : min(ends)]


def _read(text: str, ctx: YearContext = PLAN_2025) -> Sentence:
    return Sentence(text, 0, len(text), ctx.plan, "plan_period", ctx)


def test_quantity_and_year_recognisers_on_a_stated_goal():
    s = _sentence(CHANGNING, "高新技术企业达到450家以上")
    clause = s[s.index("到2030年") :]
    st = _read(clause, PLAN_2030)
    (c,) = [c for c in quantity_candidates(st) if c.q.value == 450]
    assert (c.q.unit, c.q.comparator, c.trig_text) == ("家", ">=", "达到")
    assert quantity_year(st, c) == (2030, "stated")
    (t,) = find_targets(clause, context=PLAN_2030)
    assert (t.value, t.unit, t.comparator, t.year, t.year_source) == (450, "家", ">=", 2030, "stated")
    assert "高新技术企业" in t.indicator


def test_retrospective_figures_are_filtered():
    s = _sentence(EMERGENCY, "下降37.6%")  # "“十三五”期间…分别下降37.6%、70.8%和38.…%"
    assert "十三五" in s
    assert find_targets(s, context=PLAN_2025) == []
    # the same sentence read without the plan's past boundary: the figures would be 2020 targets
    found = find_targets(s, context=YearContext(plan=2025))
    assert {t.value for t in found} >= {37.6, 70.8} and {t.year for t in found} == {2020}


def test_retrospective_filter_on_a_quantity_draft():
    s = "2020年全市研发经费投入强度比2015年下降43.3%"
    st = _read(s)
    (c,) = [c for c in quantity_candidates(st) if c.q.value == 43.3]
    d = quantity_draft(st, c)
    assert d.year == 2020 and retrospective(st, d) and rejected("quantity", st, d)
    later = _read(s.replace("2020年", "2024年"))
    (c2,) = [c for c in quantity_candidates(later) if c.q.value == 43.3]
    assert not retrospective(later, quantity_draft(later, c2))


def test_subsidies_are_not_targets():
    s = _sentence(WUXI, "对智能化改造项目按设备投资额的15%给予补助")
    st = _read(s)
    cands = list(quantity_candidates(st))
    assert {c.q.value for c in cands} >= {15, 300}
    assert all(rejected("head", st, c) for c in cands if c.q.value == 15)
    assert find_targets(s, context=PLAN_2025) == []


def test_a_registered_filter_drops_targets():
    s = _sentence(CHANGNING, "高新技术企业达到450家以上")
    before = find_targets(s, context=PLAN_2030)
    assert any(t.value == 450 for t in before)

    @not_a_target("quantity")
    def no_enterprises(st, d):
        """Test filter: drops every target about 企业."""
        return "企业" in d.indicator

    try:
        after = find_targets(s, context=PLAN_2030)
    finally:
        FILTERS["quantity"].remove(no_enterprises)
    assert not any("企业" in t.indicator for t in after)
    assert find_targets(s, context=PLAN_2030) == before


def test_the_pipeline_scan_gives_the_same_targets_as_sentence_scans():
    text = WUXI.read_text(encoding="utf-8")
    for para in [p for p in text.split("\n") if p.strip()][:120]:
        whole = list(QUANTITY.finditer(para))
        assert find_targets(para, context=PLAN_2025, matches=whole) == find_targets(para, context=PLAN_2025)
    # a range written across a line break is one match over the whole text: the sentences rescan
    crossing = "到2025年,新增企业达到5\n—8家以上"
    whole = list(QUANTITY.finditer(crossing))
    assert any(m.start() < crossing.index("\n") < m.end() for m in whole)
    assert QuantityScan(whole).within(0, crossing.index("\n")) is None
    assert find_targets(crossing, matches=whole) == find_targets(crossing)
