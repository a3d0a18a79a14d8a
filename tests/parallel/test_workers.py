"""ingest_parallel: worker processes + one writer give the same store as one process."""

from __future__ import annotations

import shutil

from conftest import CORPUS, ROOT, dump

from policyparse.parallel import ingest_parallel
from policyparse.store.reader import counts
from policyparse.store.schema import connect


def test_two_workers_equal_one(single_store, tmp_path):
    store = tmp_path / "two.sqlite"
    stats: dict = {}
    summary = ingest_parallel([CORPUS], store, workers=2, stats=stats)
    assert summary.documents == 20 and summary.ok
    assert summary.targets > 0 and summary.assignments > 0
    assert dump(store) == dump(single_store)
    assert stats["workers"] == 2 and len(stats["worker_peak_rss_mb"]) == 2
    # a second run is a no-op, as in one process
    again = ingest_parallel([CORPUS], store, workers=2)
    assert again.unchanged == 20 and again.documents == 0


def test_bad_files_do_not_abort(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("000_66384f2078c7182b.txt", "002_101a49cb13188322.html"):
        shutil.copy(CORPUS / name, folder / name)
    bad = ROOT / "tests" / "fixtures" / "bad"
    for name in ("corrupt.pdf", "empty.pdf", "undecodable.txt"):
        shutil.copy(bad / name, folder / name)
    (folder / "zero.docx").write_bytes(b"")
    reference = ingest_parallel([folder], tmp_path / "one.sqlite", workers=1)
    store = tmp_path / "two.sqlite"
    summary = ingest_parallel([folder], store, workers=2)
    assert summary.documents == reference.documents >= 2
    assert sorted(f["path"] for f in summary.failures) == sorted(f["path"] for f in reference.failures)
    assert {f["error"] for f in summary.failures} == {f["error"] for f in reference.failures}
    assert len(summary.failures) >= 3
    conn = connect(store, create=False)
    try:
        n = counts(conn)
    finally:
        conn.close()
    assert n["documents"] == summary.documents and n["failures"] == len(summary.failures)
    assert dump(store) == dump(tmp_path / "one.sqlite")
