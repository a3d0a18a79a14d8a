"""store/leads.py: the indicator_leads table stays the answer of `lead` through writes, deletes,
re-writes and the migration of an older store."""

from __future__ import annotations

import copy
import sqlite3

from pp_samples import all_facts, dept, linyi, taian_final

from policyparse.query import lead
from policyparse.store import connect, record_failure, write_document
from policyparse.store.leads import lead_rows
from policyparse.store.schema import SCHEMA_VERSION


def _table(conn, doc_id=None):
    sql = ("SELECT doc_id, indicator_id, item, page, sentence, departments_text, departments_page, lead,"
           " participating FROM indicator_leads")
    args = ()
    if doc_id is not None:
        sql += " WHERE doc_id = ?"
        args = (doc_id,)
    return sorted(tuple(r) for r in conn.execute(sql, args))


def test_written_rows_equal_a_recomputation_from_the_facts(sample_store):
    conn = connect(sample_store)
    stored = _table(conn)
    assert stored and stored == sorted(lead_rows(conn))
    ids = {r[1] for r in stored}
    assert {"rd_expenditure_gdp_share", "high_tech_enterprises"} <= ids


def test_rewriting_a_document_replaces_its_rows(sample_store):
    conn = connect(sample_store)
    facts = linyi()
    doc_id = facts["document"]["id"]
    before = _table(conn, doc_id)
    edited = copy.deepcopy(facts)
    new_lead = dept("市发展改革委", "development_reform", "临沂市")
    for t in edited["targets"]:
        if t["indicator_id"] == "rd_expenditure_gdp_share":
            t["lead"] = [new_lead]
    write_document(conn, edited)
    after = _table(conn, doc_id)
    assert after != before
    row = next(r for r in after if r[1] == "rd_expenditure_gdp_share")
    assert '"市发展改革委"' in row[7] and '"stated"' in row[7]
    assert lead(conn, "rd_expenditure_gdp_share", city="临沂市").rows[0]["lead"][0]["name"] == "市发展改革委"


def test_a_failed_rereading_removes_the_documents_rows(sample_store):
    conn = connect(sample_store)
    facts = taian_final()
    doc_id, path = facts["document"]["id"], facts["document"]["path"]
    assert _table(conn, doc_id)
    record_failure(conn, path, doc_id, "ReaderError", "corrupt now")
    assert _table(conn, doc_id) == []
    assert "泰安市" not in {r["city"] for r in lead(conn, "high_tech_enterprises").rows}


def test_a_version_1_store_gets_the_table_on_opening(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = connect(path)
    for f in all_facts():
        write_document(conn, f)
    answers = {ind: lead(conn, ind).to_dict() for ind in ("rd_expenditure_gdp_share", "high_tech_enterprises")}
    conn.close()
    raw = sqlite3.connect(path)  # as a store made before version 2: no indicator_leads (nor version 3's column)
    raw.executescript("DROP TABLE indicator_leads; DROP INDEX targets_indicator_key;"
                      " ALTER TABLE targets DROP COLUMN indicator_key; PRAGMA user_version = 1;")
    raw.close()

    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert _table(conn)
    assert {ind: lead(conn, ind).to_dict() for ind in answers} == answers
