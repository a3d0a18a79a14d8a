"""Indicators and bodies outside the catalogues stay reachable (issue 13): ``indicators``, ``compare``
and ``lead`` by an uncatalogued key, ``departments`` of uncatalogued bodies, the store migration, and
``renormalise`` re-applying an improved gazetteer to those keys and ids."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policyparse import api
from policyparse.cli import app
from policyparse.errors import QueryError
from policyparse.query import compare, departments, indicators, lead
from policyparse.store import ingest
from policyparse.store.schema import SCHEMA_VERSION, connect

ROOT = Path(__file__).resolve().parents[2]
PLAN = ("株洲市交通运输局关于加快交通发展的实施意见\n株交发〔2023〕3号\n一、主要目标\n"
        "1.提升城镇化水平。到2025年，全市城镇化率达到70%，新增公交专用道里程30公里。"
        "（责任单位：市宇宙探索局、市科技局）\n株洲市交通运输局\n2023年3月1日\n")


@pytest.fixture
def plan_store(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    store = tmp_path / "s.sqlite"
    assert ingest([folder], store, progress=False).ok
    return store, folder


def test_compare_reaches_an_uncatalogued_indicator(plan_store):
    store, _ = plan_store
    for query in ("城镇化率", "全市城镇化率(%)", "uncatalogued:城镇化率"):
        res = compare(store, query)
        assert res.indicator.id == "uncatalogued:城镇化率" and res.indicator.method == "uncatalogued", query
        assert [r["target"]["value"] for r in res.rows] == [70]
    fuzzy = compare(store, "常住城镇化率")
    assert fuzzy.indicator.method == "uncatalogued_fuzzy" and fuzzy.indicator.id == "uncatalogued:城镇化率"
    inc = compare(store, "公交专用道里程")  # "新增…" keyed as the stock it adds to, flagged increment
    assert inc.rows and "increment" in inc.rows[0]["flags"]
    with pytest.raises(QueryError):
        compare(store, "完全无关的指标名称")


def test_lead_and_departments_show_uncatalogued_bodies(plan_store):
    store, _ = plan_store
    rows = lead(store, "城镇化率").rows
    assert rows
    names = {d["name"]: d for d in rows[0]["lead"] + rows[0]["participating"]}
    assert names["市宇宙探索局"]["id"] == "uncatalogued:宇宙探索局" and names["市宇宙探索局"]["uncatalogued"]
    dep = {r["department"]: r for r in departments(store).rows}
    assert dep["uncatalogued:宇宙探索局"]["uncatalogued"] and dep["uncatalogued:宇宙探索局"]["resolved"]
    assert dep["dept.science_technology"]["uncatalogued"] is False


def test_indicators_lists_catalogue_and_uncatalogued_keys(plan_store):
    store, _ = plan_store
    res = indicators(store, kind="uncatalogued")
    keys = {r["key"]: r for r in res.rows}
    assert keys["uncatalogued:城镇化率"]["places"] == ["株洲市"] and keys["uncatalogued:城镇化率"]["targets"] == 1
    assert keys["uncatalogued:城镇化率"]["names"] == ["全市城镇化率"] and not keys["uncatalogued:城镇化率"]["catalogued"]
    everything = indicators(store)
    assert len(everything.rows) > 200 and any(r["catalogued"] for r in everything.rows)
    assert all(r["catalogued"] for r in indicators(store, kind="catalogue").rows)
    used = indicators(store, used=True).rows
    assert all(r["targets"] > 0 for r in used)
    out = CliRunner().invoke(app, ["indicators", "--kind", "uncatalogued", "--store", str(store), "--format", "json"])
    assert out.exit_code == 0 and json.loads(out.stdout) == api.indicators(kind="uncatalogued", store=store).to_dict()


def test_a_version_2_store_gets_indicator_keys(plan_store, tmp_path):
    store, _ = plan_store
    conn = sqlite3.connect(store)
    before = conn.execute("SELECT doc_id, seq, indicator_key FROM targets ORDER BY 1, 2").fetchall()
    leads = conn.execute("SELECT * FROM indicator_leads ORDER BY 1, 2").fetchall()
    conn.executescript("DROP INDEX targets_indicator_key; ALTER TABLE targets DROP COLUMN indicator_key;"
                       " PRAGMA user_version = 2;")
    conn.close()
    conn = connect(store)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [tuple(r) for r in conn.execute("SELECT doc_id, seq, indicator_key FROM targets ORDER BY 1, 2")] == \
            [tuple(r) for r in before]
        assert [tuple(r) for r in conn.execute("SELECT * FROM indicator_leads ORDER BY 1, 2")] == \
            [tuple(r) for r in leads]
    finally:
        conn.close()


def _improved_gazetteers(tmp_path):
    """The catalogue learns 城镇化率 and 宇宙探索局."""
    root = tmp_path / "gaz"
    shutil.copytree(ROOT / "gazetteers", root)
    with (root / "indicators.yaml").open("a", encoding="utf-8") as f:
        f.write("  - id: urbanisation_rate_test\n    name: 城镇化率\n    unit: \"%\"\n    source: domain\n")
    with (root / "departments.yaml").open("a", encoding="utf-8") as f:
        f.write("  - {id: dept.space_exploration_test, name: 宇宙探索局, category: government, levels: [city]}\n")
    return root


def test_renormalise_applies_an_improved_gazetteer_to_the_new_keys(plan_store, tmp_path, monkeypatch):
    from policyparse.gazetteer import ENV_VAR
    from policyparse.parallel import renormalise

    store, folder = plan_store
    gaz = _improved_gazetteers(tmp_path)
    summary = renormalise(store, gazetteers=gaz)
    assert summary.departments_changed > 0 and summary.target_indicators_changed > 0
    assert summary.unmatched_removed > 0
    conn = sqlite3.connect(store)
    try:
        assert conn.execute("SELECT DISTINCT dept_id, extra FROM dept_mentions WHERE surface = '市宇宙探索局'"
                            ).fetchall() == [("dept.space_exploration_test", "{}")]
        assert conn.execute("SELECT indicator_id, indicator_key FROM targets WHERE indicator = '全市城镇化率'"
                            ).fetchall() == [("urbanisation_rate_test", "urbanisation_rate_test")]
        assert conn.execute("SELECT count(*) FROM unmatched WHERE name = '市宇宙探索局'").fetchone()[0] == 0
    finally:
        conn.close()
    # the same as ingesting afresh with the improved gazetteers
    monkeypatch.setenv(ENV_VAR, str(gaz))
    from policyparse.extract.resolve import gazetteer

    gazetteer.cache_clear()
    try:
        fresh = tmp_path / "fresh.sqlite"
        assert ingest([folder], fresh, progress=False).ok

        def rows(path):
            c = sqlite3.connect(path)
            try:
                return (sorted(c.execute("SELECT owner, owner_seq, role, position, surface, dept_id, entity, method,"
                                         " extra FROM dept_mentions").fetchall()),
                        sorted(c.execute("SELECT seq, indicator, indicator_id, indicator_key FROM targets").fetchall()),
                        sorted(c.execute("SELECT name, kind, candidates FROM unmatched").fetchall()),
                        sorted(c.execute("SELECT indicator_id, lead, participating FROM indicator_leads").fetchall()))
            finally:
                c.close()

        assert rows(store) == rows(fresh)
    finally:
        gazetteer.cache_clear()
