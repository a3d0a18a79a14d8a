"""renormalise: updated gazetteers re-applied to stored facts equal a fresh ingest with them."""

from __future__ import annotations

import shutil
import sqlite3

from parallel_helpers import CORPUS, ROOT, dump

from policyparse.gazetteer import ENV_VAR
from policyparse.parallel import ingest_parallel, renormalise


def _copy_store(src, dst):
    conn = sqlite3.connect(src)
    try:
        conn.execute("VACUUM INTO ?", (str(dst),))
    finally:
        conn.close()
    return dst


def _edited_gazetteers(tmp_path):
    """林草局 moves from forestry to agriculture; 工信局 is no longer an alias of anything."""
    root = tmp_path / "gaz"
    shutil.copytree(ROOT / "gazetteers", root)
    p = root / "departments.yaml"
    text = p.read_text(encoding="utf-8")
    edits = [
        ("aliases: [林草局, 林业局, 林业和草原厅]", "aliases: [林业局, 林业和草原厅]"),
        ("aliases: [农业农村厅, ", "aliases: [林草局, 农业农村厅, "),
        ("aliases: [工信局, 工业和信息化委员会, ", "aliases: [工业和信息化委员会, "),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    p.write_text(text, encoding="utf-8")
    return root


def _rows(store, doc_ids):
    """Resolution-bearing rows of some documents."""
    conn = sqlite3.connect(store)
    q = ",".join("?" * len(doc_ids))
    try:
        return {
            "depts": sorted(conn.execute(
                f"SELECT doc_id, owner, owner_seq, role, position, surface, dept_id, entity, score, method"
                f" FROM dept_mentions WHERE doc_id IN ({q})", doc_ids).fetchall()),
            "targets": sorted(conn.execute(
                f"SELECT doc_id, seq, indicator, indicator_id FROM targets WHERE doc_id IN ({q})", doc_ids).fetchall()),
            "assignments": sorted(conn.execute(
                f"SELECT doc_id, seq, item, kind, indicator_id FROM assignments WHERE doc_id IN ({q})",
                doc_ids).fetchall()),
            "unmatched": sorted(conn.execute(
                f"SELECT doc_id, name, kind, candidates FROM unmatched WHERE doc_id IN ({q})", doc_ids).fetchall()),
            "leads": sorted(conn.execute(  # the answers of `lead`, derived from the rows above
                f"SELECT * FROM indicator_leads WHERE doc_id IN ({q})", doc_ids).fetchall()),
        }
    finally:
        conn.close()


def test_unchanged_gazetteers_change_nothing(single_store, tmp_path):
    store = _copy_store(single_store, tmp_path / "same.sqlite")
    before = dump(store)
    summary = renormalise(store)
    assert summary.documents == 20 and summary.dept_mentions > 1000
    assert summary.changed == 0, summary.changes[:5]
    assert dump(store) == before


def test_edited_alias_equals_fresh_ingest(single_store, tmp_path, monkeypatch):
    gaz = _edited_gazetteers(tmp_path)
    store = _copy_store(single_store, tmp_path / "renorm.sqlite")
    dry = renormalise(store, gazetteers=gaz, dry_run=True)
    assert dry.departments_changed > 0
    assert _rows(store, _all_ids(store)) == _rows(single_store, _all_ids(single_store))  # rolled back

    summary = renormalise(store, gazetteers=gaz)
    assert summary.to_dict()["changed"] == dry.changed
    assert summary.departments_changed > 0 and summary.unmatched_added > 0
    conn = sqlite3.connect(store)
    try:
        ids = {r[0] for r in conn.execute("SELECT DISTINCT dept_id FROM dept_mentions WHERE surface = '市林草局'")}
        gone = conn.execute("SELECT count(*) FROM dept_mentions WHERE surface = '市工信局'"
                            " AND dept_id = 'dept.industry_information'").fetchone()[0]
        listed = conn.execute("SELECT count(*) FROM unmatched WHERE name = '市工信局'").fetchone()[0]
    finally:
        conn.close()
    assert ids == {"dept.agriculture_rural"}
    assert gone == 0 and listed > 0

    # the same facts as ingesting afresh with the edited gazetteers (two documents, two workers)
    monkeypatch.setenv(ENV_VAR, str(gaz))
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("000_66384f2078c7182b.txt", "002_101a49cb13188322.txt"):
        shutil.copy(CORPUS / name, folder / name)
    fresh = tmp_path / "fresh.sqlite"
    assert ingest_parallel([folder], fresh, workers=2).documents == 2
    ids = _all_ids(fresh)
    assert _rows(store, ids) == _rows(fresh, ids)
    # and running it again is a no-op
    assert renormalise(store, gazetteers=gaz).changed == 0


def _all_ids(store):
    conn = sqlite3.connect(store)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM documents WHERE ingest_status = 'ok'")]
    finally:
        conn.close()
