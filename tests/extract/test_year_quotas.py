"""Quotas of one year and task quotas, as real annual packages and 工作方案 write them (sentences of
first-sight set 2's texts: 贵州省 2022 investment package, 广东省 2025 工作方案, 福清 2023 measures)."""

from __future__ import annotations

import pytest

from policyparse.extract.prose import YearContext, find_targets
from policyparse.extract.quantities import find_quantities

DOC_2022 = YearContext(document=2022)
DOC_2025 = YearContext(document=2025)


def _facts(text: str, ctx: YearContext) -> list[tuple]:
    return [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in find_targets(text, context=ctx)]


def test_half_year_and_full_year_quotas_of_the_documents_year():
    got = _facts("确保工业投资上半年完成1600亿元,全年完成3200亿元。", DOC_2022)
    assert got == [("工业投资", 1600, "亿元", "=", 2022), ("工业投资", 3200, "亿元", "=", 2022)]


def test_months_and_quarters_of_the_year_and_the_issued_share():
    got = _facts("确保省预算内投资上半年下达60%,9月底前下达90%以上。", DOC_2022)
    assert got == [("省预算内投资", 60, "%", "=", 2022), ("省预算内投资", 90, "%", ">=", 2022)]


def test_a_shared_subject_and_a_following_quantity_are_not_a_name():
    got = _facts("确保全年新开工棚户区改造2万户、完成12万户。", DOC_2022)
    assert [(v, u, y) for _, v, u, _, y in got] == [(2, "万户", 2022), (12, "万户", 2022)]
    assert all("完成12" not in name for name, *_ in got)


def test_task_quotas_bounded_by_a_comparator():
    got = _facts("组织300场左右“粤贸全球”境外展。", DOC_2025)
    assert got == [("“粤贸全球”境外展", 300, "场", "~", None)]
    (t,) = find_targets("举办场内外配套贸易对接活动300场以上。", context=DOC_2025)
    assert (t.value, t.unit, t.comparator) == (300, "场", ">=")
    (t,) = find_targets("全年组织30场以上抱团参展活动。", context=YearContext(document=2023))
    assert (t.indicator, t.value, t.year) == ("抱团参展活动", 30, 2023)


def test_bounds_before_a_reward_are_its_conditions():
    text = "一次性组织市外游客50人以上来定西旅游,游客停留2日以上,游览3个以上A级景区,按每人10元给予组团旅行社奖励。"
    assert find_targets(text, context=YearContext(document=2023)) == []


def test_a_yearly_quota_through_a_stated_period_is_due_by_its_end():
    text = "2025—2027年省财政安排专项资金,推动我省每年政府性融资担保规模超过1000亿元。"
    (t,) = find_targets(text, context=DOC_2025)
    assert (t.value, t.unit, t.comparator, t.year) == (1000, "亿元", ">", 2027)
    assert "recurring_yearly" in t.flags


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("组织不少于2万家次外贸企业参展促销", 2, "万家次"), ("建设保障性租赁住房3.7万套", 3.7, "万套"),
    ("全年建成5G基站2.5万个", 2.5, "万个"), ("两千家", 2000, "家"),
])
def test_multiplied_counts_as_written(text, value, unit):
    assert [(q.value, q.unit) for q in find_quantities(text)][-1] == (value, unit)


def test_the_counted_thing_after_a_verb_and_a_bare_chao():
    (t, *_rest) = find_targets("组织企业参加50个左右全球重点展会、新签订单200亿元。", context=DOC_2025)
    assert (t.indicator, t.value, t.comparator) == ("全球重点展会", 50, "~")
    (t,) = find_targets("“苏新消费”四季主题系列消费促进活动超2000场次。", context=YearContext(plan=2025))
    assert (t.indicator, t.value, t.unit, t.comparator) == ("“苏新消费”四季主题系列消费促进活动", 2000, "场次", ">")
    (t,) = find_targets("到2026年,营业收入超五十亿元企业达到8家。", context=YearContext(plan=2026))
    assert (t.indicator, t.value, t.unit) == ("营业收入超五十亿元企业", 8, "家")  # 超 inside a name stays
