"""ingest_parallel: worker processes + one writer give the same store as one process."""

from __future__ import annotations

import shutil

from parallel_helpers import CORPUS, ROOT, SEED_FILES, dump

from policyparse.parallel import ingest_parallel
from policyparse.store.reader import counts
from policyparse.store.schema import connect


def test_two_workers_equal_one(single_store, tmp_path):
    store = tmp_path / "two.sqlite"
    stats: dict = {}
    summary = ingest_parallel(SEED_FILES, store, workers=2, stats=stats)
    assert summary.documents == 20 and summary.ok
    assert summary.targets > 0 and summary.assignments > 0
    assert dump(store) == dump(single_store)
    assert stats["workers"] == 2 and len(stats["worker_peak_rss_mb"]) == 2
    # a second run is a no-op, as in one process
    again = ingest_parallel(SEED_FILES, store, workers=2)
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


def _crashing_job(path: str, budget=None):
    """A worker job that kills its process on one file (as a segfault in a native library would)."""
    import os

    from policyparse.parallel._common import process_path

    if path.endswith("crash.txt"):
        os._exit(70)
    return process_path(path, budget)


def test_worker_crash_is_a_failure_not_the_end(tmp_path, monkeypatch):
    import policyparse.parallel.workers as workers

    folder = tmp_path / "crashy"
    folder.mkdir()
    shutil.copy(CORPUS / "000_66384f2078c7182b.txt", folder / "a.txt")
    shutil.copy(CORPUS / "004_53cef2a0b11e33d7.txt", folder / "crash.txt")
    shutil.copy(CORPUS / "003_1b4764571c7d463f.txt", folder / "z.txt")
    monkeypatch.setattr(workers, "_job", _crashing_job)  # fork: the workers see the patched job
    summary = ingest_parallel([folder], tmp_path / "s.sqlite", workers=2, start_method="fork")
    assert summary.documents == 2
    assert [(f["path"].rsplit("/", 1)[-1], f["error"]) for f in summary.failures] == [("crash.txt", "WorkerCrash")]
