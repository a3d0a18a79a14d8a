"""store/ingest.py: folders, no-op re-ingest, replacement, failures, crash safety."""

from __future__ import annotations

import pytest

from policyparse.model import Document
from policyparse.store import connect, counts, ingest, load_facts
from policyparse.store.reader import failures


def fake_extract(doc: Document) -> dict:
    """One target per line containing 达到 (enough to exercise the store without the extractor)."""
    targets = []
    for b in doc.blocks:
        if "达到" in b.text:
            targets.append({
                "indicator": b.text[:6], "indicator_id": None, "value": len(b.text), "unit": "家",
                "comparator": "=", "year": 2025, "baseline": None, "qualitative": None, "scope": None,
                "lead": [], "responsible": [], "flags": [],
                "source": {"page": b.page, "start": b.start, "end": b.end, "text": b.text},
            })
    return {
        "schema_version": 1,
        "document": {"id": doc.id, "path": doc.path, "format": doc.format, "title": doc.metadata.title,
                     "issuer": None, "doc_number": None, "date": None, "status": "final", "city": None,
                     "province": None, "cites": [], "pages": doc.pages},
        "targets": targets, "assignments": [], "unmatched": [],
    }


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("甲市科技创新方案\n\n到2025年,高新技术企业达到800家。\n", encoding="utf-8")
    (d / "sub" / "b.txt").write_text("乙市实施意见\n\n到2025年,研发机构达到20家。\n\n专利达到30件。\n",
                                     encoding="utf-8")
    (d / "notes.json").write_text("{}", encoding="utf-8")  # not a document suffix: ignored
    return d


def test_folder_is_ingested_recursively_and_rerun_is_a_noop(tmp_path, folder):
    store = tmp_path / "s.sqlite"
    s = ingest([folder], store, progress=False, extractor=fake_extract)
    assert s.ok and s.seen == 2 and s.documents == 2 and s.targets == 3
    s2 = ingest([folder], store, progress=False, extractor=fake_extract)
    assert s2.unchanged == 2 and s2.documents == 0
    conn = connect(store)
    blocks = conn.execute("SELECT count(*) FROM blocks").fetchone()[0]
    assert blocks > 0


def test_changed_file_replaces_its_facts(tmp_path, folder):
    store = tmp_path / "s.sqlite"
    ingest([folder], store, progress=False, extractor=fake_extract)
    (folder / "a.txt").write_text("甲市科技创新方案\n\n到2026年,高新技术企业达到1000家。\n\n人才达到5人。\n",
                                  encoding="utf-8")
    s = ingest([folder], store, progress=False, extractor=fake_extract)
    assert s.documents == 1 and s.replaced == 1 and s.unchanged == 1
    c = counts(connect(store))
    assert c["documents"] == 2 and c["targets"] == 4


def test_bad_files_are_failures_and_never_abort(tmp_path, folder):
    (folder / "empty.txt").write_bytes(b"")
    store = tmp_path / "s.sqlite"
    s = ingest([folder, tmp_path / "missing.pdf"], store, progress=False, extractor=fake_extract)
    assert s.documents == 2
    assert not s.ok
    reasons = {f["path"].rsplit("/", 1)[-1]: f for f in s.failures}
    assert reasons["empty.txt"]["error"] == "EmptyFileError"
    assert reasons["missing.pdf"]["error"] == "FileNotFoundError"
    assert [f["path"].endswith("empty.txt") for f in failures(connect(store))] == [True]


def test_extractor_errors_are_failures(tmp_path, folder):
    def broken(doc):
        if doc.path.endswith("a.txt"):
            raise ValueError("no targets today")
        return fake_extract(doc)

    s = ingest([folder], tmp_path / "s.sqlite", progress=False, extractor=broken)
    assert s.documents == 1
    assert s.failures[0]["error"] == "ValueError" and "no targets today" in s.failures[0]["reason"]


def _changed(folder):
    (folder / "a.txt").write_text("甲市科技创新方案\n\n到2027年,高新技术企业达到1200家。\n", encoding="utf-8")


def test_ctrl_c_mid_document_keeps_the_previous_state_and_a_rerun_completes(tmp_path, folder):
    store = tmp_path / "s.sqlite"
    ingest([folder], store, progress=False, extractor=fake_extract)
    conn = connect(store)
    before = {i: load_facts(conn, i) for (i,) in conn.execute("SELECT id FROM documents")}
    conn.close()
    _changed(folder)

    def interrupt(stage, doc_id):
        if stage == "targets":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([folder], store, progress=False, extractor=fake_extract, hook=interrupt)
    conn = connect(store)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = {i: load_facts(conn, i) for (i,) in conn.execute("SELECT id FROM documents")}
    conn.close()
    assert after == before
    s = ingest([folder], store, progress=False, extractor=fake_extract)
    assert s.ok and s.documents == 1 and s.replaced == 1
    facts = [load_facts(connect(store), i) for (i,) in connect(store).execute("SELECT id FROM documents")]
    assert any("1200" in t["source"]["text"] for f in facts for t in f["targets"])


def test_an_error_inside_the_writer_is_a_failure_and_keeps_the_previous_state(tmp_path, folder):
    store = tmp_path / "s.sqlite"
    ingest([folder], store, progress=False, extractor=fake_extract)
    _changed(folder)
    (folder / "c.txt").write_text("丙市方案\n\n到2025年,平台达到3个。\n", encoding="utf-8")

    def boom(stage, doc_id):
        if stage == "targets" and doc_id != load_id(folder / "c.txt"):
            raise RuntimeError("disk on fire")

    s = ingest([folder], store, progress=False, extractor=fake_extract, hook=boom)
    assert s.documents == 1  # c.txt still went in
    assert len(s.failures) == 1 and "previous state kept" in s.failures[0]["reason"]
    texts = [r[0] for r in connect(store).execute("SELECT source_text FROM targets")]
    assert any("800" in t for t in texts) and not any("1200" in t for t in texts)


def load_id(path):
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_progress_bar_on_folders(tmp_path, folder, capsys):
    s = ingest([folder], tmp_path / "s.sqlite", progress=True, extractor=fake_extract)
    assert s.ok
    assert "ingest" in capsys.readouterr().err


def test_same_content_at_a_second_path_is_a_duplicate_and_a_moved_file_follows(tmp_path, folder):
    store = tmp_path / "s.sqlite"
    ingest([folder], store, progress=False, extractor=fake_extract)
    (folder / "copy.txt").write_bytes((folder / "a.txt").read_bytes())
    s = ingest([folder], store, progress=False, extractor=fake_extract)
    assert [d["path"].rsplit("/", 1)[-1] for d in s.duplicates] == ["copy.txt"]
    assert s.ok and s.documents == 0
    (folder / "a.txt").unlink()  # the original goes away: the copy now holds that content
    s = ingest([folder], store, progress=False, extractor=fake_extract)
    assert s.documents == 1
    paths = [r[0] for r in connect(store).execute("SELECT path FROM documents ORDER BY path")]
    assert {p.rsplit("/", 1)[-1] for p in paths} == {"b.txt", "copy.txt"}


def test_rewriting_facts_without_the_document_keeps_blocks(tmp_path, folder):
    from policyparse.store import write_document

    store = tmp_path / "s.sqlite"
    ingest([folder], store, progress=False, extractor=fake_extract)
    conn = connect(store)
    doc_id, path = conn.execute("SELECT id, path FROM documents ORDER BY path").fetchone()
    n_blocks = conn.execute("SELECT count(*) FROM blocks WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    facts = load_facts(conn, doc_id)
    facts["targets"][0]["indicator_id"] = "high_tech_enterprises"  # e.g. a renormalised indicator
    write_document(conn, facts, path=path)
    assert load_facts(conn, doc_id) == facts
    assert conn.execute("SELECT count(*) FROM blocks WHERE doc_id = ?", (doc_id,)).fetchone()[0] == n_blocks > 0
    assert conn.execute("SELECT path FROM documents WHERE id = ?", (doc_id,)).fetchone()[0] == path


def test_same_bytes_twice_in_one_run_is_a_duplicate(tmp_path):
    """Found by scripts/stress.py: five records of records.parquet share their full text; the
    second copy replaced the first in the store while both were counted as written."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "corpus" / "000_66384f2078c7182b.txt"
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_bytes(src.read_bytes())
    (folder / "b.txt").write_bytes(src.read_bytes())
    s = ingest([folder], tmp_path / "s.sqlite", progress=False)
    assert s.documents == 1 and [Path(d["path"]).name for d in s.duplicates] == ["b.txt"]
    assert Path(s.duplicates[0]["same_as"]).name == "a.txt"
    again = ingest([folder], tmp_path / "s.sqlite", progress=False)
    assert again.unchanged == 1 and len(again.duplicates) == 1 and again.documents == 0
