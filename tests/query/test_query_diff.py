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
