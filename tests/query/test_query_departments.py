"""query/departments.py: the responsibility matrix."""

from __future__ import annotations

from policyparse.query import departments
from policyparse.query.departments import item_key


def test_matrix(sample_store):
    res = departments(sample_store)
    cell = {(r["city"], r["department"]): r for r in res.rows}
    kj = cell[("陇南市", "science_bureau")]
    assert (kj["leads_indicators"], kj["joins_indicators"]) == (1, 0)
    jy = cell[("陇南市", "education_bureau")]
    assert (jy["leads_indicators"], jy["joins_indicators"]) == (1, 1)
    # the draft's 13.培优高新技术企业 and the final's 10. 培优高新技术企业 are one task
    tk = cell[("泰安市", "science_bureau")]
    assert (tk["leads_tasks"], tk["joins_tasks"]) == (0, 1)


def test_city_filter(sample_store):
    assert {r["city"] for r in departments(sample_store, city="陇南市").rows} == {"陇南市"}


def test_item_key_ignores_numbering():
    assert item_key("13.培优高新技术企业", None, "task") == item_key("10. 培优高新技术企业", None, "task")
    assert item_key("(一)强化平台", None, "task") == item_key("(三) 强化平台", None, "task")
    assert item_key("12.R&D经费支出与GDP比值", "x", "indicator") == "indicator:x"


def test_corpus_matrix(corpus_store):
    res = departments(corpus_store, city="陇南市")
    kj = [r for r in res.rows if r["name"] == "市科技局"]
    assert kj and kj[0]["leads_indicators"] >= 1
    assert all(r["city"] == "陇南市" for r in res.rows)


def test_first_listed_without_stated_lead_is_counted_as_inferred(sample_store):
    cell = {(r["city"], r["department"]): r for r in departments(sample_store).rows}
    assert cell[("临沂市", "science_bureau")]["inferred_leads"] == 1
    assert cell[("临沂市", "statistics_bureau")]["inferred_leads"] == 0
    assert cell[("陇南市", "science_bureau")]["inferred_leads"] == 0  # a stated lead
