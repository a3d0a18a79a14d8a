"""query/lead.py: lead departments per city, stated or inferred, with the source sentence."""

from __future__ import annotations

import pytest

from policyparse.errors import QueryError
from policyparse.query import lead, resolve_indicator
from policyparse.store import connect


def test_stated_lead_with_sentence(sample_store):
    res = lead(sample_store, "全社会R&D经费支出占GDP比重", city="陇南市")
    assert res.indicator.id == "rd_expenditure_gdp_share"
    (row,) = res.rows
    assert row["city"] == "陇南市"
    assert [(d["name"], d["role"]) for d in row["lead"]] == [("市科技局", "stated")]
    assert [d["name"] for d in row["participating"]] == ["市教育局", "市工信局"]
    assert row["sentence"] == "全市R&D经费支出与GDP比值力争由2022年的0.33%达到2026年的0.65%"
    assert row["sources"][0]["page"] == 3 and row["sources"][0]["path"] == "corpus/002_longnan.txt"


def test_city_without_suffix_and_all_cities(sample_store):
    assert lead(sample_store, "研发投入强度", city="陇南").rows[0]["city"] == "陇南市"
    cities = {r["city"] for r in lead(sample_store, "研发投入强度").rows}
    assert cities == {"陇南市", "临沂市"}


def test_first_listed_responsible_is_an_inferred_lead(sample_store):
    res = lead(sample_store, "全社会R&D经费支出占GDP比重", city="临沂市")
    (row,) = res.rows
    assert row["lead"] == [{"name": "市科技局", "id": "science_bureau", "entity": "临沂市/science_bureau",
                            "method": "alias", "score": 100.0, "role": "inferred"}]
    assert [d["name"] for d in row["participating"]] == ["市统计局"]


def test_documents_without_departments_are_listed_apart(sample_store):
    res = lead(sample_store, "高新技术企业数")
    assert [r["city"] for r in res.rows] == ["泰安市"]  # the final names departments; the draft does not
    assert {(d["city"], d["status"]) for d in res.without_departments} >= {("泰安市", "draft"), ("临沂市", "final")}


def test_fuzzy_spelling_resolves(sample_store):
    res = lead(sample_store, "高新技术企业数目")
    assert res.indicator.id == "high_tech_enterprises" and res.indicator.method == "fuzzy"


def test_ambiguous_query_lists_candidates_instead_of_guessing(sample_store):
    with pytest.raises(QueryError) as e:
        lead(sample_store, "R&D经费支出")
    assert "rd_expenditure_gdp_share" in str(e.value) and "enterprise_rd_expenditure_revenue_share" in str(e.value)


def test_store_fallback_without_gazetteer(sample_store):
    conn = connect(sample_store)
    r = resolve_indicator(conn, "R&D经费支出与GDP比值", gazetteer=None)
    assert r.id == "rd_expenditure_gdp_share" and r.method == "exact"
    assert resolve_indicator(conn, "high_tech_enterprises", gazetteer=None).method == "id"
    with pytest.raises(QueryError):
        resolve_indicator(conn, "完全无关的东西", gazetteer=None)


def test_corpus_longnan_rd_share_is_led_by_the_science_bureau(corpus_store):
    res = lead(corpus_store, "全社会R&D经费支出占GDP比重", city="陇南市")
    assert res.rows, res.to_dict()
    row = res.rows[0]
    assert row["city"] == "陇南市"
    assert [(d["name"], d["role"]) for d in row["lead"]] == [("市科技局", "stated")]
    assert "R&D经费支出与GDP比值" in row["sentence"] and "0.65%" in row["sentence"]
    assert {s["format"] for s in row["sources"]} >= {"txt", "docx", "pdf"}  # renderings merged
    assert all(s["page"] >= 1 for s in row["sources"])


def test_table_shows_the_province_of_a_provincial_plan(sample_store):
    from rich.console import Console

    from policyparse.query.render import lead_table

    res = lead(sample_store, "全社会R&D经费支出占GDP比重", city="陇南市")
    res.rows[0]["city"] = None  # as a provincial plan: no city, its province
    console = Console(record=True, width=300)
    console.print(lead_table(res))
    text = console.export_text()
    assert "甘肃省" in text and "place" in text
