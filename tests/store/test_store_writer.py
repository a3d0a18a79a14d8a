"""store/writer.py + reader.py: lossless, atomic per-document writes."""

from __future__ import annotations

import copy

import pp_samples
import pytest

from policyparse.errors import QueryError
from policyparse.store import connect, counts, load_facts, write_document
from policyparse.store.reader import resolve_document


def test_round_trip_is_exact(tmp_path):
    conn = connect(tmp_path / "s.sqlite")
    facts = pp_samples.all_facts()
    facts[0]["targets"][0]["future_field"] = {"added": "later"}  # unknown fields survive
    facts[0]["targets"][0]["source"]["sentence_index"] = 3
    facts[2]["assignments"][0]["lead"][0]["inferred"] = False
    for f in facts:
        write_document(conn, f)
    for f in facts:
        assert load_facts(conn, f["document"]["id"]) == f


def test_int_and_float_values_keep_their_type(tmp_path):
    conn = connect(tmp_path / "s.sqlite")
    f = pp_samples.linyi()
    write_document(conn, f)
    back = load_facts(conn, f["document"]["id"])
    assert isinstance(back["targets"][0]["value"], int) and back["targets"][0]["value"] == 1600
    assert isinstance(back["targets"][1]["value"], int)
    assert back["targets"][2]["value"] is None


def test_same_path_new_content_replaces_the_old_facts(tmp_path):
    conn = connect(tmp_path / "s.sqlite")
    old = pp_samples.taian_draft()
    write_document(conn, old)
    new = copy.deepcopy(old)
    new["document"]["id"] = "f" * 64
    new["targets"] = new["targets"][:1]
    assert write_document(conn, new) is True
    c = counts(conn)
    assert c["documents"] == 1 and c["targets"] == 1
    assert load_facts(conn, "f" * 64) == new


@pytest.mark.parametrize("stage", ["document", "blocks", "targets", "assignments", "unmatched"])
def test_a_crash_inside_the_write_keeps_the_previous_state(tmp_path, stage):
    path = tmp_path / "s.sqlite"
    conn = connect(path)
    old = pp_samples.taian_draft()
    write_document(conn, old)
    new = copy.deepcopy(old)
    new["document"]["id"] = "e" * 64
    new["targets"].append(copy.deepcopy(new["targets"][0]))

    def crash(s, doc_id):
        if s == stage:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_document(conn, new, hook=crash)
    conn.close()
    conn = connect(path)  # the store still opens
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert load_facts(conn, old["document"]["id"]) == old
    assert counts(conn)["documents"] == 1
    write_document(conn, new)  # a re-run completes
    assert load_facts(conn, "e" * 64) == new


def test_resolve_document_by_id_prefix_path_and_name(sample_store):
    conn = connect(sample_store)
    did = pp_samples.linyi()["document"]["id"]
    assert resolve_document(conn, did) == did
    assert resolve_document(conn, did[:10]) == did
    assert resolve_document(conn, "corpus/004_linyi.txt") == did
    assert resolve_document(conn, "004_linyi.txt") == did
    assert resolve_document(conn, "004") == did
    with pytest.raises(QueryError, match="no document"):
        resolve_document(conn, "999_nothing")
    with pytest.raises(QueryError, match="ambiguous"):
        resolve_document(conn, "00")
