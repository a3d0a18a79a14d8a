"""query/diff.py: targets added, removed and changed between two versions."""

from __future__ import annotations

import pytest

from policyparse.errors import QueryError
from policyparse.query import diff


def test_draft_vs_final(sample_store):
    res = diff(sample_store, "000_taian_draft.txt", "corpus/003_taian_final.txt")
    assert res.a["status"] == "draft" and res.b["status"] == "final"
    (ht,) = [c for c in res.changed if c["indicator_id"] == "high_tech_enterprises"]
    assert (ht["a"]["value"], ht["a"]["year"]) == (1000, 2026)  # horizon target vs horizon target
    assert (ht["b"]["value"], ht["b"]["year"]) == (800, 2025)
    assert ht["fields"] == ["value", "comparator", "year"]
    removed = {(x["indicator_id"], x["value"], x["year"]) for x in res.removed}
    assert ("high_tech_enterprises", 800, 2024) in removed
    assert ("rd_expenditure_gdp_share", 2.8, 2026) in removed
    assert len(res.unchanged) == 1  # R&D share >= 2.6% by 2024 in both
    assert res.to_dict()["unchanged"] == 1


def test_same_document_has_no_changes(sample_store):
    res = diff(sample_store, "004", "004_linyi.txt")
    assert not res.added and not res.removed and not res.changed


def test_unknown_document(sample_store):
    with pytest.raises(QueryError):
        diff(sample_store, "000", "nope")


def test_corpus_taian_draft_vs_final(corpus_store):
    res = diff(corpus_store, "corpus/000_66384f2078c7182b.txt", "corpus/003_1b4764571c7d463f.txt")
    assert res.a["status"] == "draft" and res.b["status"] == "final"
    assert res.changed or (res.added and res.removed)
    assert res.added and res.removed
    for c in res.changed:
        assert c["fields"] and c["a"]["text"] and c["b"]["text"]


def test_corpus_ambiguous_prefix_names_the_renderings(corpus_store):
    with pytest.raises(QueryError) as e:
        diff(corpus_store, "000", "003")
    assert ".pdf" in str(e.value) and ".txt" in str(e.value)


def test_corpus_high_tech_enterprises_1000_by_2026_became_800_by_2025(corpus_store):
    res = diff(corpus_store, "corpus/000_66384f2078c7182b.txt", "corpus/003_1b4764571c7d463f.txt")
    pairs = {((c["a"]["value"], c["a"]["year"]), (c["b"]["value"], c["b"]["year"])) for c in res.changed
             if "高新技术企业" in (c["indicator"] or "")}
    assert ((1000, 2026), (800, 2025)) in pairs, res.to_dict()["changed"]


def test_unresolved_indicators_pair_by_similar_wording(sample_store, tmp_path):
    import pp_samples

    from policyparse.store import connect, write_document

    a, b = pp_samples.taian_draft(), pp_samples.taian_final()
    a["targets"] = [pp_samples.target("有效期内高新技术企业总量", None, 1000, "家", "=", 2026, "x")]
    b["targets"] = [pp_samples.target("全市有效期内高新技术企业总量", None, 800, "家", "=", 2025, "y"),
                    pp_samples.target("全市有效期内专利总量", None, 80, "件", "=", 2025, "z")]
    conn = connect(tmp_path / "s.sqlite")
    write_document(conn, a)
    write_document(conn, b)
    res = diff(conn, "000_taian_draft.txt", "003_taian_final.txt")
    (c,) = res.changed
    assert c["matched_by"] == "similar_surface" and c["fields"] == ["value", "year"]
    assert [x["indicator"] for x in res.added] == ["全市有效期内专利总量"]
